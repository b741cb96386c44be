// What every widget module starts with: `widget()`, which starts a widget on each root that
// names it (data-guide-module), the controls that say "not working yet" made to work, the
// reader's early input, and the message that a part is not kept. A widget's stored data is
// guide-store.js's; its words and files, guide-words.js's.

// Starts `setup(root)` on every element with data-guide-module="<name>", on this page and on
// each page instant navigation brings (https://squidfunk.github.io/mkdocs-material/customization/#additional-javascript).
// Each root starts once; each in its own try/catch, so one broken widget leaves the others
// working. `setup` may return a function that undoes it when its page is gone.
export function widget(name, setup) {
  const started = new WeakSet();
  let cleanups = [];
  const pages = window.document$ || { subscribe: (callback) => callback() };
  pages.subscribe(() => {
    cleanups = cleanups.filter(([root, cleanup]) => root.isConnected || void cleanup());
    for (const root of document.querySelectorAll(`[data-guide-module="${name}"]`)) {
      if (started.has(root)) continue;
      started.add(root);
      enableControls(root);
      try {
        const cleanup = setup(root);
        if (cleanup) cleanups.push([root, cleanup]);
        root.dataset.guideReady = ""; // started: the tests wait for this
      } catch (error) {
        console.error(error);
      }
    }
  });
}

// Controls are marked "not working yet" in the templates (aria-disabled, data-guide-pending),
// so a reader on a slow network is not offered a button that does nothing. Their module is
// here now: they work.
export function enableControls(root) {
  for (const control of root.querySelectorAll("[data-guide-pending]")) {
    control.removeAttribute("aria-disabled");
    delete control.dataset.guidePending;
  }
}

// Shows the message in `root` that says `part` is not kept (data-guide-not-kept, from
// partials/guide-not-kept.html) while `store` (guide-store.js: articleStore) will not keep it;
// returns what stops that.
export function watchKept(root, store, part) {
  const messages = root.querySelectorAll(`[data-guide-not-kept="${part}"]`);
  const show = () => messages.forEach((message) => (message.hidden = !store.notKept(part)));
  show();
  return store.onKept(show);
}

// Whether the reader typed into or ticked `control` before its module started: an inline
// listener in <head> marks it from the first paint on (overrides/assets/head/early-input.js).
export const touchedEarly = (control) => control.guideTouched === true;
