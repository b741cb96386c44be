// Debrief notes: a note field under each question, kept as the reader types (the "notes" part,
// see guide-store.js). Each root is one section's questions (partials/guide-prompts.html).
// On paper a textarea prints only the rows it shows, so every note also has a plain copy
// that only print shows, whole (guide.css).
import { articleStore, byName, entryOf } from "./guide-store.js";
import { touchedEarly, widget } from "./guide-widget.js";
import { format } from "./guide-words.js";

widget("notes", (root) => {
  const article = root.closest("[data-guide-article]");
  const store = articleStore(article.dataset.guideArticle);
  const fields = [...root.querySelectorAll("[data-guide-note]")];
  const printedCopy = (field) => root.querySelector(`[data-guide-note-print="${field.name}"]`);

  // The note as it will print.
  function updatePrintedCopy(field) {
    printedCopy(field).textContent = field.value.trim() ? field.value : "";
  }

  // Keeps one field's note with the others as they are stored; an emptied note is removed.
  function keep(field) {
    store.update("notes", (data) => {
      const notes = byName(data?.notes);
      if (field.value.trim()) notes[field.name] = field.value;
      else delete notes[field.name];
      return Object.keys(notes).length ? { notes } : undefined;
    });
    updatePrintedCopy(field);
  }

  // Shows the stored notes; the field the reader is typing in is left alone.
  function showStored(data) {
    for (const field of fields) {
      if (field != document.activeElement) field.value = entryOf(data?.notes, field.name) || "";
      updatePrintedCopy(field);
    }
  }

  // Another tab changed the notes. A note this tab's reader is typing in stays as it is; if the
  // other tab wrote that same note at the same time, what it wrote is shown beside it, with a
  // button to add it, so neither text is dropped without a word. An import or a delete here
  // replaces every note.
  function takeChange(data, previous) {
    if (previous === undefined) return showStored(data);
    for (const field of fields) {
      const theirs = entryOf(data?.notes, field.name) || "";
      if ((entryOf(previous.notes, field.name) || "") == theirs) continue; // not changed there
      if (field == document.activeElement && field.guideTypedHere && theirs != field.value) showConflict(field, theirs);
      else field.value = theirs;
      updatePrintedCopy(field);
    }
  }

  const conflictOf = (field) => root.querySelector(`[data-guide-note-conflict="${field.name}"]`);

  function showConflict(field, theirs) {
    const box = conflictOf(field);
    const words = box.querySelector("[data-words]");
    words.textContent = format(words.dataset.words, { text: theirs });
    box.dataset.theirs = theirs;
    box.hidden = !theirs;
  }

  root.addEventListener("click", ({ target }) => {
    const button = target.closest("[data-guide-note-take]");
    if (!button) return;
    const field = root.querySelector(`[data-guide-note="${button.dataset.guideNoteTake}"]`);
    const box = conflictOf(field);
    field.value = `${field.value.trimEnd()}\n\n${box.dataset.theirs}`;
    box.hidden = true;
    keep(field);
    field.focus();
  });

  // Says, at the note the reader is typing in, that the browser will not keep it (its storage
  // is full), and no longer that notes are kept as they are typed.
  let lastTyped = fields[0];
  function showKept() {
    const notKept = store.notKept("notes");
    for (const message of root.querySelectorAll("[data-guide-not-kept]")) {
      message.hidden = !notKept || !lastTyped?.parentElement.contains(message);
    }
    const kept = root.querySelector("[data-guide-notes-intro=kept]");
    if (store.persistent) kept.hidden = notKept;
  }

  // The reader types.
  root.addEventListener("input", ({ target }) => {
    if (!fields.includes(target)) return;
    lastTyped = target;
    target.guideTypedHere = true;
    keep(target);
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

  showKept();
  const stops = [store.onChange("notes", takeChange), store.onKept(showKept)];
  return () => stops.forEach((stop) => stop());
});
