// guide-checklist.js: an article's checklist, remembered on this device.
//
// The page already has real checkboxes with real labels (partials/guide-checklist.html), so
// ticking works without this script. It adds memory ("checklist" part of the article's
// store: {"ticked": ["item-id", ...]}), live sync with other tabs, the progress line and
// "Reset checklist" (partials/guide-progress.html, rendered hidden until this runs).
// Each change dispatches a "guide:checklist" CustomEvent on the article root, with
// detail {ticked, done, total}, for other widgets to listen to.

import { articleStore, eachPage } from "./guide-store.js";

const PART = "checklist";
const EVENT = "guide:checklist";
const REFUSED_NOTE = "Your browser is not letting this site save, so these ticks will be forgotten when you leave the page.";

// Storage refused once in this visit: later pages show the note from the start, unannounced.
let refused = false;

eachPage("[data-guide-article]", setupChecklist);

// Wire one article's checkboxes to its store; returns what to undo when the page goes away.
function setupChecklist(root) {
  const boxes = [...root.querySelectorAll("input[type=checkbox][data-guide-item]")];
  if (boxes.length === 0) return undefined;
  const slug = root.dataset.guideArticle;
  const store = articleStore(slug);
  const progress = progressFor(slug);

  // Show the ticks `data` holds (null or a wrong shape: none, and a wrong shape is dropped).
  const show = (data) => {
    const ticked = tickedIds(data);
    if (ticked === null) store.remove(PART);
    for (const box of boxes) box.checked = Boolean(ticked && ticked.has(box.dataset.guideItem));
    update();
  };

  // Save the ticks on this page: ids of items no longer in the article are forgotten here.
  const save = () => {
    const ticked = boxes.filter((box) => box.checked).map((box) => box.dataset.guideItem);
    if (!store.write(PART, { ticked })) warnRefused(progress);
  };

  const update = (prefix = "") => {
    const ticked = boxes.filter((box) => box.checked).map((box) => box.dataset.guideItem);
    if (progress) progress.render(ticked.length, boxes.length, prefix);
    root.dispatchEvent(new CustomEvent(EVENT, { bubbles: true, detail: { ticked, done: ticked.length, total: boxes.length } }));
  };

  const onChange = (event) => {
    if (!boxes.includes(event.target)) return;
    save();
    update();
  };

  const onReset = () => {
    const message = `Reset the checklist? This unticks all ${boxes.length} items of this article on this device. Your notes are kept.`;
    if (!window.confirm(message)) return;
    store.remove(PART);
    for (const box of boxes) box.checked = false;
    update("Checklist reset: ");
  };

  root.addEventListener("change", onChange);
  const unsubscribe = store.onChange(PART, show);
  show(store.read(PART, { ticked: [] }));
  if (progress) {
    progress.reset.addEventListener("click", onReset);
    if (refused) warnRefused(progress);
    progress.element.hidden = false;
  }

  return () => {
    unsubscribe();
    root.removeEventListener("change", onChange);
    if (progress) progress.reset.removeEventListener("click", onReset);
  };
}

// The set of ticked ids in stored data, or null when the data has the wrong shape.
function tickedIds(data) {
  if (data === null || data === undefined) return new Set();
  if (typeof data !== "object" || !Array.isArray(data.ticked)) return null;
  return new Set(data.ticked.filter((id) => typeof id === "string"));
}

// The progress block for `slug` (outside the article root, after the header), or null.
function progressFor(slug) {
  const element = [...document.querySelectorAll("[data-guide-progress]")].find(
    (candidate) => candidate.dataset.guideProgress === slug,
  );
  if (!element) return null;
  const status = element.querySelector("[data-guide-progress-status]");
  const bar = element.querySelector("[data-guide-progress-bar]");
  const reset = element.querySelector("[data-guide-progress-reset]");
  const note = element.querySelector("[data-guide-progress-note]");
  if (!status || !bar || !reset || !note) return null;
  return {
    element,
    reset,
    note,
    render(done, total, prefix) {
      const complete = total > 0 && done === total;
      const text = complete ? `All ${total} done` : `${done} of ${total} done`;
      // The live region only speaks when its text changes: skip identical updates.
      if (status.textContent !== prefix + text) status.textContent = prefix + text;
      bar.max = total;
      bar.value = done;
      bar.textContent = `${done} of ${total}`;
      element.classList.toggle("guide-progress--done", complete);
    },
  };
}

// Say, once, that ticks will not be kept. The note is a polite live region that is already on
// the page, so filling it in is announced; it is never refilled, so never announced again.
function warnRefused(progress) {
  refused = true;
  if (progress && progress.note.textContent === "") progress.note.textContent = REFUSED_NOTE;
}
