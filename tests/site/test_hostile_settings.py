"""A hostile value in mkdocs.yml, end to end: the real `mkdocs build` stops at the value's line
(mkdocs.yml:line:col, no traceback), and the site folder a previous build left is untouched,
file for file and byte for byte (the gate runs before MkDocs cleans it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import build_ok, copy_project, run_build

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

# (the line of the repo's mkdocs.yml it replaces, the hostile line, what the message names)
HOSTILE = {
    "markup-in-site-name": (
        "site_name: ",
        'site_name: "Career <img src=x onerror=alert(1)> Guide"',
        "site_name",
    ),
    "quote-in-site-description": (
        "site_description: ",
        "site_description: 'Advice\" onmouseover=\"alert(1)'",
        "site_description",
    ),
    "underscore-in-language": ("  language: ", "  language: pt_BR", "theme.language"),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    base = tmp_path_factory.mktemp("good")
    site = build_ok(copy_project(base / "project"), base / "site")
    return site, snapshot(site)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_value_stops_the_build_at_its_line_and_leaves_the_site_whole(
    case: str, project: Path, tmp_path: Path, good_build
) -> None:
    good_site, before = good_build
    site = tmp_path / "site"
    shutil.copytree(good_site, site)
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    starts, hostile, field = HOSTILE[case]
    (number,) = [index for index, line in enumerate(lines) if line.startswith(starts)]
    lines[number] = hostile + "\n"
    if lines[number + 1].startswith("  ") and not starts.startswith(" "):  # a folded value's other lines
        while lines[number + 1].startswith("  "):
            del lines[number + 1]
    config.write_text("".join(lines), encoding="utf-8")

    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build went on:\n{output}"
    assert f"mkdocs.yml:{number + 1}:" in output and field in output, output
    assert "Traceback" not in output, output
    assert snapshot(site) == before, "the previous site was changed"
