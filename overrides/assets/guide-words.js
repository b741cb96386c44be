// Words and files, for every widget and for search: the words a reader sees, in the page's
// language, and saving a file to the reader's downloads. Nothing here reads stored data.

// The words live in the templates (from the catalogue of the site's language, see
// guide_core/strings.py), with {blanks} filled in here: numbers in the page's language.
export function format(words, values) {
  const number = new Intl.NumberFormat(pageLanguage());
  return words.replace(/{(\w+)}/g, (blank, key) => {
    const value = values != null && Object.hasOwn(values, key) ? values[key] : undefined;
    return value === undefined ? blank : typeof value == "number" ? number.format(value) : value;
  });
}

// The form of `forms` ({"one": ..., "other": ...}, CLDR plural categories, as the catalogue
// gives them) that the page's language uses for `n`; the build chose with the same rules (Babel).
export function plural(forms, n) {
  const form = new Intl.PluralRules(pageLanguage()).select(n);
  return (Object.hasOwn(forms, form) ? forms[form] : undefined) ?? forms.other;
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
