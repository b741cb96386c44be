// Loads a widget's module only on pages that have the widget, so the home page loads none.
// The composer and the notes, further down an article, load once the reader scrolls within a
// screen of them: a reader who stops reading before them never downloads them (their modules
// keep whatever was typed before they started). A reader who has notes or a draft here gets
// them at once: they may print the article straight away. Instant navigation swaps pages
// without rerunning scripts, hence document$: https://squidfunk.github.io/mkdocs-material/customization/#additional-javascript
const widgets = [
  ["[data-guide-progress]", "./guide-checklist.js"],
  ["[data-guide-print]", "./guide-print.js"],
  ["[data-guide-email]", "./guide-email.js", "later"],
  ["[data-guide-note], [data-guide-data]", "./guide-notes.js", "later"],
];
let observer;
const load = async () => {
  observer?.disconnect();
  observer = new IntersectionObserver((entries) => {
    for (const { isIntersecting, target } of entries) if (isIntersecting) import(target.guideModule);
  }, { rootMargin: "100% 0px" });
  const article = document.querySelector("[data-guide-article]")?.dataset.guideArticle;
  const kept = article && (await import("./guide-store.js")).articleStore(article).parts().some((part) => part != "checklist");
  for (const [selector, module, later] of widgets) {
    for (const element of document.querySelectorAll(selector)) {
      if (!later || kept) {
        import(module);
        break;
      }
      element.guideModule = module;
      observer.observe(element);
    }
  }
};
window.document$ ? document$.subscribe(load) : load();
// What the reader types or ticks before its widget's module has started: the module keeps it.
addEventListener("input", ({ target }) => (target.guideTyped = true), true);
