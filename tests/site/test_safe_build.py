"""A build that fails leaves the previous site exactly as it was (hooks/safe_build.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import SEED_SLUG, build_ok, run_build

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


# Each way a build can fail, at a different moment: before MkDocs cleans the site folder (a
# broken article), after it has written every page (a warning that --strict counts at the
# end), and halfway (a template that raises while pages are written, strict or not).
FAILURES = {
    "broken-article": (
        "docs/articles/" + SEED_SLUG + ".yml",
        lambda text: text.replace("published: 2017-10-05", "published: 2017-13-45"),
        True,
    ),
    "broken-link-under-strict": ("docs/index.md", lambda text: text + "\n[a link](no-such-page.md)\n", True),
    "template-error": (
        "overrides/home.html",
        lambda text: text.replace("{{ super() }}", "{{ super() }}{{ no_such_function() }}"),
        False,
    ),
}


@pytest.mark.parametrize("name", FAILURES)
def test_a_failed_build_leaves_the_previous_site_byte_for_byte(
    project: Path, tmp_path: Path, name: str
) -> None:
    site = build_ok(project, tmp_path / "site")
    before = snapshot(site)
    assert before  # a real site to protect
    path, change, strict = FAILURES[name]
    source = project / path
    source.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")

    result = run_build(project, site, strict=strict)

    assert result.returncode != 0, f"the build should have failed:\n{result.stderr}"
    assert "Traceback" not in result.stderr or name == "template-error"
    assert snapshot(site) == before
    assert not (tmp_path / "site.building").exists()  # nothing left half-built beside it


def test_a_successful_build_replaces_the_previous_site_whole(project: Path, tmp_path: Path) -> None:
    site = build_ok(project, tmp_path / "site")
    (site / "left-over.html").write_text("from an older build", encoding="utf-8")
    index = project / "docs/index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + "\nA new sentence on the home page.\n", encoding="utf-8"
    )
    build_ok(project, site)
    assert not (site / "left-over.html").exists()
    assert "A new sentence on the home page." in (site / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_strict_refuses_the_guides_own_warnings_before_writing(project: Path, tmp_path: Path) -> None:
    site = build_ok(project, tmp_path / "site")
    before = snapshot(site)
    source = project / "docs/articles" / f"{SEED_SLUG}.yml"
    text = source.read_text(encoding="utf-8")
    long_summary = "A summary longer than search engines show. " * 3
    source.write_text(text.replace("summary: ", f"summary: {long_summary}", 1), encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode != 0
    assert "refused by --strict" in result.stderr and "search engines show about 160" in result.stderr
    assert "Building documentation" not in result.stderr  # stopped before any page was written
    assert snapshot(site) == before
