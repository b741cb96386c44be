/*
 * How the editor reads and writes an article file: Decap CMS's custom format "guide-yaml"
 * (guide_core/editor_config.py sets the collection's `format` to it), so that a file the
 * editor saves is laid out like every other article of the guide, not as Decap's own YAML
 * writer lays it out (which drops the header comment, wraps Markdown into `>` blocks at 80
 * columns and writes the tags as a block list).
 *
 * The layout is the one of the seed article and of the skeleton `make article` writes
 * (guide_core/article-skeleton.yml); tests/browser/test_editor_format.py holds what this
 * module writes to the skeleton's layout:
 *
 * - the file's header comment kept as it was (a new article gets HEADER, which names the
 *   schema for editors that read `# yaml-language-server: $schema=`, as the skeleton does);
 * - the keys in the order of the form's fields, which is the order the format documents;
 * - Markdown (the fields the form shows as a text box) as literal `|` blocks, ending with a
 *   line break; one-line text plain, in double quotes only where YAML needs them (as the
 *   guide's loader and YAML 1.1 read it: `yes`, `0200`, `{name}`); a list of one-line values
 *   (the tags) on one line: `tags: [interviews, after-the-interview]`;
 * - a blank line before each top-level part that spans lines, and between sections;
 * - empty optional fields left out (Decap keeps an empty box as "").
 *
 * Saving an article unchanged writes its file back exactly as it was read.
 *
 * The YAML library is npm's `yaml` (eemeli/yaml, pinned in the Makefile), copied beside this
 * module by hooks/editor.py.
 */
import { Document, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument } from './yaml/index.js';
import { stringTag } from './yaml/util.js';

export const FORMAT = 'guide-yaml';
export const EXTENSION = 'yml';

// The header of a new article's file: the skeleton's first line (which tells editors where
// the schema is), then what the file is.
export const HEADER = [
  '# yaml-language-server: $schema=../../guide_core/article.schema.json',
  '#',
  '# One article of the guide, written with the article editor (/admin/). Each field is explained',
  '# in guide_core/article.schema.json and in ADDING-AN-ARTICLE.md. Text fields are Markdown: a',
  '# blank line starts a new paragraph.',
].join('\n');

// One-line text that would make its line longer than this is written as a `>-` block folded at
// this width (the seed's summary); shorter text stays on its line (the skeleton's summary), and
// text already on a longer line stays there while it is unchanged.
export const LINE_WIDTH = 100;

// Only `>-` blocks are folded: plain and quoted text stays on its line (YAML could fold it too,
// but a one-line field folded over two lines reads as two), and Markdown keeps its lines.
const STRING = {
  ...stringTag,
  stringify(item, ctx, onComment, onChompKeep) {
    const lineWidth = item.type === Scalar.BLOCK_FOLDED ? LINE_WIDTH : 0;
    return stringTag.stringify(item, { ...ctx, options: { ...ctx.options, lineWidth } }, onComment, onChompKeep);
  },
};

// Read and written as YAML 1.1, as the guide's loader (PyYAML) reads it, so that text such as
// `yes`, `on` or `0200` is quoted. Dates are text to the guide (the schema checks them), so
// `published: 2017-10-05` stays plain: 1.1's timestamp type is left out.
const SCHEMA_OPTIONS = {
  version: '1.1',
  customTags: (tags) =>
    tags.filter((tag) => tag.tag !== 'tag:yaml.org,2002:timestamp').map((tag) => (tag === stringTag ? STRING : tag)),
};
const WRITE_OPTIONS = {
  indent: 2,
  indentSeq: true, // "- id: ..." indented under its key, as in every article
  minContentWidth: 0,
  flowCollectionPadding: false, // [a, b], not [ a, b ]
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
};

// --- What the form's settings say about each field -------------------------------------------

// The fields of the form, from the editor's settings (config.yml, made from the schema):
// for each path of field names (list items have no step), its sub-fields in order and its
// widget. Read once, when the page starts; Decap reads the same file.
let fieldsReady = null;

function settingsUrl() {
  const link = globalThis.document?.querySelector('link[rel="cms-config-url"]');
  return link ? link.href : 'config.yml';
}

// {"": {order: [...], widget: "object"}, "sections": {...}, "intro": {widget: "text"}, ...}
export function fieldsFrom(settings) {
  const found = new Map();
  const collection = (settings.collections || []).find((each) => each.name === 'articles') || settings.collections[0];
  const walk = (fields, path) => {
    found.set(path, { ...(found.get(path) || {}), order: fields.map((field) => field.name) });
    for (const field of fields) {
      const own = path ? `${path}.${field.name}` : field.name;
      found.set(own, { ...(found.get(own) || {}), widget: field.widget || 'string', required: field.required !== false });
      if (Array.isArray(field.fields)) walk(field.fields, own);
      if (field.field) found.set(own, { ...found.get(own), item: field.field.widget || 'string' });
    }
  };
  walk(collection.fields, '');
  return found;
}

function loadFields() {
  if (!fieldsReady && typeof fetch === 'function') {
    fieldsReady = fetch(settingsUrl(), { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`${response.status}`))))
      .then((text) => {
        fields = fieldsFrom(parseDocument(text).toJS());
      })
      .catch((error) => {
        console.error('The article format could not read the editor settings (config.yml):', error);
      });
  }
  return fieldsReady;
}

let fields = null;

export function useFields(settings) {
  fields = fieldsFrom(settings);
}

// --- Reading ---------------------------------------------------------------------------------

// What each file held when it was read, by its slug (the article's address, which never
// changes): its text, to write back unchanged or to change only where the form changed it.
const read = new Map();

function parsed(text) {
  const doc = parseDocument(text, { ...SCHEMA_OPTIONS, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new Error(`This article's file is not valid YAML: ${doc.errors.map((error) => error.message).join('\n')}`);
  }
  return doc;
}

export function fromFile(text) {
  const data = parsed(text).toJS() ?? {};
  if (data && typeof data === 'object' && typeof data.slug === 'string') read.set(data.slug, text);
  return data;
}

// The comment lines at the top of a file (before its first key), blank lines inside kept.
export function headerOf(text) {
  const lines = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.startsWith('#') || (line.trim() === '' && lines.length > 0)) lines.push(line);
    else if (line.trim() !== '') break;
  }
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.join('\n');
}

// --- Writing ---------------------------------------------------------------------------------

// The file for the form's data: the file as it was read if nothing changed; else the file as
// it was read with the form's changes made in it (its comments, blank lines and the way each
// unchanged value is written kept); a new article in the guide's layout under HEADER.
export function toFile(data) {
  if (!fields) {
    throw new Error('The editor has not read its settings (config.yml) yet: wait a moment and save again, or reload the page.');
  }
  return articleFile(data, typeof data?.slug === 'string' ? read.get(data.slug) : undefined);
}

export function articleFile(data, before) {
  const value = pruned(data) ?? {};
  if (before !== undefined) {
    const doc = parsed(before);
    if (equal(pruned(doc.toJS()), value)) return before;
    doc.contents = merged(doc, doc.contents, value, '', 0);
    return finish(doc).toString(WRITE_OPTIONS);
  }
  const doc = new Document(null, SCHEMA_OPTIONS);
  doc.contents = node(doc, value, '', 0);
  return `${HEADER}\n\n${finish(doc).toString(WRITE_OPTIONS)}`;
}

// A blank line before each top-level part that spans lines, and between the sections (parts
// the file already had keep the blank lines it had).
function finish(doc) {
  for (const [index, pair] of doc.contents.items.entries()) {
    if (pair.fresh && index > 0 && spansLines(pair.value)) pair.key.spaceBefore = true;
    if (isSeq(pair.value) && !pair.value.flow) {
      pair.value.items.forEach((item, at) => {
        if (item.fresh && at > 0 && isMap(item)) item.spaceBefore = true;
      });
    }
  }
  return doc;
}

// The old node `old` (of the file as read) made to hold `value`: kept where its value is the
// same, changed in place where it is an object or a list, made anew otherwise.
function merged(doc, old, value, path, column) {
  if (Array.isArray(value) && isSeq(old) && !old.flow) {
    const unused = [...old.items];
    old.items = value.map((item) => {
      // An item is the item of the same id (or name), wherever it moved; else the next unused.
      const name = identity(item);
      const match = unused.find((each) => name !== undefined && isMap(each) && identity(each.toJSON()) === name) ??
        (name === undefined ? unused.find((each) => identity(isMap(each) ? each.toJSON() : undefined) === undefined) : undefined);
      if (match) unused.splice(unused.indexOf(match), 1);
      return match ? merged(doc, match, item, path, column + 4) : node(doc, item, path, column + 4);
    });
    return old;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && isMap(old)) {
    old.items = ordered(Object.keys(value), fields?.get(path)?.order || []).map((key) => {
      const own = path ? `${path}.${key}` : key;
      const at = columnOf(value[key], key, column);
      const pair = old.items.find((each) => isScalar(each.key) && String(each.key.value) === key);
      if (pair) {
        pair.value = merged(doc, pair.value, value[key], own, at);
        return pair;
      }
      return freshPair(doc, key, node(doc, value[key], own, at));
    });
    return old;
  }
  if (isScalar(old) && old.value === value) return old;
  const fresh = node(doc, value, path, column);
  if (old && typeof old === 'object') {
    fresh.spaceBefore = old.spaceBefore;
    fresh.commentBefore = old.commentBefore;
    fresh.comment = old.comment;
  }
  return fresh;
}

function identity(item) {
  if (item === null || typeof item !== 'object') return undefined;
  return typeof item.id === 'string' ? `id:${item.id}` : typeof item.name === 'string' ? `name:${item.name}` : undefined;
}

function freshPair(doc, key, value) {
  const pair = doc.createPair(key, value);
  pair.fresh = true;
  return pair;
}

// Where the line of a value starts: an object's keys two columns in, a list's dashes at its key
// (then two more, and the dash), a value on its key's line after "key: ".
function columnOf(value, key, column) {
  if (Array.isArray(value)) return column;
  if (value !== null && typeof value === 'object') return column + 2;
  return column + key.length + 2;
}

// The YAML node of `value`, at `path` (field names joined by dots; list items have no step of
// their own), whose line starts at column `column` (where its key is, or its list's dash).
function node(doc, value, path, column) {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq(doc.schema);
    for (const item of value) seq.items.push(node(doc, item, path, column + 4)); // "  - " before each item
    // A list of one-line values (the tags) on one line, as the skeleton writes it.
    seq.flow = seq.items.length > 0 && seq.items.every((item) => isScalar(item) && item.type === Scalar.PLAIN);
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = new YAMLMap(doc.schema);
    for (const key of ordered(Object.keys(value), fields?.get(path)?.order || [])) {
      map.items.push(freshPair(doc, key, node(doc, value[key], path ? `${path}.${key}` : key, columnOf(value[key], key, column))));
    }
    map.fresh = true;
    return map;
  }
  const scalar = new Scalar(value);
  if (typeof value === 'string') {
    const described = fields?.get(path) || {};
    const markdown = described.widget === 'text' || described.item === 'text' || value.includes('\n');
    // Markdown ends with a line break, as the skeleton writes it (it means nothing to Markdown).
    const text = markdown && value !== '' && !value.endsWith('\n') ? `${value}\n` : value;
    if (markdown) scalar.value = text;
    if (markdown && /[ \t]\n/.test(text)) {
      // A line ending in spaces (a Markdown line break) would be trailing spaces in a block,
      // which yamllint refuses: in double quotes, with "\n" for each line break, it stays.
      scalar.type = Scalar.QUOTE_DOUBLE;
    } else if (markdown) {
      scalar.type = Scalar.BLOCK_LITERAL;
    } else if (value.includes('\t')) {
      scalar.type = Scalar.QUOTE_DOUBLE; // "\t": a tab in a one-line value reads, to the guide, as pasted by mistake
    } else if (column + value.length > LINE_WIDTH && value === value.trim()) {
      scalar.type = Scalar.BLOCK_FOLDED;
    } else {
      scalar.type = Scalar.PLAIN; // quoted by the library only where YAML needs it
    }
  }
  return scalar;
}

function spansLines(value) {
  if (isScalar(value)) return value.type === Scalar.BLOCK_LITERAL;
  if (isSeq(value)) return !value.flow;
  return isMap(value);
}

// `names` in the documented order; a name the form does not know goes after the others.
function ordered(names, documented) {
  const known = documented.filter((name) => names.includes(name));
  return [...known, ...names.filter((name) => !known.includes(name))];
}

// The data without what Decap keeps for an empty box: "", null, an empty list or object (a
// list of nothing is no list: the format's lists all hold at least one item).
export function pruned(value) {
  if (Array.isArray(value)) {
    const items = value.map(pruned).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const kept = {};
    for (const [key, item] of Object.entries(value)) {
      const sub = pruned(item);
      if (sub !== undefined) kept[key] = sub;
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  }
  if (value === null || value === undefined || value === '') return undefined;
  return value;
}

function equal(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => equal(item, b[index]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && equal(a[key], b[key]));
  }
  return a === b;
}

if (globalThis.CMS) {
  loadFields();
  globalThis.CMS.registerCustomFormat(FORMAT, EXTENSION, { fromFile, toFile });
}
