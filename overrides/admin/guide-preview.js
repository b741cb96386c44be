/*
 * The preview beside the editor's form: the article as a reader sees it, with the site's own
 * stylesheets, and the guide's rules that the form cannot enforce, in an author's words.
 *
 * Decap CMS renders it in a frame beside the form, again at each keystroke
 * (CMS.registerPreviewTemplate; the component is written with the `h` and `createClass` the
 * bundle puts on window, so there is no build step). The markup follows the site's templates
 * (overrides/article.html, partials/guide-checklist.html, guide-prompts.html, guide-email.html)
 * so that the site's CSS lays it out; what the preview cannot do as the site does (Markdown,
 * which Python-Markdown renders on the site) it says, in a note at the top.
 *
 * The rules come from Python, in the page's JSON (#guide-preview-data, hooks/editor_preview.py):
 * the print budget's numbers and every character's printed width (guide_core/print_budget.py;
 * only the counting is ported here, and tests/browser/test_editor_preview_budget.py holds it to
 * Python's), the markup allowlist (guide_core/markup.py) and the placeholder grammar
 * (guide_core/placeholders.py). The messages use `make check`'s words (guide_core/rules.py),
 * with "where" said as the form shows it, not as a line of the file (there is no file yet).
 */

// ---------------------------------------------------------------------------------------------
// The print budget: how many printed lines the one-page checklist takes (print_budget.py)

// The class of code point `code` (widths and line-breaking bits): the runs are sorted by start.
function classOf(code, table) {
  const { runs, classes } = table;
  let low = 0;
  let high = runs.length / 2 - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (runs[2 * middle] <= code) low = middle;
    else high = middle - 1;
  }
  return classes[runs[2 * low + 1]];
}

// The line-breaking bits (hooks/editor_preview.py: SPACE, WIDE, CLOSING, OPENING).
const SPACE = 1;
const WIDE = 2;
const CLOSING = 4;
const OPENING = 8;

function width(character, bold, table) {
  return classOf(character.codePointAt(0), table)[bold ? 1 : 0];
}

function bits(character, table) {
  return classOf(character.codePointAt(0), table)[2];
}

// Python's str.strip(): the spaces Python counts as spaces (JavaScript's trim() differs).
function strip(characters, table) {
  let start = 0;
  let end = characters.length;
  while (start < end && bits(characters[start], table) & SPACE) start += 1;
  while (end > start && bits(characters[end - 1], table) & SPACE) end -= 1;
  return characters.slice(start, end);
}

// Beside a wide character a line may break without a space, except before closing
// punctuation and after opening punctuation (print_budget._breaks_between).
function breaksBetween(before, after, table) {
  const wide = (bits(before, table) | bits(after, table)) & WIDE;
  return Boolean(wide) && !(bits(after, table) & CLOSING) && !(bits(before, table) & OPENING);
}

// The text in words, each with the spaces after it (print_budget._words), by code point.
function words(characters, table) {
  const found = [];
  let word = [];
  let space = [];
  for (const c of characters) {
    if (bits(c, table) & SPACE) space.push(c);
    else if (word.length && (space.length || breaksBetween(word[word.length - 1], c, table))) {
      found.push([word, space]);
      word = [c];
      space = [];
    } else word.push(c);
  }
  if (word.length) found.push([word, space]);
  return found;
}

const sum = (numbers) => numbers.reduce((total, n) => total + n, 0);

// How many lines `text` wraps to (print_budget.wrapped_lines), for a kind of the sheet's text.
export function wrappedLines(text, kind, table) {
  const { room, bold } = kind;
  let lines = 1;
  let used = 0;
  for (const [word, space] of words(strip([...String(text ?? '')], table), table)) {
    const widths = word.map((c) => width(c, bold, table));
    const wordWidth = sum(widths);
    if (used && used + wordWidth > room) {
      lines += 1;
      used = 0;
    }
    if (wordWidth <= room) used += wordWidth;
    else {
      for (const w of widths) {
        if (used && used + w > room) {
          lines += 1;
          used = 0;
        }
        used += w;
      }
    }
    used += sum(space.map((c) => width(c, bold, table)));
  }
  return lines;
}

// The printed lines each part of the sheet takes, in the order it prints them
// (print_budget.print_lines): [where, lines], where is a path into the article.
export function printLines(data, budget) {
  const { kinds } = budget;
  const parts = [[['title'], wrappedLines(data.title, kinds.title, budget) - 1]];
  const questions = [];
  (data.sections || []).forEach((section, s) => {
    const items = section.checklist || [];
    if (items.length) {
      parts.push([['sections', s, 'heading'], budget.section_cost - 1 + wrappedLines(section.heading, kinds.heading, budget)]);
    }
    items.forEach((item, i) => parts.push([['sections', s, 'checklist', i], wrappedLines(item.text, kinds.item, budget)]));
    (section.prompts || []).forEach((prompt, p) => questions.push([['sections', s, 'prompts', p], prompt.question]));
  });
  for (let row = 0; row < questions.length; row += 2) {
    const pair = questions.slice(row, row + 2);
    const longest = Math.max(...pair.map(([, question]) => wrappedLines(question, kinds.question, budget)));
    parts.push([pair[0][0], budget.note_cost - 1 + longest]);
  }
  if (!questions.length) parts.push([['sections'], budget.note_cost]);
  return parts;
}

// Whether the checklist fits its one printed page: the lines it takes, and when it does not,
// where the page runs out and `make check`'s message (print_budget.print_budget_problems).
export function printBudget(data, budget) {
  const parts = printLines(data, budget);
  const used = sum(parts.map(([, lines]) => lines));
  if (used <= budget.lines) return { used, holds: budget.lines, problem: null };
  // The title and the notes have their room first; then the items and headings, in order.
  const onList = ([where]) => where.includes('checklist') || where.includes('heading');
  const ordered = [...parts.filter((part) => !onList(part)), ...parts.filter(onList)];
  let running = 0;
  let where = null; // the part where the page runs out
  for (const [at, lines] of ordered) {
    where = at;
    running += lines;
    if (running > budget.lines) break;
  }
  const over = used - budget.lines;
  const message =
    `the checklist is too long to print on one page: it takes ${used} lines and one page ` +
    `holds ${budget.lines}, so the page runs out here; remove or shorten items worth ` +
    `${over} line${over !== 1 ? 's' : ''} (a line holds about ${budget.line_chars} letters of ` +
    `English, ${budget.wide_per_line} of Chinese or Japanese, fewer in capitals; a section ` +
    'heading takes two)';
  return { used, holds: budget.lines, problem: { where, message } };
}

// ---------------------------------------------------------------------------------------------
// The guide's other rules (guide_core/rules.py), as `make check` words them

// Python's repr() of a string, as the check's messages quote ids: 'x', or "x" if it holds a '.
function pythonQuoted(value) {
  const text = String(value);
  if (text.includes("'") && !text.includes('"')) return `"${text}"`;
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// Ids unique in the article, each kind on its own (rules._unique_ids_rule).
function uniqueIdProblems(data) {
  const sections = data.sections || [];
  const kinds = [
    ['section id', sections.map((section, s) => [['sections', s, 'id'], section.id])],
    ['checklist item id', sections.flatMap((section, s) => (section.checklist || []).map((item, i) => [['sections', s, 'checklist', i, 'id'], item.id]))],
    ['prompt id', sections.flatMap((section, s) => (section.prompts || []).map((prompt, p) => [['sections', s, 'prompts', p, 'id'], prompt.id]))],
  ];
  const problems = [];
  for (const [kind, entries] of kinds) {
    const firstSeen = new Map();
    for (const [where, value] of entries) {
      if (typeof value !== 'string' || value === '') continue; // the form reports it
      if (firstSeen.has(value)) {
        problems.push({ where, message: `the ${kind} ${pythonQuoted(value)} is already used (${placeOf(firstSeen.get(value), data)}): ids must be unique in an article` });
      } else firstSeen.set(value, where);
    }
  }
  return problems;
}

// Placeholders that name no field (rules._email_rule), each unknown name once.
function placeholderProblems(data, rules) {
  const email = data.email;
  if (!email) return [];
  const declared = new Set((email.fields || []).map((field) => field.name));
  const used = new Set();
  const problems = [];
  for (const part of ['to', 'subject', 'body']) {
    if (typeof email[part] !== 'string') continue;
    for (const match of email[part].matchAll(new RegExp(rules.placeholder, 'g'))) {
      const name = match[1];
      if (!declared.has(name) && !used.has(name)) {
        problems.push({ where: ['email', part], message: `the placeholder {${name}} names no field: declare it under email.fields, or fix the spelling` });
      }
      used.add(name);
    }
  }
  return problems;
}

// Every text of the article, with its path (rules._texts).
function texts(value, path = []) {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => texts(item, [...path, index]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => texts(item, [...path, key]));
  return [];
}

// A name that could start a tag: "<" then a letter, up to a space, "/" or ">" (markup._TAG_NAME).
const TAG_NAME = /<\/?([A-Za-z][^\t\n\f\r />]*)/g;

// Tags outside the allowlist (guide_core/markup.py): the check refuses the article with them.
function tagProblems(data, rules) {
  const allowed = new Set(rules.tags.allowed);
  const problems = [];
  for (const [where, text] of texts(data)) {
    const seen = new Set();
    for (const match of text.matchAll(TAG_NAME)) {
      const tag = match[1].toLowerCase();
      if (allowed.has(tag) || seen.has(tag)) continue;
      seen.add(tag);
      const message = rules.tags.messages[tag] || rules.tags.message.replaceAll('{tag}', tag);
      problems.push({ where, message: `this tag will be refused: ${message}` });
    }
  }
  return problems;
}

// Every rule the preview can show, in the order of the form.
export function guideProblems(data, rules) {
  const budget = printBudget(data, rules.budget).problem;
  return [...uniqueIdProblems(data), ...tagProblems(data, rules), ...placeholderProblems(data, rules), ...(budget ? [budget] : [])];
}

// Where a path is, in the form's words: "Section 2 (“Ask clearly”), checklist item 3".
export function placeOf(where, data) {
  const [first, s, part, index] = where;
  const section = (data.sections || [])[s];
  if (first === 'sections' && section) {
    const named = `section ${s + 1}${section.heading ? ` (“${section.heading}”)` : ''}`;
    if (part === 'checklist') return `${named}, checklist item ${index + 1}`;
    if (part === 'prompts') return `${named}, prompt ${index + 1}`;
    return part ? `${named}, ${part}` : named;
  }
  if (first === 'sections') return 'the notes';
  if (first === 'email') return `the email's ${s === 'fields' ? 'fields' : s}`;
  return `the ${where.join(' ')}`;
}

// ---------------------------------------------------------------------------------------------
// The preview itself (a React component of Decap's)

const rulesElement = globalThis.document?.getElementById('guide-preview-data');
const RULES = rulesElement ? JSON.parse(rulesElement.textContent) : null;

// A light sketch of Markdown (paragraphs, lists, headings, emphasis, code, links), made of
// elements, never of HTML strings: an author's HTML shows as written. Pictures show as their
// description, so the preview fetches nothing from outside the site.
const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|!\[([^\]]*)\]\([^)]*\)|\[([^\]]+)\]\(([^)\s]*)[^)]*\)/g;

function inline(h, text) {
  const out = [];
  let done = 0;
  for (const match of text.matchAll(INLINE)) {
    out.push(text.slice(done, match.index));
    const [, code, strong, em, picture, linkText, href] = match;
    if (code !== undefined) out.push(h('code', { key: match.index }, code));
    else if (strong !== undefined) out.push(h('strong', { key: match.index }, strong));
    else if (em !== undefined) out.push(h('em', { key: match.index }, em));
    else if (picture !== undefined) out.push(`[picture: ${picture}]`);
    else out.push(h('a', { key: match.index, href: /^(https?:|mailto:|[./#a-z0-9])/i.test(href) ? href : undefined }, linkText));
    done = match.index + match[0].length;
  }
  out.push(text.slice(done));
  return out;
}

function markdown(h, text) {
  const blocks = String(text || '').split(/\n[ \t]*\n/).filter((block) => block.trim());
  return blocks.map((block, b) => {
    const lines = block.split('\n');
    const bullet = /^\s*[-*+]\s+/;
    const numbered = /^\s*\d{1,9}[.)]\s+/;
    if (lines.every((line) => bullet.test(line))) {
      return h('ul', { key: b }, lines.map((line, i) => h('li', { key: i }, inline(h, line.replace(bullet, '')))));
    }
    if (lines.every((line) => numbered.test(line))) {
      return h('ol', { key: b }, lines.map((line, i) => h('li', { key: i }, inline(h, line.replace(numbered, '')))));
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(lines[0]);
    if (heading && lines.length === 1) return h(`h${Math.min(heading[1].length + 2, 6)}`, { key: b }, inline(h, heading[2]));
    return h('p', { key: b }, inline(h, lines.join(' ')));
  });
}

// The email with each placeholder filled by its field's example, else "[its label]" marked as
// still to fill in (guide-email.html's preview of the form, filled).
function filled(h, text, email, rules) {
  const fields = new Map((email.fields || []).map((field) => [field.name, field]));
  const out = [];
  let done = 0;
  for (const match of String(text || '').matchAll(new RegExp(rules.placeholder, 'g'))) {
    out.push(text.slice(done, match.index));
    const field = fields.get(match[1]);
    if (field && field.example) out.push(field.example);
    else out.push(h('mark', { className: 'guide-email__missing', key: match.index }, `[${(field && field.label) || match[1]}]`));
    done = match.index + match[0].length;
  }
  out.push(String(text || '').slice(done));
  return out;
}

function checklist(h, section, s) {
  const items = section.checklist || [];
  if (!items.length) return null;
  return h('fieldset', { className: 'guide-checklist', key: 'checklist' },
    h('legend', { className: 'guide-checklist__legend' }, `Checklist: ${section.heading || ''}`),
    h('ul', { className: 'guide-checklist__list', role: 'list' }, items.map((item, i) => {
      const id = `guide-item--${s}-${i}-${item.id || ''}`;
      return h('li', { className: 'guide-checklist__item', key: i },
        h('input', { className: 'guide-checklist__box', type: 'checkbox', id, name: item.id || '' }),
        h('label', { className: 'guide-checklist__label', htmlFor: id }, item.text || ''));
    })));
}

function prompts(h, section) {
  const list = section.prompts || [];
  if (!list.length) return null;
  return h('div', { className: 'guide-notes', key: 'prompts' },
    h('h3', { className: 'guide-notes__title' }, 'Think it through'),
    h('ul', { className: 'guide-notes__list', role: 'list' }, list.map((prompt, p) => h('li', { className: 'guide-notes__prompt', key: p },
      h('p', { className: 'guide-notes__question' }, prompt.question || ''),
      prompt.hint ? h('p', { className: 'guide-notes__hint' }, prompt.hint) : null))));
}

function emailPart(h, email, rules) {
  return h('section', { className: 'guide-email', key: 'email', 'data-guide-preview-email': '' },
    h('h3', { className: 'guide-email__title' }, 'Write your email'),
    h('div', { className: 'guide-email__preview' },
      h('h4', { className: 'guide-email__preview-title' }, 'Your email, filled with the fields’ examples'),
      h('dl', { className: 'guide-email__headers' },
        email.to ? h('div', { className: 'guide-email__header' }, h('dt', null, 'To'), h('dd', null, filled(h, email.to, email, rules))) : null,
        h('div', { className: 'guide-email__header' }, h('dt', null, 'Subject'), h('dd', null, filled(h, email.subject, email, rules)))),
      h('div', { className: 'guide-email__body' }, filled(h, email.body, email, rules))));
}

// The section the email follows: the one whose prompt feeds it, else the last (guide-email.html).
function emailHome(data) {
  const sections = data.sections || [];
  const feeding = sections.findIndex((section) => (section.prompts || []).some((prompt) => prompt.feeds));
  return feeding >= 0 ? feeding : sections.length - 1;
}

const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function rulesList(h, data, rules) {
  const problems = guideProblems(data, rules);
  const { used, holds } = printBudget(data, rules.budget);
  const kind = problems.length ? 'warning' : 'success';
  return h('aside', { className: `admonition ${kind} guide-preview__rules`, 'data-guide-preview-rules': '', role: 'status' },
    h('p', { className: 'admonition-title' }, problems.length ? 'Before this article can be published' : 'The guide’s rules'),
    problems.length
      ? h('ul', null, problems.map((problem, n) => h('li', { key: n, 'data-guide-preview-problem': '' }, `${capitalised(placeOf(problem.where, data))}: ${problem.message}`)))
      : h('p', null, 'Nothing to fix that the preview can see. The check on your pull request reads everything.'),
    used <= holds ? h('p', { 'data-guide-preview-budget': '' }, `The checklist fits its one printed page: it takes ${used} of the ${holds} lines a page holds.`) : null,
    h('p', null, h('small', { 'data-guide-preview-sketch': '' },
      'Below, a sketch of the page: the site’s own Markdown may lay out some things differently (tables, notes, and HTML, which shows here as you wrote it); pictures show as their description.')));
}

function article(h, data, rules) {
  const sections = data.sections || [];
  const home = emailHome(data);
  // Material's CSS reads dir and the colour scheme on an element around .md-typeset (its <body>).
  return h('div', { className: 'guide-preview', ...rules.page }, h('div', { className: 'md-content__inner md-typeset' },
    data.draft ? h('p', { className: 'guide-article__draft-note', role: 'note', 'data-guide-preview-draft': '' },
      'This article is a draft (Draft is on): it will not be published. Readers will not see it until you turn Draft off.') : null,
    rulesList(h, data, rules),
    h('header', { className: 'guide-article__header' }, h('h1', null, data.title || ''),
      data.author && data.author.name ? h('p', { className: 'guide-article__byline' }, `By ${data.author.name}`) : null),
    data.summary ? h('p', { className: 'guide-preview__summary' }, h('strong', null, 'Summary (on the home page): '), data.summary) : null,
    h('div', { className: 'guide-article' },
      markdown(h, data.intro),
      sections.map((section, s) => h('div', { key: s },
        h('h2', { id: section.id || undefined }, section.heading || ''),
        markdown(h, section.body),
        checklist(h, section, s),
        prompts(h, section),
        data.email && s === home ? emailPart(h, data.email, rules) : null)))));
}

function register(CMS) {
  const h = globalThis.h;
  const Preview = globalThis.createClass({
    render() {
      const data = this.props.entry.get('data');
      return article(h, data && data.toJS ? data.toJS() : {}, RULES);
    },
  });
  for (const style of RULES.styles) CMS.registerPreviewStyle(style);
  CMS.registerPreviewTemplate('articles', Preview);
}

if (globalThis.CMS && RULES) register(globalThis.CMS);
