"""The editor's slug from the title (overrides/admin/guide-slug.js, as the site carries it) is
`make article`'s (guide_core/scaffold.py's slugify), on a table of titles in many scripts: the
module the editor page loads is run in Node with the transliteration table copied beside it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from guide_core.scaffold import SLUG_MAX, slugify
from support import ROOT, build_ok, copy_project

TITLES = [
    "How to Negotiate a Salary Offer!",
    "Négocier « son » salaire: what’s fair?",
    "Haven't heard back? Don`t panic",
    'The "Tell Me About Yourself" Question',
    "Как договориться о зарплате",
    "如何谈薪水",
    "面接で失敗したときの対応",
    "연봉 협상하는 법",
    "Gehaltsverhandlung: Über Geld spricht man doch",
    "Ask for a raise 💰🚀 today",
    "كيف تتفاوض على راتبك",
    "Ελληνικά: πώς να ζητήσετε αύξηση",
    "Cafe\u0301 au lait, decomposed",  # an accent as a combining mark: NFC first
    "O'Brien's — C'est l’été",
    "   ---   ",
    "拒绝" * 30,  # longer than a slug may be: cut at a word
    "word " * 40,
    "x" * 100,
    "x﨎y and 谈x",  # a compatibility ideograph (U+FA0E) is no word of its own in Python; a unified one is
]


@pytest.fixture(scope="module")
def slug_module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("node") is None:
        pytest.fail(
            "Node.js is not installed: on Debian/Ubuntu `sudo apt-get install nodejs`.", pytrace=False
        )
    if not (ROOT / "node_modules" / "any-ascii" / "any-ascii.js").is_file():
        pytest.fail("any-ascii is not installed: run `make build` (it installs it with npm).", pytrace=False)
    base = tmp_path_factory.mktemp("editor-slug")
    project = copy_project(base / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    site = build_ok(project, base / "site")
    module = site / "admin" / "guide-slug.js"
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert module.is_file() and 'src="guide-slug.js"' in page
    return module


def js_slugs(module: Path, titles: list[str]) -> list[str]:
    script = f"const {{ slugify }} = await import({json.dumps(module.as_uri())});" \
             "const titles = JSON.parse(require('fs').readFileSync(0, 'utf8'));" \
             "process.stdout.write(JSON.stringify(titles.map(slugify)));"  # fmt: skip
    command = ["node", "--input-type=commonjs", "-e", f"(async () => {{ {script} }})()"]
    result = subprocess.run(
        command, input=json.dumps(titles), capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_editor_makes_the_slug_make_article_makes(slug_module: Path) -> None:
    expected = [slugify(title) for title in TITLES]
    assert any(0 <= SLUG_MAX - len(slug) < 10 for slug in expected)  # the cut at a word is on the table
    made = js_slugs(slug_module, TITLES)
    assert dict(zip(TITLES, made, strict=True)) == dict(zip(TITLES, expected, strict=True))
