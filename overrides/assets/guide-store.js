// The reader's data, and the one place that knows its shape.
//
// What the guide keeps for an article is split into "parts" ("checklist", "notes", "email"),
// each stored under its own key on this device only, in memory where storage is refused.
// PARTS below lists every part with the one check of its shape: reading a part, importing a
// file and exporting one all go through it, so a part added here is read, exported, imported
// and deleted with the others, and a part that fails its check is dropped (its widget starts
// empty) instead of breaking the widget on every visit.
//
// It also holds what every widget module shares: `widget()`, which starts a widget on each
// root that names it (data-guide-module), and small helpers for words and downloads.

// ---------------------------------------------------------------------------------------------
// The parts and their shapes

const isText = (value) => typeof value == "string";
const isPlainObject = (value) => value !== null && typeof value == "object" && !Array.isArray(value);
const isTextList = (value) => Array.isArray(value) && value.every(isText);
const isTextByName = (value) => isPlainObject(value) && Object.values(value).every(isText);

// Each part's name and the check its data must pass. Add a part here and nowhere else.
export const PARTS = {
  // The ids of the ticked checklist items: {"ticked": ["id", ...]}.
  checklist: (data) => isTextList(data.ticked),
  // The debrief notes by prompt id: {"notes": {"prompt-id": "text"}}.
  notes: (data) => isTextByName(data.notes),
  // The email draft: {"fields": {"name": "text"}, "edited": ["name", ...]}, where "edited"
  // lists the fields a note feeds that the reader has since edited in the email itself.
  email: (data) => isTextByName(data.fields) && (data.edited === undefined || isTextList(data.edited)),
};

// Whether `data` is what the part `part` holds.
export function isValidPart(part, data) {
  return Object.hasOwn(PARTS, part) && isPlainObject(data) && PARTS[part](data);
}

// The parts of an imported file, if every one is a known part of the right shape and there is
// at least one; else null. A file that would replace the reader's data with nothing is refused.
export function checkedParts(parts) {
  if (!isPlainObject(parts)) return null;
  const names = Object.keys(parts);
  if (!names.length) return null;
  return names.every((name) => isValidPart(name, parts[name])) ? parts : null;
}

// ---------------------------------------------------------------------------------------------
// Where the parts are kept

// localStorage if the browser lets the site use it (a private window or a full quota may not),
// else a plain object that lasts while the page is open. Material's own __md_set does the same.
const memory = {
  setItem(key, value) {
    this[key] = value;
  },
};
let area = memory;
try {
  localStorage.setItem("career-guide:probe", "1");
  localStorage.removeItem("career-guide:probe");
  area = localStorage;
} catch {}

// Keys carry the site's root path (several sites can share an origin), taken from this
// module's own address: Material's config "base" is relative to the page that loaded first,
// so after instant navigation it would name another folder.
const siteRoot = new URL("..", import.meta.url).pathname;

// Changes made in this tab by an import or a delete. The browser's "storage" event tells the
// other tabs only (https://developer.mozilla.org/docs/Web/API/Window/storage_event), so the
// widgets on this page hear of such changes here and show the new data without a reload.
const changesHere = new EventTarget();

// The reader's stored data for the article `slug`.
export function articleStore(slug) {
  const prefix = `career-guide:${siteRoot}:v1:${slug}:`;
  const keyOf = (part) => prefix + part;

  // The names of the parts stored for this article, known or not.
  function storedNames() {
    return Object.keys(area)
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length));
  }

  function remove(part) {
    try {
      delete area[keyOf(part)];
    } catch {}
  }

  // A part's data, or undefined. Data of another version or of the wrong shape is removed:
  // the widget then starts empty rather than failing on it at every visit.
  function read(part) {
    const raw = area[keyOf(part)];
    if (raw === undefined) return undefined;
    let stored;
    try {
      stored = JSON.parse(raw);
    } catch {}
    if (stored?.version == 1 && isValidPart(part, stored.data)) return stored.data;
    console.warn(`career-guide: the stored "${part}" data was not readable and has been dropped`);
    remove(part);
    return undefined;
  }

  // Keeps a part; true when it is kept on the device (false: in memory only, or refused).
  function write(part, data) {
    try {
      area.setItem(keyOf(part), JSON.stringify({ version: 1, data }));
      return area != memory;
    } catch {
      return false;
    }
  }

  // Tells this page's widgets that `parts` changed (see changesHere).
  function announce(parts) {
    for (const part of parts) changesHere.dispatchEvent(new CustomEvent(keyOf(part)));
  }

  return {
    persistent: area != memory,
    read,
    write,
    remove,

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

    // Calls `callback(data)` when another tab, or an import or delete here, changes `part`.
    onChange(part, callback) {
      const fromOtherTab = (event) => event.key == keyOf(part) && callback(read(part));
      const fromThisTab = () => callback(read(part));
      addEventListener("storage", fromOtherTab);
      changesHere.addEventListener(keyOf(part), fromThisTab);
      return () => {
        removeEventListener("storage", fromOtherTab);
        changesHere.removeEventListener(keyOf(part), fromThisTab);
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Starting widgets

// Starts `setup(root)` on every element with data-guide-module="<name>", on this page and on
// each page instant navigation brings (https://squidfunk.github.io/mkdocs-material/customization/#additional-javascript).
// Each root starts once; each in its own try/catch, so one broken widget leaves the others
// working. `setup` may return a function that undoes it when its page is gone.
export function widget(name, setup) {
  const started = new WeakSet();
  let cleanups = [];
  const pages = window.document$ || { subscribe: (callback) => callback() };
  pages.subscribe(() => {
    cleanups = cleanups.filter(([root, cleanup]) => root.isConnected || void cleanup());
    for (const root of document.querySelectorAll(`[data-guide-module="${name}"]`)) {
      if (started.has(root)) continue;
      started.add(root);
      enableControls(root);
      try {
        const cleanup = setup(root);
        if (cleanup) cleanups.push([root, cleanup]);
        root.dataset.guideReady = ""; // started: the tests wait for this
      } catch (error) {
        console.error(error);
      }
    }
  });
}

// Controls are marked "not working yet" in the templates (aria-disabled, data-guide-pending),
// so a reader on a slow network is not offered a button that does nothing. Their module is
// here now: they work.
function enableControls(root) {
  for (const control of root.querySelectorAll("[data-guide-pending]")) {
    control.removeAttribute("aria-disabled");
    delete control.dataset.guidePending;
  }
}

// Whether the reader typed into or ticked `control` before its module started: an inline
// listener in main.html marks it from the first paint on.
export const touchedEarly = (control) => control.guideTouched === true;

// ---------------------------------------------------------------------------------------------
// Words and files

// The words live in the templates (from the catalogue of the site's language, see
// guide_core/strings.py), with {blanks} filled in here: numbers in the page's language.
export function format(words, values) {
  const number = new Intl.NumberFormat(pageLanguage());
  return words.replace(/{(\w+)}/g, (blank, key) => {
    const value = values[key];
    return value === undefined ? blank : typeof value == "number" ? number.format(value) : value;
  });
}

// The form of `forms` ({"one": ..., "other": ...}, CLDR plural categories, as the catalogue
// gives them) that the page's language uses for `n`; the build chose with the same rules (Babel).
export function plural(forms, n) {
  return forms[new Intl.PluralRules(pageLanguage()).select(n)] ?? forms.other;
}

// The language the page is written in (theme.language): <html lang>.
export const pageLanguage = () => document.documentElement.lang || "en";

// Puts `words` in a live region, emptied first so that the same words are read out again.
export function announceIn(node, words) {
  node.textContent = "";
  setTimeout(() => (node.textContent = words), 60);
}

// Saves `content` as a file named `name` to the reader's downloads.
export function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
