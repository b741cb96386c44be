// The reader's data, and the one place that knows its shape.
//
// What the guide keeps for an article is split into "parts" ("checklist", "notes", "email"),
// each stored under its own key on this device only, in memory where storage is refused.
// PARTS below lists every part with the one check of its shape: reading a part, importing a
// file and exporting one all go through it, so a part added here is read, exported, imported
// and deleted with the others, and a part that fails its check is dropped (its widget starts
// empty) instead of breaking the widget on every visit.
//
// What every widget module shares is beside it: guide-widget.js starts widgets, guide-words.js
// has the helpers for words and files.

// ---------------------------------------------------------------------------------------------
// The parts and their shapes

const isText = (value) => typeof value == "string";
const isPlainObject = (value) => value !== null && typeof value == "object" && !Array.isArray(value);
const isTextList = (value) => Array.isArray(value) && value.every(isText);
const isTextByName = (value) => isPlainObject(value) && Object.values(value).every(isText);

// Maps keyed by an id (a prompt's, an item's, an email field's name) have no prototype: an
// author's id "constructor" and a file's "__proto__" or "toString" name the reader's own entry
// only, never one of Object's (its `constructor` would show "function Object() { [native
// code] }" in the note, and break the sheet and the export). `byName(object)` is such a map,
// with `object`'s entries; `entryOf(map, name)`, an entry of `map` itself, or undefined.
export const byName = (object) => Object.assign(Object.create(null), object);
export const entryOf = (map, name) => (map != null && Object.hasOwn(map, name) ? map[name] : undefined);

// Text as it can be encoded: a lone surrogate (half of a character, as "\ud800" in a file's
// JSON; no keyboard types one) makes encodeURIComponent throw (the email's mailto: link) and
// TextEncoder write U+FFFD. It is repaired so, here, wherever it came from.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
export const wellFormed = (text) => (text.toWellFormed ? text.toWellFormed() : text.replace(LONE_SURROGATE, "\ufffd"));

// Data read from storage or from a file, as the widgets may use it: every object a map without
// a prototype, every text (names included) well formed. Its shape is checked before (PARTS).
function sound(value) {
  if (typeof value == "string") return wellFormed(value);
  if (Array.isArray(value)) return value.map(sound);
  if (!isPlainObject(value)) return value;
  const map = Object.create(null);
  for (const [name, entry] of Object.entries(value)) map[wellFormed(name)] = sound(entry);
  return map;
}

// Each part: the check its data must pass, and the section it writes in an exported file (the
// Markdown a reader reads; the data itself is in the file's block, whether or not a part has a
// section). Add a part here and nowhere else. `markdown(data, page)` is given the part's data
// (undefined if none) and what guide-data.js knows of the page: `article` (its element), `words`
// (the file's headings), `quote(text)`, `labelOf(control)` and `store`; it returns lines.
export const PARTS = {
  // The ids of the ticked checklist items: {"ticked": ["id", ...]}.
  checklist: {
    check: (data) => isTextList(data.ticked),
    // The checklists, as the page shows them, with the stored ticks.
    markdown(data, { article, words, labelOf }) {
      const ticked = data?.ticked || [];
      const lists = [...article.querySelectorAll("[data-guide-checklist]")];
      if (!lists.length) return [];
      const lines = ["", `## ${words.checklist}`];
      for (const list of lists) {
        lines.push("", `### ${list.dataset.heading}`, "");
        for (const box of list.querySelectorAll("[data-guide-item]")) {
          lines.push(`- [${ticked.includes(box.name) ? "x" : " "}] ${labelOf(box)}`);
        }
      }
      return lines;
    },
  },
  // The debrief notes by prompt id: {"notes": {"prompt-id": "text"}}.
  notes: {
    check: (data) => isTextByName(data.notes),
    // Every question, with its stored note.
    markdown(data, { article, words, quote, labelOf }) {
      const fields = [...article.querySelectorAll("[data-guide-note]")];
      if (!fields.length) return [];
      const lines = ["", `## ${words.notes}`];
      for (const field of fields) {
        const note = entryOf(data?.notes, field.name)?.trim();
        lines.push("", `### ${labelOf(field)}`, "", note ? quote(note) : `_${words.noNote}_`);
      }
      return lines;
    },
  },
  // The email draft: {"fields": {"name": "text"}, "edited": ["name", ...]}, where "edited"
  // lists the fields a note feeds that the reader has since edited in the email itself.
  email: {
    check: (data) => isTextByName(data.fields) && (data.edited === undefined || isTextList(data.edited)),
    // The email as stored, written by the composer's own rules (not read from its preview,
    // which may not have started), loaded only for an export.
    async markdown(data, { article, words, quote, store }) {
      const composer = article.querySelector("[data-guide-email]");
      if (!composer) return [];
      const { storedEmail } = await import("./guide-email.js");
      const email = storedEmail(JSON.parse(composer.dataset.guideEmail), store);
      if (!email.body) return [];
      const to = email.to ? [`**${words.to}** ${email.to}  `] : [];
      return ["", `## ${words.email}`, "", ...to, `**${words.subject}** ${email.subject}`, "", quote(email.body)];
    },
  },
};

// Whether `data` is what the part `part` holds.
export function isValidPart(part, data) {
  return Object.hasOwn(PARTS, part) && isPlainObject(data) && PARTS[part].check(data);
}

// The parts of an imported file, if every one is a known part of the right shape and there is
// at least one (read as sound() reads them); else null. A file that would replace the reader's
// data with nothing is refused.
export function checkedParts(parts) {
  if (!isPlainObject(parts)) return null;
  const names = Object.keys(parts);
  if (!names.length) return null;
  return names.every((name) => isValidPart(name, parts[name])) ? sound(parts) : null;
}

// ---------------------------------------------------------------------------------------------
// Where the parts are kept

// localStorage if the browser lets the site use it (a private window may not), else a plain
// object that lasts while the page is open. Material's own __md_set does the same.
const memory = {
  setItem(key, value) {
    this[key] = value;
  },
  getItem(key) {
    return Object.hasOwn(this, key) ? this[key] : null;
  },
};
// `name`'s storage if the page may use it (reading `localStorage` itself can throw).
function usable(name) {
  try {
    const storage = globalThis[name];
    storage.setItem("career-guide:probe", "1");
    storage.removeItem("career-guide:probe");
    return storage;
  } catch {
    return null;
  }
}
const area = usable("localStorage") || memory;
// Where a part goes when the device's storage will not take it (its quota is full): this tab's
// own storage (sessionStorage has a quota of its own), which lasts through a reload and the
// link to the printable sheet, until the tab is closed; else this page's memory. The part's
// last whole value stays on the device; the newest is here, and the widget says it is not kept.
const tabArea = usable("sessionStorage") || { ...memory };
const pageCopy = {}; // the same, when this tab's storage is full too

// Keys carry the site's root path (several sites can share an origin), taken from this
// module's own address: Material's config "base" is relative to the page that loaded first,
// so after instant navigation it would name another folder.
const siteRoot = new URL("..", import.meta.url).pathname;

// Changes made in this tab by an import or a delete, and parts kept or not kept any more. The
// browser's "storage" event tells the other tabs only
// (https://developer.mozilla.org/docs/Web/API/Window/storage_event), so the widgets on this
// page hear of such changes here and show the new data without a reload.
const changesHere = new EventTarget();

// What the reader ticks or types, as head/early-input.js (inlined in <head>) records it in this tab's
// storage the moment it happens, before any module has started: [slug, kind, name, value] in
// order, kind "item" (a checkbox), "note" or "field" (the email's). Opening an article's store
// merges its entries into its parts (stored at once), so a reload, Back or the printable sheet
// in that window loses none of it; a part written or removed here clears its entries (they are
// in it, or undone), so only what no module has kept yet is ever merged.
const EARLY = "career-guide:early";
const MERGES = {
  item: (parts, name, ticked) => {
    const list = new Set(parts.checklist?.ticked || []);
    ticked ? list.add(name) : list.delete(name);
    parts.checklist = { ...parts.checklist, ticked: [...list] };
  },
  note: (parts, name, text) => {
    const notes = byName(parts.notes?.notes);
    if (String(text).trim()) notes[name] = wellFormed(String(text));
    else delete notes[name];
    parts.notes = { notes };
  },
  field: (parts, name, text) => {
    const fields = byName(parts.email?.fields);
    fields[name] = wellFormed(String(text));
    parts.email = { edited: [], ...parts.email, fields };
  },
};
const PART_OF = { item: "checklist", note: "notes", field: "email" };

function earlyEntries() {
  try {
    const entries = JSON.parse(tabArea.getItem(EARLY) || "[]");
    return Array.isArray(entries) ? entries.filter((entry) => Array.isArray(entry) && entry.length == 4) : [];
  } catch {
    return [];
  }
}

// The entries of `slug` merged into its parts and written; the others left for their pages.
function mergeEarly(store, slug) {
  const entries = earlyEntries();
  const mine = entries.filter(([of, kind, name]) => of == slug && Object.hasOwn(MERGES, kind) && typeof name == "string");
  if (!mine.length) return;
  const parts = {};
  const touched = new Set(mine.map(([, kind]) => PART_OF[kind]));
  for (const part of touched) parts[part] = store.read(part);
  for (const [, kind, name, value] of mine) MERGES[kind](parts, name, value);
  for (const part of touched) if (isValidPart(part, parts[part])) store.write(part, parts[part]);
}

// The early entries of `slug` for `part` are in it now, or undone: forget them.
function clearEarly(slug, part) {
  const entries = earlyEntries();
  const left = entries.filter(([of, kind]) => of != slug || PART_OF[kind] != part);
  if (left.length == entries.length) return;
  try {
    tabArea.setItem(EARLY, JSON.stringify(left));
  } catch {}
}

// At the reader's first save, ask the browser to keep the guide's storage until the reader
// clears it (else it may be cleared under pressure, and Safari clears a site's storage after
// seven days of use without a visit; a web app added to the home screen is exempt: see
// manifest.webmanifest). Asked once a page; the browser remembers its answer.
let persistAsked = false;
function askToPersist() {
  if (persistAsked) return;
  persistAsked = true;
  navigator.storage?.persist?.().catch(() => {});
}

// Whether the browser has promised to keep the guide's storage (false where it cannot say).
export async function isPersisted() {
  try {
    return (await navigator.storage?.persisted?.()) === true;
  } catch {
    return false;
  }
}

// The reader's stored data for the article `slug`.
export function articleStore(slug) {
  const prefix = `career-guide:${siteRoot}:v1:${slug}:`;
  const keyOf = (part) => prefix + part;

  // The names of the parts stored for this article, known or not.
  function storedNames() {
    return [...new Set([...Object.keys(area), ...Object.keys(tabArea), ...Object.keys(pageCopy)])]
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length));
  }

  function remove(part) {
    for (const where of [area, tabArea, pageCopy]) {
      try {
        delete where[keyOf(part)];
      } catch {}
    }
    clearEarly(slug, part);
    changesHere.dispatchEvent(new CustomEvent("kept"));
  }

  // This tab's newer copy of a part the device would not keep, or null.
  const unkeptCopy = (part) => tabArea.getItem(keyOf(part)) ?? pageCopy[keyOf(part)] ?? null;

  // A part's data, or undefined: this tab's newer copy if the device would not keep it. Data
  // of another version or of the wrong shape is removed: the widget then starts empty rather
  // than failing on it at every visit.
  function read(part) {
    return parse(part, unkeptCopy(part) ?? area.getItem(keyOf(part)) ?? undefined);
  }

  // Another tab's write, read without dropping anything: its data ({} if none, or unreadable)
  // and the names it says its write changed (null if it does not say; see write).
  function peek(part, raw) {
    try {
      const stored = JSON.parse(raw);
      if (stored?.version == 1 && isValidPart(part, stored.data)) {
        return { data: sound(stored.data), changed: isTextList(stored.changed) ? stored.changed : null };
      }
    } catch {}
    return { data: Object.create(null), changed: null };
  }

  function parse(part, raw) {
    if (raw === undefined || raw === null) return undefined;
    let stored;
    try {
      stored = JSON.parse(raw);
    } catch {}
    if (stored?.version == 1 && isValidPart(part, stored.data)) return sound(stored.data);
    console.warn(`career-guide: the stored "${part}" data was not readable and has been dropped`);
    remove(part);
    return undefined;
  }

  // Keeps a part whole: true when the device has it (written and read back the same). When it
  // will not (its storage is full), the device keeps the part's last whole value, this tab the
  // new one, and the widgets showing the part say it is not kept (see notKept). `changed` may
  // name the entries of the part this write changed (item ids, say): it is kept beside the
  // data, not in it, for other tabs only (see onChange), and is in no export.
  function write(part, data, changed) {
    const key = keyOf(part);
    const text = JSON.stringify(changed ? { version: 1, data, changed } : { version: 1, data });
    let kept = false;
    try {
      area.setItem(key, text);
      kept = area != memory && area.getItem(key) === text;
    } catch {}
    delete pageCopy[key];
    try {
      if (kept) delete tabArea[key];
      else tabArea.setItem(key, text);
    } catch {
      pageCopy[key] = text;
    }
    clearEarly(slug, part);
    changesHere.dispatchEvent(new CustomEvent("kept"));
    if (kept) askToPersist();
    return kept;
  }

  // Tells this page's widgets that `parts` changed (see changesHere).
  function announce(parts) {
    for (const part of parts) changesHere.dispatchEvent(new CustomEvent(keyOf(part)));
  }

  const store = {
    persistent: area != memory,
    read,
    write,
    remove,

    // Changes a part from what is stored now, not from what this page last showed: another tab
    // may have written a moment ago, unseen here yet, and its change is kept. `change(data)` is
    // given the stored data (undefined if none) and returns the new data, or undefined to
    // remove the part. Returns whether the device keeps the result (see write, and its
    // `changed`).
    update(part, change, changed) {
      const data = change(read(part));
      if (data !== undefined) return write(part, data, changed);
      remove(part);
      return true;
    },

    // Whether the newest data of `part` is held in this tab only: the device would not keep it.
    notKept(part) {
      return area != memory && unkeptCopy(part) !== null;
    },

    // Calls `callback()` when a part of this article is kept, or is not (a write, a removal).
    onKept(callback) {
      changesHere.addEventListener("kept", callback);
      return () => changesHere.removeEventListener("kept", callback);
    },

    // The known parts that hold data: what an export writes and a widget may show.
    snapshot() {
      const parts = {};
      for (const part of Object.keys(PARTS)) {
        const data = read(part);
        if (data !== undefined) parts[part] = data;
      }
      return parts;
    },

    // Whether anything is kept for this article (a part of `except` aside).
    holdsData(except = []) {
      return storedNames().some((part) => !except.includes(part));
    },

    // An import: every known part becomes the file's, or is removed when the file has none.
    // Parts this version does not know are left as they are.
    replace(parts) {
      for (const part of Object.keys(PARTS)) {
        if (parts[part] === undefined) remove(part);
        else write(part, parts[part]);
      }
      announce(Object.keys(PARTS));
    },

    // "Delete my data": every part kept for this article, known or not.
    clear() {
      const names = storedNames();
      names.forEach(remove);
      announce(new Set([...names, ...Object.keys(PARTS)]));
    },

    // Calls `callback(data, previous, changed)` when another tab, or an import or delete here,
    // changes `part`; `previous` is what the other tab's write replaced (undefined for a change
    // here) and `changed` what that write says it changed (null if it does not say), so a
    // widget can take that tab's change and keep its own (see guide-checklist.js).
    onChange(part, callback) {
      const fromOtherTab = (event) => {
        if (event.key != keyOf(part)) return;
        // `previous` is what the storage held, which may be newer than what that tab had seen.
        const written = event.newValue === null ? { data: undefined, changed: null } : peek(part, event.newValue);
        callback(written.data, peek(part, event.oldValue).data, written.changed);
      };
      const fromThisTab = () => callback(read(part));
      addEventListener("storage", fromOtherTab);
      changesHere.addEventListener(keyOf(part), fromThisTab);
      return () => {
        removeEventListener("storage", fromOtherTab);
        changesHere.removeEventListener(keyOf(part), fromThisTab);
      };
    },
  };
  mergeEarly(store, slug);
  return store;
}
