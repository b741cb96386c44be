"""Hostile markup in an article: the build refuses it, the sanitizer neutralises it, and the
markup that is allowed (however tricky) runs no script and fetches nothing from outside the site.

Every payload sets `window.__hostile` (or asks a server that is not 127.0.0.1 for something), so a
page where one ran is told apart from one where none did.
"""

from __future__ import annotations

import re
from pathlib import Path

from browser_support import serve, settle
from guide_core import markup
from support import SEED_FILE, SEED_SLUG, build_ok, run_build

FLAG = "window.__hostile=1"
# The known bypasses of the old source regex, each written where Markdown passes it through as
# HTML, and each reaching for the flag or for another server.
BYPASSES = {
    "svg-onload": f"<svg/onload={FLAG}>",
    "details-ontoggle": f"<details/open/ontoggle={FLAG}><summary>s</summary>x</details>",
    "img-onerror-no-space": f'<p><img src="missing.png"onerror={FLAG}></p>',
    "alt-gt-then-handler": f'<p><img alt=">" onerror={FLAG} src="missing.png"></p>',
    "javascript-entity-colon": '<p><a id="js1" href="javascript&#58;window.__hostile=1">x</a></p>',
    "javascript-tab-entity": '<p><a id="js2" href="java&#9;script:window.__hostile=1">x</a></p>',
    "attr-list-handler": f'![a](missing.png){{ onerror="{FLAG}" }}',
    "outside-image": "![pixel](http://tracker.invalid/p.png)",
    "outside-style-url": '<p style="background:url(http://tracker.invalid/s.png)">x</p>',
    "outside-srcset": '<p><img src="missing.png" srcset="http://tracker.invalid/2x.png 2x"></p>',
    "script": f"<script>{FLAG}</script>",
}
# Allowed, but close to the edge: outside links (not fetched unless clicked), escaped markup,
# code that shows script tags, a standalone <img …onerror> that Markdown turns into text.
TRICKY = """
Links may lead anywhere: [a page](https://example.invalid/), [protocol-relative](//example.invalid/),
[mail](mailto:someone@example.invalid), [a page here](../../).

`<img src=x onerror=window.__hostile=1>` is shown as code, and so is this:

```html
<script>window.__hostile=1</script>
```

<img src="x"onerror=window.__hostile=1> stands alone, so Markdown writes it as text.

&lt;svg onload=window.__hostile=1&gt; and a < b > c.

![a local picture](../images/chart.png){ .wide #chart }

<details><summary>More</summary><p style="color: rgb(200, 0, 0)">Red, with <b>bold</b>.</p></details>

!!! note "A note"
    With *emphasis*.
"""


# Everything the page asked for, from where; and whether any payload ran.
def visit(page, url: str) -> tuple[list[str], object]:
    requested: list[str] = []
    page.route(
        "**/*",
        lambda route: (
            requested.append(route.request.url),
            route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort(),
        ),
    )
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for link in ("#js1", "#js2"):
        if page.locator(link).count():
            page.locator(link).click()
    page.wait_for_load_state("networkidle")
    settle(page)  # two frames: what a click queued (a javascript: link runs as a task) has run
    return requested, page.evaluate("window.__hostile")


def outside(requested: list[str]) -> list[str]:
    return [url for url in requested if not url.startswith("http://127.0.0.1")]


def article_with(body: str, slug: str) -> str:
    text = SEED_FILE.read_text(encoding="utf-8")
    text = re.sub(r"^slug: .*$", f"slug: {slug}", text, count=1, flags=re.MULTILINE)
    indented = "\n".join("  " + line if line else "" for line in body.strip().splitlines())
    return re.sub(
        r"^intro: .*?\n(?=\S)",
        lambda _: f"intro: |\n{indented}\n",
        text,
        count=1,
        flags=re.MULTILINE | re.DOTALL,
    )


def test_a_real_build_refuses_each_bypass_with_its_message(project: Path, tmp_path: Path) -> None:
    for name, payload in BYPASSES.items():
        (project / "docs/articles" / f"{name}.yml").write_text(article_with(payload, name), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for name in BYPASSES:
        lines = [line for line in output.splitlines() if f"docs/articles/{name}.yml:" in line]
        assert lines, f"no message for {name}:\n{output[-3000:]}"
        assert any(
            words in " ".join(lines)
            for words in ("run a script", "not allowed", "does not lead", "outside the site", "the style on")
        )
    assert not (tmp_path / "site" / "articles").exists()


def test_the_sanitizer_neutralises_every_bypass_in_a_browser(page, tmp_path: Path) -> None:
    # What the hook's on_page_content does to a page, if the checks had let the markup through;
    # the same markup unsanitized proves that the payloads do run.
    html = "\n".join(markup.render_markdown(payload) for payload in BYPASSES.values())
    (tmp_path / "raw.html").write_text(f"<!doctype html><body>{html}</body>", encoding="utf-8")
    (tmp_path / "clean.html").write_text(
        f"<!doctype html><body>{markup.sanitize(html)}</body>", encoding="utf-8"
    )
    url, server = serve(tmp_path)
    try:
        requested, ran = visit(page, url + "raw.html")
        assert ran == 1 and outside(requested), (
            "the payloads must work unsanitized, or this test proves nothing"
        )
        fresh = page.context.new_page()
        requested, ran = visit(fresh, url + "clean.html")
        assert ran is None
        assert outside(requested) == []
    finally:
        server.shutdown()


def test_allowed_tricky_markup_runs_nothing_and_fetches_nothing_from_outside(
    project: Path, tmp_path: Path, page
) -> None:
    seed = project / "docs/articles" / f"{SEED_SLUG}.yml"
    seed.write_text(article_with(TRICKY, SEED_SLUG), encoding="utf-8")
    (project / "docs/images").mkdir(exist_ok=True)
    (project / "docs/images/chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # a picture of this site
    site = build_ok(project, tmp_path / "site")
    article = site / "articles" / SEED_SLUG / "index.html"
    assert "window.__hostile" in article.read_text(encoding="utf-8")  # the payloads are on the page, as text
    url, server = serve(site)
    try:
        requested, ran = visit(page, f"{url}articles/{SEED_SLUG}/")
        assert any(
            request.endswith("/images/chart.png") for request in requested
        )  # the listener sees the page's requests
        assert ran is None
        assert outside(requested) == []
        assert page.get_by_text("stands alone, so Markdown writes it as text").count() == 1
    finally:
        server.shutdown()
