// The checklist: remembers an article's ticks (the "checklist" part, see guide-store.js) and
// shows the progress ("3 of 11 done", a bar, "Reset checklist"). The root is the progress box
// (partials/guide-progress.html); the boxes are the article's checklists.
import { articleStore } from "./guide-store.js";
import { touchedEarly, watchKept, widget } from "./guide-widget.js";
import { format } from "./guide-words.js";

let storageRefused = false; // once refused this visit, later pages say so from the start

widget("checklist", (progress) => {
  const article = document.querySelector("[data-guide-article]");
  const boxes = [...article.querySelectorAll("[data-guide-item]")];
  const store = articleStore(progress.dataset.guideProgress);
  const status = progress.querySelector("[data-guide-progress-status]");
  const bar = progress.querySelector("[data-guide-progress-bar]");
  const fill = progress.querySelector("[data-guide-progress-fill]");
  const reset = progress.querySelector("[data-guide-progress-action=reset]");
  const refusedNote = progress.querySelector("[data-guide-progress-note]");

  // Says once that ticks will be forgotten.
  function warnStorageRefused() {
    storageRefused = true;
    refusedNote.textContent ||= refusedNote.dataset.refused;
  }

  // The ids of the ticked items, in page order.
  const tickedIds = () => boxes.filter((box) => box.checked).map((box) => box.dataset.guideItem);

  // Shows the progress of the boxes as they are now, and tells whoever listens (guide:checklist).
  function showProgress(prefix = "") {
    const ticked = tickedIds();
    const done = ticked.length;
    const total = boxes.length;
    const words = prefix + format(done < total ? status.dataset.count : status.dataset.all, { done });
    if (status.textContent != words) status.textContent = words; // a live region speaks on change only
    // Read as "3 of 11", not as a percentage.
    bar.setAttribute("aria-valuenow", done);
    bar.setAttribute("aria-valuetext", format(bar.dataset.valuetext, { done }));
    fill.style.width = `${(100 * done) / total}%`;
    progress.classList.toggle("guide-progress--done", done == total);
    const detail = { ticked, done, total };
    article.dispatchEvent(new CustomEvent("guide:checklist", { bubbles: true, detail }));
  }

  // Keeps the ticks: the boxes `changed` as they are here over what is stored (another tab may
  // have ticked others a moment ago, unseen here yet), or every box as it is here. The write
  // names the items it changed, so another tab takes those and nothing else (takeChange).
  function save(changed = boxes) {
    const changedIds = changed.map((box) => box.dataset.guideItem);
    const kept = store.update("checklist", (data) => {
      const ticked = new Set(data?.ticked || []);
      for (const box of changed) {
        if (box.checked) ticked.add(box.dataset.guideItem);
        else ticked.delete(box.dataset.guideItem);
      }
      // In page order; an item no longer in the article is forgotten.
      return { ticked: boxes.map((box) => box.dataset.guideItem).filter((id) => ticked.has(id)) };
    }, changedIds);
    // A full quota is said at the widget (watchKept); a browser that keeps nothing, here.
    if (!kept && !store.persistent) warnStorageRefused();
  }

  // Ticks the boxes stored (none if nothing is).
  function showStored(data) {
    const ticked = data?.ticked || [];
    for (const box of boxes) box.checked = ticked.includes(box.dataset.guideItem);
    showProgress();
  }

  // Another tab changed the ticks: take the items its write says it changed (else what
  // `previous` lacks or had), keep this tab's others. Tabs in two processes see each other's
  // writes a moment late, so that tab may have written its list over a tick made here that it
  // had not yet heard of: the list then lacks the tick without having unticked it, and this tab,
  // which holds it, writes it again; neither tick is lost and both tabs end with the same list.
  // An import or a delete (in either tab) names nothing, and replaces all.
  function takeChange(data, previous, changedThere) {
    if (previous === undefined) return showStored(data);
    const now = new Set(data?.ticked || []);
    const before = new Set(previous.ticked || []);
    const taken = changedThere ? new Set(changedThere) : null;
    for (const box of boxes) {
      const id = box.dataset.guideItem;
      if (taken ? taken.has(id) : now.has(id) != before.has(id)) box.checked = now.has(id);
    }
    showProgress();
    const differing = boxes.filter((box) => box.checked != now.has(box.dataset.guideItem));
    if (differing.length) save(differing);
  }

  // The reader ticks or unticks a box.
  article.addEventListener("change", ({ target }) => {
    if (!boxes.includes(target)) return;
    showProgress();
    save([target]);
  });

  // "Reset checklist" unticks everything, once the reader confirms.
  reset.addEventListener("click", () => {
    if (!confirm(reset.dataset.confirm)) return;
    store.remove("checklist");
    for (const box of boxes) box.checked = false;
    showProgress(status.dataset.reset);
  });

  // Boxes the reader ticked or unticked before this module started keep the reader's choice
  // over what is stored, and are saved with it.
  const early = boxes.filter(touchedEarly).map((box) => [box, box.checked]);
  showStored(store.read("checklist"));
  for (const [box, checked] of early) box.checked = checked;
  if (early.length) {
    showProgress();
    save(early.map(([box]) => box));
  }
  if (storageRefused) warnStorageRefused();

  const stops = [store.onChange("checklist", takeChange), watchKept(progress, store, "checklist")];
  // Instant navigation has left this page: stop.
  return function stop() {
    stops.forEach((stop) => stop());
  };
});
