// Runs first in <head>, before the first paint (overrides/main.html). Inlined, minified, by the
// build.
(function () {
  var root = document.documentElement;
  // "JavaScript runs": the widgets' parts show (or hide) at once instead of moving the page when
  // the scripts arrive (GOV.UK Frontend's "govuk-frontend-supported"; guide.css: .guide-js-only,
  // .guide-no-js). "js" for "no-js" and the focus-visible polyfill's classes are what Material's
  // deferred bundle sets once the page is styled, restyling every element: set here, before
  // any style, the bundle finds nothing to change.
  root.classList.remove("no-js");
  root.classList.add("js", "js-focus-visible", "guide-js");
  root.setAttribute("data-js-focus-visible", "");
  // Material's instant navigation does `link.href = link.href` (relative URLs made absolute),
  // which replaces each stylesheet and rebuilds its rules. Done before anything is styled, the
  // sheets come from the memory cache with no request; stylesheet links must come above this
  // script (checklist-print.html).
  document.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
    link.href = link.href;
  });
})();
