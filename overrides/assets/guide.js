// Starts the widgets a page has, and only those: the home page loads none.
//
// Every widget's root names its module: data-guide-module="checklist" is started by
// ./guide-checklist.js. This file keeps no list of widgets; a new widget needs its partial
// (with that attribute), its module, its CSS and its test, and no change here.
//
// A root with data-guide-load="near" (the composer and the notes, further down an article)
// loads its module once the reader scrolls within a screen of it: a reader who stops reading
// before them never downloads them. A reader who has notes or a draft kept here gets them at
// once, so that printing the article straight away prints them. What the reader ticks or
// types before a module starts is kept when it starts (see the inline listener in main.html).

const MODULE_NAME = /^[a-z][a-z-]*$/;

let nearObserver;

// The module a root names, as an address this file can import.
function moduleOf(root) {
  const name = root.dataset.guideModule;
  return MODULE_NAME.test(name) ? `./guide-${name}.js` : null;
}

// Imports the module of a root that has scrolled near the screen.
function loadWhenNear(entries) {
  for (const { isIntersecting, target } of entries) {
    if (!isIntersecting) continue;
    nearObserver.unobserve(target);
    const module = moduleOf(target);
    if (module) import(module);
  }
}

// Whether the reader has kept more than ticks for this page's article (notes, a draft).
async function readerHasNotesHere() {
  const article = document.querySelector("[data-guide-article]")?.dataset.guideArticle;
  if (!article) return false;
  const { articleStore } = await import("./guide-store.js");
  return articleStore(article).holdsData(["checklist"]);
}

// Starts the widgets of the page now shown (instant navigation swaps pages without rerunning
// scripts, hence document$: https://squidfunk.github.io/mkdocs-material/customization/#additional-javascript).
async function startWidgets() {
  nearObserver?.disconnect();
  nearObserver = new IntersectionObserver(loadWhenNear, { rootMargin: "100% 0px" });
  const roots = [...document.querySelectorAll("[data-guide-module]")];
  const later = roots.filter((root) => root.dataset.guideLoad == "near");
  const loadAllNow = later.length > 0 && (await readerHasNotesHere());
  for (const root of roots) {
    const module = moduleOf(root);
    if (!module) console.error(`career-guide: no such widget module "${root.dataset.guideModule}"`);
    else if (later.includes(root) && !loadAllNow) nearObserver.observe(root);
    else import(module); // a module imported twice runs once
  }
}

if (window.document$) document$.subscribe(startWidgets);
else startWidgets();
