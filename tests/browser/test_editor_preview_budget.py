"""The editor's preview counts a checklist's printed lines as the build does: the count in
overrides/admin/guide-preview.js, run in Chromium on the editor page as the site carries it
(with the numbers and widths the build gave it, hooks/editor_preview.py), equals
guide_core/print_budget.py's on a table of checklists, lines, where the page runs out and
message alike. Only the counting is ported; a change to the rule in Python that the port does
not follow fails here."""

from __future__ import annotations

from typing import Any

import pytest

from browser_support import serve
from guide_core import print_budget
from support import ROOT, build_ok, copy_project

DECAP_BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


def _article(
    items: list[str],
    *,
    title: str = "A Short Title",
    heading: str = "Take stock",
    prompts: list[str] | None = None,
    sections: int = 1,
) -> dict[str, Any]:
    per = [items[s::sections] for s in range(sections)]
    return {
        "title": title,
        "sections": [
            {
                "id": f"s{s}",
                "heading": heading,
                "checklist": [{"id": f"i{s}-{i}", "text": text} for i, text in enumerate(chunk)],
                "prompts": [
                    {"id": f"p{s}-{p}", "question": q}
                    for p, q in enumerate(prompts or [])
                    if p % sections == s
                ],
            }
            for s, chunk in enumerate(per)
        ],
    }


def _at_the_edge() -> tuple[dict[str, Any], dict[str, Any]]:
    """The longest checklist that fits, and the same with one item more."""
    items: list[str] = []
    while True:
        items.append(f"Write down what you agreed, number {len(items)}")
        data = _article(items, prompts=["What went well?", "What would you change?"])
        if sum(lines for _, lines in print_budget.print_lines(data)) > print_budget.LINE_BUDGET:
            return _article(items[:-1], prompts=["What went well?", "What would you change?"]), data


UNDER, OVER = _at_the_edge()
CASES: dict[str, dict[str, Any]] = {
    "short": _article(["Send a thank-you email", "Write down three questions"]),
    "no items": {
        "title": "Only Notes",
        "sections": [{"id": "a", "heading": "Think", "prompts": [{"id": "q", "question": "Why?"}]}],
    },
    "long English items": _article(
        [
            "Think about where you went wrong, what you said, what they asked, and what you would "
            "answer now that you have had time to think about it calmly " * 2
        ]
        * 8
    ),
    "all capitals": _article(
        ["WRITE DOWN WHAT YOU WILL SAY WHEN THEY ASK ABOUT YOUR SALARY, WORD FOR WORD, AND PRACTISE IT ALOUD"]
        * 20,
        heading="TAKE STOCK OF THE INTERVIEW NOW",
    ),
    "Chinese": _article(
        ["面试结束后，先回家放松一下，不要责备自己。「冷静」之后再做决定。" * 3] * 18,
        title="如何应对一次糟糕的面试：冷静、反思、感谢",
    ),
    # Where a line may not break (before 。、」, after 「), a random text that tells them apart.
    "Chinese punctuation at line ends": _article(
        [
            "」四六二」一」、。四四、「」七四五」五。「六四一。」四十五五三「。、二一六、三、十「七」八八「」。二四十六一二四三四七三、七七十六二一」九八「」」十六五、六、「六六一」二七五五一。」「九八五一八六」、七、八十九」九四三九一七五四六四、二十三七七十五十、三二五四、五十」三八」七一三五九三"
        ]
        * 3
    ),
    "Japanese and Korean": _article(
        [
            "面接のあと、まず落ち着いてから、何がうまくいかなかったかを考えましょう。",
            "면접이 끝나면 먼저 마음을 가라앉히고 무엇이 잘못되었는지 생각해 보세요.",
        ]
        * 6
    ),
    "many items": _article(
        [f"Step {n}" for n in range(60)],
        sections=4,
        prompts=["What went well?", "What next?", "Who can help?"],
    ),
    "at the edge, under": UNDER,
    "at the edge, over": OVER,
    "scripts and marks": _article(
        [
            "كيف تتفاوض على راتبك بعد مقابلة سيئة",
            "Café au lait, de\u0301compose\u0301 ça",
            "Договоритесь о зарплате: ЖШЩЮ жшщю",
            "Ask for a raise 💰🚀👩‍💻 today",
            "ภาษาไทยไม่มีช่องว่างระหว่างคำ",
        ]
        * 4
    ),
    "spaces Python and JavaScript count differently": _article(
        ["one\u0085two\u001cthree\u00a0four\ufefffive\u2003six\tseven  "] * 20
        + ["\u0085 lead and trail \u0085"]
    ),
    "spaces around the text": _article(
        ["\u0085" + "\u00a0" * 130 + "Send the thank-you email today" + "\u2003 " * 30] * 6
    ),
    "a word longer than a line": _article(
        ["https://example.org/" + "a-very-long-address-without-any-space-" * 12, "x" * 500]
    ),
    "long title, heading and questions": _article(
        ["Item"] * 5,
        title="How You Should React to a Bad Job Interview and What to Do the Day After " * 2,
        heading="Take Some Time to Destress, Then Take Stock of the Whole Interview Calmly " * 2,
        prompts=[
            "What did you say when they asked about the gap in your history, and what would you say now?" * 2
        ]
        * 5,
    ),
}


@pytest.fixture(scope="module")
def preview_page(browser, tmp_path_factory: pytest.TempPathFactory):
    """The editor page as the site carries it, with the preview module loaded (Decap's bundle is
    not needed to count, and left out)."""
    if not DECAP_BUNDLE.is_file():
        pytest.fail("Decap CMS is not installed: run `make build` (it installs it with npm).", pytrace=False)
    base = tmp_path_factory.mktemp("editor-preview-budget")
    project = copy_project(base / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    site = build_ok(project, base / "site")
    url, server = serve(site)
    context = browser.new_context()
    page = context.new_page()
    page.route("**/decap/**", lambda route: route.abort())
    page.goto(url + "admin/", wait_until="domcontentloaded")
    yield page
    context.close()
    server.shutdown()


def _js_budget(page, cases: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return page.evaluate(
        """async (cases) => {
            const { printBudget } = await import('./guide-preview.js');
            const rules = JSON.parse(document.getElementById('guide-preview-data').textContent);
            return Object.fromEntries(Object.entries(cases).map(([name, data]) => {
                const { used, problem } = printBudget(data, rules.budget);
                return [name, { used, where: problem && problem.where, message: problem && problem.message }];
            }));
        }""",
        cases,
    )


def _python_budget(data: dict[str, Any]) -> dict[str, Any]:
    used = sum(lines for _, lines in print_budget.print_lines(data))
    problems = list(print_budget.print_budget_problems(data, lambda where, message: (list(where), message)))
    where, message = problems[0] if problems else (None, None)
    return {"used": used, "where": where, "message": message}


def test_the_preview_counts_printed_lines_as_the_build_does(preview_page) -> None:
    expected = {name: _python_budget(data) for name, data in CASES.items()}
    assert (
        expected["at the edge, under"]["used"] == print_budget.LINE_BUDGET
        and expected["at the edge, over"]["message"]
    )
    assert {name for name, result in expected.items() if result["message"]} >= {
        "many items",
        "Chinese",
        "all capitals",
    }
    assert {name for name, result in expected.items() if not result["message"]} >= {"short", "no items"}
    assert _js_budget(preview_page, CASES) == expected


def test_the_page_carries_python_s_widths_for_every_character(preview_page) -> None:
    """Spot checks of the table the page carries: it is print_budget.char_width's, code point by
    code point, including characters the browser's Unicode may class otherwise."""
    characters = "aW M一。「」ア한😀\u0301\u00a0\u0085\ufeff\U0002a6d6\U000e0001\U0010fffd"
    found = preview_page.evaluate(
        """(characters) => {
            const data = document.getElementById('guide-preview-data').textContent;
            const { runs, classes } = JSON.parse(data).budget;
            return [...characters].map((c) => {
                const code = c.codePointAt(0);
                let k = 0;
                while (k + 2 < runs.length && runs[k + 2] <= code) k += 2;
                return classes[runs[k + 1]].slice(0, 2);
            });
        }""",
        characters,
    )
    assert found == [[print_budget.char_width(c), print_budget.char_width(c, True)] for c in characters]
