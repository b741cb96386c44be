"""The real site, built with --strict into a temporary folder, read as HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import material as material_package
import pytest
from bs4 import BeautifulSoup

import minify
from support import FIXTURES, ROOT, SEED_SLUG, build_ok, run_build
from test_search import indexed_pages

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

ARTICLE = f"articles/{SEED_SLUG}/index.html"
TIPS = [
    "Take Some Time to Destress",
    "Take Stock of the Interview",
    "Think About the Positives",
    "Send an Email to the Employer",
]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def seed_paragraphs() -> list[str]:
    """The seed article's paragraphs of advice (after its title and date line)."""
    lines = (FIXTURES / "seed-article.txt").read_text(encoding="utf-8").splitlines()
    body = [normalise(line) for line in lines[3:] if line.strip()]
    return [line for line in body if line not in TIPS]


# Wording the article adapts on purpose (and nothing else): the seed's blog framing and two typos.
ADAPTED = {
    "really affect our future thinking": "really affects our future thinking",
    (
        "We're talking about job interviews again, but we're going to be focusing on what happens "
        "when things go wrong."
    ): "This article is about job interviews, and about what happens when things go wrong.",
    "That brings us to the topic of today's article. ": "",
    "some of the interviews sticking points": "some of the interview's sticking points",
}


def test_every_piece_of_the_seed_advice_is_on_the_article_page(built_site: Path) -> None:
    text = normalise(soup(built_site, ARTICLE).select_one("article").get_text(" "))
    for paragraph in seed_paragraphs():
        for old, new in ADAPTED.items():
            paragraph = paragraph.replace(old, new)
        for sentence in re.split(r"(?<=[.?!])\s+", paragraph):
            assert sentence in text, f"missing from the article page: {sentence!r}"


def test_article_has_title_date_intro_and_one_section_per_tip(built_site: Path) -> None:
    page = soup(built_site, ARTICLE)
    assert page.select_one("article h1").get_text(strip=True) == "How You Should React to a Bad Job Interview"
    time = page.select_one("article time[datetime]")
    assert time["datetime"] == "2017-10-05"
    assert time.get_text(strip=True) == "5 Oct 2017"
    headings = [normalise(h.get_text(" ")).rstrip(" ¶").strip() for h in page.select("article h2")]
    assert headings == TIPS
    # The introduction comes before the first tip.
    first_h2 = page.select_one("article h2")
    intro = [p.get_text() for p in first_h2.find_all_previous("p")]
    assert any("none of us are perfect" in p for p in intro)
    # Each tip heading has a stable anchor taken from the YAML's section id.
    assert [h["id"] for h in page.select("article h2")] == [
        "destress",
        "take-stock",
        "positives",
        "thank-you-email",
    ]


def test_every_checklist_item_is_a_real_labelled_checkbox_in_its_section(built_site: Path) -> None:
    page = soup(built_site, ARTICLE)
    boxes = page.select("article input[type=checkbox]")
    assert len(boxes) == 11
    for box in boxes:
        label = page.select_one(f'label[for="{box["id"]}"]')
        assert label is not None and label.get_text(strip=True), f"checkbox {box['id']} has no label"
    # Items sit after their own section's advice, before the next heading.
    destress = page.select_one("h2#destress")
    first_list = destress.find_next("fieldset")
    assert first_list.find_previous("h2") is destress
    assert "Get home and destress" in first_list.get_text()


def test_home_page_lists_the_article_with_summary_date_and_link(built_site: Path) -> None:
    page = soup(built_site, "index.html")
    link = page.select_one(".guide-articles a")
    assert link.get_text(strip=True) == "How You Should React to a Bad Job Interview"
    assert (built_site / "index.html").parent.joinpath(link["href"], "index.html").resolve() == (
        built_site / ARTICLE
    ).resolve()
    item = link.find_parent("li")
    assert "Destress first" in item.get_text()
    assert item.select_one('time[datetime="2017-10-05"]') is not None


def test_search_index_holds_the_article_text(built_site: Path) -> None:
    page = indexed_pages(built_site)[f"/articles/{SEED_SLUG}/"]
    text = normalise(page["content"] + " " + page["meta"]["title"])
    assert "wash the experience away with a nice, long bath" in text
    assert "Take Stock of the Interview" in text
    assert "Make no post-interview decisions until your mind is straight" in text


def test_meta_description_and_open_graph_come_from_the_summary(built_site: Path) -> None:
    page = soup(built_site, ARTICLE)
    summary = "Stressed after an interview that went badly?"
    assert page.select_one('meta[name="description"]')["content"].startswith(summary)
    assert page.select_one('meta[property="og:description"]')["content"].startswith(summary)
    assert (
        page.select_one('meta[property="og:title"]')["content"]
        == "How You Should React to a Bad Job Interview"
    )
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select_one('meta[property="article:published_time"]')["content"] == "2017-10-05"
    assert page.title.get_text().startswith("How You Should React to a Bad Job Interview")


def test_nothing_is_loaded_from_outside_the_site(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag in page.select("link[href], script[src], img[src], iframe[src], source[src]"):
            url = tag.get("href") or tag.get("src")
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue  # addresses of this site, not requests
            assert not urlsplit(url).netloc, f"{html.relative_to(built_site)} loads {url}"
        assert "fonts.googleapis" not in str(page) and "fonts.gstatic" not in str(page)


def test_yaml_sources_are_not_published(built_site: Path) -> None:
    assert not list(built_site.rglob("*.yml"))


def test_edit_button_points_at_the_article_yaml(project: Path, tmp_path: Path) -> None:
    site = build_ok(project, tmp_path / "site", env={"REPO_URL": "https://github.com/example/guide"})
    edit = soup(site, ARTICLE).select_one('a[rel="edit"]')
    assert edit["href"] == f"https://github.com/example/guide/edit/main/docs/articles/{SEED_SLUG}.yml"


def test_no_edit_button_without_a_repository(built_site: Path) -> None:
    assert soup(built_site, ARTICLE).select_one('a[rel="edit"]') is None


def test_markup_in_article_text_fields_is_escaped(project: Path, tmp_path: Path) -> None:
    source = project / f"docs/articles/{SEED_SLUG}.yml"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "title: How You Should React to a Bad Job Interview",
        "title: '<b>Bold</b> & \"quoted\": How You Should React to a Bad Job Interview'",
    )
    text = text.replace(
        "text: Keep it short and polite, not a diatribe", 'text: "Keep it <i>short</i> & polite"'
    )
    source.write_text(text, encoding="utf-8")
    site = build_ok(project, tmp_path / "site")
    html = (site / ARTICLE).read_text(encoding="utf-8")
    assert "<b>Bold</b>" not in html and "<i>short</i>" not in html
    page = BeautifulSoup(html, "html.parser")
    assert (
        page.select_one("article h1").get_text()
        == '<b>Bold</b> & "quoted": How You Should React to a Bad Job Interview'
    )
    assert page.select_one('meta[name="description"]') is not None
    assert "Keep it <i>short</i> & polite" in page.get_text()


def test_site_also_builds_with_properdocs(project: Path, tmp_path: Path) -> None:
    site = build_ok(project, tmp_path / "site", tool="properdocs")
    page = soup(site, ARTICLE)
    assert len(page.select("article input[type=checkbox]")) == 11
    assert page.select_one('time[datetime="2017-10-05"]') is not None


def test_a_broken_article_stops_the_build_and_keeps_the_previous_site(project: Path, tmp_path: Path) -> None:
    site = build_ok(project, tmp_path / "site")
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "docs/articles/broken.yml").write_text("slug: broken\ntitle: [unclosed\n", encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "docs/articles/broken.yml:" in output
    assert "Traceback" not in output
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_a_warning_fails_the_strict_build_but_not_a_normal_one(project: Path, tmp_path: Path) -> None:
    source = project / f"docs/articles/{SEED_SLUG}.yml"
    long_summary = "A summary that goes on and on. " * 7
    text = source.read_text(encoding="utf-8")
    start = text.index("summary: >-")
    end = text.index("published:")
    source.write_text(text[:start] + f"summary: {long_summary.strip()}\n" + text[end:], encoding="utf-8")
    strict = run_build(project, tmp_path / "strict")
    assert strict.returncode == 1
    line = next(
        n
        for n, row in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
        if row.startswith("summary:")
    )
    assert (
        f"docs/articles/{SEED_SLUG}.yml:{line}:10: summary: 216 characters; search engines show about 160"
        in (strict.stdout + strict.stderr)
    )
    relaxed = run_build(project, tmp_path / "relaxed", strict=False)
    assert relaxed.returncode == 0


def test_no_empty_announcement_bar_on_a_good_build(built_site: Path) -> None:
    # The announce block only carries problems under `mkdocs serve`; an empty one draws a dark strip.
    for name in ("index.html", ARTICLE, f"articles/{SEED_SLUG}/checklist/index.html"):
        assert soup(built_site, name).select_one(".md-banner") is None, name


def test_the_guides_own_scripts_and_styles_ship_minified_and_materials_untouched(built_site: Path) -> None:
    sources = sorted((ROOT / "overrides" / "assets").glob("guide*.*"))
    assert {path.suffix for path in sources} == {".js", ".css"}
    for source in sources:
        text = source.read_text(encoding="utf-8")
        shipped = (built_site / "assets" / source.name).read_text(encoding="utf-8")
        assert shipped == minify.minified(source.name, text), source.name
        assert len(shipped) < 0.85 * len(text) and "// " not in shipped and "/* " not in shipped, source.name
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    material = Path(material_package.__file__).parent / "templates" / "assets" / "javascripts" / bundle.name
    assert bundle.read_bytes() == material.read_bytes()


def test_search_finds_the_advice_and_the_email_template_not_the_widgets_controls(built_site: Path) -> None:
    text = normalise(indexed_pages(built_site)[f"/articles/{SEED_SLUG}/"]["content"])
    for words in (
        "Employers place a lot of stock in politeness",
        "Dear [Interviewer's name],",
        "Where did it go wrong?",
    ):
        assert words in text
    for control in (
        "Use my note again",
        "Copy email",
        "Fill in the blanks",
        "kept on this device as you type",
        "Your email",
    ):
        assert control not in text, control


def test_every_page_has_the_guides_own_small_icon(built_site: Path) -> None:
    icon = built_site / "assets" / "favicon.svg"
    assert icon.stat().st_size < 512 and icon.read_text(encoding="utf-8").startswith("<svg")
    for page in ("index.html", ARTICLE, f"articles/{SEED_SLUG}/checklist/index.html"):
        link = soup(built_site, page).select_one("link[rel=icon]")
        assert (
            link is not None and (built_site / page).parent.joinpath(link["href"]).resolve() == icon.resolve()
        ), page


def test_scripts_are_deferred_in_order_so_the_first_paint_does_not_wait(built_site: Path) -> None:
    for page in ("index.html", ARTICLE, f"articles/{SEED_SLUG}/checklist/index.html"):
        scripts = [s for s in soup(built_site, page).select("script[src]")]
        names = [s["src"].rsplit("/", 1)[-1] for s in scripts]
        assert names[0].startswith("bundle.") and names[-1] == "guide.js", page  # document$ first
        # A module script is deferred by nature; `defer` on one is an HTML error.
        assert all(s.has_attr("defer") != (s.get("type") == "module") for s in scripts), page


def test_no_script_in_the_body_stops_the_parser_above_the_page_s_content(built_site: Path) -> None:
    # An inline script in <body> is a place where Chromium's parser stops and paints what it
    # has: with one in the header (the scheme toggle's, as Material places it), the header was
    # painted a frame before the article, and the largest paint came after the first (#19).
    # The toggle's script is in <head> (overrides/partials/guide-palette.html).
    pages = [
        "index.html",
        ARTICLE,
        f"articles/{SEED_SLUG}/checklist/index.html",
        "topics/index.html",
        "404.html",
    ]
    for page in pages:
        body = soup(built_site, page).body
        content = body.select_one("article")
        assert content is not None, page
        for script in body.find_all("script", src=False):
            if script.get("type") in ("application/json", "application/ld+json"):
                continue
            below = content in script.find_all_previous("article") and content not in script.parents
            assert below, f"{page}: an inline script above the end of the content: {str(script)[:80]}"
    head = soup(built_site, ARTICLE).head
    assert "data-guide-palette" in " ".join(script.get_text() for script in head.find_all("script"))


def test_the_scheme_script_knows_the_schemes_as_the_toggle_draws_them(project: Path, tmp_path: Path) -> None:
    # overrides/partials/guide-palette.html gives <body> its scheme before the toggle's form is
    # parsed, from its own list of the schemes: the same as the inputs' data-md-color-* (with
    # Material's defaults), for the repo's palette and for one a fork might write.
    config = project / "mkdocs.yml"
    forked = config.read_text(encoding="utf-8").replace(
        '    - media: "(prefers-color-scheme: dark)"\n      scheme: slate\n',
        '    - media: "(prefers-color-scheme: dark)"\n      scheme: slate\n      primary: deep purple\n'
        '    - media: "(prefers-color-scheme)"\n      toggle:\n        icon: material/brightness-auto\n'
        "        name: Follow the system\n",
    )
    assert forked != config.read_text(encoding="utf-8")
    for name, text in (("repo", config.read_text(encoding="utf-8")), ("fork", forked)):
        config.write_text(text, encoding="utf-8")
        site = build_ok(project, tmp_path / name)
        page = soup(site, ARTICLE)
        drawn = [
            {key: field.get(f"data-md-color-{key}") for key in ("media", "scheme", "primary", "accent")}
            for field in page.select("form[data-guide-palette] input")
        ]
        script = next(s for s in page.head.find_all("script") if "data-guide-palette" in s.get_text())
        known = json.loads(script["data-guide-schemes"])
        assert known == drawn and len(drawn) == (2 if name == "repo" else 3), name
