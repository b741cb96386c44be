// The printable checklist (checklist-print.html): ticks on the sheet the boxes the reader
// ticked on the article, and offers to print it with those ticks or blank.
import { articleStore, entryOf } from "./guide-store.js";
import { widget } from "./guide-widget.js";
import { format, pageLanguage, plural } from "./guide-words.js";

// The papers a sheet is printed on, by height: A4 and US Letter (both about 210 mm wide).
const PAPER_HEIGHTS = ["297mm", "279.4mm"];

widget("print", (root) => {
  const store = articleStore(root.dataset.guidePrint);
  const boxes = [...root.querySelectorAll("[data-guide-sheet-item]")];
  const printButton = root.querySelector("[data-guide-print-action=print]");
  const blankButton = root.querySelector("[data-guide-print-action=blank]");
  const status = root.querySelector("[data-guide-print-status]");
  const noteSpaces = [...root.querySelectorAll("[data-guide-sheet-note]")];
  const sheet = root.querySelector(".guide-sheet");
  const cutStatus = root.querySelector("[data-guide-print-cut]");
  const plainWords = printButton.textContent; // "Print": the words live in the template
  let ticked = [];
  let notes; // by prompt id (a map without a prototype: see guide-store.js)

  const tickOnSheet = (ids) => boxes.forEach((box) => (box.checked = ids.includes(box.dataset.guideSheetItem)));

  // Writes the reader's notes on the sheet's lines (none: the lines stay empty, to write on),
  // each followed by the cover that hides its room's cut mark while the note fits (guide-sheet.css).
  function writeOnSheet(notes) {
    for (const space of noteSpaces) {
      const text = (entryOf(notes, space.dataset.guideSheetNote) || "").trim();
      const cover = Object.assign(document.createElement("span"), { className: "guide-sheet__cover" });
      space.replaceChildren(text, cover);
      space.hidden = space.nextElementSibling.hidden = !text;
    }
    sayWhatIsCut();
  }

  // Whether a room's cut mark shows: the note's cover no longer lies over it.
  function isCut(space) {
    const mark = space.nextElementSibling.getBoundingClientRect();
    const covers = [...space.lastElementChild.getClientRects()];
    return !covers.some((cover) => cover.top <= mark.top + 1 && cover.bottom >= mark.bottom - 1 && cover.left < mark.right && cover.right > mark.left);
  }

  // Says which notes will be cut on paper, measured on the sheet laid out as A4 and as Letter
  // (guide-sheet.css: --guide-sheet-layout: paper), then put back as the screen shows it.
  function sayWhatIsCut() {
    const written = noteSpaces.filter((space) => !space.hidden);
    const cut = new Set();
    if (written.length) {
      const screen = root.getAttribute("style");
      root.style.setProperty("--guide-sheet-layout", "paper");
      root.style.width = "210mm";
      for (const height of PAPER_HEIGHTS) {
        sheet.style.setProperty("--guide-paper-height", height);
        for (const space of written) if (isCut(space)) cut.add(space);
      }
      sheet.style.removeProperty("--guide-paper-height");
      if (screen === null) root.removeAttribute("style");
      else root.setAttribute("style", screen);
    }
    const questions = noteSpaces.filter((space) => cut.has(space)).map(questionOf);
    cutStatus.textContent = questions.length ? format(cutStatus.dataset.words, { notes: new Intl.ListFormat(pageLanguage()).format(questions) }) : "";
    cutStatus.hidden = !questions.length;
  }

  const questionOf = (space) => space.closest(".guide-sheet__note").querySelector(".guide-sheet__question").textContent.trim();

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
    notes = data?.notes;
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
