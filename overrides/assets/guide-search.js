/*
 * The search box's starter: small, on every page. The rest of search (guide-search-dialog.js:
 * the dialog's keys, Pagefind, the results) loads the first time the reader opens the box (focuses
 * it, clicks the header's search button or presses / or s), or when a page opened from a result
 * has words to mark (?h=). A reader who presses / and types at once loses nothing: the box has
 * the focus from the key on, and the dialog searches for what it holds when it starts.
 *
 * The dialog is Material's (overrides/partials/search.html, data-guide-module="search"): the
 * #__search checkbox opens and closes it through Material's CSS.
 */
import { widget } from "./guide-widget.js";

const SHORTCUTS = new Set(["/", "s", "S"]); // keys that open search, as in Material
const HIGHLIGHT = "h"; // the address parameter with the words to mark, Material's name

// The rest of search, imported once (a failed load is tried again the next time).
let dialogLoading = null;
function loadDialog() {
  if (!dialogLoading) {
    dialogLoading = import("./guide-search-dialog.js");
    dialogLoading.catch((error) => {
      dialogLoading = null;
      console.error("guide-search:", error);
    });
  }
  return dialogLoading;
}

widget("search", (dialog) => {
  const toggle = document.getElementById("__search");
  const query = dialog.querySelector("[data-guide-search-query]");
  const meta = dialog.querySelector("[data-guide-search-meta]");
  if (!toggle || !query) return;
  meta.textContent = meta.dataset.placeholder;
  const open = () => toggle.checked || toggle.click(); // a click: Material's scroll lock follows

  // Once the rest is here, it does what the box does; until then, this opens it and keeps the
  // reader's letters in it.
  let started = false;
  function start() {
    loadDialog().then((module) => {
      if (!started) {
        started = true;
        module.startDialog(dialog, toggle);
      }
    }, () => {});
  }

  query.addEventListener("focus", () => {
    open();
    start();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      // The header's search button (a label for the toggle) opens the dialog: put the caret in
      // the box, once Material's CSS has made it visible.
      requestAnimationFrame(() => query.focus());
    } else if (dialog.contains(document.activeElement)) {
      document.activeElement.blur();
    }
  });

  // What opens the dialog here closes it here too, so that it closes whether or not the rest
  // has loaded (on a slow phone a reader can Tab through it first): focus moving out of it
  // (Tab past its last stop) and Escape. Left open, it would cover where the focus went.
  const close = () => toggle.checked && toggle.click();
  dialog.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !dialog.contains(event.relatedTarget)) close();
  });

  // / or s anywhere opens search, unless the reader is typing; Escape closes it.
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
    if (event.key === "Escape" && toggle.checked) {
      event.preventDefault();
      close();
      return;
    }
    if (toggle.checked || !SHORTCUTS.has(event.key) || isTypingIn(document.activeElement)) return;
    event.preventDefault();
    open();
    query.focus();
    query.select();
  });
});

// Whether a key pressed in `element` is typing (then / and s are letters, not shortcuts).
function isTypingIn(element) {
  if (!element) return false;
  if (element.isContentEditable) return true;
  if (element.tagName === "TEXTAREA" || element.tagName === "SELECT") return true;
  return element.tagName === "INPUT" && !["checkbox", "radio", "button", "submit", "reset"].includes(element.type);
}

// The words searched for, marked on each page a result opened (instant navigation swaps the
// content without loading this again).
const pages = window.document$ || { subscribe: (callback) => callback() };
pages.subscribe(() => {
  if (new URLSearchParams(location.search).get(HIGHLIGHT)) {
    loadDialog().then((module) => module.highlightFromAddress(), () => {});
  }
});
