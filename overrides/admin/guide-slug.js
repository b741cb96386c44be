/*
 * The article's slug made from its title, in the editor, the way `make article` makes it
 * (guide_core/scaffold.py's slugify, with the same transliteration table: npm any-ascii is
 * Python's anyascii, the same version). Saving a new article whose Slug field is left empty
 * fills it in from the title, before Decap names the file after it (its preSave event runs
 * before the file name is made). tests/browser/test_editor_slug.py holds this function equal
 * to Python's on a table of titles.
 */
import anyAscii from './any-ascii/any-ascii.js';

// A slug past this is cut at a word (scaffold.py's SLUG_MAX).
const SLUG_MAX = 80;

// A letter, digit or underscore, as Python's \w counts them.
const WORD = '[\\p{L}\\p{N}_]';
// An apostrophe inside a word joins it ("haven't" -> "havent", not "haven-t").
const JOINING_APOSTROPHE = new RegExp(`(?<=${WORD})['\\u2019\\u02bc](?=${WORD})`, 'gu');
// One CJK unified ideograph (Python: its name starts with "CJK UNIFIED"; the compatibility
// ideographs, which Unicode also counts as unified, are named otherwise there).
const CJK_UNIFIED = /(?![\uF900-\uFAFF\u{2F800}-\u{2FA1F}])\p{Unified_Ideograph}/gu;

// "How to Negotiate a Salary Offer!" -> "how-to-negotiate-a-salary-offer"
export function slugify(title) {
  const joined = String(title).normalize('NFC').replace(JOINING_APOSTROPHE, '');
  // Each Chinese character is a word of its own; other scripts keep their words.
  const spaced = joined.replace(CJK_UNIFIED, (character) => ` ${character} `);
  const ascii = anyAscii(spaced).replace(/['`]/g, '');
  let slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > SLUG_MAX) {
    const head = slug.slice(0, SLUG_MAX + 1);
    slug = slug.slice(0, SLUG_MAX).includes('-') ? head.slice(0, head.lastIndexOf('-')) : slug.slice(0, SLUG_MAX);
  }
  return slug;
}

// Decap's preSave event: an empty slug is made from the title (an existing one is kept: it
// is the article's address, and a reader's ticks are stored under it).
function fillSlug({ entry }) {
  const data = entry.get('data');
  const slug = data.get('slug');
  if (typeof slug === 'string' && slug.trim() !== '') return data;
  return data.set('slug', slugify(data.get('title') || ''));
}

if (globalThis.CMS) {
  globalThis.CMS.registerEventListener({ name: 'preSave', handler: fillSlug });
}
