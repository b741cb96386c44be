"""A careless or hostile articles folder: every odd entry is a message, nothing hangs or eats memory.

`load_articles` reads only regular, visible `*.yml` files. A folder named like an article, a
link in a loop or to nowhere, a named pipe, a link to an endless device, another ending
(`.yaml`, `.YML`) each get a positioned message; an editor's hidden lock file is ignored; one
file that breaks the parser never hides another file's problems.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from guide_core import loader
from support import FIXTURES

MINIMAL = (FIXTURES / "valid/minimal.yml").read_text(encoding="utf-8")
BROKEN = FIXTURES / "broken"


# load_articles(folder) in a thread: the problems it reports by file name, or a failure if it
# does not return within `seconds` (a pipe read blindly never returns).
def problems_by_file(folder: Path, seconds: float = 10.0) -> dict[str, list[str]]:
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            loader.load_articles(folder)
            outcome["problems"] = ()
        except loader.ArticleErrors as errors:
            outcome["problems"] = errors.problems
        except BaseException as error:  # noqa: BLE001 - reported below, as the test's failure
            outcome["raised"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"load_articles({folder}) did not return within {seconds} s"
    assert "raised" not in outcome, f"load_articles raised {outcome.get('raised')!r}"
    found: dict[str, list[str]] = {}
    for problem in outcome["problems"]:
        found.setdefault(Path(problem.file).name, []).append(problem.message)
    return found


# load_articles(folder) in a fresh Python, which measures the memory it takes (tracemalloc's
# peak): the problems by file name, and the peak in bytes. A process of its own, so that no
# other test's threads (a rendering left running by a timeout, say) count in the peak.
MEASURED_LOAD = """
import json, sys, tracemalloc
from pathlib import Path
from guide_core import loader
tracemalloc.start()
try:
    loader.load_articles(Path(sys.argv[1]))
    problems = []
except loader.ArticleErrors as errors:
    problems = [(Path(problem.file).name, problem.message) for problem in errors.problems]
print(json.dumps({"peak": tracemalloc.get_traced_memory()[1], "problems": problems}))
"""


def load_measured(folder: Path) -> tuple[dict[str, list[str]], int]:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", MEASURED_LOAD, str(folder)],
        cwd=root, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    found: dict[str, list[str]] = {}
    for name, message in outcome["problems"]:
        found.setdefault(name, []).append(message)
    return found, outcome["peak"]


def write_minimal(folder: Path, slug: str = "minimal") -> None:
    (folder / f"{slug}.yml").write_text(MINIMAL.replace("slug: minimal", f"slug: {slug}"), encoding="utf-8")


def test_only_regular_visible_yml_files_are_articles_and_everything_else_there_is_named(
    tmp_path: Path,
) -> None:
    write_minimal(tmp_path)
    (tmp_path / "folder.yml").mkdir()
    (tmp_path / "X.YML").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "images").mkdir()
    # MkDocs would publish each of these as it is, draft text and all.
    for name in (
        "notes.txt",
        "minimal.yml~",
        "minimal.yml.orig",
        "minimal.yml.",
        "Minimal.YAML.BAK",
        "photo.png",
    ):
        (tmp_path / name).write_text("an editor's backup: {{{", encoding="utf-8")
    (tmp_path / ".minimal.yml.swp").write_text(
        "vim's swap file: MkDocs publishes no hidden file", encoding="utf-8"
    )
    found = problems_by_file(tmp_path)
    assert set(found) == {
        "folder.yml",
        "X.YML",
        "other.yaml",
        "images",
        "notes.txt",
        "minimal.yml~",
        "minimal.yml.orig",
        "minimal.yml.",
        "Minimal.YAML.BAK",
        "photo.png",
    }
    assert "is a folder" in found["folder.yml"][0]
    assert "rename it to x.yml" in found["X.YML"][0]
    assert "rename it to other.yml" in found["other.yaml"][0]
    for copy in ("minimal.yml~", "minimal.yml.orig", "minimal.yml.", "Minimal.YAML.BAK"):
        assert "published as it is" in found[copy][0] and "delete it" in found[copy][0], copy
    for other in ("images", "notes.txt", "photo.png"):
        assert "move it out of docs/articles/" in found[other][0], other


def test_links_in_a_loop_or_to_nowhere_are_named_and_an_editors_lock_file_ignored(tmp_path: Path) -> None:
    write_minimal(tmp_path)
    (tmp_path / "loop.yml").symlink_to("loop.yml")
    (tmp_path / "gone.yml").symlink_to("deleted.yml")
    # Emacs keeps `.#name.yml` (a link to nowhere) while a buffer has unsaved edits.
    (tmp_path / ".#minimal.yml").symlink_to("someone@host.1234:1700000000")
    found = problems_by_file(tmp_path)
    assert set(found) == {"loop.yml", "gone.yml"}
    assert "symbolic links" in found["loop.yml"][0] and "link" in found["loop.yml"][0]
    assert "leads nowhere" in found["gone.yml"][0]


def test_a_named_pipe_does_not_hang_the_build(tmp_path: Path) -> None:
    write_minimal(tmp_path)
    os.mkfifo(tmp_path / "pipe.yml")
    found = problems_by_file(tmp_path, seconds=5)
    assert set(found) == {"pipe.yml"} and "not a file" in found["pipe.yml"][0]


def test_a_named_pipe_read_directly_does_not_hang(tmp_path: Path) -> None:
    # Between listing the folder and reading a file, the file can become a pipe.
    os.mkfifo(tmp_path / "pipe.yml")
    caught: list[BaseException] = []

    def load() -> None:
        try:
            loader.load_article(tmp_path / "pipe.yml")
        except loader.ArticleErrors as errors:
            caught.append(errors)

    reading = threading.Thread(target=load, daemon=True)
    reading.start()
    reading.join(timeout=30)  # a guard against a hang, not a budget: it opens nothing that waits
    assert not reading.is_alive(), "reading a named pipe hung"
    assert "not a regular file" in caught[0].problems[0].message


def test_a_link_to_an_endless_device_is_not_read(tmp_path: Path) -> None:
    write_minimal(tmp_path)
    (tmp_path / "zero.yml").symlink_to("/dev/zero")
    found, peak = load_measured(tmp_path)
    assert set(found) == {"zero.yml"} and "not a file" in found["zero.yml"][0]
    assert peak < 20_000_000


def test_a_huge_file_is_read_only_up_to_the_cap(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yml"
    with huge.open("wb") as file:  # sparse: 2 GB on paper, nothing on disk
        file.truncate(2_000_000_000)
    found, peak = load_measured(tmp_path)
    assert "larger than" in found["huge.yml"][0]
    assert peak < 5 * loader.MAX_BYTES


def test_an_unreadable_articles_folder_is_a_message(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "articles"
    not_a_folder.write_text("a file where the folder should be", encoding="utf-8")
    found = problems_by_file(not_a_folder)
    assert found == {"articles": [found["articles"][0]]} and "cannot be read" in found["articles"][0]


# Files that used to raise a traceback (RecursionError, ValueError, KeyError), each beside the
# others: every file's problems are reported, in one run.
TRACEBACK_FILES = [
    "nesting-too-deep",
    "tag-int-not-a-number",
    "tag-float-not-a-number",
    "tag-bool-maybe",
    "number-of-5000-digits",
]


def test_a_file_that_broke_the_parser_hides_no_other_files_problems(tmp_path: Path) -> None:
    for name in [*TRACEBACK_FILES, "unknown-key-typo", "utf16-without-bom"]:
        (tmp_path / f"{name}.yml").write_bytes((BROKEN / f"{name}.yml").read_bytes())
    write_minimal(tmp_path)
    found = problems_by_file(tmp_path)
    assert set(found) == {
        f"{name}.yml" for name in [*TRACEBACK_FILES, "unknown-key-typo", "utf16-without-bom"]
    }


def test_terminal_escape_codes_in_a_file_name_are_never_printed_raw(tmp_path: Path) -> None:
    (tmp_path / "\x1b[2Jwiped.yaml").write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(loader.ArticleErrors) as caught:
        loader.load_articles(tmp_path)
    printed = str(caught.value)
    assert "\x1b" not in printed and "<U+001B>[2Jwiped.yaml" in printed
