// Debrief notes: a note field under each question, kept as the reader types (the "notes" part,
// see guide-store.js). Each root is one section's questions (partials/guide-prompts.html).
// On paper a textarea prints only the rows it shows, so every note also has a plain copy
// that only print shows, whole (guide.css).
import { articleStore, touchedEarly, widget } from "./guide-store.js";

widget("notes", (root) => {
  const article = root.closest("[data-guide-article]");
  const store = articleStore(article.dataset.guideArticle);
  const fields = [...root.querySelectorAll("[data-guide-note]")];
  const printedCopy = (field) => root.querySelector(`[data-guide-note-print="${field.name}"]`);

  const storedNotes = () => ({ ...store.read("notes")?.notes });

  // The note as it will print.
  function updatePrintedCopy(field) {
    printedCopy(field).textContent = field.value.trim() ? field.value : "";
  }

  // Keeps one field's note with the others; an emptied note is removed.
  function keep(field) {
    const notes = storedNotes();
    if (field.value.trim()) notes[field.name] = field.value;
    else delete notes[field.name];
    if (Object.keys(notes).length) store.write("notes", { notes });
    else store.remove("notes");
    updatePrintedCopy(field);
  }

  // Shows the stored notes; the field the reader is typing in is left alone.
  function showStored(data) {
    const notes = data?.notes || {};
    for (const field of fields) {
      if (field != document.activeElement) field.value = notes[field.name] || "";
      updatePrintedCopy(field);
    }
  }

  // The reader types.
  root.addEventListener("input", ({ target }) => {
    if (fields.includes(target)) keep(target);
  });

  // Says whether the notes will last (the browser may refuse to keep data).
  for (const intro of root.querySelectorAll("[data-guide-notes-intro]")) {
    intro.hidden = intro.dataset.guideNotesIntro != (store.persistent ? "kept" : "lost");
  }

  // Notes typed before this module started are the reader's latest: kept, then all shown.
  const early = fields.filter(touchedEarly);
  early.forEach(keep);
  showStored(store.read("notes"));
  for (const field of early) updatePrintedCopy(field);

  return store.onChange("notes", showStored);
});
