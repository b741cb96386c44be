// A reader's data per article and part, on this device only; in memory where storage is refused.
const memory = { setItem(key, value) { this[key] = value; } };
let area = memory;
try {
  localStorage.setItem("career-guide:probe", 1);
  localStorage.removeItem("career-guide:probe");
  area = localStorage;
} catch {}

// Keys carry the site's root path (several sites can share an origin), taken from this
// module's own address: Material's config "base" is relative to the page that loaded first,
// so after instant navigation it would name another folder.
const root = new URL("..", import.meta.url).pathname;

export function articleStore(slug) {
  const base = `career-guide:${root}:v1:${slug}:`;
  const remove = (part) => delete area[base + part];
  const parts = () => Object.keys(area).filter((key) => key.startsWith(base)).map((key) => key.slice(base.length));
  const read = (part, fallback) => {
    let value;
    try {
      value = JSON.parse(area[base + part]);
    } catch {}
    if (value?.version == 1 && value.data instanceof Object) return value.data;
    if (area[base + part]) remove(part); // another version's, or corrupt
    return fallback;
  };
  return {
    persistent: area != memory,
    read,
    remove,
    parts,
    clear: () => parts().forEach(remove),
    write(part, data) {
      try {
        area.setItem(base + part, JSON.stringify({ version: 1, data }));
        return area != memory;
      } catch {}
    },
    // https://developer.mozilla.org/docs/Web/API/Window/storage_event
    onChange(part, callback) {
      const listener = (event) => event.key == base + part && callback(read(part));
      addEventListener("storage", listener);
      return () => removeEventListener("storage", listener);
    },
  };
}

// https://squidfunk.github.io/mkdocs-material/customization/#additional-javascript
export function eachPage(selector, setup) {
  const done = new WeakSet();
  let cleanups = [];
  document$.subscribe(() => {
    cleanups = cleanups.filter(([element, cleanup]) => element.isConnected || void cleanup());
    for (const element of document.querySelectorAll(selector)) {
      if (done.has(element)) continue;
      done.add(element);
      try {
        const cleanup = setup(element);
        if (cleanup) cleanups.push([element, cleanup]);
        element.dataset.guideReady = ""; // started (tests wait for it: modules load after the page)
      } catch (error) {
        console.error(error); // the other widgets still work
      }
    }
  });
}

// The words live in the templates, with {blanks}.
export const format = (words, values) => words.replace(/{(\w+)}/g, (_, key) => values[key]);

// Emptied first, so the same words are read out again.
export function say(node, words) {
  node.textContent = "";
  setTimeout(() => (node.textContent = words), 60);
}

export function download(name, type, content) {
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1e4);
}
