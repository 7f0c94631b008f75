/* "Run it live": the chapter's model in the reader's browser, from the book's own files.
 *
 * antiplan.build.sphinx_live adds this script to each chapter page (data-chapter names the chapter)
 * when the book was built with the runtime (antiplan.build.live). It puts a button under the
 * dashboard's picture in the "Try it" section. Until it is pressed, nothing else is loaded. Then the
 * chapter's levers (antiplan-live/levers.json, written from antiplan.PARAMETERS at build time)
 * become controls, Python (Pyodide), NumPy and antiplan load in a worker (antiplan-live-worker.js),
 * and each move of a control runs the model again and redraws its six panels as SVG. A reader's
 * own rule for the chapter's mechanism is checked by antiplan.widgets.rulecheck, as in Jupyter.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  const chapter = Number(script && script.dataset.chapter);
  const base = script ? new URL(".", script.src).href : "";
  const RULE_LIMIT_MS = 10000; // a reader's rule whose check or run takes longer is stopped (the model's take ms)
  const SVG = "http://www.w3.org/2000/svg";
  let serial = 0;

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? "" : value);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    return node;
  }

  function uid(name) {
    serial += 1;
    return `antiplan-live-${name}-${serial}`;
  }

  /* Text with `backquoted` parts shown as code, as the dashboard shows its messages. */
  function codeText(text) {
    const span = el("span");
    String(text)
      .split("`")
      .forEach((part, k) => span.append(k % 2 ? el("code", {}, part) : document.createTextNode(part)));
    return span;
  }

  /* ---- the worker running Python ----------------------------------------------------------- */

  class Python {
    constructor() {
      this.calls = new Map();
      this.next = 0;
      this.worker = null;
    }

    start() {
      this.worker = new Worker(base + "antiplan-live-worker.js");
      this.worker.onmessage = (event) => {
        const call = this.calls.get(event.data.id);
        if (!call) return;
        this.calls.delete(event.data.id);
        clearTimeout(call.timer);
        if (event.data.ok) call.resolve(event.data);
        else call.reject(new Error(event.data.error));
      };
      this.worker.onerror = (event) => {
        for (const call of this.calls.values()) call.reject(new Error(event.message || "the worker stopped"));
        this.calls.clear();
      };
      return this.call({ type: "start", base, chapter });
    }

    call(message, limit) {
      const id = (this.next += 1);
      return new Promise((resolve, reject) => {
        const call = { resolve, reject, timer: null };
        if (limit) {
          call.timer = setTimeout(() => {
            this.calls.delete(id);
            const error = new Error("time limit");
            error.timedOut = true;
            reject(error);
          }, limit);
        }
        this.calls.set(id, call);
        this.worker.postMessage({ id, ...message });
      });
    }

    stop() {
      if (this.worker) this.worker.terminate();
      for (const call of this.calls.values()) clearTimeout(call.timer);
      this.calls.clear();
    }
  }

  /* ---- the plots ------------------------------------------------------------------------------ */

  function format(value, percent) {
    if (value === null || !Number.isFinite(value)) return "";
    if (percent) return `${+(100 * value).toPrecision(3)} %`;
    return `${+value.toPrecision(3)}`;
  }

  const W = 320;
  const H = 190;
  const M = { left: 46, right: 10, top: 8, bottom: 30 };

  function drawPanel(figure, panel, index, result) {
    const top = result.scales[index].top * 1.02;
    let xs = [];
    for (const run of result.runs) for (const [x] of run.panels[index]) xs = xs.concat(x.filter((v) => v !== null));
    let left = Math.min(...xs);
    let right = Math.max(...xs);
    if (panel.markers || right <= left) {
      left -= 0.5;
      right += 0.5;
    }
    const sx = (x) => M.left + ((x - left) / (right - left)) * (W - M.left - M.right);
    const sy = (y) => H - M.bottom - (Math.max(0, Math.min(y, top)) / top) * (H - M.top - M.bottom);
    const drawing = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "antiplan-live-svg", "aria-hidden": "true" });
    drawing.append(svg("rect", { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom, class: "antiplan-live-frame" }));
    for (const fraction of [0, 0.5, 1]) {
      const value = (fraction * top) / 1.02;
      const y = sy(value);
      drawing.append(svg("line", { x1: M.left, x2: W - M.right, y1: y, y2: y, class: "antiplan-live-grid" }));
      const label = svg("text", { x: M.left - 4, y: y + 4, "text-anchor": "end", class: "antiplan-live-tick" });
      label.textContent = format(value, panel.percent);
      drawing.append(label);
    }
    // Whole-number ticks a round step apart (1, 2, 5, 10, ...), at most about six of them.
    const rough = Math.max(1, (right - left) / 6);
    const power = 10 ** Math.floor(Math.log10(rough));
    const step = [1, 2, 5, 10].map((s) => s * power).find((s) => s >= rough);
    for (let x = Math.ceil(left / step) * step; x <= right; x += step) {
      const label = svg("text", { x: sx(x), y: H - M.bottom + 14, "text-anchor": "middle", class: "antiplan-live-tick" });
      label.textContent = String(x);
      drawing.append(label);
    }
    const xlabel = svg("text", { x: (M.left + W - M.right) / 2, y: H - 4, "text-anchor": "middle", class: "antiplan-live-tick" });
    xlabel.textContent = panel.xlabel;
    drawing.append(xlabel);
    result.runs.forEach((run) => {
      run.panels[index].forEach(([x, y], c) => {
        const color = panel.curves[c].color;
        let path = "";
        let pen = "M";
        x.forEach((xv, k) => {
          if (y[k] === null || xv === null) {
            pen = "M";
            return;
          }
          path += `${pen}${sx(xv).toFixed(1)},${sy(y[k]).toFixed(1)}`;
          pen = "L";
        });
        const dash = run.role === "default" ? "2 3" : run.role === "democratic" ? "6 3" : null;
        const line = svg("path", { d: path, fill: "none", stroke: color, "stroke-width": run.role === "main" ? 2 : 1.6 });
        if (dash) line.setAttribute("stroke-dasharray", dash);
        drawing.append(line);
        if (panel.markers) {
          x.forEach((xv, k) => {
            if (y[k] !== null) drawing.append(svg("circle", { cx: sx(xv), cy: sy(y[k]), r: 2.6, fill: color }));
          });
        }
      });
    });
    figure.querySelector("svg").replaceWith(drawing);
  }

  function describe(panel, index, result) {
    // What a screen reader is told instead of the drawing: each curve's last value, for each run.
    return result.runs
      .map((run) => {
        const parts = run.panels[index].map(([, y], c) => {
          const last = [...y].reverse().find((v) => v !== null);
          return `${panel.curves[c].label} ${format(last === undefined ? null : last, panel.percent)}`;
        });
        return `${run.label}: ${parts.join(", ")} at the end`;
      })
      .join("; ");
  }

  /* ---- the live panel ------------------------------------------------------------------------- */

  function leverControl(lever, onChange) {
    const id = uid(lever.name);
    const about = uid(`${lever.name}-about`);
    const meaning = el("span", { class: "antiplan-live-meaning", id: about }, `${lever.meaning} (${lever.unit})`);
    const row = el("div", { class: `antiplan-live-lever antiplan-live-lever-${lever.name}` });
    if (lever.kind === "bool") {
      const box = el("input", { type: "checkbox", id, "aria-describedby": about, checked: !!lever.value });
      box.addEventListener("change", onChange);
      row.append(box, " ", el("label", { for: id }, el("code", {}, lever.name)), meaning);
      return { row, name: lever.name, read: () => box.checked, reset: () => (box.checked = !!lever.value) };
    }
    const range = el("input", {
      type: "range",
      id,
      min: lever.min,
      max: lever.max,
      step: lever.step,
      value: lever.value,
      "aria-describedby": about,
    });
    const shown = el("output", { for: id, class: "antiplan-live-value" }, String(lever.value));
    const read = () => (lever.kind === "int" ? parseInt(range.value, 10) : Math.round(parseFloat(range.value) * 1e12) / 1e12);
    range.addEventListener("input", () => {
      shown.textContent = String(read());
      onChange();
    });
    row.append(el("label", { for: id }, el("code", {}, lever.name)), range, shown, meaning);
    return {
      row,
      name: lever.name,
      read,
      reset: () => {
        range.value = lever.value;
        shown.textContent = String(lever.value);
      },
    };
  }

  class Live {
    constructor(box, info, python) {
      this.box = box;
      this.info = info;
      this.python = python;
      this.busy = false;
      this.waiting = null;
      this.ruleSource = null;
      this.record = { ready: null, steps: null, moves: [], result: null, message: null };
      box.antiplanLive = this.record;
      this.build();
    }

    build() {
      const info = this.info;
      const onChange = () => this.request(performance.now());
      this.levers = info.levers.map((lever) => leverControl(lever, onChange));
      const own = this.levers.filter((_, k) => info.levers[k].chapter === info.chapter);
      const earlier = this.levers.filter((_, k) => info.levers[k].chapter !== info.chapter);
      const controls = el("form", { class: "antiplan-live-controls", "aria-label": `Levers of chapter ${info.chapter}` });
      controls.addEventListener("submit", (event) => event.preventDefault());
      controls.append(el("fieldset", {}, el("legend", {}, `Chapter ${info.chapter}: ${info.title}`), ...own.map((c) => c.row)));
      if (earlier.length) {
        controls.append(
          el(
            "details",
            {},
            el("summary", {}, "Earlier chapters' levers"),
            el("fieldset", {}, el("legend", {}, "Earlier chapters"), ...earlier.map((c) => c.row)),
          ),
        );
      }
      const seedId = uid("seed");
      this.seed = el("input", { type: "number", id: seedId, min: 0, step: 1, value: info.seed, class: "antiplan-live-seed" });
      this.seed.addEventListener("change", onChange);
      const reset = el("button", { type: "button", class: "antiplan-live-reset" }, "Reset to defaults");
      reset.addEventListener("click", () => {
        this.levers.forEach((c) => c.reset());
        this.seed.value = info.seed;
        onChange();
      });
      controls.append(el("div", { class: "antiplan-live-lever" }, el("label", { for: seedId }, "seed"), this.seed, " ", reset));

      const rule = info.rule;
      const ruleId = uid("rule");
      const ruleAbout = uid("rule-about");
      this.rule = el("textarea", {
        id: ruleId,
        rows: 6,
        spellcheck: "false",
        autocapitalize: "off",
        class: "antiplan-live-rule",
        "aria-describedby": ruleAbout,
      });
      this.rule.value = rule.starter;
      const useRule = el("button", { type: "button", class: "antiplan-live-use-rule" }, "Run my rule");
      const dropRule = el("button", { type: "button", class: "antiplan-live-drop-rule" }, "Back to the model's rule");
      useRule.addEventListener("click", () => this.setRule(this.rule.value));
      dropRule.addEventListener("click", () => this.setRule(null));
      const ruleBox = el(
        "div",
        { class: "antiplan-live-rulebox" },
        el("label", { for: ruleId }, "Your rule ", el("code", {}, `${rule.name}(${rule.arguments.join(", ")})`)),
        el(
          "p",
          { id: ruleAbout, class: "antiplan-live-meaning" },
          `${rule.meaning} Edit it and press "Run my rule": it is checked as in Jupyter, then drawn beside ` +
            `the model's own (dotted). You can use ${rule.helpers.join(", ")} without importing them.`,
        ),
        this.rule,
        el("div", {}, useRule, " ", dropRule),
      );

      this.messages = el("div", { class: "antiplan-live-messages", role: "alert" });
      this.legend = el("p", { class: "antiplan-live-legend" });
      this.figures = info.panels.map((panel) => {
        // A panel of several curves names each beside a swatch of its color (the text stays dark).
        const keys = panel.curves.map((c) =>
          el("span", { class: "antiplan-live-key" }, el("span", { class: "antiplan-live-swatch", style: `border-color: ${c.color}` }), c.label),
        );
        const caption = el("figcaption", {}, panel.title, panel.curves.length > 1 ? el("span", { class: "antiplan-live-keys" }, ...keys) : null);
        const figure = el("figure", { class: "antiplan-live-panel", role: "img", "aria-label": panel.title }, caption);
        figure.append(document.createElementNS(SVG, "svg"));
        return figure;
      });
      this.table = el("table", { class: "antiplan-live-numbers" });
      this.timing = el("p", { class: "antiplan-live-timing" });
      const body = el(
        "div",
        { class: "antiplan-live-body" },
        el("div", { class: "antiplan-live-left" }, controls, ruleBox),
        el(
          "div",
          { class: "antiplan-live-right" },
          this.messages,
          this.legend,
          el("div", { class: "antiplan-live-plots" }, ...this.figures),
          this.timing,
          this.table,
        ),
      );
      body.hidden = true;
      this.body = body;
      this.box.append(body);
    }

    values() {
      const values = {};
      for (const control of this.levers) values[control.name] = control.read();
      return values;
    }

    async start(began, started) {
      this.record.steps = (await started).steps;
      this.body.hidden = false;
      await this.runNow(began);
      this.record.ready = (performance.now() - began) / 1000;
    }

    request(when) {
      // One run at a time: a move while the model runs is kept, and only the latest is run next.
      this.waiting = when;
      if (!this.busy) this.runNow(this.waiting);
    }

    async runNow(when) {
      this.waiting = null;
      this.busy = true;
      const seed = parseInt(this.seed.value, 10);
      try {
        const message = { type: "run", values: this.values(), seed: Number.isFinite(seed) ? seed : this.info.seed };
        const answer = await this.python.call(message, this.ruleSource ? RULE_LIMIT_MS : 0);
        const result = JSON.parse(answer.result);
        this.draw(result);
        this.record.result = result;
        this.record.moves.push(performance.now() - when);
        const runs = `${result.runs.length} run${result.runs.length > 1 ? "s" : ""}`;
        this.timing.textContent =
          `Seed ${result.seed}; ${runs} in ${Math.round(result.seconds * 1000)} ms, ` +
          `drawn ${Math.round(performance.now() - when)} ms after the move.`;
      } catch (error) {
        if (error.timedOut) await this.stopRule();
        else this.show([`The model could not run at these settings: ${error.message}`]);
      } finally {
        this.busy = false;
      }
      if (this.waiting !== null) await this.runNow(this.waiting);
    }

    async stopRule() {
      // A rule that never returns holds the worker: end it, start a fresh one with the model's rule.
      this.python.stop();
      this.ruleSource = null;
      this.python = new Python();
      await this.python.start();
      this.busy = false;
      await this.runNow(performance.now());
      this.record.message =
        `Your rule was stopped after ${RULE_LIMIT_MS / 1000} seconds (the model's own rules take a fraction ` +
        "of a second): look for a loop that never ends. The plots show the model's rule.";
      this.show([this.record.message]);
    }

    async setRule(source) {
      try {
        const answer = await this.python.call({ type: "rule", source }, RULE_LIMIT_MS);
        this.ruleSource = answer.message ? null : source;
        this.record.message = answer.message;
      } catch (error) {
        if (error.timedOut) await this.stopRule();
        else this.show([`Your rule could not be checked: ${error.message}`]);
        return;
      }
      if (!this.busy) await this.runNow(performance.now());
      else this.waiting = performance.now();
    }

    show(messages) {
      this.messages.replaceChildren();
      const shown = messages.filter(Boolean);
      if (!shown.length) return;
      const heading = this.ruleSource !== null || this.record.message ? "Your rule needs attention" : "The model could not run";
      const items = shown.map((m) => el("li", {}, codeText(m)));
      this.messages.append(el("div", { class: "antiplan-live-problem" }, el("strong", {}, heading), el("ul", {}, ...items)));
    }

    draw(result) {
      this.show(result.messages);
      const styles = { main: "solid lines", default: "dotted lines", democratic: "dashed lines" };
      this.legend.textContent = result.runs.length > 1 ? result.runs.map((r) => `${styles[r.role]}: ${r.label}`).join("; ") : "";
      this.info.panels.forEach((panel, k) => {
        drawPanel(this.figures[k], panel, k, result);
        this.figures[k].setAttribute("aria-label", `${panel.title}. ${describe(panel, k, result)}.`);
      });
      const head = el("tr", {}, el("th", { scope: "col" }, "summary"), ...result.runs.map((r) => el("th", { scope: "col" }, r.label)));
      const rows = result.table
        .filter((row) => row.glance)
        .map((row) => el("tr", {}, el("th", { scope: "row", title: row.meaning }, row.name.replaceAll("_", " ")), ...row.values.map((v) => el("td", {}, v))));
      this.table.replaceChildren(el("caption", {}, "The run's summary"), el("thead", {}, head), el("tbody", {}, ...rows));
    }
  }

  /* ---- the button ----------------------------------------------------------------------------- */

  async function begin(box, button, status) {
    if (location.protocol === "file:") {
      status.textContent =
        "The live model cannot start on a page opened as a file: browsers do not let such a page load its " +
        "Python runtime. Serve the book with `make serve` (or any static web server) and open it over http://.";
      return;
    }
    button.disabled = true;
    status.textContent = "Loading Python, NumPy and the model from this book's files (about 17 MB the first time)…";
    const began = performance.now();
    const python = new Python();
    try {
      // Python starts loading in its worker while the page fetches the levers and draws the controls.
      const started = python.start();
      started.catch(() => {}); // its failure is reported where it is awaited
      const answer = await fetch(base + "antiplan-live/levers.json");
      if (!answer.ok) throw new Error(`levers.json: HTTP ${answer.status}`);
      const info = (await answer.json())[String(chapter)];
      const live = new Live(box, info, python);
      await live.start(began, started);
      status.textContent =
        `The live model is running (ready in ${live.record.ready.toFixed(1)} s): move a lever, ` +
        'or edit the rule and press "Run my rule".';
      button.hidden = true;
      box.querySelector(".antiplan-live-note").hidden = true;
    } catch (error) {
      python.stop();
      status.textContent = `The live model could not start: ${error.message}. The picture and the explorer on this page still work.`;
      button.disabled = false;
    }
  }

  function place() {
    const section = document.querySelector("section#try-it");
    if (!section || !chapter) return;
    const picture = section.querySelector("figure.antiplan-dashboard-picture");
    const after = picture ? picture.closest("div.cell") || picture : null;
    const button = el("button", { type: "button", class: "antiplan-live-start" }, "Run it live");
    const status = el("p", { class: "antiplan-live-status", role: "status" });
    const note = el(
      "p",
      { class: "antiplan-live-note" },
      "Runs this chapter's model in your browser, from this book's own files: move its levers, and try a rule of your own.",
    );
    const box = el("div", { class: "antiplan-live", role: "region", "aria-label": "The live model" }, el("div", {}, button), note, status);
    button.addEventListener("click", () => begin(box, button, status));
    if (after) after.after(box);
    else section.append(box);
    const caption = picture && picture.querySelector("figcaption");
    // The caption, written when the page was built, names Jupyter only: say the model also runs here.
    if (caption) caption.append(" Or press “Run it live” below to run it in this browser.");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", place);
  else place();
})();
