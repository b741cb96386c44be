// The email composer. Its draft stays on this device: "email": {"fields": {...}, "edited": [names]},
// where "edited" lists the fields a debrief note feeds that the reader has since edited here.
import { articleStore, download, eachPage, format, say } from "./guide-store.js";

const SLOT = /{([a-z][a-z0-9_]*)}/g;
const BLANK = "\0"; // around an empty required field's "[label]", for the preview

// The rules of guide_core/email_template.py, the reference (which also splits the body into
// paragraphs and joins their lines): a test holds the two to the same output.
export function fillEmail(template, raw) {
  const field = Object.fromEntries(template.fields.map((f) => [f.name, f]));
  const value = (name) => (typeof raw[name] == "string" ? raw[name].replace(/\r\n?/g, "\n").trim() : "");
  const put = (text, oneLine) => text.replace(SLOT, (_, name) =>
    (oneLine ? value(name).replace(/\s+/g, " ") : value(name)) || (field[name].required ? `${BLANK}[${field[name].label}]${BLANK}` : ""));
  const body = template.paragraphs
    .filter((paragraph) => {
      const optional = [...paragraph.matchAll(SLOT)].map((m) => m[1]).filter((name) => !field[name].required);
      return !optional.length || optional.some(value);
    })
    .map((paragraph) => put(paragraph))
    .join("\n\n");
  const marked = { to: put(template.to, 1).trim(), subject: put(template.subject, 1).trim(), body };
  const plain = (text) => text.replaceAll(BLANK, "");
  return { to: plain(marked.to), subject: plain(marked.subject), body: plain(body), marked, missing: template.fields.filter((f) => f.required && !value(f.name)) };
}

const base64 = (text) => btoa(Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join(""));

eachPage("[data-guide-email]", (root) => {
  const template = JSON.parse(root.dataset.guideEmail);
  const article = root.closest("[data-guide-article]");
  const store = articleStore(article.dataset.guideArticle);
  const $ = (selector) => root.querySelector(selector);
  const [status, fallback, tooLong, missing, count, long] = ["status", "fallback", "toolong", "missing", "count", "long"].map((name) => $(`[data-guide-email-out=${name}]`));
  const mailto = $("[data-guide-email-action=mailto]");
  const feeds = template.feeds;
  let draft, notes, email;
  const load = () => {
    draft = { fields: {}, edited: [], ...store.read("email") };
    notes = store.read("notes", {}).notes || {};
  };
  const note = (name) => notes[feeds[name].prompt] || "";
  const valueOf = (name) => (feeds[name] && !draft.edited.includes(name) ? note(name) : draft.fields[name] || "");

  const inputs = [...root.querySelectorAll("[data-guide-email-field]")];
  const render = () => {
    for (const input of inputs) if (input.value != valueOf(input.name)) input.value = valueOf(input.name);
    email = fillEmail(template, Object.fromEntries(template.fields.map(({ name }) => [name, valueOf(name)])));
    for (const part in email.marked) {
      $(`[data-guide-email-out=${part}]`)?.replaceChildren(...email.marked[part].split(BLANK).map((text, i) =>
        i % 2 ? Object.assign(document.createElement("mark"), { className: "guide-email__missing", textContent: text }) : text));
    }
    if (template.to) $(".guide-email__none").hidden = !!email.to;
    const labels = email.missing.map((f) => f.label);
    missing.textContent = format(missing.dataset[labels[0] ? "some" : "none"], { list: new Intl.ListFormat("en-GB").format(labels) });
    missing.classList.toggle("guide-email__todo--done", !labels[0]);
    const words = email.body.split(/\s+/).filter(Boolean).length;
    const isLong = words > (template.wordLimit || Infinity);
    count.textContent = format(count.dataset[words == 1 ? "one" : "many"], { n: words });
    count.classList.toggle("guide-email__count--long", isLong);
    if (long.textContent != (isLong ? long.dataset.long : "")) long.textContent = isLong ? long.dataset.long : ""; // spoken on change only
    // RFC 6068: UTF-8 percent-encoded, %20 for spaces, CRLF line breaks.
    const href = `mailto:${encodeURIComponent(email.to).replace(/%40/g, "@")}?subject=${encodeURIComponent(email.subject)}&body=${encodeURIComponent(email.body.replace(/\n/g, "\r\n"))}`;
    // Mail apps cut off longer links: then the link is disabled (kept focusable) and says why.
    tooLong.hidden = href.length <= 1800;
    if (tooLong.hidden) mailto.href = href;
    else mailto.removeAttribute("href");
    for (const [name, on] of [["aria-disabled", true], ["aria-describedby", tooLong.id]]) {
      if (tooLong.hidden) mailto.removeAttribute(name);
      else mailto.setAttribute(name, on);
    }
    for (const name in feeds) {
      const edited = draft.edited.includes(name);
      const [fromNote, ownWords] = $(`[data-guide-email-fed=${name}]`).children;
      fromNote.hidden = edited;
      ownWords.hidden = !edited;
      $(`[data-guide-email-refill=${name}]`).hidden = !edited || valueOf(name) == note(name);
    }
  };
  const save = () => {
    const fields = Object.fromEntries(Object.entries(draft.fields).filter(([, text]) => text));
    if (Object.keys(fields)[0] || draft.edited[0]) store.write("email", { fields, edited: draft.edited });
    else store.remove("email");
    render();
  };
  const actions = {
    async copy(button) {
      const text = `Subject: ${email.subject}\n\n${email.body}`;
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        // No Clipboard API (a page not served over HTTPS, an old browser): copy a selection.
        Object.assign(fallback, { value: text, hidden: false }).focus();
        fallback.select();
        if (!document.execCommand("copy")) return say(status, status.dataset.nocopy);
        fallback.hidden = true;
        button.focus();
      }
      say(status, status.dataset.copy);
    },
    eml() {
      // An unsent draft (X-Unsent is Outlook's flag); the subject as RFC 2047 encoded words.
      const lines = [
        "X-Unsent: 1",
        `Subject: ${email.subject.match(/.{1,11}/gsu)?.map((word) => `=?UTF-8?B?${base64(word)}?=`).join("\r\n ") || ""}`,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: base64",
        "",
        ...(base64(email.body.replace(/\n/g, "\r\n")).match(/.{1,76}/g) || []),
        "",
      ];
      if (email.to) lines.unshift(`To: ${email.to}`);
      download("email-draft.eml", "message/rfc822", lines.join("\r\n"));
      say(status, status.dataset.eml);
    },
    clear(button) {
      if ((Object.keys(draft.fields)[0] || draft.edited[0]) && !confirm(button.dataset.confirm)) return;
      store.remove("email");
      load();
      render();
      say(status, status.dataset.clear);
    },
    refill(button) {
      const name = button.dataset.guideEmailRefill;
      draft.edited = draft.edited.filter((edited) => edited != name);
      delete draft.fields[name];
      save();
      $(`[data-guide-email-field=${name}]`).focus();
      say(status, status.dataset.refill);
    },
  };

  root.addEventListener("click", ({ target }) => {
    const button = target.closest("[data-guide-email-action], [data-guide-email-refill]");
    actions[button?.dataset.guideEmailAction || (button && "refill")]?.(button);
  });
  const keep = ({ name, value }) => {
    draft.fields[name] = value;
    if (feeds[name] && !draft.edited.includes(name)) draft.edited.push(name);
  };
  // The reader's typing, in the form and in a note that feeds it.
  article.addEventListener("input", ({ target }) => {
    if (target.dataset.guideNote) notes = { ...notes, [target.name]: target.value };
    if (!target.dataset.guideEmailField) return render();
    keep(target);
    save();
  });

  load();
  const early = inputs.filter((input) => input.guideTyped); // typed before this started: see guide.js
  early.forEach(keep);
  early[0] ? save() : render();
  $("[data-guide-email-memory]").hidden = store.persistent;
  // Another tab changed the draft or the notes.
  const reload = () => {
    load();
    render();
  };
  const stops = ["email", "notes"].map((part) => store.onChange(part, reload));
  return () => stops.forEach((stop) => stop());
});
