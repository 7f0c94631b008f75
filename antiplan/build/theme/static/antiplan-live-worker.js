/* The live model's Python, in a worker of its own (started by antiplan-live.js).
 *
 * Loads Pyodide, NumPy and the antiplan package from the book's own _static folder, then answers
 * the page's messages: "start" (load and make the chapter's model), "rule" (check a reader's rule)
 * and "run" (run the model at the controls' values). Running here keeps the page responsive while
 * Python loads and while a rule runs, and lets the page stop a rule that never returns by ending
 * the worker.
 */
/* global importScripts, loadPyodide */
"use strict";

let model = null;

async function start(base, chapter) {
  // The package's zip is fetched while the runtime loads; the times of each step go back to the page.
  const began = performance.now();
  const zip = fetch(base + "antiplan-live/antiplan.zip");
  importScripts(base + "pyodide/pyodide.js");
  const pyodide = await loadPyodide({ indexURL: base + "pyodide/", stdout: () => {}, stderr: () => {} });
  const runtime = performance.now();
  await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: () => {} });
  const numpy = performance.now();
  const answer = await zip;
  if (!answer.ok) {
    throw new Error(`antiplan.zip: HTTP ${answer.status}`);
  }
  const site = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(await answer.arrayBuffer(), "zip", { extractDir: site });
  const live = pyodide.pyimport("antiplan.widgets.inbrowser");
  model = live.LiveModel(chapter);
  const seconds = (from, to) => (to - from) / 1000;
  return { runtime: seconds(began, runtime), numpy: seconds(runtime, numpy), antiplan: seconds(numpy, performance.now()) };
}

self.onmessage = async (event) => {
  const { id, type } = event.data;
  try {
    if (type === "start") {
      const steps = await start(event.data.base, event.data.chapter);
      self.postMessage({ id, ok: true, steps });
    } else if (type === "rule") {
      const message = model.set_rule(event.data.source);
      self.postMessage({ id, ok: true, message: message === undefined ? null : message });
    } else if (type === "run") {
      const text = model.run_json(JSON.stringify(event.data.values), event.data.seed);
      self.postMessage({ id, ok: true, result: text });
    }
  } catch (error) {
    self.postMessage({ id, ok: false, error: String((error && error.message) || error) });
  }
};
