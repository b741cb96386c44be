"""The suite tests the project with its own fixture articles, never the repo's docs/articles/:
a fork may hold the seed plus any number of articles (or a broken one, which `make check` and
the strict build report) and `make test` is unchanged."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from support import ARTICLES, CONTENT, FIXTURES, ROOT, copy_project


def fork_with_other_content(dest: Path) -> Path:
    """A copy of the repo whose articles are not the tests': an extra one, and a broken one."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if name in ("__pycache__", ".pytest_cache", ".hypothesis")}
        if Path(folder) == ROOT:  # the repo's own build output, environment and history
            skipped |= {
                name
                for name in names
                if name in (".git", ".venv", "bench-out", "node_modules") or name.startswith("site")
            }
        return skipped

    shutil.copytree(ROOT, dest, ignore=ignore)
    folder = dest / CONTENT
    seed = next(ARTICLES.glob("*.yml")).read_text(encoding="utf-8")
    slug = re.search(r"^slug: (.+)$", seed, re.MULTILINE)[1]
    (folder / "another-article.yml").write_text(
        seed.replace(f"slug: {slug}", "slug: another-article"), encoding="utf-8"
    )
    shutil.copy2(FIXTURES / "broken/item-id-number.yml", folder / "item-id-number.yml")
    return dest


def test_copied_projects_hold_the_fixture_articles_whatever_the_repo_holds(tmp_path: Path) -> None:
    fork = fork_with_other_content(tmp_path / "fork")
    project = copy_project(tmp_path / "project", root=fork)
    assert sorted(p.name for p in (project / CONTENT).iterdir()) == sorted(p.name for p in ARTICLES.iterdir())


def test_no_test_reads_the_repos_articles() -> None:
    reads = []
    for path in (ROOT / "tests").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            # The articles folder by its name or by a docs path (a folder named docs-something is not).
            if re.search(r"ROOT\s*/\s*(CONTENT|[\"']docs(?:[\"'/]))", line):
                reads.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not reads, (
        "tests must build their own fixture articles (tests/support.py), not read the repo's:\n"
        + "\n".join(reads)
    )
