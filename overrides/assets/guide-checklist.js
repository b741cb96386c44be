// Remembers an article's ticks ("checklist": {"ticked": [ids]}) and shows the progress.
import { articleStore, eachPage, format } from "./guide-store.js";

let refused; // storage refused once this visit: later pages say so from the start

eachPage("[data-guide-progress]", (progress) => {
  const root = document.querySelector("[data-guide-article]");
  const boxes = [...root.querySelectorAll("[data-guide-item]")];
  const store = articleStore(progress.dataset.guideProgress);
  const [status, bar, reset, note] = ["status", "bar", "reset", "note"].map((name) => progress.querySelector(`[data-guide-progress-${name}]`));
  const warn = () => {
    refused = true;
    note.textContent ||= note.dataset.refused; // said once
  };
  const update = (prefix = "") => {
    const ticked = boxes.filter((box) => box.checked).map((box) => box.dataset.guideItem);
    const done = ticked.length, total = boxes.length;
    const words = prefix + format(done < total ? status.dataset.count : status.dataset.all, { done });
    if (status.textContent != words) status.textContent = words; // a live region speaks on change only
    bar.value = done;
    progress.classList.toggle("guide-progress--done", done == total);
    root.dispatchEvent(new CustomEvent("guide:checklist", { bubbles: true, detail: { ticked, done, total } }));
    return ticked;
  };
  const show = (data) => {
    const ticked = Array.isArray(data?.ticked) ? data.ticked : [];
    if (data && ticked != data.ticked) store.remove("checklist"); // not this shape: dropped
    for (const box of boxes) box.checked = ticked.includes(box.dataset.guideItem);
    update();
  };

  root.addEventListener("change", ({ target }) => {
    if (boxes.includes(target) && !store.write("checklist", { ticked: update() })) warn();
  });
  reset.onclick = () => {
    if (!confirm(reset.dataset.confirm)) return;
    store.remove("checklist");
    for (const box of boxes) box.checked = false;
    update(status.dataset.reset);
  };
  const early = boxes.filter((box) => box.guideTyped).map((box) => [box, box.checked]); // see guide.js
  show(store.read("checklist"));
  for (const [box, checked] of early) box.checked = checked;
  if ((early[0] && !store.write("checklist", { ticked: update() })) || refused) warn();
  const stop = store.onChange("checklist", show);
  return () => stop();
});
