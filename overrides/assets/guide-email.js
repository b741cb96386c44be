// guide-email.js: the email composer. The page shows the template as text; this module turns
// it into a form with a live preview, and the email into a copy, a mailto: link or an .eml
// draft. What the reader types stays on this device (storage part "email"); nothing is sent.
//
// The filling rules mirror hooks/email_template.py (the reference; the tests hold the two to
// the same output): paragraphs split at blank lines, their lines joined; a paragraph whose
// optional placeholders are all empty is left out; an empty required one shows "[its label]".
//
// A field that a debrief note feeds (`feeds:` in the article) shows that note's text until the
// reader edits the field here; from then on the reader's own words in the email win, and
// "Use my note again" (or "Clear draft") goes back to the note. The edited fields are listed
// under "edited" in the email part: {"fields": {...}, "edited": ["clarification"]}.
//
// Reader input only ever reaches the page through textContent and value, never innerHTML.

import { articleStore, eachPage } from "./guide-store.js";

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
const PARAGRAPH_BREAK = /\n[ \t]*(?:\n[ \t]*)+\n?/;
const PLACEHOLDERS_ONLY = /^(?:[ \t]*\{[a-z][a-z0-9_]*\})+[ \t]*$/;
// Past this many characters some email apps and browsers cut a mailto: link off or refuse it.
export const MAILTO_LIMIT = 1800;

// ---------------------------------------------------------------------------------------------
// The template (same rules as hooks/email_template.py)

function newlines(text) {
  return text.replace(/\r\n?/g, "\n");
}

function clean(value) {
  return typeof value === "string" ? newlines(value).trim() : "";
}

// Python's str.strip("\n"): only newlines, from both ends.
function stripNewlines(text) {
  return text.replace(/^\n+|\n+$/g, "");
}

// A paragraph's lines joined with spaces, except after a line ending in a backslash (the
// break stays, the backslash goes) and around a line of placeholders only ("{your_name}").
function joinLines(paragraph) {
  const lines = paragraph.split("\n").map((line) => line.trim()).filter(Boolean);
  let text = lines[0];
  for (let i = 1; i < lines.length; i++) {
    const before = lines[i - 1];
    const line = lines[i];
    if (before.endsWith("\\")) text = `${text.slice(0, -1).trimEnd()}\n${line}`;
    else if (PLACEHOLDERS_ONLY.test(before) || PLACEHOLDERS_ONLY.test(line)) text += `\n${line}`;
    else text += ` ${line}`;
  }
  return text;
}

export function paragraphs(body) {
  const text = stripNewlines(newlines(body || ""));
  if (!text.trim()) return [];
  return text
    .split(PARAGRAPH_BREAK)
    .filter((part) => part.trim())
    .map(joinLines);
}

function placeholders(text) {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

// Pieces of one filled-in text: {text} for words, {text, blank: true} for an empty required field.
function put(text, fields, values, oneLine) {
  const pieces = [];
  let position = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > position) pieces.push({ text: text.slice(position, match.index) });
    const field = fields.get(match[1]);
    let value = values[field.name];
    if (oneLine) value = value.split(/\s+/).filter(Boolean).join(" ");
    if (value) pieces.push({ text: value });
    else if (field.required) pieces.push({ text: `[${field.label}]`, blank: true });
    position = match.index + match[0].length;
  }
  if (position < text.length) pieces.push({ text: text.slice(position) });
  return pieces;
}

function joined(pieces) {
  return pieces.map((piece) => piece.text).join("");
}

// Trim a one-line part the way Python's str.strip() does, keeping the pieces.
function trimPieces(pieces) {
  const out = pieces.map((piece) => ({ ...piece }));
  while (out.length && !out[0].blank && !out[0].text.trimStart()) out.shift();
  if (out.length && !out[0].blank) out[0].text = out[0].text.trimStart();
  while (out.length && !out[out.length - 1].blank && !out[out.length - 1].text.trimEnd()) out.pop();
  if (out.length && !out[out.length - 1].blank) out[out.length - 1].text = out[out.length - 1].text.trimEnd();
  return out;
}

// The email with the reader's words in it: text for the outputs, pieces for the preview.
export function fillEmail(template, rawValues) {
  const fields = new Map(template.fields.map((field) => [field.name, field]));
  const values = {};
  for (const field of template.fields) values[field.name] = clean(rawValues[field.name]);
  const missing = template.fields.filter((field) => field.required && !values[field.name]);
  const kept = paragraphs(template.body).filter((paragraph) => {
    const optional = placeholders(paragraph).filter((name) => !fields.get(name).required);
    return !(optional.length && !optional.some((name) => values[name]));
  });
  const to = trimPieces(put(template.to || "", fields, values, true));
  const subject = trimPieces(put(template.subject, fields, values, true));
  const body = [];
  kept.forEach((paragraph, index) => {
    if (index) body.push({ text: "\n\n" });
    body.push(...put(paragraph, fields, values, false));
  });
  return {
    to: joined(to),
    subject: joined(subject),
    body: joined(body),
    pieces: { to, subject, body },
    missing,
  };
}

export function wordCount(text) {
  return (text.match(/\S+/g) || []).length;
}

// The values the email uses: the reader's draft, and for a field fed by a note that the
// reader has not edited in the email, the note's text.
export function emailValues(template, draft, notes) {
  const values = { ...draft.fields };
  for (const [name, feed] of Object.entries(template.feeds || {})) {
    if (!draft.edited.includes(name)) values[name] = notes[feed.prompt] || "";
  }
  return values;
}

// A stored draft, checked: anything that is not text is dropped.
export function readDraft(store) {
  const data = store.read("email", null);
  const fields = {};
  if (data && data.fields && typeof data.fields === "object") {
    for (const [name, value] of Object.entries(data.fields)) if (typeof value === "string") fields[name] = value;
  }
  const edited = data && Array.isArray(data.edited) ? data.edited.filter((name) => typeof name === "string") : [];
  return { fields, edited };
}

export function readNotes(store) {
  const data = store.read("notes", null);
  return data && data.notes && typeof data.notes === "object" ? data.notes : {};
}

// ---------------------------------------------------------------------------------------------
// Outputs

// mailto: per RFC 6068: percent-encoded UTF-8, %20 for spaces (never +), CRLF line breaks.
export function mailtoHref(email) {
  const encode = (text) => encodeURIComponent(text);
  const address = encode(email.to).replace(/%40/g, "@");
  const query = `subject=${encode(email.subject)}&body=${encode(email.body.replace(/\n/g, "\r\n"))}`;
  return `mailto:${address}?${query}`;
}

function utf8Base64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// A header value: as it is when it is short printable ASCII, else RFC 2047 encoded words
// (at most 45 bytes of UTF-8 each, never splitting a character), folded onto new lines.
function headerValue(text) {
  const value = text.replace(/[\r\n]+/g, " ");
  if (/^[\x20-\x7e]*$/.test(value) && value.length <= 900) return value;
  const words = [];
  let chunk = "";
  const encoder = new TextEncoder();
  for (const character of value) {
    if (encoder.encode(chunk + character).length > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += character;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${utf8Base64(word)}?=`).join("\r\n ");
}

// An unsent draft that mail apps open for editing (X-Unsent: 1 is Outlook's flag for it).
export function emlText(email) {
  const lines = ["X-Unsent: 1"];
  if (email.to) lines.push(`To: ${email.to.replace(/[\r\n]+/g, " ")}`);
  lines.push(
    `Subject: ${headerValue(email.subject)}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
  );
  const encoded = utf8Base64(email.body.replace(/\n/g, "\r\n"));
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join("\r\n") + "\r\n";
}

export function copyText(email) {
  return `Subject: ${email.subject}\n\n${email.body}`;
}

// Save `text` as a file through a Blob and a temporary <a download>.
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------------------------------------
// The widget

function pieceNodes(pieces) {
  return pieces.map((piece) => {
    if (!piece.blank) return document.createTextNode(piece.text);
    const mark = document.createElement("mark");
    mark.className = "guide-email__missing";
    mark.textContent = piece.text;
    return mark;
  });
}

function listOf(labels) {
  if (labels.length < 2) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

function setup(root) {
  const template = JSON.parse(root.querySelector("[data-guide-email-data]").textContent);
  const article = root.closest("[data-guide-article]");
  const store = articleStore(article ? article.dataset.guideArticle : template.slug);
  const composer = root.querySelector("[data-guide-email-composer]");
  const out = (name) => root.querySelector(`[data-guide-email-out="${name}"]`);
  const inputs = new Map([...root.querySelectorAll("[data-guide-email-field]")].map((el) => [el.dataset.guideEmailField, el]));
  const mailto = root.querySelector('[data-guide-email-action="mailto"]');
  const feeds = template.feeds || {};

  let draft = readDraft(store);
  let notes = readNotes(store);
  let wasLong = false;
  let email = null;

  function announce(message) {
    const status = out("status");
    status.textContent = "";
    // A fresh text node after a pause, so the same words ("Copied") are announced again.
    setTimeout(() => {
      status.textContent = message;
    }, 60);
  }

  function save() {
    const fields = {};
    for (const [name, value] of Object.entries(draft.fields)) if (value) fields[name] = value;
    if (!Object.keys(fields).length && !draft.edited.length) store.remove("email");
    else store.write("email", { fields, edited: draft.edited });
  }

  // Put values into the form: the draft, and notes into the fields they feed.
  function fillForm() {
    const values = emailValues(template, draft, notes);
    for (const [name, input] of inputs) {
      const value = values[name] || "";
      if (input.value !== value) input.value = value;
    }
  }

  function showFeeds() {
    for (const [name, feed] of Object.entries(feeds)) {
      const line = root.querySelector(`[data-guide-email-fed="${name}"]`);
      const refill = root.querySelector(`[data-guide-email-refill="${name}"]`);
      if (!line) continue;
      const edited = draft.edited.includes(name);
      line.textContent = edited
        ? `You have edited this here, so your note “${feed.question}” no longer changes it.`
        : `Filled in from your note “${feed.question}” above. Editing it here changes only the email.`;
      line.hidden = false;
      if (refill) refill.hidden = !edited || (draft.fields[name] || "") === (notes[feed.prompt] || "");
    }
  }

  function render() {
    email = fillEmail(template, emailValues(template, draft, notes));
    const to = out("to");
    if (to && email.to) to.replaceChildren(...pieceNodes(email.pieces.to));
    else if (to) {
      const none = document.createElement("span");
      none.className = "guide-email__none";
      none.textContent = "nobody yet: add their address above, or in your email app";
      to.replaceChildren(none);
    }
    out("subject").replaceChildren(...pieceNodes(email.pieces.subject));
    out("body").replaceChildren(...pieceNodes(email.pieces.body));

    const missing = email.missing.map((field) => field.label);
    out("missing").textContent = missing.length
      ? `Still to fill in: ${listOf(missing)}.`
      : "Everything the email needs is filled in.";
    out("missing").classList.toggle("guide-email__todo--done", !missing.length);

    const words = wordCount(email.body);
    const limit = template.wordLimit;
    const long = Boolean(limit) && words > limit;
    out("count").textContent = limit
      ? `${words} ${words === 1 ? "word" : "words"} (keep it under ${limit})`
      : `${words} ${words === 1 ? "word" : "words"}`;
    out("count").classList.toggle("guide-email__count--long", long);
    if (long !== wasLong) {
      out("long").textContent = long
        ? `This email is getting long: over ${limit} words. Keep it short and polite, not a diatribe.`
        : "";
      wasLong = long;
    }

    const href = mailtoHref(email);
    const tooLong = out("toolong");
    if (href.length > MAILTO_LIMIT) {
      // A link without href is no link at all: keep it in the tab order, disabled and explained.
      mailto.removeAttribute("href");
      mailto.setAttribute("role", "link");
      mailto.setAttribute("tabindex", "0");
      mailto.setAttribute("aria-disabled", "true");
      mailto.setAttribute("aria-describedby", tooLong.id);
      tooLong.textContent =
        `This email is too long to open in your email app from a link (${href.length.toLocaleString("en")} ` +
        `characters; links past about ${MAILTO_LIMIT.toLocaleString("en")} get cut off). ` +
        "Use “Copy email” instead and paste it into a new email.";
      tooLong.hidden = false;
    } else {
      mailto.href = href;
      for (const name of ["role", "tabindex", "aria-disabled"]) mailto.removeAttribute(name);
      mailto.removeAttribute("aria-describedby");
      tooLong.hidden = true;
      tooLong.textContent = "";
    }
    showFeeds();
  }

  async function copy() {
    const text = copyText(email);
    const fallback = out("fallback");
    try {
      await navigator.clipboard.writeText(text);
      fallback.hidden = true;
      announce("Copied: the subject and the email are on your clipboard.");
      return;
    } catch (error) {
      // No Clipboard API (an insecure page, an old browser) or permission refused: below.
    }
    // The older way: select text in a textarea and ask the browser to copy the selection.
    fallback.value = text;
    fallback.hidden = false;
    fallback.focus();
    fallback.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    if (copied) {
      fallback.hidden = true;
      root.querySelector('[data-guide-email-action="copy"]').focus();
      announce("Copied: the subject and the email are on your clipboard.");
    } else {
      announce("Your browser did not let this page copy. The email is selected below: press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  }

  function clear() {
    const stored = Object.keys(draft.fields).length || draft.edited.length;
    if (stored && !window.confirm("Clear your email draft? What you typed into the email form is removed from this device. Your notes stay.")) {
      return;
    }
    draft = { fields: {}, edited: [] };
    store.remove("email");
    fillForm();
    render();
    announce("Draft cleared.");
  }

  composer.addEventListener("input", (event) => {
    const name = event.target.dataset && event.target.dataset.guideEmailField;
    if (!name) return;
    draft.fields[name] = event.target.value;
    if (feeds[name] && !draft.edited.includes(name)) draft.edited.push(name);
    save();
    render();
  });

  composer.addEventListener("click", (event) => {
    const target = event.target.closest("[data-guide-email-action], [data-guide-email-refill]");
    if (!target) return;
    if (target.dataset.guideEmailRefill) {
      const name = target.dataset.guideEmailRefill;
      draft.edited = draft.edited.filter((edited) => edited !== name);
      delete draft.fields[name];
      save();
      fillForm();
      render();
      inputs.get(name).focus();
      announce("The field shows your note again.");
      return;
    }
    const action = target.dataset.guideEmailAction;
    if (action === "copy") copy();
    else if (action === "eml") {
      download("email-draft.eml", "message/rfc822", emlText(email));
      announce("Downloading email-draft.eml: open it with your email app to edit and send it.");
    } else if (action === "clear") clear();
  });

  // A note that feeds a field changes as the reader types it (guide-notes.js tells us).
  const onNote = (event) => {
    const { prompt, text } = event.detail || {};
    if (typeof prompt !== "string") return;
    notes = { ...notes, [prompt]: typeof text === "string" ? text : "" };
    fillForm();
    render();
  };
  (article || document).addEventListener("guide:note-input", onNote);

  // Another tab changed the draft or the notes: show what is stored now.
  const stopDraft = store.onChange("email", () => {
    draft = readDraft(store);
    fillForm();
    render();
  });
  const stopNotes = store.onChange("notes", () => {
    notes = readNotes(store);
    fillForm();
    render();
  });

  if (!store.persistent) root.querySelector("[data-guide-email-memory]").hidden = false;
  fillForm();
  render();
  root.querySelector("[data-guide-email-template]").hidden = true;
  composer.hidden = false;
  root.classList.add("guide-email--ready");

  return () => {
    (article || document).removeEventListener("guide:note-input", onNote);
    stopDraft();
    stopNotes();
  };
}

eachPage("[data-guide-email]", setup);
