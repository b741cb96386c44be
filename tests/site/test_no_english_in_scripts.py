"""Every word the browser shows comes from the catalogue (guide_core/locales/), through the
page's markup: no widget script holds words of its own. A string literal of two or more words
in a script is either for developers (the console, an Error) or a reader-facing word left in
English in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import ROOT

SCRIPTS = sorted((ROOT / "overrides/assets").glob("*.js")) + [ROOT / "hooks/classic-modules.js"]
# A quoted or template string; and the calls whose words are for developers, not readers.
LITERAL = re.compile(r"""(["'`])((?:\\.|(?!\1).)*)\1""")
WORDS = re.compile(r"(?<![\w.#:-])[A-Za-z][a-z]+,? [a-z]{2,}\b(?![\w-]*[=\]])")
# Selectors and names: text that starts like a selector, a header or an address.
NOT_PROSE = re.compile(r"[\[\]]|^[.#:]|^[a-z-]+(\[|:|$)|^[\w-]+:\s|^\w+/")
FOR_DEVELOPERS = re.compile(r"console\.\w+\(|new Error\(|throw |^\s*//|^\s*\*")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_no_script_shows_words_of_its_own(script: Path) -> None:
    found = []
    for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), start=1):
        code = line.split("//", 1)[0] if "://" not in line else line
        if FOR_DEVELOPERS.search(line):
            continue
        for match in LITERAL.finditer(code):
            text = re.sub(r"\$\{[^}]*\}", "", match[2])
            if WORDS.search(text) and not NOT_PROSE.search(text):
                found.append(f"{script.name}:{number}: {match[0]}")
    assert found == [], (
        "words a reader sees belong in guide_core/locales/en.yml (passed through a data- attribute):\n"
        + "\n".join(found)
    )
