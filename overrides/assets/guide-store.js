// guide-store.js: what a reader saves for an article, kept on this device only.
//
// One localStorage key per article and part ("checklist", "notes", "email"), namespaced by
// the site's own path (several sites can share one origin, e.g. GitHub Pages project sites)
// and versioned: a value from another version, or one that is not valid JSON, is discarded.
// Storage can be refused (private windows, blocked cookies, a full quota): then everything
// is kept in memory for the visit and `persistent` is false, so widgets can say so.
// Other tabs' changes arrive through the `storage` event, see
// https://developer.mozilla.org/docs/Web/API/Window/storage_event

const VERSION = 1;
const memory = new Map();

// The site's root path, from Material's config (a relative "base"), e.g. "/" or "/guide/".
function siteRoot() {
  try {
    const config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(config.base || ".", location.href).pathname;
  } catch (error) {
    return "/";
  }
}

export function prefix(slug) {
  return `career-guide:${siteRoot()}:v${VERSION}:${slug}:`;
}

// Is localStorage there and writable? Checked with a real write, as Material's __md_set does.
function probe() {
  try {
    const key = "career-guide:probe";
    window.localStorage.setItem(key, "1");
    window.localStorage.removeItem(key);
    return true;
  } catch (error) {
    return false;
  }
}

export function articleStore(slug) {
  const base = prefix(slug);
  const persistent = probe();

  function read(part, fallback) {
    const key = base + part;
    let raw = null;
    try {
      raw = persistent ? window.localStorage.getItem(key) : memory.get(key) ?? null;
    } catch (error) {
      raw = memory.get(key) ?? null;
    }
    if (raw === null) return fallback;
    try {
      const value = JSON.parse(raw);
      if (value && value.version === VERSION && typeof value.data === "object" && value.data !== null) {
        return value.data;
      }
    } catch (error) {
      // Corrupt: fall through and forget it.
    }
    remove(part);
    return fallback;
  }

  function write(part, data) {
    const raw = JSON.stringify({ version: VERSION, data });
    memory.set(base + part, raw);
    if (!persistent) return false;
    try {
      window.localStorage.setItem(base + part, raw);
      return true;
    } catch (error) {
      return false; // quota full: kept in memory for this visit
    }
  }

  function remove(part) {
    memory.delete(base + part);
    try {
      if (persistent) window.localStorage.removeItem(base + part);
    } catch (error) {
      // nothing to do: it is gone from memory
    }
  }

  // Every part this article has stored, e.g. for "Delete my data".
  function parts() {
    const found = new Set();
    for (const key of memory.keys()) if (key.startsWith(base)) found.add(key.slice(base.length));
    try {
      for (let i = 0; persistent && i < window.localStorage.length; i++) {
        const key = window.localStorage.key(i);
        if (key && key.startsWith(base)) found.add(key.slice(base.length));
      }
    } catch (error) {
      // storage went away: memory is all there is
    }
    return [...found];
  }

  function clear() {
    for (const part of parts()) remove(part);
  }

  // Call `callback(data)` when another tab changes `part`; returns a function that unsubscribes.
  function onChange(part, callback) {
    const listener = (event) => {
      if (event.storageArea !== window.localStorage || event.key !== base + part) return;
      memory.delete(base + part);
      callback(read(part, null));
    };
    window.addEventListener("storage", listener);
    return () => window.removeEventListener("storage", listener);
  }

  return { slug, persistent, read, write, remove, parts, clear, onChange };
}

// Run `setup(element)` once for each element matching `selector` on every page Material shows.
// Instant navigation swaps pages without reloading scripts and emits on `document$`
// (https://squidfunk.github.io/mkdocs-material/customization/#additional-javascript), so
// setup runs per page, never twice for one element; a function `setup` returns is called
// when its element has left the page (to drop window listeners). Each element is set up in
// its own try/catch, so one broken widget leaves the others working.
export function eachPage(selector, setup) {
  const done = new WeakSet();
  let cleanups = [];
  const run = () => {
    cleanups = cleanups.filter(([element, cleanup]) => {
      if (element.isConnected) return true;
      cleanup();
      return false;
    });
    for (const element of document.querySelectorAll(selector)) {
      if (done.has(element)) continue;
      done.add(element);
      try {
        const cleanup = setup(element);
        if (typeof cleanup === "function") cleanups.push([element, cleanup]);
      } catch (error) {
        console.error("career guide: a widget failed to start", element, error);
      }
    }
  };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run, { once: true });
  } else {
    run();
  }
}
