"""The allowlist sanitizer and the checks built on it (guide_core/markup.py, rules._safe_markup_rule).

A reader's browser must never run an author's script nor fetch anything from outside the site.
The checks refuse such markup with a positioned message; the hook sanitizes the page as well.
"""

from __future__ import annotations

import re

import pytest
import yaml

from complexity import assert_linear, cpu_seconds
from guide_core import markup, page_source, rules, source
from guide_core.loader import ArticleErrors, load_article, parse_article
from support import FIXTURES, ROOT, SEED_FILE

MINIMAL = (FIXTURES / "valid/minimal.yml").read_text(encoding="utf-8")

# The bypasses that got past the old source regex, and more of the same families. Each is
# written where Markdown passes it through as HTML (inside a block-level tag, say).
BYPASSES = {
    "svg onload": "<svg/onload=alert(1)>",
    "details ontoggle": "<details/open/ontoggle=alert(1)><summary>s</summary></details>",
    "img onerror without a space": '<p><img src="x.png"onerror=alert(1)></p>',
    'handler after alt=">"': '<p><img alt=">" onerror=alert(1) src="x.png"></p>',
    "javascript&#58; link": "[x](javascript&#58;alert(1))",
    "java&#9;script: link": '<a href="java&#9;script:alert(1)">x</a>',
    "attr_list handler on an image": '![a](x.png){ onerror="alert(1)" }',
    "attr_list handler on a paragraph": 'Text\n{: onclick="alert(1)" }',
    "comment that a browser ends early": "<div><!--><img src=x onerror=alert(1)>--></div>",
    "custom element with a handler": "<x-card onclick=alert(1)>hi</x-card>",
    "script": "<script>alert(1)</script>",
    "upper-case handler": "<P ONMOUSEOVER=alert(1)>x</P>",
    "data: link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "vbscript link": "[x](vbscript:msgbox(1))",
    "leading control character": '<a href="\x01javascript:alert(1)">x</a>',
    "Material's data attributes": '<div data-md-component="search">x</div>',
}
OUTSIDE = {
    "image": "![x](https://tracker.example/p.png)",
    "protocol-relative image": '<img src="//tracker.example/p.png">',
    "backslash host": '<img src="/\\tracker.example/p.png">',
    "srcset": '<img src="a.png" srcset="a.png 1x, https://cdn.example/a2.png 2x">',
    "style url()": '<span style="background:url(https://t.example/p.png)">x</span>',
    "style image-set()": (
        '<span style="background-image:image-set(&quot;https://t.example/p.png&quot; 1x)">x</span>'
    ),
    "style escape": '<span style="background:u\\72l(https://t.example/p.png)">x</span>',
    "video poster": '<video poster="https://cdn.example/s.jpg" src="v.mp4"></video>',
    "audio": '<audio src="https://cdn.example/a.mp3"></audio>',
    "source": '<picture><source srcset="https://cdn.example/a.webp"><img src="a.png"></picture>',
    "iframe": '<iframe src="https://video.example/1"></iframe>',
    "object": '<object data="https://x.example/a.swf"></object>',
    "link": '<link rel="stylesheet" href="https://x.example/a.css">',
    "input image": '<input type="image" src="https://x.example/a.png">',
    "svg image": '<svg><image href="https://x.example/a.png"/></svg>',
}
# Allowed: what Markdown and its extensions write, links anywhere with safe schemes, relative files.
ALLOWED = {
    "text with a less-than": "a < b and b > c, 3<4",
    "https link": "[x](https://example.com/a?b=c)",
    "mailto link": "[mail](mailto:someone@example.com)",
    "relative link": "[next](../other-article/)",
    "protocol-relative link": '<a href="//example.com/">x</a>',
    "relative image": "![chart](../images/chart.png)",
    "relative srcset": '<img src="a.png" srcset="a.png 1x, a@2x.png 2x" alt="">',
    "admonition": "!!! note\n    Remember this.",
    "details": '??? tip "More"\n    Hidden advice.',
    "code block": "```python\nprint('<script>')\n```",
    "inline code": "Use `<script>` tags carefully.",
    "table in html": "<table><tr><th>A</th><td>1</td></tr></table>",
    "md_in_html": "<div markdown>\n*emphasis* inside\n</div>",
    "style colour": '<span style="color: rgb(200, 0, 0)">red</span>',
    "attr_list class": "A paragraph\n{: .lead #intro-para }",
}


def rendered_findings(text: str) -> list[markup.Finding]:
    return markup.findings(markup.render_markdown(text))


@pytest.mark.parametrize("text", BYPASSES.values(), ids=BYPASSES.keys())
def test_known_bypasses_are_found_and_the_sanitizer_removes_them(text: str) -> None:
    html = markup.render_markdown(text)
    assert markup.findings(html), f"not refused: {html}"
    clean = markup.sanitize(html).lower()
    assert not re.search(r"\son\w+=|javascript:|vbscript:|data:|<script|<svg|data-md", clean), clean


@pytest.mark.parametrize("text", OUTSIDE.values(), ids=OUTSIDE.keys())
def test_resources_from_outside_the_site_are_found_and_removed(text: str) -> None:
    html = markup.render_markdown(text)
    assert rendered_findings(text), f"not refused: {html}"
    clean = markup.sanitize(html)
    assert "example" not in clean, clean


@pytest.mark.parametrize("text", ALLOWED.values(), ids=ALLOWED.keys())
def test_allowed_markup_passes_unchanged(text: str) -> None:
    html = markup.render_markdown(text)
    assert markup.findings(html) == []
    assert markup._faithful(html) == markup.sanitize(html)  # the sanitizer has nothing to take


def test_the_seed_article_page_passes_and_keeps_its_anchors_and_markers() -> None:
    article = load_article(SEED_FILE)
    html = markup.render_markdown(page_source.article_markdown(article))
    assert markup.findings(html) == []
    clean = markup.sanitize_between(html, page_source.SECTION_END_PATTERN)
    assert clean.count('class="headerlink"') == html.count('class="headerlink"') > 0
    assert len(page_source.SECTION_END_PATTERN.findall(clean)) == len(article.sections)


def test_markdown_extensions_are_those_of_mkdocs_yml() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            configs[name] = options
    # MkDocs adds its builtins (toc, tables, fenced_code) first, then the list, without repeats
    # (mkdocs/config/config_options.py, MarkdownExtensions: reduce_list(builtins + extensions)).
    from mkdocs.config.defaults import MkDocsConfig

    builtins = MkDocsConfig.markdown_extensions.builtins
    assert tuple(dict.fromkeys([*builtins, *names])) == markup.MARKDOWN_EXTENSIONS
    assert configs == markup.MARKDOWN_EXTENSION_CONFIGS


def test_a_heading_is_checked_as_the_page_writes_it() -> None:
    article = load_article(FIXTURES / "valid/minimal.yml")
    page = markup.render_markdown(page_source.article_markdown(article))
    section = article.sections[0]
    assert markup.render_heading(section.heading, section.id) in page


def test_a_heading_that_adds_a_handler_is_refused_at_the_handler() -> None:
    text = MINIMAL.replace("heading: First section", "heading: First section {onclick=alert(1) ")
    with pytest.raises(ArticleErrors) as caught:
        parse_article(text, source="a.yml")
    handler = [p for p in caught.value.problems if "onclick=" in p.message]
    assert handler and handler[0].field == "sections[0].heading"
    line = text.splitlines()[handler[0].line - 1]
    assert line[handler[0].column - 1 :].startswith("onclick")


def test_plain_text_fields_are_checked_too() -> None:
    text = MINIMAL.replace("text: Do the thing", 'text: Do the <img src="x" onerror="alert(1)"> thing')
    with pytest.raises(ArticleErrors) as caught:
        parse_article(text, source="a.yml")
    (problem,) = caught.value.problems
    assert problem.field == "sections[0].checklist[0].text" and "onerror=" in problem.message


def test_the_message_points_at_the_attribute_in_a_long_body() -> None:
    body = (
        "\n".join(f"      Line {n} of advice." for n in range(30))
        + '\n      <p><img src="a.png" onerror=alert(1)></p>'
    )
    text = MINIMAL.replace("      Some advice.", body)
    with pytest.raises(ArticleErrors) as caught:
        parse_article(text, source="a.yml")
    (problem,) = caught.value.problems
    line = text.splitlines()[problem.line - 1]
    assert line[problem.column - 1 :].startswith("onerror=alert(1)")


def test_many_problems_in_one_field_give_a_few_messages_and_a_count() -> None:
    body = "      " + "<p onclick=x>a</p>" * 2000
    with pytest.raises(ArticleErrors) as caught:
        parse_article(MINIMAL.replace("      Some advice.", body), source="a.yml")
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 6 and sum(m.startswith("1995 more HTML problems") for m in messages) == 1


# Texts that made the old checks (or python-markdown) slow: 250 KB of each, through every check
# (python-markdown included: most of the time left is its own, ~5 µs a character).
WORST_CASES = {
    "a < b": "a < b\n",
    "unclosed tags": "<a ",
    "unclosed brackets": "[",
    "unclosed link parentheses": "[a](",
    "unclosed image parentheses": "![](",
    "tag per line": "<x\n",
    "open quotes": '<a b="',
    "handlers": "<p onclick=x>a</p>",
    "comments": "<!--",
    "character references": "&#",
    "ampersands": "&",
    "ampersands in words": "a&b ",
    "escaped references": "&amp;&lt;",
    "braces": "{",
}


@pytest.mark.slow  # a complexity, measured: seconds of CPU
@pytest.mark.parametrize("unit", WORST_CASES.values(), ids=WORST_CASES.keys())
def test_the_checks_take_linear_time_on_worst_case_text(unit: str) -> None:
    def cost(size: int) -> float:
        body = unit * (size // len(unit))
        text = MINIMAL.replace("      Some advice.", "      " + body.replace("\n", "\n      ").rstrip())
        return cpu_seconds(lambda: refused_or_loaded(text))

    # Four times the text, at most eight times the work (sixteen, were it quadratic), as a ratio
    # in one run (tests/complexity.py): from 62,500 characters, grown until a run is long enough.
    assert_linear(cost, 62_500, most_size=250_000)


def refused_or_loaded(text: str) -> None:
    try:
        parse_article(text, source="a.yml", stem="minimal")
    except ArticleErrors:
        pass


def test_slow_markdown_is_refused_before_it_is_rendered() -> None:
    problem = markup.slow_markdown("Some advice " + "[" * 1500)
    assert problem is not None and problem.offset == len("Some advice ")
    assert "1500 times '['" in problem.message
    assert markup.slow_markdown("See [the guide](https://example.com) (page 3) and [this] too.") is None
    assert markup.slow_markdown("a < b\n" * 60_000) is None


# Markdown's own constructs, each in a text without author markup (rules.AUTHOR_MARKUP):
# the check skips rendering such texts, so the sanitizer must keep all of them as they are.
MARKDOWN_ONLY = [
    "A paragraph with *emphasis*, **strong**, `code` and a line\nbreak.",
    "## A heading in a body\n\nText under it.",
    "- a list\n- of items\n\n1. and a numbered\n2. one",
    "> a quotation\n\n---\n\nafter a rule",
    "    indented code\n\n```\nfenced code\n```",
    '!!! note "A note"\n    An admonition.\n\n??? tip "Details"\n    Folded text.',
]


@pytest.mark.parametrize("text", MARKDOWN_ONLY)
def test_text_without_author_markup_needs_no_rendering_to_be_safe(text: str) -> None:
    assert not rules.AUTHOR_MARKUP.search(text)
    html = markup.render_markdown(text)
    assert markup.findings(html) == []
    assert markup.sanitize(html) == html or markup.findings(markup.sanitize(html)) == []


def test_every_text_of_the_seed_without_author_markup_is_safe_as_rendered() -> None:
    data = source.parse(SEED_FILE.read_bytes()).data
    texts = [data["intro"]] + [
        part for s in data["sections"] for part in (s["body"], f"## {s['heading']} {{#{s['id']}}}")
    ]
    for text in texts:
        if not rules.AUTHOR_MARKUP.search(text.split("{#")[0]):
            assert markup.findings(markup.render_markdown(text)) == [], text[:60]


# The sanitizer is given stand-ins for the references Markdown writes (markup._clean): what it
# returns means to a browser what the sanitizer given the HTML itself returns.
MEANING_CASES = [
    "<p>a &amp; b &lt;c&gt; &quot;d&quot; 'e'</p>",
    "<p>&&amp;& &copy &copy; &#38; &#x26; &#; &#x; &unknown; &amp</p>",
    '<p><a href="https://example.org/?a=1&amp;b=&quot;2&lt;" title="&lt;&amp;&gt;">x</a></p>',
    '<p><a href="javascript&amp;colon;alert(1)">x</a> <a href="&quot;javascript:alert(1)">y</a></p>',
    "<pre><code>if a &amp;&amp; b &lt; c &gt; d: &quot;\u00a0&nbsp;</code></pre>",
    "<div><script>&amp;</script><style>&lt;</style><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></div>",
    "<p>\ufdd0 \ufdd1\ufdef text</p>",
]


@pytest.mark.parametrize("html", MEANING_CASES)
def test_what_the_sanitizer_returns_means_what_it_did_without_stand_ins(html: str, monkeypatch) -> None:
    from bs4 import BeautifulSoup

    given = markup.sanitize(html)
    monkeypatch.setattr(markup, "_STOOD_IN", re.compile("(?!)"))
    monkeypatch.setattr(markup, "_BARE_AMPERSAND", re.compile("(?!)"))
    plain = markup.sanitize(html)
    assert BeautifulSoup(given, "html.parser").decode() == BeautifulSoup(plain, "html.parser").decode()
    assert not re.search("[\ufdd0-\ufdef]", given)


def test_an_attribute_check_sees_the_characters_the_references_mean() -> None:
    # A style that loads from another site, its quotes written as references.
    html = '<p><span style="background: url(&quot;https://elsewhere.example/x.png&quot;)">x</span></p>'
    assert "elsewhere" not in markup.sanitize(html)
    assert markup.findings(html), "the outside image is named to the author"
