"""What the editor's preview (overrides/admin/guide-preview.js) is given from Python (issue 27).

The guide's rules that the schema cannot say have their owners in guide_core; the preview
shows them to a coach while they write, so the browser is handed each rule's numbers and
lists from those owners, never a copy kept in JavaScript:

- the print budget (guide_core/print_budget.py): its line budget and costs, the room each kind
  of text has on the sheet, and every character's printed width and line-breaking class as
  ``char_width`` and ``_words`` see them, run-length coded over all of Unicode (Python's own
  Unicode data, so the browser's, which may be a newer version, never decides). The browser
  ports only the counting; tests/browser/test_editor_preview_budget.py holds its count and its
  message equal to Python's;
- the markup allowlist (guide_core/markup.py): the tags an article may hold, and the check's
  message for a tag outside it;
- the placeholder grammar (guide_core/placeholders.py).

MkDocs-free: hooks/editor.py passes the result into the page.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from guide_core import markup, placeholders, print_budget

# A character's line-breaking class, as bits (print_budget._words and _breaks_between).
SPACE, WIDE, CLOSING, OPENING = 1, 2, 4, 8
_TAG = "guide-preview-tag"  # stands for a tag's name in the check's message for it


# Everything the preview reads, for the page's JSON; `home` is the built home page's HTML.
def preview_data(home: str) -> dict[str, Any]:
    return {
        **reader_page(home),
        "budget": budget_rule(),
        "tags": tag_rule(),
        "placeholder": placeholders.PLACEHOLDER.pattern,
    }


# What a reader's page is laid out with: its stylesheets, as the editor page (one folder down)
# addresses them (the site's own only), and the attributes of its <body> that Material's CSS
# reads (dir, the colour scheme and palette), for the preview's outermost element.
def reader_page(home: str) -> dict[str, Any]:
    found = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)
    styles = [f"../{href}" for href in found if not re.match(r"[a-z][a-z0-9+.-]*:|/", href, re.IGNORECASE)]
    body = re.search(r"<body\b[^>]*>", home)
    attributes = dict(re.findall(r'\s(dir|data-md-color-[a-z]+)="([^"]*)"', body[0])) if body else {}
    return {"styles": styles, "page": {"dir": "ltr", **attributes}}


# The print budget's numbers, and the widths of every character (see widths_table).
def budget_rule() -> dict[str, Any]:
    kinds = {"title": print_budget.TITLE, "heading": print_budget.HEADING, "item": print_budget.ITEM}
    kinds["question"] = print_budget.QUESTION
    return {
        "lines": print_budget.LINE_BUDGET,
        "section_cost": print_budget.SECTION_COST,
        "note_cost": print_budget.NOTE_COST,
        "line_chars": print_budget.LINE_CHARS,
        "wide_per_line": print_budget.wide_per_line(print_budget.ITEM),
        "kinds": {name: {"room": _room(kind), "bold": kind.bold} for name, kind in kinds.items()},
        **widths_table(),
    }


# The room a kind of text has on one line, in ems (as wrapped_lines works it out).
def _room(kind: print_budget.Text) -> float:
    return kind.width_mm / (kind.size_pt * print_budget.MM_PER_PT)


# Every code point's (regular width, bold width, line-breaking bits), as a list of the distinct
# ones ("classes") and runs: runs[2k] is where a run starts, runs[2k+1] its class. About 4,000
# runs; worked out once per process (2-3 s: all of Unicode, through char_width itself).
@functools.cache
def widths_table() -> dict[str, list[Any]]:
    width = print_budget.char_width.__wrapped__  # uncached: a cache of every code point is 300 MB
    classes: dict[tuple[float, float, int], int] = {}
    runs: list[int] = []
    last = -1
    for code in range(0x110000):
        c = chr(code)
        key = (width(c, False), width(c, True), _break_bits(c))
        index = classes.setdefault(key, len(classes))
        if index != last:
            runs += [code, index]
            last = index
    return {"classes": [list(key) for key in classes], "runs": runs}


def _break_bits(c: str) -> int:
    kind = unicodedata.category(c)
    return (
        (SPACE if c.isspace() else 0)
        | (WIDE if unicodedata.east_asian_width(c) in "WF" else 0)
        | (CLOSING if kind in ("Pe", "Pf", "Po") else 0)
        | (OPENING if kind in ("Ps", "Pi") else 0)
    )


# The tags an article may hold, and what the check says of one outside them: a message for
# any tag (its name as {tag}), and the stronger one for tags that run scripts or load things.
def tag_rule() -> dict[str, Any]:
    general = markup._tag_message(_TAG).replace(_TAG, "{tag}")  # noqa: SLF001 (one owner of the words)
    return {
        "allowed": sorted(markup.ALLOWED_TAGS),
        "message": general,
        "messages": {tag: markup._tag_message(tag) for tag in sorted(markup._RUNS_OR_LOADS)},  # noqa: SLF001
    }
