// Runs in <head>, before anything is painted (partials/guide-early-input.html). Inlined,
// minified, by the build.
//
// What the reader ticks or types from the first paint on is kept, although on a slow network
// the widgets' modules start seconds later. Each control is marked (guide-widget.js:
// touchedEarly, so a module that starts keeps the reader's choice over what it had stored), and
// each tick or keystroke is recorded at once in this tab's storage as [slug, kind, name, value]:
// a reload, Back or the printable sheet opened before the modules start finds it there, and
// guide-store.js merges it into what is kept (and clears it once a module has kept the part).
// The names are the controls' own data- attributes (partials/guide-checklist.html,
// guide-prompts.html, guide-email.html).
addEventListener("input", function (event) {
  var control = event.target;
  control.guideTouched = true;
  var article = control.closest && control.closest("[data-guide-article]");
  var data = control.dataset || {};
  var kind = data.guideItem ? "item" : data.guideNote ? "note" : data.guideEmailField ? "field" : null;
  if (!article || !kind) return;
  var name = data.guideItem || data.guideNote || data.guideEmailField;
  var value = control.type == "checkbox" ? control.checked : control.value;
  try {
    var early = JSON.parse(sessionStorage.getItem("career-guide:early") || "[]");
    early.push([article.dataset.guideArticle, kind, name, value]);
    sessionStorage.setItem("career-guide:early", JSON.stringify(early));
  } catch (error) {
    // This tab keeps nothing (a private window, a full quota): the modules still find the
    // controls marked when they start, on this page.
  }
}, true);
