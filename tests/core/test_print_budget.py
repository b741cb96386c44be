"""The print budget (guide_core/print_budget.py) decides one page by printed width, not characters.

What prints is measured in tests/browser/test_print_budget_printed.py; here, the budget's own
arithmetic: wide scripts and capitals take more lines than as many lower-case letters, and a
CJK or all-caps checklist just past the budget is refused, at the item where the page runs out.
"""

from __future__ import annotations

import pytest

from guide_core import print_budget
from guide_core.print_budget import HEADING, ITEM, QUESTION, TITLE, wrapped_lines


def article(items: list[str]) -> dict:
    return {
        "title": "A checklist",
        "sections": [
            {
                "id": "s",
                "heading": "Steps",
                "checklist": [{"id": f"i{n}", "text": t} for n, t in enumerate(items)],
            },
            {"id": "n", "heading": "Notes", "prompts": [{"id": "q", "question": "What went well?"}]},
        ],
    }


def problems(data: dict) -> list[tuple[tuple, str]]:
    return list(print_budget.print_budget_problems(data, lambda where, message: (where, message)))


def test_a_line_holds_fewer_wide_letters_and_capitals_than_lower_case() -> None:
    lower = ("take stock of the interview " * 4)[:89]
    caps, wide, cjk = lower.upper(), "W" * 89, "面" * 89
    assert wrapped_lines(lower, ITEM) == 1
    assert wrapped_lines(caps, ITEM) == 2
    assert wrapped_lines(wide, ITEM) == 2
    assert wrapped_lines(cjk, ITEM) == 2
    assert wrapped_lines("面" * print_budget.wide_per_line(ITEM), ITEM) == 1
    assert wrapped_lines("面" * (print_budget.wide_per_line(ITEM) + 1), ITEM) == 2


def test_combining_marks_take_no_room_and_emoji_more_than_a_letter() -> None:
    assert print_budget.char_width("e\u0301"[1]) == 0
    assert print_budget.char_width("é") == print_budget.char_width("e")
    assert print_budget.char_width("😀") > print_budget.char_width("面") == 1.0


def test_a_long_word_breaks_where_the_line_ends_and_words_wrap_whole() -> None:
    word = "x" * 60
    assert wrapped_lines(word * 3, ITEM) == 3  # 180 x's: no space, broken at each line's end
    assert wrapped_lines(" ".join([word] * 3), ITEM) == 3  # two words never share a line


@pytest.mark.parametrize("kind", [TITLE, HEADING, QUESTION])
def test_bold_and_larger_text_wraps_sooner(kind: print_budget.Text) -> None:
    text = "Take stock of the interview " * 5
    assert wrapped_lines(text, kind) >= wrapped_lines(text, ITEM)


# Items as long as `lines` lines of `letter` allow, added until the budget refuses one.
def grown(letter: str, lines: int) -> tuple[list[str], list[str]]:
    item = letter
    while wrapped_lines(item + letter, ITEM) <= lines:
        item += letter
    items: list[str] = []
    while not problems(article(items + [item])):
        items.append(item)
    return items, items + [item]


@pytest.mark.parametrize("letter", ["面", "A", "W", "ب"])
def test_a_checklist_just_past_the_budget_is_refused_where_the_page_runs_out(letter: str) -> None:
    accepted, refused = grown(letter, 2)
    assert problems(article(accepted)) == []
    [(where, message)] = problems(article(refused))
    assert where == ("sections", 0, "checklist", len(refused) - 1)
    assert (
        "too long to print on one page" in message and f"one page holds {print_budget.LINE_BUDGET}" in message
    )


def test_the_same_number_of_characters_fits_in_lower_case_but_not_in_capitals_or_chinese() -> None:
    accepted, _ = grown("a", 1)
    assert problems(article(accepted)) == []
    assert problems(article([text.upper() for text in accepted]))
    assert problems(article(["面" * len(text) for text in accepted]))
