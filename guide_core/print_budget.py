"""How many printed lines an article's one-page checklist takes, and whether it fits.

The printable checklist (``overrides/checklist-print.html``) must fit one sheet of A4 and of
US Letter. The sheet is laid out on a grid of 15pt "lines"; Letter's height minus the sheet's
fixed parts (margins, the title's first line, the purpose line, the notes heading, the foot)
leaves LINE_BUDGET of them. Each item takes one line plus one for every full LINE_CHARS
characters; each section with items SECTION_COST lines plus one per HEADING_CHARS of heading;
the title one line per TITLE_CHARS; the notes, two prompts side by side, NOTE_COST lines a row
plus one per NOTE_CHARS of the longer question (a blank row when there are no prompts).
Characters per line are measured on A4 in DejaVu Sans, the widest common fallback font,
rounded down. Measured by printing and checked by tests/browser/test_print.py: rerun it after
changing the sheet's CSS.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .source import Path

LINE_BUDGET = 40
LINE_CHARS = 90
HEADING_CHARS = 80
TITLE_CHARS = 60
NOTE_CHARS = 38
SECTION_COST = 2
NOTE_COST = 3


# The printed lines each part of the sheet takes, in the order it prints them: (where it is
# in the file, lines).
def print_lines(data: dict[str, Any]) -> list[tuple[Path, int]]:
    parts: list[tuple[Path, int]] = [(("title",), len(data["title"].strip()) // TITLE_CHARS)]
    questions: list[tuple[Path, str]] = []
    for s, section in enumerate(data["sections"]):
        items = section.get("checklist", [])
        if items:
            parts.append((("sections", s, "heading"), SECTION_COST + len(section["heading"].strip()) // HEADING_CHARS))
        for i, item in enumerate(items):
            parts.append((("sections", s, "checklist", i), 1 + len(item["text"].strip()) // LINE_CHARS))
        for p, prompt in enumerate(section.get("prompts", [])):
            questions.append((("sections", s, "prompts", p), prompt["question"].strip()))
    for row in range(0, len(questions), 2):
        pair = questions[row : row + 2]
        parts.append((pair[0][0], NOTE_COST + max(len(question) // NOTE_CHARS for _, question in pair)))
    if not questions:
        parts.append((("sections",), NOTE_COST))
    return parts


# A checklist too long for one page: say by how much, and point at the first item that no
# longer fits once the title and the notes have their room.
def print_budget_problems(data: dict[str, Any], at: Any) -> Iterator[Any]:
    parts = print_lines(data)
    used = sum(lines for _, lines in parts)
    if used <= LINE_BUDGET:
        return
    running = 0
    for where, lines in sorted(parts, key=lambda part: "checklist" in part[0] or "heading" in part[0]):
        running += lines
        if running > LINE_BUDGET:
            break
    over = used - LINE_BUDGET
    yield at(
        where,
        f"the checklist is too long to print on one page: it takes {used} lines and one page "
        f"holds {LINE_BUDGET}, so the page runs out here; remove or shorten items worth "
        f"{over} line{'s' if over != 1 else ''} (a short item is one line, a section heading two)",
    )
