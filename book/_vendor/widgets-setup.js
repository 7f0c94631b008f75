// Loaded before the vendored widget manager (see nb_ipywidgets_js in _config.yml).
// 1. The widget manager loads its icon fonts from the folder of its AMD modules, which require.js
//    places beside the page unless told otherwise: map "@jupyter-widgets" to the folder of
//    embed-amd.js (a global `require` object defined before require.js loads is its config).
// 2. The widget manager typesets with MathJax 2's MathJax.Hub.Queue; the book serves MathJax 3,
//    so give MathJax 3 a Hub.Queue that calls its typesetPromise.
(function () {
  var here = document.currentScript ? document.currentScript.src : "";
  var manager = here.replace(/[^/]*$/, "") + "html-manager/";
  window.__jupyter_widgets_assets_path__ = manager;
  if (typeof window.require === "undefined") {
    window.require = { paths: { "@jupyter-widgets": manager.replace(/\/$/, "") } };
  }
  function addHub() {
    var mj = window.MathJax;
    if (mj && !mj.Hub) {
      mj.Hub = {
        Queue: function (job) {
          var element = job && job[2];
          var m = window.MathJax;
          if (m && m.typesetPromise) {
            m.typesetPromise(element ? [element] : undefined).catch(function () {});
          }
        },
      };
    }
  }
  addHub();
  document.addEventListener("DOMContentLoaded", addHub);
  window.addEventListener("load", addHub);
})();
