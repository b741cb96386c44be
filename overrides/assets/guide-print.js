// The printable checklist (checklist-print.html): ticks on the sheet the boxes the reader
// ticked on the article, and offers to print it with those ticks or blank.
import { articleStore, format, plural, widget } from "./guide-store.js";

widget("print", (root) => {
  const store = articleStore(root.dataset.guidePrint);
  const boxes = [...root.querySelectorAll("[data-guide-sheet-item]")];
  const printButton = root.querySelector("[data-guide-print-action=print]");
  const blankButton = root.querySelector("[data-guide-print-action=blank]");
  const status = root.querySelector("[data-guide-print-status]");
  const plainWords = printButton.textContent; // "Print": the words live in the template
  let ticked = [];

  const tickOnSheet = (ids) => boxes.forEach((box) => (box.checked = ids.includes(box.dataset.guideSheetItem)));

  // Shows the stored ticks, and says what printing will give.
  function showStored(data) {
    ticked = data?.ticked || [];
    tickOnSheet(ticked);
    const n = boxes.filter((box) => box.checked).length;
    printButton.textContent = n ? printButton.dataset.ticks : plainWords;
    blankButton.hidden = !n;
    status.textContent = format(n ? plural(JSON.parse(status.dataset.ticked), n) : status.dataset.none, { n });
  }

  // After printing blank, the sheet shows the reader's ticks again.
  const restoreTicks = () => tickOnSheet(ticked);

  printButton.addEventListener("click", () => print());
  blankButton.addEventListener("click", () => {
    tickOnSheet([]);
    print();
  });
  addEventListener("afterprint", restoreTicks);
  const stopListening = store.onChange("checklist", showStored);
  showStored(store.read("checklist"));
  return () => {
    stopListening();
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
