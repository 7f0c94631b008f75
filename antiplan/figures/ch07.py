"""Figures and numbers for chapter 7, "Growth on paper, growth in fact".

Every function runs the model itself, so the figures follow the model's current calibration.
Paper output counts what was reported, what was spent on construction and the finished plants
standing idle for want of a complement; usable output counts only sound goods.
``fyp_figure`` sets the model beside the First Five-Year Plan's targets, official results and
later reconstructions (``antiplan.data.load_fyp``); ``calibration_figure`` and ``calibration_tables``
show the recorded calibration of the ``first-five-year-plan`` scenario against its moments, and
``held_out_numbers`` the same fit made without one moment, with the model's prediction of it.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from antiplan import BY_NAME, resolve_params, simulate
from antiplan.calibration import paper_growth, report
from antiplan.calibration.fit import Fit, assess, calibrate, model_moments
from antiplan.calibration.held_out import prediction_table
from antiplan.calibration.identification import SET, identify
from antiplan.calibration.record import load_record
from antiplan.figures.ch01 import SEEDS, averaged, run
from antiplan.figures.claims import Claim, summary

COORDINATION = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)
"""Values of ``coordination`` the sweep visits."""
TEMPOS = (0.03, float(BY_NAME["tempo"].default), 0.12)
"""Tempos compared in ``coordination_figure``: low, the default, and high."""
KIND_STYLE = {
    "plan": {"marker": "^", "color": "tab:orange", "label": "plan target"},
    "report": {"marker": "o", "color": "tab:red", "label": "official report"},
    "reconstruction": {"marker": "D", "color": "tab:blue", "label": "later reconstruction"},
    "archive": {"marker": "s", "color": "tab:purple", "label": "archival figure"},
    "estimate": {"marker": "v", "color": "tab:gray", "label": "estimate"},
}
"""How each ``kind`` of figure in the First Five-Year Plan data is drawn."""
MODEL_SEEDS = (0, 1, 2, 3)
"""Seeds of the model's row in ``fyp_figure`` and of ``model_ratios``: those of
``antiplan.calibration.paper_growth.compare`` at the fit, so that both give the same figures."""
FYP_ITEMS = ("pig_iron", "steel", "coal", "oil", "electricity", "grain_harvest")
"""Items of the data file that ``fyp_figure`` shows by default."""


def annual(quarterly: float) -> float:
    """A growth rate per quarter as a growth rate per year (four quarters compounded)."""
    return (1.0 + quarterly) ** 4 - 1.0


def paper_real_figure(seed: int = 0) -> Figure:
    """One run of the chapter 7 economy: paper output against usable output.

    Left: paper output and usable output per quarter, each as an index (first quarter = 1),
    beside the target. Right: capacity in use, capacity under construction and finished capacity
    standing idle, per enterprise.
    """
    s = run("ch07", seed=seed)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for column, style, label in (
        ("target", {"color": "k", "ls": "--"}, "target"),
        ("paper_output", {"color": "tab:red"}, "paper output"),
        ("usable_output", {"color": "tab:green"}, "usable output"),
    ):
        left.plot(s.index, s[column] / s[column].iloc[0], label=label, **style)
    left.set_xlabel("quarter")
    left.set_ylabel("index, first quarter = 1")
    left.set_title("Growth on paper and in fact")
    left.legend(frameon=False, fontsize=8)
    right.plot(s.index, s["capacity"], color="tab:green", label="capacity in use")
    right.plot(s.index, s["unfinished"], color="tab:orange", label="under construction")
    right.plot(s.index, s["idle"], color="tab:gray", label="finished, standing idle")
    right.set_xlabel("quarter")
    right.set_ylabel("capacity per enterprise")
    right.set_title("What construction became")
    right.legend(frameon=False, fontsize=8)
    return fig


def growth_sweep(
    values: Sequence[float] = COORDINATION,
    tempos: Sequence[float] = TEMPOS,
    seeds: Sequence[int] = SEEDS,
) -> pd.DataFrame:
    """Paper and real growth per year of the chapter 7 economy, by coordination and tempo.

    Returns:
        A DataFrame with a row per (tempo, coordination) and columns ``paper_growth`` and
        ``real_growth`` (per year, of the means per quarter over ``seeds``).
    """
    table = averaged("ch07", {"tempo": tempos, "coordination": values}, seeds=seeds)
    return annual(table[["paper_growth", "real_growth"]])


def coordination_figure(seeds: Sequence[int] = SEEDS) -> Figure:
    """Paper growth and real growth as coordination of construction varies, at three tempos.

    Left: paper and real growth per year at the default tempo. Right: the excess of paper over
    real growth, one line per tempo.
    """
    table = growth_sweep(seeds=seeds)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    middle = table.loc[TEMPOS[1]]
    left.plot(middle.index, 100 * middle["paper_growth"], "o-", color="tab:red", label="paper growth")
    left.plot(middle.index, 100 * middle["real_growth"], "s-", color="tab:green", label="real (usable) growth")
    left.axhline(0, color="0.6", lw=0.8)
    left.set_xlabel("coordination (chance a complement is ready)")
    left.set_ylabel("growth per year, %")
    left.set_title(f"At the default tempo ({TEMPOS[1]:.0%} a quarter)")
    left.legend(frameon=False, fontsize=8)
    for tempo, style in zip(TEMPOS, ("o:", "s-", "^--"), strict=True):
        part = table.loc[tempo]
        excess = 100 * (part["paper_growth"] - part["real_growth"])
        right.plot(part.index, excess, style, label=f"tempo {tempo:.0%} a quarter")
    right.axhline(0, color="0.6", lw=0.8)
    right.set_xlabel("coordination (chance a complement is ready)")
    right.set_ylabel("paper minus real growth, points a year")
    right.set_title("How far paper outruns fact")
    right.legend(frameon=False, fontsize=8)
    return fig


def _level(row: pd.Series) -> float:
    """A row's value, or the middle of its range when only a range is given."""
    value = pd.to_numeric(row.get("value"), errors="coerce")
    if pd.notna(value):
        return float(value)
    low = pd.to_numeric(row.get("low"), errors="coerce")
    high = pd.to_numeric(row.get("high"), errors="coerce")
    return float((low + high) / 2.0) if pd.notna(low) and pd.notna(high) else float("nan")


def fyp_ratios(data: pd.DataFrame) -> pd.DataFrame:
    """Each figure of the First Five-Year Plan data as a multiple of its item's starting level.

    The starting level is the item's earliest official report (1927/28 or 1928). Every plan
    target is kept; of reports, reconstructions and other kinds, only the latest period.

    Args:
        data: rows with at least the columns ``item``, ``period``, ``variant``, ``value``,
            ``low``, ``high``, ``kind`` (the schema of ``antiplan.data.load_fyp``).

    Returns:
        A DataFrame with columns ``item``, ``kind``, ``period``, ``variant``, ``ratio``,
        ``ratio_low`` and ``ratio_high`` (NaN where the row gives no range).
    """
    rows = []
    for item, group in data.groupby("item", sort=False):
        group = group.assign(level=group.apply(_level, axis=1), period=group["period"].astype(str))
        group = group[np.isfinite(group["level"])]
        reports = group[group["kind"] == "report"].sort_values("period")
        if reports.empty:
            continue
        base_row = reports.iloc[0]
        base = base_row["level"]
        if not base > 0:
            continue
        rest = group.drop(index=base_row.name)
        latest = rest[rest["kind"] != "plan"].groupby("kind")["period"].transform("max")
        keep = (rest["kind"] == "plan") | (rest["period"] == latest.reindex(rest.index))
        for _, row in rest[keep].iterrows():
            low = pd.to_numeric(row.get("low"), errors="coerce")
            high = pd.to_numeric(row.get("high"), errors="coerce")
            rows.append(
                {
                    "item": item,
                    "kind": row["kind"],
                    "period": row["period"],
                    "variant": row.get("variant", ""),
                    "ratio": row["level"] / base,
                    "ratio_low": low / base if pd.notna(low) else np.nan,
                    "ratio_high": high / base if pd.notna(high) else np.nan,
                }
            )
    return pd.DataFrame(rows, columns=["item", "kind", "period", "variant", "ratio", "ratio_low", "ratio_high"])


def model_ratios(scenario: str = "first-five-year-plan", seeds: Sequence[int] = MODEL_SEEDS) -> dict[str, float]:
    """The model's plan, paper output and usable output at the end of a five-year run.

    Paper and usable output's growth is the mean of the last four quarters over the mean of the first
    four (``antiplan.calibration.paper_growth.growth_multiples``), averaged over ``seeds``: by default
    the seeds and run size of ``paper_growth.compare``'s comparison at the fit, so the chapter gives one
    figure for each. They are the model's counterpart of a plan target, an official report and a
    reconstruction. The plan is the plan as drafted: the first quarter's target grown at the demanded
    tempo every quarter, never revised toward reports, as Gosplan's variants were drafted (the
    calibration matches the same plan).
    """
    runs = [run(scenario, seed=seed) for seed in seeds]
    paper, usable = paper_growth.growth_multiples(
        {name: np.vstack([s[name].to_numpy() for s in runs]) for name in ("paper_output", "usable_output")}
    )
    tempo = float(resolve_params(scenario)["tempo"])
    return {
        "plan": (1.0 + tempo) ** (len(runs[0]) - 4),
        "report": float(paper.mean()),
        "reconstruction": float(usable.mean()),
    }


def fyp_figure(
    data: pd.DataFrame | None = None,
    scenario: str = "first-five-year-plan",
    seeds: Sequence[int] = MODEL_SEEDS,
    items: Sequence[str] = FYP_ITEMS,
) -> Figure:
    """The First Five-Year Plan's targets, results and reconstructions beside the model.

    Each row is an item (pig iron, steel, coal, ...): every figure is shown as a multiple of the
    item's level in 1927/28 (log scale), with its kind (plan target, official report, later
    reconstruction) as the marker; a thin line spans the figures of one kind where there are
    several (plan variants, or sources that disagree), a thick one a range a source gives. The last
    row is the model: its plan as drafted, its paper output and its usable output after twenty
    quarters, as multiples of the first year's, means over ``seeds`` (``model_ratios``).

    Args:
        data: the First Five-Year Plan data; by default ``antiplan.data.load_fyp()``.
        scenario: the model scenario set beside the history.
        seeds: the model runs' seeds.
        items: the items to show, in order (those missing from ``data`` are skipped).
    """
    if data is None:
        from antiplan.data import load_fyp

        data = load_fyp()
    data = data[data["item"].isin(items)]
    data = data.assign(order=data["item"].map({item: k for k, item in enumerate(items)})).sort_values(
        "order", kind="stable"
    )
    table = fyp_ratios(data.drop(columns="order"))
    items = list(dict.fromkeys(table["item"]))
    model_label = f"model ({scenario})"
    labels = [*items, model_label]
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * len(labels)), layout="constrained")
    seen = set()
    for y, item in enumerate(items):
        rows = table[table["item"] == item]
        for kind, group in rows.groupby("kind"):
            # Where sources (or plan variants) disagree, a thin line spans their figures.
            if len(group) > 1:
                color = KIND_STYLE.get(kind, KIND_STYLE["estimate"])["color"]
                ax.plot([group["ratio"].min(), group["ratio"].max()], [y, y], color=color, lw=0.8, alpha=0.6)
        for _, row in rows.iterrows():
            style = KIND_STYLE.get(row["kind"], KIND_STYLE["estimate"])
            label = None if row["kind"] in seen else style["label"]
            seen.add(row["kind"])
            ax.plot(row["ratio"], y, ls="", ms=7, marker=style["marker"], color=style["color"], label=label, alpha=0.8)
            if pd.notna(row["ratio_low"]) and pd.notna(row["ratio_high"]):
                ax.plot([row["ratio_low"], row["ratio_high"]], [y, y], color=style["color"], lw=2, alpha=0.5)
    y = len(items)
    for kind, value in model_ratios(scenario, seeds).items():
        style = KIND_STYLE[kind]
        label = None if kind in seen else style["label"]
        seen.add(kind)
        ax.plot(value, y, ls="", ms=9, marker=style["marker"], mfc="none", mew=2, color=style["color"], label=label)
    ax.axhline(y - 0.5, color="0.6", lw=0.8)
    ax.axvline(1.0, color="0.6", lw=0.8, ls=":")
    ax.set_xscale("log")
    low, high = ax.get_xlim()
    ticks = [t for t in (0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 7, 10) if low <= t <= high]
    ax.set_xticks(ticks, [f"{t:g}×" for t in ticks])
    ax.minorticks_off()
    ax.set_yticks(range(len(labels)), [label.replace("_", " ") for label in labels])
    ax.invert_yaxis()
    ax.set_xlabel("multiple of the starting level (1927/28; model: first year)")
    ax.set_ylabel("item")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    return fig


def recorded_fit() -> Fit:
    """The recorded calibration of ``first-five-year-plan``, assessed again on its seeds: the model
    moments, objective and bands at the recorded values (no new fit)."""
    record = load_record()
    return assess(
        record["values"],
        record["scenario"],
        seeds=record["seeds"],
        periods=record["periods"],
        enterprises=record["enterprises"],
    )


def calibration_tables(fit: Fit | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fit's two tables, rounded for the page, each column named for what it holds.

    Parameters: the fitted value; its ``band`` (+/-: how far it moves before the objective rises by
    one, from the sources' spread and the objective's curvature, not a sampling error); its sampling
    standard error by the sandwich formula (``sandwich_error``) and the 95 % interval it gives
    (``interval_95_low``, ``interval_95_high``, which assume the model is right); and its unit. The
    recorded fit is assessed at its recorded values, so it has no start of its own, and the parameter
    table's bounds are left out, lest they read as an interval.

    Moments: the statistic, the history with its range, the model at the fit and the deviation, and
    ``verdict``: ``"within"`` or ``"outside"`` the range or tolerance, ``"set, not fitted"`` for a
    moment a fitted parameter sets by construction (its agreement is no evidence for the model), or
    ``"unmatched"`` for a moment the model has no statistic for.
    """
    fit = recorded_fit() if fit is None else fit
    table = report.parameter_table(fit)
    params = table.rename(columns={"interval_low": "interval_95_low", "interval_high": "interval_95_high"})[
        ["fitted", "band", "sandwich_error", "interval_95_low", "interval_95_high", "unit"]
    ]
    moments = report.moment_table(fit)
    verdict = [
        "unmatched" if statistic == "(unmatched)" else SET if status == SET else "within" if within else "outside"
        for statistic, status, within in zip(
            moments["statistic"], moments["identification"], moments["within"], strict=True
        )
    ]
    moments = moments[["statistic", "history", "low", "high", "model", "deviation"]].assign(verdict=verdict)
    return params.round(3), moments.round(3)


def calibration_figure(fit: Fit | None = None, points: int = 7) -> Figure:
    """The calibration against the record, and how well it pins each parameter down.

    Left: each moment's history (a dot, with its range or tolerance as a bar) beside the model at
    the fit (an open circle, with its spread over seeds); a moment a fitted parameter sets by
    construction (``antiplan.calibration.identification``) is drawn as a grey cross and labelled with
    that parameter, never as a match; unmatched moments are named with no model value. Right: the
    objective along each fitted parameter across its range, the others held at the fit: a steep
    valley pins the parameter down, a flat one leaves it free.
    """
    fit = recorded_fit() if fit is None else fit
    table = report.moment_table(fit)
    identified = identify(fit)
    any_set = False
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 0.9 + 0.38 * len(table)), layout="constrained")
    for y, (name, row) in enumerate(table.iterrows()):
        moment = next(m for m in fit.moments if m.name == name)
        scale = abs(row["history"]) or 1.0
        low, high = report.band(moment)
        left.plot([low / scale, high / scale], [y, y], color="tab:blue", lw=3, alpha=0.4)
        left.plot(1.0, y, "o", color="tab:blue", label="history" if y == 0 else None)
        if name in identified and identified[name].status == SET:
            # A parameter sets this moment by construction: the model's value is that parameter, so it is
            # drawn apart from the matches (a grey cross) and labelled with what sets it.
            setter = identified[name].parameter
            left.plot(row["model"] / scale, y, "x", ms=9, mew=2, color="0.35")
            label = f"set by {setter}, not fitted" if setter else "set, not fitted"
            left.text(1.05 * high / scale, y, label, va="center", fontsize=8, color="0.35")
            any_set = True
        elif moment.matched:
            spread = row["seed_spread"] / scale
            left.errorbar(row["model"] / scale, y, xerr=spread, fmt="o", mfc="none", mew=2, color="tab:red")
        else:
            left.text(1.05, y, "unmatched", va="center", fontsize=8, color="0.4")
    left.plot([], [], "o", mfc="none", mew=2, color="tab:red", label="model at the fit")
    if any_set:
        left.plot([], [], "x", ms=9, mew=2, color="0.35", label="set by a parameter")
    left.set_yticks(range(len(table)), [name.replace("_", " ") for name in table.index], fontsize=8)
    left.invert_yaxis()
    left.axvline(1.0, color="0.7", lw=0.8, ls=":")
    left.set_xlabel("value as a multiple of the historical figure")
    left.set_ylabel("moment")
    left.set_title(f"Moments: objective {fit.objective:.1f}")
    left.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    for name in fit.params:
        curve = report.profile(fit, name, points)
        low, high = fit.bounds[name]
        share = (curve.index.to_numpy() - low) / (high - low)
        (line,) = right.plot(share, curve["objective"], "o-", ms=3, label=name)
        right.plot((fit.values[name] - low) / (high - low), fit.objective, "*", ms=12, color=line.get_color())
    right.set_yscale("log")
    right.set_xlabel("parameter value, as a share of its range in the parameter table")
    right.set_ylabel("objective")
    right.set_title("Objective along each parameter")
    right.legend(frameon=False, fontsize=8)
    return fig


def calibration_numbers(fit: Fit | None = None) -> dict[str, float]:
    """Numbers the chapter quotes about the recorded calibration."""
    fit = recorded_fit() if fit is None else fit
    moments = report.moment_table(fit)
    out = {f"ch07_fit_{name}": value for name, value in fit.values.items()}
    out.update({f"ch07_band_{name}": value for name, value in fit.bands.items()})
    out.update({f"ch07_ci_low_{name}": low for name, (low, _) in fit.intervals.items()})
    out.update({f"ch07_ci_high_{name}": high for name, (_, high) in fit.intervals.items()})
    out.update(
        {
            f"ch07_band_share_{name}": band / (fit.bounds[name][1] - fit.bounds[name][0])
            for name, band in fit.bands.items()
        }
    )
    out["ch07_quit_moves_reports"] = float(
        fit.jacobian[[m.name for m in fit.matched].index(REPORT_MOMENTS[0])][list(fit.params).index("quit_sensitivity")]
    )
    # Where every moment that moves a parameter has full weight, the sandwich formula reduces to the
    # inverse curvature that gives the band: count the parameters whose two agree within 2 %.
    out["ch07_band_equals_sandwich"] = float(
        sum(abs(fit.bands[name] - fit.sandwich_errors[name]) <= 0.02 * fit.bands[name] for name in fit.params)
    )
    out["ch07_fit_objective"] = fit.objective
    out["ch07_fit_expected_objective"] = fit.expected_objective
    # A common rough correction for a misspecified fit widens the intervals by this factor.
    out["ch07_fit_widen"] = float(np.sqrt(fit.objective / fit.expected_objective))
    shares = curvature_shares(fit)
    out["ch07_tempo_share_reports"] = float(shares.loc[list(REPORT_MOMENTS), "tempo"].sum())
    out["ch07_quit_share_turnover"] = float(shares.loc["turnover_per_year", "quit_sensitivity"])
    out["ch07_quit_share_reports"] = float(shares.loc[list(REPORT_MOMENTS), "quit_sensitivity"].sum())
    out["ch07_procurement_share_herds"] = float(shares.loc["livestock_1934_over_1929", "procurement"])
    out["ch07_procurement_share_harvest"] = float(shares.loc["grain_harvest_1932_over_1928", "procurement"])
    out["ch07_fit_seeds"] = float(len(fit.seeds))
    out["ch07_fit_matched"] = float(len(fit.matched))
    out["ch07_fit_unmatched"] = float(len(fit.unmatched))
    # A moment a parameter sets one for one is no evidence of fit: it is counted apart, never as a match.
    fitted = moments["identification"] == "fitted"
    out["ch07_fit_set"] = float((moments["identification"] == "set, not fitted").sum())
    out["ch07_fit_fitted"] = float(fitted.sum())
    out["ch07_fit_within"] = float(moments.loc[fitted, "within"].fillna(False).astype(bool).sum())
    out["ch07_fit_statistics"] = float(moments.loc[fitted, "statistic"].nunique())
    reports = moments.loc[list(REPORT_MOMENTS), "history"]
    out["ch07_hist_reports_low"], out["ch07_hist_reports_high"] = float(reports.min()), float(reports.max())
    # How far the model misses each moment, in units of the moment's spread (absolute deviation).
    out.update(
        {f"ch07_miss_{name}": float(abs(moments.loc[name, "deviation"])) for name in (m.name for m in fit.matched)}
    )
    for name in (
        "pig_iron_report_over_plan",
        "steel_report_over_plan",
        "coal_report_over_plan",
        "oil_report_over_plan",
        "grain_overstatement",
        "real_wage_1932",
        "turnover_per_year",
        "livestock_1934_over_1929",
    ):
        out[f"ch07_hist_{name}"] = float(moments.loc[name, "history"])
        out[f"ch07_low_{name}"] = float(moments.loc[name, "low"])
        out[f"ch07_high_{name}"] = float(moments.loc[name, "high"])
        out[f"ch07_model_{name}"] = float(moments.loc[name, "model"])
    return out


REPORT_MOMENTS = (
    "pig_iron_report_over_plan",
    "steel_report_over_plan",
    "coal_report_over_plan",
    "oil_report_over_plan",
)
"""The four moments of reports against the plan: four single figures, one model statistic."""


def curvature_shares(fit: Fit) -> pd.DataFrame:
    """Each matched moment's share of each fitted parameter's curvature of the objective at the fit:
    weight x (d moment / d parameter / spread)^2 over its sum across moments (a row per moment, a
    column per parameter; each column sums to one). A parameter pinned by one moment has a share
    near one there."""
    names = [m.name for m in fit.matched]
    weights = np.array([m.weight for m in fit.matched])[:, None]
    spreads = np.array([m.spread for m in fit.matched])[:, None]
    curvature = weights * (np.asarray(fit.jacobian) / spreads) ** 2
    return pd.DataFrame(curvature / curvature.sum(axis=0), index=names, columns=list(fit.params))


HELD_OUT = "livestock_1934_over_1929"
"""The moment chapter 7 holds out of the fit: the herds, which procurement and the tempo move and
which no parameter sets by itself (``antiplan.calibration.identification``)."""


def held_out_fit(moment: str = HELD_OUT) -> Fit:
    """The recorded calibration made again, on its own seeds and settings, without ``moment``
    (``antiplan calibrate --hold-out``): about a second and a half."""
    record = load_record()
    return calibrate(
        record["scenario"],
        params=record["params"],
        seeds=record["seeds"],
        periods=record["periods"],
        enterprises=record["enterprises"],
        hold_out=[moment],
    )


def held_out_numbers(fit: Fit | None = None, moment: str = HELD_OUT) -> dict[str, float]:
    """Numbers the chapter quotes about the fit without ``moment``: the model's prediction of it at
    the values fitted to the other moments (``ch07_hold_prediction``, in the moment's unit), the
    record's range (``ch07_hold_low``, ``ch07_hold_high``), whether the range holds the prediction
    (``ch07_hold_inside``, 1 or 0), and each parameter's value in that fit (``ch07_hold_<name>``)."""
    fit = held_out_fit(moment) if fit is None else fit
    row = prediction_table(fit).loc[moment]
    out = {
        "ch07_hold_prediction": float(row["prediction"]),
        "ch07_hold_low": float(row["low"]),
        "ch07_hold_high": float(row["high"]),
        "ch07_hold_inside": float(row["inside"]),
    }
    out.update({f"ch07_hold_{name}": value for name, value in fit.values.items()})
    out.update({f"ch07_hold_ci_low_{name}": low for name, (low, _) in fit.intervals.items()})
    out.update({f"ch07_hold_ci_high_{name}": high for name, (_, high) in fit.intervals.items()})
    sweep = held_out_sweep(fit, moment)
    out["ch07_hold_sweep_low"] = float(sweep["prediction"].min())
    out["ch07_hold_sweep_high"] = float(sweep["prediction"].max())
    out["ch07_hold_sweep_overlaps"] = float(
        out["ch07_hold_sweep_low"] <= out["ch07_hold_high"] and out["ch07_hold_sweep_high"] >= out["ch07_hold_low"]
    )
    procurement = sweep.loc["procurement", "prediction"]
    out["ch07_hold_at_procurement_low"] = float(procurement.iloc[0])
    out["ch07_hold_at_procurement_high"] = float(procurement.iloc[-1])
    return out


def held_out_sweep(fit: Fit, moment: str = HELD_OUT, points: int = 5) -> pd.DataFrame:
    """The model's prediction of the held-out ``moment`` as each fitted parameter moves across its
    95 % interval in ``fit`` (``points`` values from end to end), the others held at the fit, on the
    fit's seeds: the parameters' uncertainty carried into the prediction, one parameter at a time.
    A row per (parameter, value)."""
    rows = []
    for name, (low, high) in fit.intervals.items():
        for value in np.linspace(low, high, points):
            values = {**fit.values, name: float(value)}
            predicted = model_moments(
                values,
                [moment],
                fit.base,
                fit.seeds,
                periods=fit.periods,
                enterprises=fit.enterprises,
            )[moment]
            rows.append({"parameter": name, "value": float(value), "prediction": float(predicted)})
    return pd.DataFrame(rows).set_index(["parameter", "value"])


def paper_growth_numbers(
    found: paper_growth.PaperGrowthComparison | None = None,
    held: paper_growth.PaperGrowthComparison | None = None,
) -> dict[str, float]:
    """Numbers the chapter quotes about the central gap, from ``antiplan.calibration.paper_growth.compare``
    (run when not given: a few seconds each). ``found`` lets usable output merely not fall; ``held``
    asks for at least the usable growth of the recorded fit.

    The numbers: paper and usable output's growth and their ratio at the recorded fit
    (``ch07_gap_fit_*``); the largest ratio found with usable output not falling, the two growths
    there and the tempo, investment share, capital ratio and coordination it takes (``ch07_gap_max_*``); the largest
    with each mechanism and the plan's pace alone (``ch07_gap_padding``, ``ch07_gap_defects``,
    ``ch07_gap_construction``); the same with the fit's usable growth held (``ch07_gap_held_*``); and,
    for the fit and for padding and defects alone, the record ratio of which each would account for
    half, its square (``ch07_gap_half_fit``, ``ch07_gap_half_padding``, ``ch07_gap_half_defects``,
    the share being measured in logarithms). Every number is the model's: the
    data file holds no index of industrial output (``ch07_gap_record_rows`` counts its ratios), so no
    record ratio is quoted."""
    found = paper_growth.compare() if found is None else found
    if held is None:
        held = paper_growth.compare(floor=found.usable_at_fit)
    out = {
        "ch07_gap_fit_paper": found.paper_at_fit,
        "ch07_gap_fit_usable": found.usable_at_fit,
        "ch07_gap_fit_ratio": found.at_fit,
        "ch07_gap_half_fit": found.at_fit**2,
        "ch07_gap_half_padding": found.by_mechanism["padding"] ** 2,
        "ch07_gap_half_defects": found.by_mechanism["defects"] ** 2,
        "ch07_gap_max_ratio": found.largest,
        "ch07_gap_max_paper": found.paper_at_largest,
        "ch07_gap_max_usable": found.usable_at_largest,
        "ch07_gap_padding": found.by_mechanism["padding"],
        "ch07_gap_defects": found.by_mechanism["defects"],
        "ch07_gap_construction": found.by_mechanism["unfinished construction"],
        "ch07_gap_held_ratio": held.largest,
        "ch07_gap_held_usable": held.usable_at_largest,
        "ch07_gap_held_padding": held.by_mechanism["padding"],
        "ch07_gap_held_defects": held.by_mechanism["defects"],
        "ch07_gap_record_rows": float(len(found.record)),
    }
    for name in ("tempo", "invest_share", "capital_ratio", "coordination"):
        out[f"ch07_gap_max_{name}"] = found.largest_at[name]
        out[f"ch07_gap_held_{name}"] = held.largest_at[name]
    return out


def key_numbers(seed: int = 0, fit: Fit | None = None) -> dict[str, float]:
    """Numbers the chapter quotes, computed from the runs behind its figures (and ``fit``, the
    recorded calibration, assessed when not given)."""
    six = simulate("ch06", seed=seed).summary
    seven = simulate("ch07", seed=seed)
    m, s = seven.summary, seven.series
    low = simulate("ch07", seed=seed, coordination=0.05).summary
    model = model_ratios()
    high = growth_sweep(values=(COORDINATION[0], COORDINATION[-1]), tempos=(TEMPOS[-1],))
    return {
        "ch07_high_tempo": float(TEMPOS[-1]),
        "ch07_high_real_low": float(high["real_growth"].iloc[0]),
        "ch07_high_real_full": float(high["real_growth"].iloc[-1]),
        "ch07_high_excess_low": float(high["paper_growth"].iloc[0] - high["real_growth"].iloc[0]),
        "ch07_high_excess_full": float(high["paper_growth"].iloc[-1] - high["real_growth"].iloc[-1]),
        "ch07_coordination": float(BY_NAME["coordination"].default),
        "ch07_low_coordination": float(COORDINATION[0]),
        "ch07_paper_year": annual(m["paper_growth"]),
        "ch07_real_year": annual(m["real_growth"]),
        "ch07_real6_year": annual(six["real_growth"]),
        "ch07_idle_share": float(s["idle"].iloc[-1] / s["capacity"].iloc[-1]),
        "ch07_low_paper_year": annual(low["paper_growth"]),
        "ch07_low_real_year": annual(low["real_growth"]),
        "ch07_model_plan": model["plan"],
        "ch07_model_paper": model["report"],
        "ch07_model_usable": model["reconstruction"],
        "ch07_model_paper_excess": model["report"] / model["reconstruction"] - 1.0,
        **calibration_numbers(fit),
    }


AROUND = ("coordination", "tempo", "invest_share", "capital_ratio", "conditions", "collusion")
"""Parameters moved to make the neighborhood in which the chapter's claims are checked."""


def _growth(params: dict, seed: int, enterprises: int, **changes) -> tuple[float, float]:
    """Paper and real growth per year of one run."""
    m = summary("ch07", params, seed, enterprises, **changes)
    return annual(m["paper_growth"]), annual(m["real_growth"])


def _paper_outruns(params: dict, seed: int, enterprises: int) -> float:
    paper, real = _growth(params, seed, enterprises)
    return paper - real


def _coordination_costs(params: dict, seed: int, enterprises: int) -> float:
    """Real growth with every plant finding its complement at once, less real growth as it stands."""
    return _growth(params, seed, enterprises, coordination=1.0)[1] - _growth(params, seed, enterprises)[1]


def _real_falls_with_coordination(params: dict, seed: int, enterprises: int) -> float:
    return (
        _growth(params, seed, enterprises, coordination=0.5)[1]
        - _growth(params, seed, enterprises, coordination=COORDINATION[0])[1]
    )


def _paper_moves_less(params: dict, seed: int, enterprises: int) -> float:
    paper_low, real_low = _growth(params, seed, enterprises, coordination=COORDINATION[0])
    paper_high, real_high = _growth(params, seed, enterprises, coordination=1.0)
    return (real_high - real_low) - abs(paper_high - paper_low)


def _excess_rises_with_tempo(params: dict, seed: int, enterprises: int) -> float:
    """Smallest rise, from one tempo to the next, of paper minus real growth, at the lowest and full coordination."""
    rises = []
    for coordination in (COORDINATION[0], 1.0):
        excess = [_growth(params, seed, enterprises, tempo=tempo, coordination=coordination) for tempo in TEMPOS]
        gaps = [paper - real for paper, real in excess]
        rises.extend(b - a for a, b in zip(gaps, gaps[1:], strict=False))
    return min(rises)


def _high_tempo_excess_mostly_earlier(params: dict, seed: int, enterprises: int) -> float:
    """At the highest tempo, the excess with full coordination is more than half that with the least."""
    paper_full, real_full = _growth(params, seed, enterprises, tempo=TEMPOS[-1], coordination=1.0)
    paper_low, real_low = _growth(params, seed, enterprises, tempo=TEMPOS[-1], coordination=COORDINATION[0])
    return 2.0 * (paper_full - real_full) - (paper_low - real_low)


def _high_tempo_shrinks(params: dict, seed: int, enterprises: int) -> float:
    return -_growth(params, seed, enterprises, tempo=TEMPOS[-1])[1]


CLAIMS = {
    "paper_outruns": Claim("paper growth outruns real growth", "ch07", AROUND, _paper_outruns),
    "coordination_costs": Claim(
        "usable output grows more slowly than when every plant finds its complement at once",
        "ch07",
        AROUND,
        _coordination_costs,
    ),
    "real_falls_with_coordination": Claim(
        "real growth falls as coordination falls", "ch07", AROUND, _real_falls_with_coordination
    ),
    "paper_moves_less": Claim(
        "paper growth moves less with coordination than real growth does",
        "ch07",
        AROUND,
        _paper_moves_less,
    ),
    "excess_rises_with_tempo": Claim(
        "the excess of paper over real growth is larger the higher the tempo",
        "ch07",
        AROUND,
        _excess_rises_with_tempo,
    ),
    "high_tempo_excess_mostly_earlier": Claim(
        "at the highest tempo most of the excess of paper over real growth remains with full coordination",
        "ch07",
        AROUND,
        _high_tempo_excess_mostly_earlier,
    ),
    "high_tempo_shrinks": Claim(
        "at the highest tempo shown, usable output shrinks", "ch07", AROUND, _high_tempo_shrinks
    ),
}
"""What chapter 7 says the model does about construction and growth, checked over seeds and around
the defaults (the comparison with the First Five-Year Plan is not among them)."""
