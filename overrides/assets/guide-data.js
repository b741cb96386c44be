// "Your notes on this device": everything kept for the article (every part guide-store.js
// knows) as a Markdown file to export and import, or deleted. The root is
// partials/guide-article-end.html; the file reads well as Markdown and ends with the data as
// JSON in an HTML comment, which import reads back exactly.
import { articleStore, checkedParts, isPersisted, PARTS } from "./guide-store.js";
import { widget } from "./guide-widget.js";
import { announceIn, download, format, pageLanguage } from "./guide-words.js";

const MARK = "<!-- career-guide-notes";
const FORMAT = "career-guide-notes";
// The most a file's data block can be, in bytes: what a backup of the most this guide can keep
// for an article would hold. Browsers keep 5 MiB of UTF-16 code units (keys and values) in
// localStorage and as much in sessionStorage (Chromium, Firefox, Safari), and a part is in one
// of the two (see guide-store.js); the block holds each part once, at most 3 bytes of UTF-8
// for each code unit stored (the escapes below stay within that), with its few lines of header.
// The Markdown before the block repeats the notes (an email may repeat a note more than once),
// so import reads only the end of a file, where the block is: a backup restores whatever its
// size, and a big file that is no backup is never read whole.
const STORAGE_UNITS = 2 * 5 * 1024 * 1024;
const BIGGEST_BLOCK = 3 * STORAGE_UNITS + 65_536;

widget("data", (root) => {
  const slug = root.dataset.guideData;
  const store = articleStore(slug);
  const article = document.querySelector("[data-guide-article]");
  const status = root.querySelector("[data-guide-data-status]");
  const control = (action) => root.querySelector(`[data-guide-data-action=${action}]`);
  const fileInput = root.querySelector("[data-guide-data-file]");
  const words = JSON.parse(root.dataset.words); // the exported file's headings, in the page's language

  // Says `message` (a data- attribute of the status line) with its {blanks} filled in.
  function tell(message, values = {}, isError = false) {
    status.classList.toggle("guide-data__status--error", isError);
    announceIn(status, format(status.dataset[message], values));
  }

  // ---------------------------------------------------------------------------------------------
  // Export

  // Markdown quote of a text; two trailing spaces keep a line break in Markdown.
  function quote(text) {
    const lines = text.trim().split("\n");
    return lines.map((line, i) => (line ? `> ${line}${lines[i + 1] ? "  " : ""}` : ">")).join("\n");
  }

  const labelOf = (input) => input.labels[0].textContent.trim();

  // Each part's section, in the order of PARTS (guide-store.js: each part writes its own).
  async function sections(parts) {
    const page = { article, words, quote, labelOf, store };
    const lines = [];
    for (const [part, { markdown }] of Object.entries(PARTS)) if (markdown) lines.push(...(await markdown(parts[part], page)));
    return lines;
  }

  async function exportFile() {
    const parts = store.snapshot();
    const date = new Date();
    const url = location.origin + location.pathname;
    const intro = format(root.dataset.intro, { url, date: date.toLocaleDateString(pageLanguage(), { dateStyle: "long" }) });
    const block = { format: FORMAT, version: 1, article: slug, title: root.dataset.title, exported: date.toISOString(), parts };
    // The JSON sits in an HTML comment, which "-->" (or "--!>") would end and "<!--" would
    // seem to open again: those alone are escaped (as JSON's \u003e, \u003c, only ever inside
    // its strings), so a note full of <, & or > is exported at its own size.
    const json = JSON.stringify(block, null, 1).replace(/--(!?)>/g, "--$1\\u003e").replace(/<!--/g, "\\u003c!--");
    const lines = [
      `# ${format(words.title, { title: root.dataset.title })}`,
      "",
      intro,
      ...(await sections(parts)),
      "",
      "---",
      "",
      root.dataset.keep,
      "",
      MARK,
      json,
      "-->",
      "",
    ];
    const name = `${slug}-notes.md`;
    download(name, "text/markdown;charset=utf-8", lines.join("\n"));
    tell("saved", { file: name });
  }

  // ---------------------------------------------------------------------------------------------
  // Import

  // The parts in an exported file (its end, where the block is: `whole` if that is all of it),
  // or [the message that says why not, its values].
  function partsInFile(text, whole) {
    const start = text.lastIndexOf(MARK);
    const end = start < 0 ? -1 : text.indexOf("-->", start);
    if (end < 0) return [whole ? "foreign" : "big"];
    let block;
    try {
      block = JSON.parse(text.slice(start + MARK.length, end));
    } catch {
      return ["unreadable"];
    }
    if (block?.format != FORMAT) return ["format"];
    if (block.version != 1) return ["version"];
    if (block.article != slug) {
      return ["other", { title: typeof block.title == "string" ? format(words.quoted, { title: block.title }) : words.another }];
    }
    return checkedParts(block.parts) || ["damaged"];
  }

  // The reader chose a file: its parts replace the stored ones, or nothing changes.
  async function importChosenFile() {
    const [chosen] = fileInput.files;
    fileInput.value = ""; // choosing the same file again must fire "change" again
    if (!chosen) return;
    const parts = partsInFile(await chosen.slice(-BIGGEST_BLOCK).text(), chosen.size <= BIGGEST_BLOCK);
    if (Array.isArray(parts)) return tell(parts[0], parts[1], true);
    if (store.holdsData() && !confirm(control("import").dataset.confirm)) return tell("cancelled");
    store.replace(parts); // every widget on the page shows the imported data
    tell("imported");
  }

  // ---------------------------------------------------------------------------------------------
  // Delete

  function deleteAll() {
    if (!confirm(control("delete").dataset.confirm)) return;
    store.clear(); // every widget on the page shows it empty
    tell("deleted");
  }

  const actions = { export: exportFile, import: () => fileInput.click(), delete: deleteAll };
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-guide-data-action]");
    if (button && Object.hasOwn(actions, button.dataset.guideDataAction)) actions[button.dataset.guideDataAction]();
  });
  fileInput.addEventListener("change", importChosenFile);

  // The note that the browser may clear the guide's storage, and how to keep a copy: not where
  // the browser has promised to keep it, nor where it keeps nothing (the widgets say so).
  isPersisted().then((persisted) => {
    if (persisted || !store.persistent) root.querySelector("[data-guide-data-durability]").hidden = true;
  });
});
