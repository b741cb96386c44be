// guide-print.js: the printable checklist page ("start online, finish on paper"), and
// details that print open on the article.
//
// The sheet (checklist-print.html) is complete without this script and prints blank. This
// shows on it the boxes the reader ticked on the article (the "checklist" part of the
// article's store: {"ticked": ["item-id", ...]}), and adds the print buttons: "Print with
// my ticks" and "Print blank" when there are ticks, else one "Print". "Print blank" takes the
// ticks off the sheet for that printout and puts them back after it.

import { articleStore, eachPage } from "./guide-store.js";

const PART = "checklist";

eachPage("[data-guide-print]", setupSheet);
openDetailsForPrint();

// Wire one sheet to its article's store; returns what to undo when the page goes away.
function setupSheet(root) {
  const store = articleStore(root.dataset.guidePrint);
  const boxes = [...root.querySelectorAll("input[type=checkbox][data-guide-sheet-item]")];
  const actions = root.querySelector("[data-guide-print-actions]");
  const print = root.querySelector('[data-guide-print-action="print"]');
  const blank = root.querySelector('[data-guide-print-action="blank"]');
  const status = root.querySelector("[data-guide-print-status]");
  if (!actions || !print || !blank || !status) return undefined;
  let ticked = new Set();

  // Tick the sheet's boxes from the store (`show` false: every box blank).
  const render = (show = true) => {
    for (const box of boxes) box.checked = show && ticked.has(box.dataset.guideSheetItem);
    root.dataset.guidePrintMode = show && ticked.size > 0 ? "ticks" : "blank";
  };

  const load = (data) => {
    ticked = tickedIds(data);
    const count = boxes.filter((box) => ticked.has(box.dataset.guideSheetItem)).length;
    print.textContent = count > 0 ? "Print with my ticks" : "Print";
    blank.hidden = count === 0;
    status.textContent =
      count > 0
        ? `The ${count === 1 ? "item" : `${count} items`} you ticked on the article ${count === 1 ? "is" : "are"} ticked on the sheet. To tick ${count === 1 ? "it" : "them"} yourself with a pen, print it blank.`
        : "The boxes are empty, ready to tick with a pen. Items you tick on the article show here as ticked.";
    render();
  };

  const onPrint = () => window.print();
  const onBlank = () => {
    render(false);
    window.print();
  };
  // After any printout, the preview shows the reader's ticks again.
  const onAfterPrint = () => render();

  print.addEventListener("click", onPrint);
  blank.addEventListener("click", onBlank);
  window.addEventListener("afterprint", onAfterPrint);
  const unsubscribe = store.onChange(PART, load);
  load(store.read(PART, { ticked: [] }));
  actions.hidden = false;

  return () => {
    unsubscribe();
    print.removeEventListener("click", onPrint);
    blank.removeEventListener("click", onBlank);
    window.removeEventListener("afterprint", onAfterPrint);
  };
}

// The ticked ids in stored data (none for missing or wrongly shaped data; the checklist
// widget, which owns this part, drops a wrong shape).
function tickedIds(data) {
  if (!data || typeof data !== "object" || !Array.isArray(data.ticked)) return new Set();
  return new Set(data.ticked.filter((id) => typeof id === "string"));
}

// Closed <details> print open, and close again afterwards. Browsers print them closed; CSS
// can open them only where ::details-content is supported (guide-print.css), so this covers
// the rest. https://developer.mozilla.org/docs/Web/API/Window/beforeprint_event
function openDetailsForPrint() {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = [...document.querySelectorAll(".md-typeset details:not([open])")];
    for (const details of opened) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });
}
