// The email composer: a form, the email written from it as the reader types, and ways to send
// it (copy, the email app, a .eml file). The draft is the "email" part (see guide-store.js);
// a field that a debrief note feeds shows the note until the reader edits it here.
//
// The build renders the preview with the template's blanks (partials/guide-email.html), so
// starting this module changes text, not the page's height.
import { articleStore, byName, entryOf, wellFormed } from "./guide-store.js";
import { touchedEarly, watchKept, widget } from "./guide-widget.js";
import { announceIn, download, format, pageLanguage, plural } from "./guide-words.js";

const MAILTO_LIMIT = 1800; // mail apps cut off longer links
const EML_FILE = "email-draft.eml";

// ---------------------------------------------------------------------------------------------
// Filling in the template

// The rules are guide_core/email_template.py's, which also splits the template: each part comes
// as pieces, a string of text or {field: name}, and each paragraph with the optional fields that
// decide whether it is left out, so this module parses nothing. The table of cases
// tests/fixtures/email-cases.yml holds the two to the same output. Spaces are JavaScript's
// (\s, trim()), which the Python side spells out.
//
// Each part of the result comes as text and as pieces: strings, and {blank: label} for an empty
// required field, which the preview marks.
export function fillEmail(template, raw) {
  const fieldByName = byName(Object.fromEntries(template.fields.map((field) => [field.name, field])));
  const value = (name) => {
    const words = entryOf(raw, name);
    return typeof words == "string" ? words.replace(/\r\n?/g, "\n").trim() : "";
  };

  // The template's pieces with the reader's words in its placeholders.
  function put(parts, oneLine) {
    return parts.map((part) => {
      if (typeof part == "string") return part;
      const words = oneLine ? value(part.field).replace(/\s+/g, " ") : value(part.field);
      if (words) return words;
      return fieldByName[part.field].required ? { blank: fieldByName[part.field].label } : "";
    });
  }

  // A paragraph whose optional fields are all empty is left out.
  const leftOut = [];
  template.paragraphs.forEach(({ optional }, index) => {
    if (optional.length && !optional.some(value)) leftOut.push(index);
  });
  const body = template.paragraphs
    .filter((_, index) => !leftOut.includes(index))
    .flatMap(({ parts }, index) => [...(index ? ["\n\n"] : []), ...put(parts)]);
  const pieces = { to: trimmed(put(template.to, true)), subject: trimmed(put(template.subject, true)), body: merged(body) };
  const text = (part) => pieces[part].map((piece) => (typeof piece == "string" ? piece : `[${piece.blank}]`)).join("");
  return {
    to: text("to"),
    subject: text("subject"),
    body: text("body"),
    pieces,
    leftOut,
    missing: template.fields.filter((field) => field.required && !value(field.name)),
  };
}

// Pieces with neighbouring strings joined and empty ones dropped.
function merged(pieces) {
  const joined = [];
  for (const piece of pieces) {
    if (typeof piece == "string" && typeof joined.at(-1) == "string") joined[joined.length - 1] += piece;
    else joined.push(piece);
  }
  return joined.filter((piece) => piece !== "");
}

// Pieces without the spaces at their start and end (a blank is never blank).
function trimmed(pieces) {
  const joined = merged(pieces);
  if (typeof joined[0] == "string") joined[0] = joined[0].trimStart();
  if (typeof joined.at(-1) == "string") joined[joined.length - 1] = joined.at(-1).trimEnd();
  return joined.filter((piece) => piece !== "");
}

// Words in a text: runs of non-space (guide_core/email_template.py: word_count).
export const wordCount = (text) => text.split(/\s+/).filter(Boolean).length;

// The reader's words for every field: the draft's, or a feeding note's until edited here.
// `noteText(promptId)` gives a note's text.
export function fieldValues(template, draft, noteText) {
  const edited = draft.edited || [];
  const values = Object.create(null);
  for (const { name } of template.fields) {
    const feed = entryOf(template.feeds, name);
    values[name] = feed && !edited.includes(name) ? noteText(feed.prompt) : entryOf(draft.fields, name) || "";
  }
  return values;
}

// The email as stored for the article: what "Export my notes" writes (guide-data.js).
export function storedEmail(template, store) {
  const draft = store.read("email") || { fields: byName() };
  const notes = store.read("notes")?.notes;
  return fillEmail(template, fieldValues(template, draft, (prompt) => entryOf(notes, prompt) || ""));
}

// RFC 6068: UTF-8 percent-encoded, %20 for spaces, CRLF line breaks. (encodeURIComponent
// throws on a lone surrogate: the stored data has none, and the link never meets one.)
function mailtoHref(email) {
  const to = encodeURIComponent(wellFormed(email.to)).replace(/%40/g, "@");
  const subject = encodeURIComponent(wellFormed(email.subject));
  const body = encodeURIComponent(wellFormed(email.body).replace(/\n/g, "\r\n"));
  return `mailto:${to}?subject=${subject}&body=${body}`;
}

const base64 = (text) => btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(""));

// An unsent draft (X-Unsent is Outlook's flag), the subject as RFC 2047 encoded words.
function emlFile(email) {
  const encodedSubject = email.subject.match(/.{1,11}/gsu)?.map((word) => `=?UTF-8?B?${base64(word)}?=`).join("\r\n ");
  const lines = [
    "X-Unsent: 1",
    `Subject: ${encodedSubject || ""}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    ...(base64(email.body.replace(/\n/g, "\r\n")).match(/.{1,76}/g) || []),
    "",
  ];
  // A header is one line: no control character may reach it, whatever was typed or built
  // (a line break in To: could add a hidden header such as Bcc:).
  const to = (email.to || "").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  if (to) lines.unshift(`To: ${to}`);
  return lines.join("\r\n");
}

// ---------------------------------------------------------------------------------------------
// The composer

widget("email", (root) => {
  const template = JSON.parse(root.dataset.guideEmail);
  const article = root.closest("[data-guide-article]");
  const store = articleStore(article.dataset.guideArticle);
  const out = (name) => root.querySelector(`[data-guide-email-out=${name}]`);
  const status = out("status");
  const mailto = root.querySelector("[data-guide-email-action=mailto]");
  const tooLong = out("toolong");
  const inputs = [...root.querySelectorAll("[data-guide-email-field]")];
  const feeds = byName(template.feeds); // by field name
  let draft; // {fields, edited}: what the reader typed here
  let email; // the email as it is now (fillEmail)

  function loadStored() {
    const stored = store.read("email");
    draft = { fields: byName(stored?.fields), edited: [...(stored?.edited || [])] };
  }

  // A note's text, as stored now (the notes module stores it as it is typed). One typed
  // before the notes module started is not stored yet: it is read from its field, so that it
  // reaches the email at once.
  function noteText(promptId) {
    const field = article.querySelector(`[data-guide-note="${promptId}"]`);
    if (field && touchedEarly(field) && !field.closest("[data-guide-ready]")) return field.value;
    return entryOf(store.read("notes")?.notes, promptId) || "";
  }

  // Puts a part's pieces into an element of the preview, each blank as a marked "[label]".
  function showPieces(element, pieces) {
    element.replaceChildren(...pieces.map((piece) => {
      if (typeof piece == "string") return piece;
      return Object.assign(document.createElement("mark"), { className: "guide-email__missing", textContent: `[${piece.blank}]` });
    }));
  }

  // The link to the email app, or (for a link mail apps would cut off) a disabled link that
  // keeps its role and its place in the tab order and says why.
  function showMailto() {
    const href = mailtoHref(email);
    const fits = href.length <= MAILTO_LIMIT;
    tooLong.hidden = fits;
    if (fits) {
      mailto.href = href;
      mailto.removeAttribute("aria-disabled");
      mailto.removeAttribute("aria-describedby");
    } else {
      mailto.removeAttribute("href");
      mailto.setAttribute("aria-disabled", "true");
      mailto.setAttribute("aria-describedby", tooLong.id);
    }
  }

  // The "still to fill in" line, the word count and the warning for a long email.
  function showChecks() {
    const missing = out("missing");
    const labels = email.missing.map((field) => field.label);
    const list = new Intl.ListFormat(pageLanguage()).format(labels); // as the build wrote it (Babel)
    missing.textContent = format(missing.dataset[labels.length ? "some" : "none"], { list });
    missing.classList.toggle("guide-email__todo--done", !labels.length);

    const count = out("count");
    const words = wordCount(email.body);
    const isLong = words > (template.wordLimit || Infinity);
    count.textContent = format(plural(JSON.parse(count.dataset.count), words), { n: words });
    count.classList.toggle("guide-email__count--long", isLong);

    const long = out("long");
    const warning = isLong ? long.dataset.long : "";
    if (long.textContent != warning) long.textContent = warning; // a live region speaks on change only
  }

  // For each field a note feeds: which explanation shows, and "Use my note again".
  function showFeeds(values) {
    for (const name in feeds) {
      const edited = draft.edited.includes(name);
      const [fromNote, ownWords] = root.querySelector(`[data-guide-email-fed=${name}]`).children;
      fromNote.hidden = edited;
      ownWords.hidden = !edited;
      const refill = root.querySelector(`[data-guide-email-refill=${name}]`);
      refill.hidden = !edited || values[name] == noteText(feeds[name].prompt);
    }
  }

  // Shows the form and the email as they are now.
  function render() {
    const values = fieldValues(template, draft, noteText);
    for (const input of inputs) if (input.value != values[input.name]) input.value = values[input.name];
    email = fillEmail(template, values);
    for (const part in email.pieces) {
      const element = out(part);
      if (element) showPieces(element, email.pieces[part]);
    }
    const nobody = root.querySelector(".guide-email__none");
    if (nobody) nobody.hidden = !!email.to;
    showChecks();
    showMailto();
    showFeeds(values);
  }

  // Keeps the fields `names` as this tab has them over what is stored (another tab may have
  // written other fields a moment ago, unseen here yet), or the whole draft as it is here; an
  // empty draft is removed. Shows the result.
  function save(names = null) {
    store.update("email", (stored) => {
      if (!names) stored = undefined;
      const fields = byName(stored?.fields);
      const edited = new Set(stored?.edited);
      for (const name of names || new Set([...Object.keys(draft.fields), ...draft.edited])) {
        if (entryOf(draft.fields, name)) fields[name] = draft.fields[name];
        else delete fields[name];
        if (draft.edited.includes(name)) edited.add(name);
        else edited.delete(name);
      }
      draft = { fields: byName(fields), edited: [...edited] };
      return Object.keys(fields).length || edited.size ? draft : undefined;
    });
    render();
  }

  // What the reader typed into a field of the form.
  function takeInput(input) {
    draft.fields[input.name] = input.value;
    if (entryOf(feeds, input.name) && !draft.edited.includes(input.name)) draft.edited.push(input.name);
  }

  // The buttons, by their data-guide-email-action.
  const actions = {
    async copy(button) {
      const text = `${button.dataset.subject} ${email.subject}\n\n${email.body}`;
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        // No Clipboard API (a page not served over HTTPS, an old browser): copy a selection.
        const fallback = out("fallback");
        Object.assign(fallback, { value: text, hidden: false }).focus();
        fallback.select();
        if (!document.execCommand("copy")) return announceIn(status, status.dataset.nocopy);
        fallback.hidden = true;
        button.focus();
      }
      announceIn(status, status.dataset.copy);
    },
    eml() {
      download(EML_FILE, "message/rfc822", emlFile(email));
      announceIn(status, format(status.dataset.eml, { file: EML_FILE }));
    },
    clear(button) {
      const hasDraft = Object.keys(draft.fields).length || draft.edited.length;
      if (hasDraft && !confirm(button.dataset.confirm)) return;
      store.remove("email");
      loadStored();
      render();
      announceIn(status, status.dataset.clear);
    },
    refill(button) {
      const name = button.dataset.guideEmailRefill;
      draft.edited = draft.edited.filter((edited) => edited != name);
      delete draft.fields[name];
      save([name]);
      root.querySelector(`[data-guide-email-field=${name}]`).focus();
      announceIn(status, status.dataset.refill);
    },
  };

  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-guide-email-action], [data-guide-email-refill]");
    if (!button) return;
    const action = button.dataset.guideEmailAction || "refill";
    if (button.getAttribute("aria-disabled") == "true") return event.preventDefault();
    if (action != "mailto" && Object.hasOwn(actions, action)) actions[action](button);
  });

  // The reader types in the form, or in a note that feeds it (the notes module has stored it
  // by now: its listener is nearer the field).
  article.addEventListener("input", ({ target }) => {
    if (target.dataset.guideNote) render();
    else if (inputs.includes(target)) {
      takeInput(target);
      save([target.name]);
    }
  });

  // What was typed in the form before this module started is the reader's latest.
  loadStored();
  const early = inputs.filter(touchedEarly);
  early.forEach(takeInput);
  if (early.length) save(early.map((input) => input.name));
  else render();
  root.querySelector("[data-guide-email-memory]").hidden = store.persistent;

  // Another tab, or an import or delete here, changed the draft or the notes.
  function showStored() {
    loadStored();
    render();
  }

  // Another tab changed the draft: take the fields it changed, field by field, except the one
  // the reader is typing in here; then write the whole draft if this tab's differs, so two tabs
  // typing in different fields at the same moment lose no letter of either.
  function takeChange(data, previous) {
    if (previous === undefined) return showStored();
    const typing = inputs.includes(document.activeElement) ? document.activeElement.name : null;
    const theirs = byName(data?.fields);
    const before = byName(previous.fields);
    for (const name of new Set([...Object.keys(theirs), ...Object.keys(before)])) {
      if (name == typing || (theirs[name] || "") == (before[name] || "")) continue;
      if (theirs[name]) draft.fields[name] = theirs[name];
      else delete draft.fields[name];
    }
    for (const name of data?.edited || []) if (!draft.edited.includes(name)) draft.edited.push(name);
    const same = JSON.stringify(Object.entries(draft.fields).filter(([, text]) => text).sort()) ==
      JSON.stringify(Object.entries(theirs).sort());
    if (same) render();
    else save();
  }

  const stops = [store.onChange("email", takeChange), store.onChange("notes", showStored), watchKept(root, store, "email")];
  return () => stops.forEach((stop) => stop());
});
