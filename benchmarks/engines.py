"""Engine throughput and memory: prints figures, asserts nothing.

Usage: python benchmarks/engines.py [--quick] [--repeat N]

For each size (enterprises by 120 periods) and each engine it prints the best wall time, the
enterprise-periods per second, the vectorized engine's speed-up over the reference run side by side,
and the peak memory traced during one run. It also times a run at the widgets' default size
(200 enterprises by 20 periods), whose goal is a median under 20 ms, and many runs in one call
(``antiplan.simulate_many``, 20 seeds of the default economy) against a loop of single runs, side by
side, whose goal is at least 10x.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import antiplan

PERIODS = 120
SIZES = (100, 1_000, 10_000, 100_000)


def _time(engine: str, enterprises: int, periods: int, repeat: int) -> list[float]:
    times = []
    for seed in range(repeat):
        start = time.perf_counter()
        antiplan.simulate("command", seed=seed, periods=periods, enterprises=enterprises, engine=engine)
        times.append(time.perf_counter() - start)
    return times


def _batched_against_loop(seeds: int, repeat: int) -> tuple[float, float]:
    """Best wall time of ``simulate_many`` over ``seeds`` seeds and of a loop of ``simulate``, interleaved."""
    batch, loop = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        antiplan.simulate_many("command", seeds=range(seeds))
        batch.append(time.perf_counter() - start)
        start = time.perf_counter()
        for seed in range(seeds):
            antiplan.simulate("command", seed=seed)
        loop.append(time.perf_counter() - start)
    return min(batch), min(loop)


def _peak_mib(engine: str, enterprises: int) -> float:
    tracemalloc.start()
    antiplan.simulate("command", periods=PERIODS, enterprises=enterprises, engine=engine)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the reference engine at 100,000 enterprises")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size for the fast engine (best is kept)")
    args = parser.parse_args()

    default = _time("vectorized", 200, 20, 50)
    print(
        f"default size (200 x 20), vectorized: median {statistics.median(default) * 1e3:.2f} ms, "
        f"p90 {sorted(default)[int(0.9 * len(default))] * 1e3:.2f} ms (goal: median < 20 ms)"
    )
    for seeds in (20, 100):
        batch, loop = _batched_against_loop(seeds, 7)
        print(
            f"{seeds} seeds of the default economy (200 x 20): simulate_many {batch * 1e3:.1f} ms, "
            f"a loop of simulate {loop * 1e3:.1f} ms: {loop / batch:.1f}x (goal at 20 seeds: >= 10x)"
        )
    print()
    print(f"{'enterprises':>11} {'engine':>10} {'best s':>9} {'ent-periods/s':>14} {'speed-up':>9} {'peak MiB':>9}")
    for n in SIZES:
        best = {}
        for engine in ("reference", "vectorized"):
            if engine == "reference" and args.quick and n >= 100_000:
                continue
            repeat = 1 if engine == "reference" else args.repeat
            best[engine] = min(_time(engine, n, PERIODS, repeat))
            speed = ""
            if engine == "vectorized" and "reference" in best:
                speed = f"{best['reference'] / best['vectorized']:.0f}x"
            peak = _peak_mib(engine, n) if (engine == "vectorized" or n <= 10_000) else float("nan")
            rate = n * PERIODS / best[engine]
            print(f"{n:>11,} {engine:>10} {best[engine]:>9.3f} {rate:>14,.0f} {speed:>9} {peak:>9.1f}")
    print()
    print("goals: 100,000 x 120 under 2 s; vectorized >= 20x reference at 10,000; memory linear in enterprises")


if __name__ == "__main__":
    main()
