"""How many printed lines an article's one-page checklist takes, and whether it fits.

The printable checklist (``overrides/checklist-print.html``) must fit one sheet of A4 and of
US Letter. The sheet is laid out on a grid of 15pt "lines"; Letter's height minus the sheet's
fixed parts (margins, the title's first line, the purpose line, the notes heading, the foot)
leaves LINE_BUDGET of them. A piece of text takes as many lines as it wraps to at its printed
width, worked out here the way the browser wraps it: word by word (a CJK character is a word of
its own), a word wider than the line broken where the line ends (the sheet sets
``overflow-wrap: anywhere``), each character as wide as it prints in the widest of the fonts a
reader's system may print the sheet in (`char_width`). Each item takes its lines; each section
with items SECTION_COST lines less one plus its heading's; the title its lines past the first;
the notes, two prompts side by side, NOTE_COST lines less one a row plus the longer question's
lines (a blank row when there are no prompts).

The widths: Latin letters, digits and ASCII signs as DejaVu Sans prints them (the widest common
sans-serif, the fallback of a Linux without Arial or Liberation Sans; wider than both, checked
in Chromium), in its regular and bold; for other characters a width by kind, from Unicode's
data: East Asian Wide and Fullwidth (CJK, kana, Hangul, fullwidth forms) one em, emoji 1.3 em
(Noto Color Emoji is 1.275), marks that combine with the letter before them nothing, other
scripts' letters (Arabic, Hebrew, Thai, ...) 0.7 em, as wide as Arabic's isolated forms
average in DejaVu Sans (its joined forms, as words print, average 0.48). Measured by printing
sheets at the budget's edge in several scripts: tests/browser/test_print_budget.py (figures in
BENCHMARKS.md); rerun it after changing the sheet's CSS.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from .source import Path

LINE_BUDGET = 40
SECTION_COST = 2  # a heading's one line and its margins and rule
NOTE_COST = 3  # a question's one line and the two lines to write on under it
MM_PER_PT = 25.4 / 72
TEXT_WIDTH_MM = 178  # the sheet's text: A4's width less its sides, on every paper
ITEM_INDENT_MM = 6.5  # the tick box beside each item
NOTE_GAP_MM = 6  # between the two columns of notes


class Text(NamedTuple):
    """A kind of text on the sheet, as guide-sheet.css sets it: its size and weight, and the
    width it wraps at."""

    size_pt: float
    bold: bool
    width_mm: float


TITLE = Text(14, True, TEXT_WIDTH_MM)
HEADING = Text(10, True, TEXT_WIDTH_MM)
ITEM = Text(10, False, TEXT_WIDTH_MM - ITEM_INDENT_MM)
QUESTION = Text(9.5, True, (TEXT_WIDTH_MM - NOTE_GAP_MM) / 2)

# Rough equivalents for plain English text, for messages and for sizing test articles: how many
# characters of it one line holds (of an item, a heading, the title, a question).
LINE_CHARS = 90
HEADING_CHARS = 80
TITLE_CHARS = 60
NOTE_CHARS = 38


# The printed lines each part of the sheet takes, in the order it prints them: (where it is
# in the file, lines).
def print_lines(data: dict[str, Any]) -> list[tuple[Path, int]]:
    parts: list[tuple[Path, int]] = [(("title",), wrapped_lines(data["title"], TITLE) - 1)]
    questions: list[tuple[Path, str]] = []
    for s, section in enumerate(data["sections"]):
        items = section.get("checklist", [])
        if items:
            parts.append(
                (("sections", s, "heading"), SECTION_COST - 1 + wrapped_lines(section["heading"], HEADING))
            )
        for i, item in enumerate(items):
            parts.append((("sections", s, "checklist", i), wrapped_lines(item["text"], ITEM)))
        for p, prompt in enumerate(section.get("prompts", [])):
            questions.append((("sections", s, "prompts", p), prompt["question"]))
    for row in range(0, len(questions), 2):
        pair = questions[row : row + 2]
        parts.append(
            (pair[0][0], NOTE_COST - 1 + max(wrapped_lines(question, QUESTION) for _, question in pair))
        )
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
    running = 0  # `where` outlives the loop: the part where the page runs out
    for where, lines in sorted(parts, key=lambda part: "checklist" in part[0] or "heading" in part[0]):  # noqa: B007
        running += lines
        if running > LINE_BUDGET:
            break
    over = used - LINE_BUDGET
    yield at(
        where,
        f"the checklist is too long to print on one page: it takes {used} lines and one page "
        f"holds {LINE_BUDGET}, so the page runs out here; remove or shorten items worth "
        f"{over} line{'s' if over != 1 else ''} (a line holds about {LINE_CHARS} letters of "
        f"English, {wide_per_line(ITEM)} of Chinese or Japanese, fewer in capitals; a section "
        f"heading takes two)",
    )


# How many lines `text` wraps to: words are laid on a line while they fit (a space at a line's
# end hangs past it, as in the browser); a word longer than a whole line starts a line and is
# broken, character by character, where each line ends. The browser breaks in more places than
# this (after hyphens), so never in more lines.
def wrapped_lines(text: str, kind: Text) -> int:
    room = kind.width_mm / (kind.size_pt * MM_PER_PT)  # in ems
    lines, used = 1, 0.0
    for word, space in _words(text.strip()):
        widths = [char_width(c, kind.bold) for c in word]
        if used and used + sum(widths) > room:
            lines, used = lines + 1, 0.0
        if sum(widths) <= room:
            used += sum(widths)
        else:
            for width in widths:
                if used and used + width > room:
                    lines, used = lines + 1, 0.0
                used += width
        used += sum(char_width(c, kind.bold) for c in space)
    return lines


# The text in words, each with the spaces after it. Beside a wide character (CJK) a line may
# break without a space, except before closing punctuation (。、」 never start a line) and after
# opening punctuation.
def _words(text: str) -> Iterator[tuple[str, str]]:
    word, space = "", ""
    for c in text:
        if c.isspace():
            space += c
        elif word and (space or _breaks_between(word[-1], c)):
            yield word, space
            word, space = c, ""
        else:
            word += c
    if word:
        yield word, space


def _breaks_between(before: str, after: str) -> bool:
    wide = unicodedata.east_asian_width(before) in "WF" or unicodedata.east_asian_width(after) in "WF"
    return (
        wide
        and unicodedata.category(after) not in ("Pe", "Pf", "Po")
        and unicodedata.category(before) not in ("Ps", "Pi")
    )


# A character's printed width in ems, at its widest in the fonts the sheet may print in.
@cache
def char_width(c: str, bold: bool = False) -> float:
    widths = _BOLD if bold else _REGULAR
    base = unicodedata.normalize("NFD", c)[0]  # é as e: its accent combines
    if base in widths:
        return widths[base]
    kind = unicodedata.category(c)
    if kind in ("Mn", "Me", "Cf", "Cc"):
        return 0.0
    if kind == "Zs":
        return widths[" "]
    if unicodedata.east_asian_width(c) in "WF":
        return 1.3 if kind == "So" else 1.0
    if c in _WIDE_LETTERS:
        return 1.35 if bold else 1.1
    if kind == "Lu":
        return 1.0 if bold else 0.9
    if kind.startswith(("L", "N")):
        return 0.8 if bold else 0.7
    if kind == "Mc":
        return 0.5
    return 1.1 if bold else 1.0


# One line of an item holds about this many wide (CJK) characters.
def wide_per_line(kind: Text) -> int:
    return int(kind.width_mm / (kind.size_pt * MM_PER_PT))


# Data: widths in thousandths of an em, the wider of DejaVu Sans and Liberation Sans (measured
# in Chromium with canvas measureText, rounded up), regular and bold.
def _table(groups: dict[int, str]) -> dict[str, float]:
    return {c: width / 1000 for width, chars in groups.items() for c in chars}


_REGULAR = _table(
    {
        275: "'",
        278: "ijl",
        295: "I",
        318: " ,.",
        337: "/:;\\|",
        353: "f",
        361: "-",
        391: "()[]",
        393: "t",
        401: "!",
        412: "r",
        460: '"',
        500: "*J`",
        521: "s",
        525: "z",
        550: "c",
        557: "?_",
        558: "L",
        580: "k",
        592: "vxy",
        611: "FT",
        612: "o",
        613: "a",
        616: "e",
        634: "hnu",
        635: "bdgpq",
        637: "$0123456789{}",
        667: "EKPSY",
        685: "AV",
        686: "XZ",
        687: "B",
        723: "CR",
        732: "U",
        749: "N",
        752: "H",
        771: "D",
        778: "G",
        780: "&",
        788: "OQ",
        818: "w",
        838: "#+<=>^~",
        863: "M",
        951: "%",
        975: "m",
        989: "W",
        1016: "@",
    }
)
_BOLD = _table(
    {
        307: "'",
        343: "ijl",
        349: " ",
        366: "/\\|",
        373: "I",
        380: ",.",
        400: ":;",
        416: "-",
        436: "f",
        457: "!",
        458: "()[]",
        479: "t",
        494: "r",
        500: "`",
        521: '"',
        523: "*",
        557: "J_",
        583: "z",
        593: "c",
        596: "s",
        611: "?",
        638: "L",
        646: "x",
        652: "vy",
        666: "k",
        675: "a",
        679: "e",
        683: "T",
        684: "EF",
        688: "o",
        696: "$0123456789",
        712: "hnu{}",
        716: "bdgpq",
        721: "S",
        725: "Y",
        726: "Z",
        733: "P",
        734: "C",
        763: "B",
        771: "RX",
        774: "AV",
        775: "K",
        813: "U",
        821: "G",
        831: "D",
        837: "HN",
        838: "#+<=>^~",
        851: "OQ",
        873: "&",
        924: "w",
        996: "M",
        1000: "@",
        1002: "%",
        1042: "m",
        1104: "W",
    }
)
# Letters of other scripts as wide as Latin's M and W (Cyrillic, ligatures).
_WIDE_LETTERS = "ЖШЩЮЫМжшщюымÆŒæœ"
