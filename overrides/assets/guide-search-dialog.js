/*
 * The search dialog: Material's header search and dialog, searched with Pagefind. Loaded by the
 * starter (guide-search.js) the first time the reader opens the box, or when a page has words
 * to mark.
 *
 * hooks/search.py indexes the articles into pagefind/ at the site's root. Pagefind's script, its
 * WebAssembly and the index load when this starts, and each query then fetches only the pieces
 * of the index and the excerpts it needs.
 *
 * It draws the results in Material's markup and does what Material's search did with the
 * keyboard (the starter opens search with / or s, and closes it with Escape or when the focus
 * leaves it):
 *   - ArrowDown and ArrowUp move between the box and the results; Enter in the box opens the
 *     first result;
 *   - typing while a result has focus types into the box.
 * The result count is a live region (role="status"), so a screen reader hears it.
 *
 * With Material's `search.highlight` feature (mkdocs.yml), a result's link carries the words
 * searched for (?h=...), as Material's did, and the page it opens marks them in its text.
 *
 * Pagefind's excerpts are HTML with <mark> around the words found. They are read as text:
 * only the <mark>s are kept, made here, so nothing in an article can run or load in the
 * dialog (articles are sanitised at build time as well).
 */
import { format, pageLanguage } from "./guide-words.js";

// The site's root, from this module's own address (assets/guide-search-dialog.js): right under
// a sub-path too (https://user.github.io/repo/), and the same on every page.
const SITE_ROOT = new URL("../", import.meta.url);
const PAGEFIND = new URL("pagefind/pagefind.js", SITE_ROOT).href;
const PAGE_SIZE = 10; // results shown at once; each one fetches its excerpt
const DEBOUNCE_MS = 150; // wait for a pause in typing before searching
const HIGHLIGHT = "h"; // the address parameter with the words to mark, Material's name

// Material's configuration (#__config: its features), read once.
const CONFIG = materialConfig();

// Sets up the dialog, once (the header stays put across Material's instant navigation); the
// starter has opened it and put the focus in the box, where the reader may have typed already.
export function startDialog(dialog, toggle) {
  const parts = {
    dialog,
    toggle,
    form: dialog.querySelector("[data-guide-search-form]"),
    query: dialog.querySelector("[data-guide-search-query]"),
    meta: dialog.querySelector("[data-guide-search-meta]"),
    list: dialog.querySelector("[data-guide-search-list]"),
  };

  let timer = 0;
  let latest = 0; // the number of the newest query: older answers are dropped

  // Opening the box again: Pagefind, if it failed to load, is tried again.
  parts.query.addEventListener("focus", () => loadPagefind().catch(() => {}));
  loadPagefind().catch(() => {}); // a failure is reported when a query needs it

  // Search as the reader types, once they pause.
  const searchSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(parts, parts.query.value, ++latest, () => latest), DEBOUNCE_MS);
  };
  parts.query.addEventListener("input", searchSoon);
  // What the reader typed while this was loading.
  if (parts.query.value.trim()) searchSoon();

  // Enter in the box opens the first result (the form is never sent anywhere).
  parts.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = parts.list.querySelector("a[href]");
    if (first) first.click();
  });
  // The clear button empties the box; the results go with it.
  parts.form.addEventListener("reset", () => {
    ++latest;
    showPlaceholder(parts);
    requestAnimationFrame(() => parts.query.focus());
  });

  // Following a result closes the dialog (with instant navigation the header stays).
  parts.list.addEventListener("click", (event) => {
    if (event.target.closest("a[href]")) setOpen(parts, false);
  });
  document.addEventListener("keydown", (event) => onKey(parts, event));
}

// The keys Material's search answered to in the open dialog; see the comment at the top.
function onKey(parts, event) {
  if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
  const active = document.activeElement;
  if (!parts.toggle.checked) return;

  switch (event.key) {
    case "ArrowDown":
    case "ArrowUp": {
      // The box, then each result, round and round.
      const stops = [parts.query, ...parts.list.querySelectorAll("a[href], button")];
      const here = Math.max(0, stops.indexOf(active));
      const step = event.key === "ArrowDown" ? 1 : -1;
      event.preventDefault();
      stops[(here + step + stops.length) % stops.length].focus();
      break;
    }
    default:
      // A letter typed while a result has focus goes into the box.
      if (event.key.length === 1 && active !== parts.query && parts.dialog.contains(active) && event.key !== " ") {
        parts.query.focus();
      }
  }
}

// Open or close the dialog through Material's toggle, as its own search did (a click, so
// Material's scroll lock, which listens for the change, follows).
function setOpen(parts, open) {
  if (parts.toggle.checked !== open) parts.toggle.click();
}

// ---------------------------------------------------------------------------------------------
// Pagefind

let pagefindLoading = null;

// Pagefind's script, loaded once (a failed load is tried again on the next query).
function loadPagefind() {
  if (!pagefindLoading) {
    pagefindLoading = import(PAGEFIND).then(async (pagefind) => {
      // Result addresses start at the site's root, whatever sub-path it is published under.
      await pagefind.options({ baseUrl: SITE_ROOT.pathname, excerptLength: 30 });
      pagefind.init();
      return pagefind;
    });
    pagefindLoading.catch(() => {
      pagefindLoading = null;
    });
  }
  return pagefindLoading;
}

// Run `text` as query number `number`; `newest()` says whether a newer one has started.
async function search(parts, text, number, newest) {
  const terms = text.trim();
  if (!terms) {
    showPlaceholder(parts);
    return;
  }
  try {
    const pagefind = await loadPagefind();
    const found = await pagefind.search(terms);
    if (number !== newest()) return;
    const results = found ? found.results : [];
    // A reader who has already moved into the results (an earlier query's, answered sooner)
    // keeps their place: the same position in the new list, else the box.
    const place = [...parts.list.querySelectorAll("a[href], button")].indexOf(document.activeElement);
    parts.list.replaceChildren();
    parts.meta.textContent = countLine(parts, results.length);
    await showMore(parts, results, 0, termsOf(terms), number, newest);
    if (place >= 0 && number === newest()) {
      const stops = parts.list.querySelectorAll("a[href], button");
      (stops[Math.min(place, stops.length - 1)] || parts.query).focus();
    }
  } catch (error) {
    if (number !== newest()) return;
    parts.list.replaceChildren();
    // Opened from a folder (a pull request's preview), Pagefind cannot load at all: say so.
    parts.meta.textContent = location.protocol == "file:" ? parts.meta.dataset.fromFolder : parts.meta.dataset.failed;
    console.error("guide-search:", error);
  }
}

// Show results `from` to `from` + PAGE_SIZE, then a button for the next ones.
async function showMore(parts, results, from, terms, number, newest) {
  const page = results.slice(from, from + PAGE_SIZE);
  const data = await Promise.all(page.map((result) => result.data()));
  if (number !== newest()) return;
  for (const item of data) {
    const element = resultItem(item, terms);
    if (element) parts.list.append(element);
  }
  if (from + PAGE_SIZE < results.length) {
    const more = document.createElement("li");
    more.className = "md-search-result__item guide-search__more";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button guide-search__more-button";
    button.textContent = format(parts.meta.dataset.more, { n: results.length - from - PAGE_SIZE });
    button.addEventListener("click", async () => {
      const next = from + PAGE_SIZE;
      more.remove();
      await showMore(parts, results, next, terms, number, newest);
      // Focus the first new result, so a keyboard reader carries on where they were.
      const links = parts.list.querySelectorAll("a[href]");
      if (links[next]) links[next].focus();
    });
    more.append(button);
    parts.list.append(more);
  }
}

// One result in Material's markup: the page's title and Pagefind's excerpt, in a link.
function resultItem(data, terms) {
  const url = new URL(data.url, location.href);
  if (url.origin !== location.origin) return null; // only ever a page of this site
  if ((CONFIG.features || []).includes("search.highlight")) url.searchParams.set(HIGHLIGHT, terms.join(" "));

  const item = document.createElement("li");
  item.className = "md-search-result__item";
  const link = document.createElement("a");
  link.className = "md-search-result__link";
  link.href = url.href;
  const article = document.createElement("article");
  article.className = "md-search-result__article md-typeset";
  const icon = document.createElement("div");
  icon.className = "md-search-result__icon md-icon";
  const title = document.createElement("h1");
  appendMarked(title, textOf((data.meta && data.meta.title) || url.pathname), terms);
  const excerpt = document.createElement("p");
  appendExcerpt(excerpt, data.excerpt || "");
  article.append(icon, title, excerpt);
  link.append(article);
  item.append(link);
  return item;
}

// Pagefind's excerpt (HTML with <mark>s) into `element` as text and <mark>s only. The HTML is
// parsed in a detached document (DOMParser: no scripts run, nothing loads); of what it holds,
// only text is copied, and a fresh <mark> for each of its marks.
function appendExcerpt(element, html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      element.append(mark);
    } else {
      element.append(document.createTextNode(node.textContent));
    }
  }
}

// `text` into `element`, with each word that starts with one of `terms` in a <mark>, as
// Material marked the words found in a title.
function appendMarked(element, text, terms) {
  const pieces = text.split(/(\p{L}[\p{L}\p{N}'’-]*)/u);
  for (const piece of pieces) {
    const lower = piece.toLowerCase();
    if (piece && terms.some((term) => lower.startsWith(term))) {
      const mark = document.createElement("mark");
      mark.textContent = piece;
      element.append(mark);
    } else if (piece) {
      element.append(document.createTextNode(piece));
    }
  }
}

// The text of what may be HTML (a title with &amp; in it), without running any of it.
function textOf(html) {
  return new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body.textContent;
}

// The terms of a query, lower case, for marking titles.
function termsOf(text) {
  return text.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u).filter((word) => word.length > 1);
}

// "3 matching documents": Material's words (partials/search.html), the number in the page's language.
function countLine(parts, count) {
  const words = parts.meta.dataset;
  if (count === 0) return words.none;
  if (count === 1) return words.one;
  return words.other.replace("#", new Intl.NumberFormat(pageLanguage()).format(count));
}

function showPlaceholder(parts) {
  parts.list.replaceChildren();
  parts.meta.textContent = parts.meta.dataset.placeholder;
}

// Material's settings for the page's scripts (its #__config: features, translations).
function materialConfig() {
  try {
    return JSON.parse(document.getElementById("__config").textContent) || {};
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------------------------------------
// The words searched for, marked on the page a result opened

// Mark the words of ?h= in the page's content, as Material's search.highlight did: each word
// that starts with one of them, in a <mark data-md-highlight> (Material's CSS for it).
export function highlightFromAddress() {
  const terms = termsOf(new URLSearchParams(location.search).get(HIGHLIGHT) || "");
  const content = document.querySelector(".md-content article");
  if (!terms.length || !content) return;
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement.closest("script, style, textarea, mark, [data-search-exclude]")
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const marked = document.createDocumentFragment();
    appendMarked(marked, node.nodeValue, terms);
    if (marked.querySelector("mark")) {
      for (const mark of marked.querySelectorAll("mark")) mark.setAttribute("data-md-highlight", "");
      node.replaceWith(marked);
    }
  }
}
