// The book's menu button on a wide screen, and wide figures reachable by keyboard (served by
// antiplan.build.sphinx_theme).
//
// Below 992 px the theme's own handler opens the chapter list as a drawer. On a wider screen, where
// the list is always shown, the theme would open it a second time as a pop-up; instead the button
// folds the list away to give the text the room, and brings it back.
(function () {
  var WIDE = window.matchMedia("(min-width: 992px)");
  function setUp() {
    var sidebar = document.getElementById("pst-primary-sidebar");
    var buttons = document.querySelectorAll(".bd-header-article .primary-toggle");
    buttons.forEach(function (button) {
      button.setAttribute("aria-controls", "pst-primary-sidebar");
      button.setAttribute("aria-label", button.getAttribute("title") || "Toggle primary sidebar");
      var show = function () {
        button.setAttribute("aria-expanded", String(!sidebar.classList.contains("antiplan-folded")));
      };
      show();
      // Capture, so that on a wide screen the theme's drawer handler does not run as well.
      button.addEventListener(
        "click",
        function (event) {
          if (!WIDE.matches || !sidebar) return;
          event.preventDefault();
          event.stopImmediatePropagation();
          sidebar.classList.toggle("antiplan-folded");
          show();
        },
        true
      );
    });
  }
  if (document.readyState !== "loading") setUp();
  else document.addEventListener("DOMContentLoaded", setUp);

  // A figure wider than a phone scrolls inside its box (antiplan-book.css): keyboard readers can
  // then reach it with Tab and scroll it with the arrow keys, as the theme does for wide code and tables.
  // A display equation wider than the screen scrolls the same way; MathJax draws equations after
  // the page has loaded, so their tab stops are set once it has typeset them.
  function tabStops() {
    document.querySelectorAll('.bd-content figure, .bd-content mjx-container[display="true"]').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
      else box.removeAttribute("tabindex");
    });
  }
  window.addEventListener("load", function () {
    tabStops();
    var mj = window.MathJax;
    if (mj && mj.startup && mj.startup.promise) mj.startup.promise.then(tabStops);
  });
  window.addEventListener("resize", tabStops);
})();
