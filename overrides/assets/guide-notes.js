// guide-notes.js: debrief notes, and the reader's data for an article as a file.
//
// Notes: the page lists each section's questions; this module shows a note field under each,
// keeps what the reader types on this device (storage part "notes": {"notes": {id: text}})
// and restores it. Each keystroke is saved at once (a small write), so a quick reload loses
// nothing. A note whose prompt `feeds` an email field tells the composer through a bubbling
// `guide:note-input` CustomEvent ({prompt, text, feeds}) on the note field.
//
// Data: "Export my notes" writes a readable Markdown file (ticks, notes, the email) that ends
// with a machine-readable block; "Import" puts exactly that back, after checking it; "Delete
// my data" clears every part of this article (and no other article's). After an import or a
// delete the page dispatches `guide:data-changed` on the article and reloads, so every widget
// (the checklist is another module) shows what is stored now, not what it showed before.
//
// Reader input only ever reaches the page through textContent and value, never innerHTML.

import { articleStore, eachPage, prefix } from "./guide-store.js";

const FORMAT = "career-guide-notes";
const FORMAT_VERSION = 1;
const MARKER = "<!-- career-guide-notes";
const MAX_FILE_BYTES = 2_000_000;

// ---------------------------------------------------------------------------------------------
// Notes

function storedNotes(store) {
  const data = store.read("notes", null);
  return data && data.notes && typeof data.notes === "object" ? { ...data.notes } : {};
}

function setupNotes(root) {
  const article = root.closest("[data-guide-article]");
  const store = articleStore(article.dataset.guideArticle);
  const fields = [...root.querySelectorAll("[data-guide-note]")];

  function show(notes) {
    for (const field of fields) {
      const text = typeof notes[field.dataset.guideNote] === "string" ? notes[field.dataset.guideNote] : "";
      if (field.value !== text && document.activeElement !== field) field.value = text;
    }
  }

  function save(field) {
    const notes = storedNotes(store);
    const id = field.dataset.guideNote;
    if (field.value.trim()) notes[id] = field.value;
    else delete notes[id];
    if (Object.keys(notes).length) store.write("notes", { notes });
    else store.remove("notes");
    field.dispatchEvent(
      new CustomEvent("guide:note-input", {
        bubbles: true,
        detail: { prompt: id, text: field.value, feeds: field.dataset.guideFeeds || null },
      }),
    );
  }

  const onEdit = (event) => {
    if (event.target.dataset && event.target.dataset.guideNote) save(event.target);
  };
  root.addEventListener("input", onEdit);
  root.addEventListener("change", onEdit);
  const stop = store.onChange("notes", () => show(storedNotes(store)));

  show(storedNotes(store));
  const intro = root.querySelector("[data-guide-notes-intro]");
  intro.textContent = store.persistent
    ? "Write your answers here. They are kept on this device as you type and are here when you come back; nothing leaves your browser."
    : "Write your answers here. Your browser is not letting this site keep data, so they last only while this page is open.";
  for (const field of fields) field.hidden = false;
  root.classList.add("guide-notes--ready");
  return stop;
}

// ---------------------------------------------------------------------------------------------
// Export

// Reader text as a Markdown quote; two trailing spaces keep its line breaks when rendered.
function quoted(text) {
  const lines = text.replace(/\r\n?/g, "\n").trim().split("\n");
  return lines
    .map((line, i) => (line ? `> ${line}${lines[i + 1] ? "  " : ""}` : ">"))
    .join("\n");
}

// JSON safe inside an HTML comment and a Markdown file: no <, > or & left as such.
function safeJson(value) {
  return JSON.stringify(value, null, 1).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function knownParts(store) {
  const parts = {};
  for (const name of ["checklist", "notes", "email"]) {
    const data = store.read(name, null);
    if (data) parts[name] = data;
  }
  return parts;
}

async function exportMarkdown(outline, store, parts) {
  const ticked = new Set(parts.checklist && Array.isArray(parts.checklist.ticked) ? parts.checklist.ticked : []);
  const notes = parts.notes && parts.notes.notes ? parts.notes.notes : {};
  const today = new Date();
  const lines = [
    `# My notes: ${outline.title}`,
    "",
    `From ${location.origin}${location.pathname}, exported on ${today.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}.`,
    "This file was made on your device and has been sent nowhere. To put these notes back in a browser,",
    "open the article and choose “Import notes from a file”.",
  ];

  const withItems = outline.sections.filter((section) => section.items.length);
  if (withItems.length) {
    lines.push("", "## Checklist");
    for (const section of withItems) {
      lines.push("", `### ${section.heading}`, "");
      for (const item of section.items) lines.push(`- [${ticked.has(item.id) ? "x" : " "}] ${item.text}`);
    }
  }

  const prompts = outline.sections.flatMap((section) => section.prompts);
  if (prompts.length) {
    lines.push("", "## Notes");
    for (const prompt of prompts) {
      const text = typeof notes[prompt.id] === "string" ? notes[prompt.id] : "";
      lines.push("", `### ${prompt.question}`, "", text.trim() ? quoted(text) : "_No note yet._");
    }
  }

  const data = document.querySelector("[data-guide-email-data]");
  if (data) {
    try {
      const mail = await import("./guide-email.js");
      const template = JSON.parse(data.textContent);
      const email = mail.fillEmail(template, mail.emailValues(template, mail.readDraft(store), mail.readNotes(store)));
      lines.push("", "## Email draft", "");
      if (email.to) lines.push(`**To:** ${email.to}  `);
      lines.push(`**Subject:** ${email.subject}`, "", quoted(email.body));
    } catch (error) {
      console.error("career guide: the email could not be added to the export", error);
    }
  }

  const block = { format: FORMAT, version: FORMAT_VERSION, article: outline.slug, title: outline.title, exported: today.toISOString(), parts };
  lines.push(
    "",
    "---",
    "",
    "The block below lets “Import notes from a file” put all of this back exactly. Please leave it as it is.",
    "",
    MARKER,
    safeJson(block),
    "-->",
    "",
  );
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Import

class ImportRefused extends Error {}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const isText = (value) => typeof value === "string";

// The parts in an exported file for this article, checked; throws ImportRefused with the reason.
export function readExport(text, slug) {
  const start = text.lastIndexOf(MARKER);
  const end = start < 0 ? -1 : text.indexOf("-->", start);
  if (start < 0 || end < 0) {
    throw new ImportRefused(
      "That file is not a notes file from this guide: it has none of the saved data “Export my notes” puts in. Nothing was changed.",
    );
  }
  let block;
  try {
    block = JSON.parse(text.slice(start + MARKER.length, end));
  } catch (error) {
    throw new ImportRefused("That notes file is damaged: its saved data cannot be read. Nothing was changed.");
  }
  if (!isObject(block) || block.format !== FORMAT) {
    throw new ImportRefused("That file is not a notes file from this guide. Nothing was changed.");
  }
  if (block.version !== FORMAT_VERSION) {
    throw new ImportRefused("That notes file was made by a different version of this guide and cannot be read here. Nothing was changed.");
  }
  if (block.article !== slug) {
    const title = isText(block.title) ? `“${block.title}”` : "another article";
    throw new ImportRefused(`That file holds notes for ${title}, not this article. Open that article to import it. Nothing was changed.`);
  }
  const parts = isObject(block.parts) ? block.parts : null;
  const damaged = () => new ImportRefused("That notes file is damaged: some of its saved data is not what this guide writes. Nothing was changed.");
  if (!parts) throw damaged();
  const checked = {};
  if ("checklist" in parts) {
    const part = parts.checklist;
    if (!isObject(part) || !Array.isArray(part.ticked) || !part.ticked.every(isText)) throw damaged();
    checked.checklist = { ...part, ticked: [...new Set(part.ticked)] };
  }
  if ("notes" in parts) {
    const part = parts.notes;
    if (!isObject(part) || !isObject(part.notes) || !Object.values(part.notes).every(isText)) throw damaged();
    checked.notes = part;
  }
  if ("email" in parts) {
    const part = parts.email;
    const edited = part && part.edited;
    if (!isObject(part) || !isObject(part.fields) || !Object.values(part.fields).every(isText)) throw damaged();
    if (edited !== undefined && !(Array.isArray(edited) && edited.every(isText))) throw damaged();
    checked.email = part;
  }
  return checked;
}

// ---------------------------------------------------------------------------------------------
// The data widget (after the article)

// A message to show after the reload that follows an import or a delete (this tab only).
function flashKey(slug) {
  return `${prefix(slug)}flash`;
}

function setFlash(slug, message) {
  try {
    window.sessionStorage.setItem(flashKey(slug), message);
  } catch (error) {
    // No session storage: the page reloads without the message, which is all it loses.
  }
}

function takeFlash(slug) {
  try {
    const message = window.sessionStorage.getItem(flashKey(slug));
    window.sessionStorage.removeItem(flashKey(slug));
    return message;
  } catch (error) {
    return null;
  }
}

function setupData(root) {
  const slug = root.dataset.guideData;
  const store = articleStore(slug);
  const outline = JSON.parse(root.querySelector("[data-guide-data-outline]").textContent);
  const status = root.querySelector("[data-guide-data-status]");
  const file = root.querySelector("[data-guide-data-file]");
  const article = document.querySelector(`[data-guide-article="${CSS.escape(slug)}"]`);

  function say(message, isError = false) {
    status.textContent = "";
    status.classList.toggle("guide-data__status--error", isError);
    setTimeout(() => {
      status.textContent = message;
    }, 60);
  }

  // Everyone shows what is stored now: tell listeners, then reload (the simplest honest UI).
  function changed(message) {
    (article || root).dispatchEvent(new CustomEvent("guide:data-changed", { bubbles: true, detail: { slug } }));
    setFlash(slug, message);
    window.location.reload();
  }

  async function exportNotes() {
    const text = await exportMarkdown(outline, store, knownParts(store));
    const { download } = await import("./guide-email.js");
    download(`${slug}-notes.md`, "text/markdown;charset=utf-8", text);
    say(`Saved ${slug}-notes.md to your downloads.`);
  }

  async function importFile(chosen) {
    if (chosen.size > MAX_FILE_BYTES) {
      say("That file is too big to be a notes file from this guide. Nothing was changed.", true);
      return;
    }
    let parts;
    try {
      parts = readExport(await chosen.text(), slug);
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
      say(error.message, true);
      return;
    }
    if (store.parts().length && !window.confirm("Replace the ticks, notes and email draft kept on this device for this article with the ones in the file?")) {
      say("Import cancelled. Nothing was changed.");
      return;
    }
    store.clear();
    for (const [name, data] of Object.entries(parts)) store.write(name, data);
    changed("Your notes were imported from the file.");
  }

  function deleteData() {
    if (!window.confirm("Delete your ticks, notes and email draft for this article from this device? This cannot be undone.")) return;
    store.clear();
    changed("Everything kept on this device for this article has been deleted.");
  }

  root.addEventListener("click", (event) => {
    const action = event.target.closest("[data-guide-data-action]")?.dataset.guideDataAction;
    if (action === "export") exportNotes();
    else if (action === "import") file.click();
    else if (action === "delete") deleteData();
  });
  file.addEventListener("change", () => {
    const chosen = file.files && file.files[0];
    file.value = ""; // choosing the same file again must fire "change" again
    if (chosen) importFile(chosen);
  });

  root.hidden = false;
  const flash = takeFlash(slug);
  if (flash) say(flash);
}

eachPage("[data-guide-notes]", setupNotes);
eachPage("[data-guide-data]", setupData);
