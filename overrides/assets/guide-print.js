// The printable checklist (checklist-print.html): ticks on the sheet the boxes the reader
// ticked on the article, and offers to print it with those ticks or blank.
import { articleStore, format, plural, widget } from "./guide-store.js";

widget("print", (root) => {
  const store = articleStore(root.dataset.guidePrint);
  const boxes = [...root.querySelectorAll("[data-guide-sheet-item]")];
  const printButton = root.querySelector("[data-guide-print-action=print]");
  const blankButton = root.querySelector("[data-guide-print-action=blank]");
  const status = root.querySelector("[data-guide-print-status]");
  const noteSpaces = [...root.querySelectorAll("[data-guide-sheet-note]")];
  const plainWords = printButton.textContent; // "Print": the words live in the template
  let ticked = [];
  let notes = {};

  const tickOnSheet = (ids) => boxes.forEach((box) => (box.checked = ids.includes(box.dataset.guideSheetItem)));

  // Writes the reader's notes on the sheet's lines (none: the lines stay empty, to write on).
  function writeOnSheet(notes) {
    for (const space of noteSpaces) {
      const text = (notes?.[space.dataset.guideSheetNote] || "").trim();
      space.textContent = text;
      space.hidden = !text;
    }
  }

  // Shows the stored ticks, and says what printing will give.
  function showStored(data) {
    ticked = data?.ticked || [];
    tickOnSheet(ticked);
    const n = boxes.filter((box) => box.checked).length;
    printButton.textContent = n ? printButton.dataset.ticks : plainWords;
    blankButton.hidden = !n && !hasNotes();
    status.textContent = format(n ? plural(JSON.parse(status.dataset.ticked), n) : status.dataset.none, { n });
  }

  // What the reader wrote in the article's notes goes on the sheet with their ticks.
  function showNotes(data) {
    notes = data?.notes || {};
    writeOnSheet(notes);
    blankButton.hidden = !ticked.length && !hasNotes();
  }

  const hasNotes = () => noteSpaces.some((space) => !space.hidden);

  // After printing blank, the sheet shows the reader's ticks and notes again.
  const restoreTicks = () => {
    tickOnSheet(ticked);
    writeOnSheet(notes);
  };

  printButton.addEventListener("click", () => print());
  blankButton.addEventListener("click", () => {
    tickOnSheet([]);
    writeOnSheet({});
    print();
  });
  addEventListener("afterprint", restoreTicks);
  const stopListening = store.onChange("checklist", showStored);
  const stopListeningToNotes = store.onChange("notes", showNotes);
  showStored(store.read("checklist"));
  showNotes(store.read("notes"));
  return () => {
    stopListening();
    stopListeningToNotes();
    removeEventListener("afterprint", restoreTicks);
  };
});

// Browsers print closed <details> closed; CSS opens them only where ::details-content works.
let openedForPrint = [];
addEventListener("beforeprint", () => {
  openedForPrint = [...document.querySelectorAll("details:not([open])")];
  for (const details of openedForPrint) details.open = true;
});
addEventListener("afterprint", () => openedForPrint.forEach((details) => (details.open = false)));
