// Shows on the printable sheet the ticks made on the article, and prints <details> open.
import { articleStore, eachPage, format } from "./guide-store.js";

eachPage("[data-guide-print]", (root) => {
  const store = articleStore(root.dataset.guidePrint);
  const boxes = [...root.querySelectorAll("[data-guide-sheet-item]")];
  const actions = root.querySelector("[data-guide-print-actions]");
  const [button, blank] = actions.children;
  const status = root.querySelector("[data-guide-print-status]");
  const plain = button.textContent; // "Print": the words live in the template
  let ticked;
  const show = (ids) => boxes.forEach((box) => (box.checked = ids.includes(box.dataset.guideSheetItem)));
  const after = () => show(ticked);
  const load = (data) => {
    show((ticked = Array.isArray(data?.ticked) ? data.ticked : []));
    const n = boxes.filter((box) => box.checked).length;
    button.textContent = n ? button.dataset.ticks : plain;
    blank.hidden = !n;
    status.textContent = format(status.dataset[n > 1 ? "many" : n ? "one" : "none"], { n });
  };

  button.onclick = () => print();
  blank.onclick = () => {
    show([]);
    print();
  };
  addEventListener("afterprint", after);
  const stop = store.onChange("checklist", load);
  load(store.read("checklist"));
  return () => {
    stop();
    removeEventListener("afterprint", after);
  };
});

// Browsers print closed <details> closed; CSS opens them only where ::details-content works.
let opened = [];
addEventListener("beforeprint", () => {
  opened = [...document.querySelectorAll("details:not([open])")];
  for (const details of opened) details.open = true;
});
addEventListener("afterprint", () => opened.forEach((details) => (details.open = false)));
