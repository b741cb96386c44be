// Debrief notes, kept as they are typed ("notes": {"notes": {id: text}}), and the reader's data
// for the article as a Markdown file to export and import, or to delete.
import { articleStore, download, eachPage, format, say } from "./guide-store.js";

const MARK = "<!-- career-guide-notes";
const FLASH = "career-guide:flash"; // what to say after the reload that follows an import or a delete

eachPage("[data-guide-data]", (data) => {
  const slug = data.dataset.guideData;
  const store = articleStore(slug);
  const root = document.querySelector("[data-guide-article]");
  const status = data.querySelector("[role=status]");
  const [exporter, importer, deleter] = data.querySelectorAll("button");
  const file = data.querySelector("input");
  const fields = root.querySelectorAll("[data-guide-note]");
  const saved = () => ({ ...store.read("notes", {}).notes });
  const tell = (message, values = {}, error) => {
    status.classList.toggle("guide-data__status--error", !!error);
    say(status, format(status.dataset[message], values));
  };
  // Every widget then shows what is stored now.
  const reload = (message) => {
    try {
      sessionStorage[FLASH] = message;
    } catch {}
    location.reload();
  };
  const show = () => {
    const notes = saved();
    for (const field of fields) if (field != document.activeElement) field.value = notes[field.name] || "";
  };

  const keep = ({ name, value }) => {
    const notes = saved();
    if (value.trim()) notes[name] = value;
    else delete notes[name];
    if (Object.keys(notes)[0]) store.write("notes", { notes });
    else store.remove("notes");
  };
  root.addEventListener("input", ({ target }) => target.dataset.guideNote && keep(target));

  exporter.onclick = () => {
    const parts = Object.fromEntries(["checklist", "notes", "email"].map((part) => [part, store.read(part)]).filter(([, value]) => value));
    const ticked = parts.checklist?.ticked || [];
    const notes = parts.notes?.notes || {};
    // Two trailing spaces keep a line break in Markdown.
    const quote = (text) => text.trim().split("\n").map((line, i, lines) => (line ? `> ${line}${lines[i + 1] ? "  " : ""}` : ">")).join("\n");
    const email = (name) => root.querySelector(`[data-guide-email-out=${name}]`)?.textContent;
    const date = new Date();
    const lines = [`# My notes: ${data.dataset.title}`, "", format(data.dataset.intro, { url: location.origin + location.pathname, date: date.toLocaleDateString("en-GB", { dateStyle: "long" }) })];
    // The checklists and questions as the page shows them.
    const label = (input) => input.labels[0].textContent;
    const checklists = root.querySelectorAll("[data-guide-checklist]");
    if (checklists[0]) lines.push("", "## Checklist");
    for (const list of checklists) lines.push("", `### ${list.dataset.heading}`, "", ...[...list.querySelectorAll("[data-guide-item]")].map((box) => `- [${ticked.includes(box.name) ? "x" : " "}] ${label(box)}`));
    if (fields[0]) lines.push("", "## Notes");
    for (const field of fields) lines.push("", `### ${label(field)}`, "", notes[field.name]?.trim() ? quote(notes[field.name]) : "_No note yet._");
    if (email("body")) lines.push("", "## Email draft", "", ...(email("to") ? [`**To:** ${email("to")}  `] : []), `**Subject:** ${email("subject")}`, "", quote(email("body")));
    const block = { format: "career-guide-notes", version: 1, article: slug, title: data.dataset.title, exported: date.toISOString(), parts };
    // The JSON sits in an HTML comment: no <, > or & in it.
    const json = JSON.stringify(block, null, 1).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
    lines.push("", "---", "", data.dataset.keep, "", MARK, json, "-->", "");
    download(`${slug}-notes.md`, "text/markdown;charset=utf-8", lines.join("\n"));
    tell("saved", { file: `${slug}-notes.md` });
  };

  // The parts in an exported file, checked, or [the message that says why not, its values].
  const read = (text) => {
    const start = text.lastIndexOf(MARK);
    const end = start < 0 ? -1 : text.indexOf("-->", start);
    if (end < 0) return ["foreign"];
    let block;
    try {
      block = JSON.parse(text.slice(start + MARK.length, end));
    } catch {
      return ["unreadable"];
    }
    if (block?.format != "career-guide-notes") return ["format"];
    if (block.version != 1) return ["version"];
    if (block.article != slug) return ["other", { title: typeof block.title == "string" ? `“${block.title}”` : "another article" }];
    const { checklist, notes, email } = block.parts || {};
    // Text only, in an array (`list`) or in an object.
    const texts = (value, list) => value instanceof Object && Array.isArray(value) == list && Object.values(value).every((text) => typeof text == "string");
    const ok = block.parts instanceof Object
      && (!checklist || texts(checklist.ticked, true))
      && (!notes || texts(notes.notes, false))
      && (!email || (texts(email.fields, false) && (!email.edited || texts(email.edited, true))));
    return ok ? { checklist, notes, email } : ["damaged"];
  };
  importer.onclick = () => file.click();
  file.onchange = async () => {
    const [chosen] = file.files;
    file.value = ""; // choosing the same file again must fire "change" again
    const parts = chosen.size > 2e6 ? ["big"] : read(await chosen.text());
    if (Array.isArray(parts)) return tell(parts[0], parts[1], true);
    if (store.parts()[0] && !confirm(importer.dataset.confirm)) return tell("cancelled");
    store.clear();
    for (const part in parts) if (parts[part]) store.write(part, parts[part]);
    reload("imported");
  };
  deleter.onclick = () => {
    if (!confirm(deleter.dataset.confirm)) return;
    store.clear();
    reload("deleted");
  };

  for (const field of fields) if (field.guideTyped) keep(field); // typed before this started: see guide.js
  show();
  for (const intro of root.querySelectorAll("[data-guide-notes-intro]")) intro.hidden = intro.dataset.guideNotesIntro != (store.persistent ? "kept" : "lost");
  try {
    if (sessionStorage[FLASH]) tell(sessionStorage[FLASH]);
    delete sessionStorage[FLASH];
  } catch {}
  return store.onChange("notes", show);
});
