"""The forker's path: scaffold an article, fill it in as the docs say, build, publish."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from guide_core import listing, loader, template
from guide_core import schema as article_schema
from support import ROOT, SEED_SLUG, build_ok
from test_search import indexed_pages

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
NEW_TITLE = "How to Negotiate a Salary Offer"
NEW_SLUG = "how-to-negotiate-a-salary-offer"


def make_article(project: Path, title: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """`make article TITLE=...` in the fork, with this checkout's virtual environment."""
    for part in ("Makefile", "requirements.txt", "pyproject.toml"):
        if not (project / part).exists():
            shutil.copy2(ROOT / part, project / part)
    venv = Path(os.environ.get("VIRTUAL_ENV") or ROOT / ".venv")
    return subprocess.run(
        ["make", "--no-print-directory", "article", f"TITLE={title}", f"VENV={venv}", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def fill_in(path: Path, *, published: str = "2024-03-01", tags: str = "[salary, offers]") -> None:
    """What ADDING-AN-ARTICLE.md tells an author to do: replace every example, drop `draft: true`."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("draft: true\n", "")
    text = re.sub(r"published: \d{4}-\d{2}-\d{2}", f"published: {published}", text)
    text = text.replace("tags: [career-advice]", f"tags: {tags}")
    # The author's own words for each of the skeleton's examples (template.example_texts).
    for number, example in enumerate(template.example_texts(), start=1):
        text = text.replace(example, OWN_WORDS.get(example, f"The author's own words, part {number}."))
    path.write_text(text, encoding="utf-8")


OWN_WORDS = {
    "Write one or two sentences here on what a reader will be able to do after reading.": (
        "Ask for more with confidence, and know when to stop."
    ),
    "Write the advice of this section here. Use as many paragraphs as you need.": (
        "Research the market rate for the role before the call."
    ),
    "The first thing the reader should do": "Look up three salary surveys for the role",
}


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def list_titles(site: Path, folder: str) -> list[str]:
    """The titles on every page of a paged list (folder/, folder/2/, ...), following its page links."""
    first = page(site, f"{folder}/index.html")
    count = max(1, len(first.select(".guide-pages__link")))
    titles = []
    for number in range(1, count + 1):
        html = first if number == 1 else page(site, f"{folder}/{number}/index.html")
        titles += [a.get_text(strip=True) for a in html.select(".guide-articles__title a")]
        if count > 1:
            assert html.select_one(".guide-pages__link[aria-current=page]").get_text(strip=True) == str(
                number
            )
    return titles


def test_make_article_writes_a_valid_draft_skeleton(project: Path) -> None:
    result = make_article(project, NEW_TITLE)
    assert result.returncode == 0, result.stderr
    path = project / f"docs/articles/{NEW_SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../guide_core/article.schema.json\n")
    article = loader.load_article(path)
    assert article.title == NEW_TITLE and article.draft and article.published == dt.date.today()
    # Every field of the format is in the skeleton (optional ones may be commented out).
    for field in article_schema.schema()["properties"]:
        assert re.search(rf"^#? ?{field}:", text, re.MULTILINE), f"the skeleton lacks {field}"


def test_make_article_refuses_to_overwrite_and_rejects_an_empty_slug(project: Path) -> None:
    assert make_article(project, NEW_TITLE).returncode == 0
    before = (project / f"docs/articles/{NEW_SLUG}.yml").read_bytes()
    again = make_article(project, NEW_TITLE)
    assert again.returncode != 0 and "already exists" in again.stderr
    assert (project / f"docs/articles/{NEW_SLUG}.yml").read_bytes() == before
    empty = make_article(project, "???")
    assert empty.returncode != 0 and "SLUG=" in empty.stderr
    assert make_article(project, "???", "SLUG=question-marks").returncode == 0


def test_a_filled_in_article_appears_everywhere(project: Path, tmp_path: Path) -> None:
    assert make_article(project, NEW_TITLE).returncode == 0
    fill_in(project / f"docs/articles/{NEW_SLUG}.yml")
    site = build_ok(project, tmp_path / "site", env={"SITE_URL": "https://guide.example.org/"})
    url = f"articles/{NEW_SLUG}/"
    # Home page, newest first.
    titles = [a.get_text(strip=True) for a in page(site, "index.html").select(".guide-articles__title a")]
    assert titles == [NEW_TITLE, "How You Should React to a Bad Job Interview"]
    assert [
        a.get_text(strip=True) for a in page(site, "all/index.html").select(".guide-articles__title a")
    ] == titles
    # Search (Pagefind's index).
    assert "salary surveys" in indexed_pages(site)[f"/{url}"]["content"]
    # Feed.
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == titles
    assert entries[0].find(f"{ATOM}link").get("href") == f"https://guide.example.org/{url}"
    # Sitemap, printable checklist, topic pages.
    assert f"https://guide.example.org/{url}" in (site / "sitemap.xml").read_text(encoding="utf-8")
    sheet = page(site, f"{url}checklist/index.html").get_text(" ")
    assert "Look up three salary surveys for the role" in sheet
    topics = page(site, "topics/index.html")
    salary = topics.find("a", string="Salary")
    assert salary is not None and salary["href"].rstrip("/").endswith("salary")
    assert NEW_TITLE in page(site, "topics/salary/index.html").select_one(".guide-articles__list").get_text()
    assert [
        a.get_text(strip=True) for a in page(site, f"{url}index.html").select(".guide-article__topics a")
    ] == ["Salary", "Offers"]
    # Previous / next: the seed (2017) comes before the new article (2024).
    new = page(site, f"{url}index.html")
    assert new.select_one("a.md-footer__link--prev")["href"].rstrip("/").endswith(SEED_SLUG)
    assert new.select_one("a.md-footer__link--next") is None


def test_a_draft_is_left_out_of_the_built_site(project: Path, tmp_path: Path) -> None:
    assert make_article(project, NEW_TITLE).returncode == 0
    site = build_ok(project, tmp_path / "site")
    assert not (site / f"articles/{NEW_SLUG}").exists()
    everything = "".join(
        p.read_text(encoding="utf-8", errors="ignore")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json")
    )
    assert NEW_SLUG not in everything and NEW_TITLE not in everything
    assert all(NEW_SLUG not in url for url in indexed_pages(site))  # nor in search


@pytest.mark.parametrize("count", [2, listing.PAGE_SIZE + 10])
def test_many_articles_order_tags_and_neighbours(project: Path, tmp_path: Path, count: int) -> None:
    seed = (project / f"docs/articles/{SEED_SLUG}.yml").read_text(encoding="utf-8")
    (project / f"docs/articles/{SEED_SLUG}.yml").unlink()
    start = dt.date(2020, 1, 1)
    expected = []
    for n in range(count):
        slug = f"article-{n:03d}"
        day = start + dt.timedelta(days=(n * 37) % 365)  # dates out of file order
        tag = ["negotiation", "salary", "networking"][n % 3]
        text = (
            seed.replace(f"slug: {SEED_SLUG}", f"slug: {slug}")
            .replace("title: How You Should React to a Bad Job Interview", f"title: Article {n:03d}")
            .replace("published: 2017-10-05", f"published: {day.isoformat()}")
            .replace("tags: [interviews, after-the-interview]", f"tags: [{tag}]")
        )
        (project / f"docs/articles/{slug}.yml").write_text(text, encoding="utf-8")
        expected.append((day, f"Article {n:03d}", slug, tag))
    site = build_ok(project, tmp_path / "site")
    newest_first = sorted(expected, reverse=True)
    titles = [title for _, title, _, _ in newest_first]
    # The home page shows the newest (at most listing.HOME_ARTICLES) and links to all of them.
    listed = [a.get_text(strip=True) for a in page(site, "index.html").select(".guide-articles__title a")]
    assert listed == titles[: listing.HOME_ARTICLES]
    assert (page(site, "index.html").select_one(".guide-articles__more a") is not None) == (
        count > listing.HOME_ARTICLES
    )
    assert list_titles(site, "all") == titles
    oldest_first = newest_first[::-1]
    for i, (_, _, slug, _) in enumerate(oldest_first):
        html = page(site, f"articles/{slug}/index.html")
        prev = html.select_one("a.md-footer__link--prev")
        nxt = html.select_one("a.md-footer__link--next")
        if i == 0:
            assert prev is None
        else:
            assert prev["href"].rstrip("/").endswith(oldest_first[i - 1][2])
        if i == len(oldest_first) - 1:
            assert nxt is None
        else:
            assert nxt["href"].rstrip("/").endswith(oldest_first[i + 1][2])
    topics = page(site, "topics/index.html")
    for tag in {t for *_, t in expected}:
        assert topics.find("a", string=tag.capitalize()) is not None
        assert list_titles(site, f"topics/{tag}") == [title for _, title, _, t in newest_first if t == tag]
    # Articles stay out of every page's sidebar: the navigation has Home and Topics only.
    nav = page(site, f"articles/{expected[0][2]}/index.html").select(".md-nav--primary .md-nav__link")
    assert len(nav) <= 4


def test_workflow_checks_articles_first_previews_pull_requests_tests_and_deploys_main_only() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    jobs = workflow["jobs"]

    def steps(job: str) -> list[dict]:
        return jobs[job]["steps"]

    def step_running(job: str, command: str) -> int:
        return next(i for i, step in enumerate(steps(job)) if command in step.get("run", ""))

    def step_using(job: str, action: str) -> dict:
        return next(step for step in steps(job) if step.get("uses", "").split("@")[0] == action)

    # The author's job: every pull request and push, the check (annotations) before the build.
    assert "if" not in jobs["check"]
    assert step_running("check", "make check") < step_running("check", "make build")
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text(encoding="utf-8")
    # A pull request gets a preview (make preview writes preview/), and the summary says how to
    # open it (tests/browser/test_published_site.py runs these steps as GitHub does).
    preview = step_using("check", "actions/upload-artifact")
    assert preview["if"] == "github.event_name == 'pull_request'" and preview["with"]["path"] == "preview"
    assert (
        steps("check")[step_running("check", "make preview")]["if"] == "github.event_name == 'pull_request'"
    )
    summary = steps("check")[step_running("check", "GITHUB_STEP_SUMMARY")]
    assert summary["if"] == "github.event_name == 'pull_request'" and "make preview-summary" in summary["run"]
    pages = step_using("check", "actions/upload-pages-artifact")
    assert pages["if"] == "github.event_name != 'pull_request'"
    # The project's tests in their own job, with the fonts the print tests measure with.
    assert "if" not in jobs["tests"]
    assert "fonts-dejavu-core" in steps("tests")[step_running("tests", "apt-get")]["run"]
    step_running("tests", "make test")
    # Deploy: main only, after everything passed.
    assert jobs["deploy"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert sorted(jobs["deploy"]["needs"]) == ["check", "tests"]
    assert [step["uses"].split("@")[0] for step in steps("deploy")] == ["actions/deploy-pages"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_adding_an_article_doc_matches_the_schema() -> None:
    doc = (ROOT / "ADDING-AN-ARTICLE.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_\[\].]+)` \|", doc, re.MULTILINE))

    def paths(node, prefix=""):
        node = article_schema._resolve(node)
        for name, sub in node.get("properties", {}).items():
            path = f"{prefix}{name}"
            yield path
            sub = article_schema._resolve(sub)
            if sub.get("type") == "array" and isinstance(sub.get("items"), dict) and "$ref" in sub["items"]:
                yield from paths(sub["items"], f"{path}[].")
            elif "properties" in sub or "$ref" in sub:
                yield from paths(sub, f"{path}.")

    in_schema = set(paths(article_schema.schema()))
    assert in_schema - documented == set(), "fields missing from ADDING-AN-ARTICLE.md"
    assert documented - in_schema == set(), "ADDING-AN-ARTICLE.md documents fields the schema lacks"


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Как договориться о зарплате", "kak-dogovoritsya-o-zarplate"),
        ("如何谈薪水", "ru-he-tan-xin-shui"),
        ("Über Gehälter verhandeln", "uber-gehalter-verhandeln"),
    ],
)
def test_make_article_names_the_file_from_a_title_in_any_script(project: Path, title: str, slug: str) -> None:
    result = make_article(project, title)
    assert result.returncode == 0, result.stderr
    article = loader.load_article(project / "docs/articles" / f"{slug}.yml")
    assert article.title == title and article.slug == slug


def test_make_article_cuts_a_long_slug_at_a_word_and_the_file_passes_the_check(project: Path) -> None:
    title = "薪" * article_schema.schema()["properties"]["title"]["maxLength"]
    result = make_article(project, title)
    assert result.returncode == 0, result.stderr
    (path,) = [p for p in (project / "docs/articles").glob("*.yml") if p.stem.startswith("xin-")]
    assert len(path.stem) <= 80 and not path.stem.endswith("-")
    assert loader.load_article(path).title == title


@pytest.mark.parametrize("extra", [1, 10, 180])
def test_make_article_refuses_a_title_past_the_limit_before_writing_anything(
    project: Path, extra: int
) -> None:
    limit = article_schema.schema()["properties"]["title"]["maxLength"]
    before = sorted((project / "docs/articles").iterdir())
    result = make_article(project, "Negotiate " * ((limit + extra) // 10) + "x" * ((limit + extra) % 10))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"at most {limit}" in result.stderr
    assert sorted((project / "docs/articles").iterdir()) == before
