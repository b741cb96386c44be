// Loads a widget's module only on pages that have the widget, so the home page loads none.
// Instant navigation swaps pages without rerunning scripts, hence document$ (it replays the
// current page to late subscribers): https://squidfunk.github.io/mkdocs-material/customization/#additional-javascript
const widgets = {
  "[data-guide-progress]": "./guide-checklist.js",
  "[data-guide-email]": "./guide-email.js",
  "[data-guide-data]": "./guide-notes.js",
  "[data-guide-print]": "./guide-print.js",
};
const load = () => {
  for (const [selector, module] of Object.entries(widgets)) if (document.querySelector(selector)) import(module);
};
window.document$ ? document$.subscribe(load) : load();
