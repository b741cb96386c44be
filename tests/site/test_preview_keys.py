"""Under `make serve` a page is rebuilt when its key changes, and its key is the context the
plan gives its template (guide_core/site.py, hooks/preview.py). That holds only while the
guide's templates read nothing else: these tests read the templates and fail when one reads a
name the plan does not give (or that is not shared by every page and covered by the preview's
stamp), or a field of a list's entry that the entry does not carry (a stale page otherwise)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import jinja2.meta
import jinja2.nodes
import pytest
from mkdocs.config import load_config

from guide_core import loader, site, strings
from support import ROOT, SEED_FILE

OVERRIDES = ROOT / "overrides"
# Names every page receives and the preview's stamp covers: MkDocs' and Material's own context
# (page, config, nav, ...: the settings file and the list of docs/ pages are in the stamp), the
# problems banner (in the stamp) and the hook's globals (from the catalogues, in the stamp).
SHARED = {
    "page",
    "config",
    "nav",
    "base_url",
    "extra_css",
    "extra_javascript",
    "mkdocs_version",
    "build_date_utc",
    "lang",
    "guide_problems",
    "guide_material_language",
    "guide_t",
    "guide_text",
    "guide_forms",
    "guide_id",
    "section",  # each section's end is rendered with one of the page's article's sections (on_page_content)
}
# Templates MkDocs renders on every build (not left out by the preview): the feed and the 404 page.
ALWAYS_RENDERED = {"feed.xml", "404.html"}


def _env() -> jinja2.Environment:
    config = load_config(str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()
    words = strings.load(None)
    env.filters.update(guide_date=words.date, guide_number=words.number, guide_list=words.join)
    env.filters["guide_inline_script"] = str  # hooks/minify.py's: a file's text, read by no page's plan
    return env


def _guide_templates() -> list[Path]:
    own = [path for path in OVERRIDES.glob("*.html")] + list((OVERRIDES / "partials").glob("guide-*.html"))
    return sorted(path for path in own if path.name not in ALWAYS_RENDERED)


def _plan() -> site.SitePlan:
    seed = loader.load_article(SEED_FILE)
    other = dataclasses.replace(seed, slug="another", title="Another", tags=seed.tags)
    return site.plan([seed, other], strings=strings.load(None), site_url="https://example.org/")


def _contexts(plan: site.SitePlan) -> list[dict]:
    return [dict(page.context) for page in plan.pages.values()] + [plan.home_context(), plan.topics_context()]


def test_every_name_a_guide_template_reads_is_in_the_plan_or_shared_by_every_page() -> None:
    env, plan = _env(), _plan()
    given = {name for context in _contexts(plan) for name in context} | SHARED
    trees = {path: env.parse(path.read_text(encoding="utf-8")) for path in _guide_templates()}
    # names a template hands the partial it includes: {% with part = "notes" %}{% include ... %}
    given |= {
        target.name
        for tree in trees.values()
        for node in tree.find_all(jinja2.nodes.With)
        for target in node.targets
    }
    for path in _guide_templates():
        tree = trees[path]
        # (a `{% set %}...{% endset %}` inside a block is reported as read: it is the template's own)
        own = {
            node.target.name
            for node in tree.find_all((jinja2.nodes.Assign, jinja2.nodes.AssignBlock))
            if isinstance(node.target, jinja2.nodes.Name)
        }
        own |= {node.name for node in tree.find_all(jinja2.nodes.Macro)}
        read = jinja2.meta.find_undeclared_variables(tree) - own
        assert read <= given, (
            f"{path.relative_to(ROOT)} reads {sorted(read - given)}, which no page's plan gives: "
            "under make serve its page would not be rebuilt when that changes. "
            "Give it in guide_core/site.py's page context."
        )


@pytest.mark.parametrize("path", _guide_templates(), ids=lambda path: path.name)
def test_a_list_template_reads_only_the_fields_its_entries_carry(path: Path) -> None:
    env, plan = _env(), _plan()
    samples: dict[str, object] = {}
    for context in _contexts(plan):
        for name, value in context.items():
            if isinstance(value, (tuple, list)) and value and dataclasses.is_dataclass(value[0]):
                samples.setdefault(name, value[0])
    aliases = {
        "guide_articles": "guide_related"
    }  # guide-related.html lists its entries through the list partial
    tree = env.parse(path.read_text(encoding="utf-8"))
    for loop in tree.find_all(jinja2.nodes.For):
        if not (isinstance(loop.iter, jinja2.nodes.Name) and isinstance(loop.target, jinja2.nodes.Name)):
            continue
        sample = samples.get(loop.iter.name) or samples.get(aliases.get(loop.iter.name, ""))
        if sample is None:
            continue
        fields = {field.name for field in dataclasses.fields(sample)}
        read = {
            node.attr
            for node in loop.find_all(jinja2.nodes.Getattr)
            if isinstance(node.node, jinja2.nodes.Name) and node.node.name == loop.target.name
        }
        assert read <= fields, (
            f"{path.relative_to(ROOT)} reads {sorted(read - fields)} of each of {loop.iter.name}, which "
            f"{type(sample).__name__} (guide_core/site.py) does not carry: add the field there."
        )


def test_each_section_end_reads_only_what_its_page_gives_the_section_ends() -> None:
    # A rebuilt article page (its related list changed) keeps its sections' ends when what they
    # receive is unchanged (hooks/guide.py, on_page_content): they must read nothing else.
    env, plan = _env(), _plan()
    pages = [page for page in plan.pages.values() if page.kind == "article"]
    given = {name for page in pages for name in page.section_context}
    given |= {"section", "config", "guide_t", "guide_text", "guide_forms", "guide_id"}  # the hook's
    seen, waiting, read = set(), ["partials/guide-section-end.html"], set()
    while waiting:
        name = waiting.pop()
        seen.add(name)
        tree = env.parse((OVERRIDES / name).read_text(encoding="utf-8"))
        assigned = tree.find_all(jinja2.nodes.Assign)
        own = {node.target.name for node in assigned if isinstance(node.target, jinja2.nodes.Name)}
        own |= {node.name for node in tree.find_all(jinja2.nodes.Macro)}
        # names one partial hands the one it includes: {% with part = "notes" %}{% include ... %}
        given |= {target.name for node in tree.find_all(jinja2.nodes.With) for target in node.targets}
        read |= jinja2.meta.find_undeclared_variables(tree) - own
        waiting += [each for each in jinja2.meta.find_referenced_templates(tree) if each and each not in seen]
    assert pages and read <= given, (
        f"the section ends (partials/guide-section-end.html and what it includes) read "
        f"{sorted(read - given)}, which guide_core/site.py's section_context does not give: under "
        "make serve they would not be rendered again when that changes. Add it there."
    )
