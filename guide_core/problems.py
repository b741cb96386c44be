"""A problem in an article file, pointed at a line and column, and the ways it is printed.

An author reads problems in three places: the terminal (``file:line:col: field: message``),
the top of every page under ``make serve``, and, on GitHub, as annotations on the lines of a
pull request (``make check`` under ``GITHUB_ACTIONS=true``). All three print the same
`Problem`s; nothing else decides their wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"  # the build stops
WARNING = "warning"  # the build works, but `make build` (strict) and `make check` refuse it
NOTICE = "notice"  # nothing is wrong now: what stands between a draft and publishing


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, where it is, what was expected and what to do."""

    file: str
    line: int
    column: int
    field: str
    message: str
    # The section or item as a person sees it ("section 3, "Keep Your Search Moving", item 1"),
    # beside the field path that counts from 0.
    place: str = ""
    severity: str = ERROR

    # Every consumer (terminal, page banner, GitHub annotations) gets text without control
    # characters: a file or field name can hold an escape code that rewrites a terminal.
    def __post_init__(self) -> None:
        for name in ("file", "field", "message", "place"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f"{self.field} ({self.place})" if self.place else self.field
        return f"{where}: {field}: {self.message}" if field else f"{where}: {self.message}"


class ArticleErrors(Exception):
    """Every problem found in the guide's files (articles, mkdocs.yml, docs/, catalogues)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the guide's files:"
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


def field_path(path: tuple[str | int, ...]) -> str:
    """`("sections", 2, "checklist", 0, "id")` -> ``sections[2].checklist[0].id``; a name that
    is not a plain word is quoted, invisible characters named."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
            continue
        name = step if _PLAIN_NAME.fullmatch(step) else quoted(step)
        text += f".{name}" if text else name
    return text


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-]+")


# The part of an article a path points into, named as a person sees it: the section's heading
# and the item's number counted from 1 (field paths count from 0 and name no heading).
def place_of(data: object, path: tuple[str | int, ...]) -> str:
    if len(path) < 2 or path[0] != "sections" or not isinstance(path[1], int) or not isinstance(data, dict):
        return ""
    sections = data.get("sections")
    if not isinstance(sections, list) or path[1] >= len(sections):
        return ""
    section = sections[path[1]]
    heading = section.get("heading") if isinstance(section, dict) else None
    named = [
        f"section {path[1] + 1}"
        + (f" {quoted(heading.strip())}" if isinstance(heading, str) and heading.strip() else "")
    ]
    if len(path) >= 4 and isinstance(path[3], int):
        kind = {"checklist": "item", "prompts": "prompt"}.get(str(path[2]))
        if kind:
            named.append(f"{kind} {path[3] + 1}")
    return ", ".join(named)


# An author's text inside a message: in double quotes, cut to `limit` characters, with every
# invisible or control character named (a raw one could rewrite the terminal's earlier lines).
def quoted(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 3] + "..."
    return '"' + "".join(_visible(char) for char in shown).replace('"', '\\"') + '"'


# `text` with every control or invisible character named (<U+001B>), nothing else changed.
def printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda match: _visible(match.group()), text)


def _visible(char: str) -> str:
    code = ord(char)
    if char in "\t":
        return "\\t"
    if char == "\n":
        return "\\n"
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or char in INVISIBLE:
        return f"<U+{code:04X}>"
    return char


# Characters that show as nothing, or move the text, in an editor or a terminal.
INVISIBLE = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\ufeff": "byte order mark",
}

# What `printable` names: C0 and C1 controls, the invisible characters above, and surrogates
# (which cannot even be written to a terminal).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(INVISIBLE) + "]")
