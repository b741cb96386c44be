"""What a build says about what it publishes: the site's address, drafts, and soft problems.

MkDocs-free: hooks/guide.py passes the settings in, logs the notices and turns a refusal into
MkDocs' error, which MkDocs prints without a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from .model import Article
from .problems import WARNING, Problem

LOCAL_ADDRESS = "http://127.0.0.1:8000/"  # the site's address while it is unknown: `make serve`'s
ADDRESS_HELP = (
    "Set SITE_URL (or site_url in mkdocs.yml) to the address readers use: for GitHub Pages "
    "https://<user>.github.io/<repository>/, or your own domain (ADDING-AN-ARTICLE.md, section 6)."
)

# What `make serve` says after the problems it shows on every page.
PREVIEW_GOES_ON = (
    "The preview shows the articles that load (a broken one as it last loaded): fix the file and save it."
)


# Whether readers could not reach `site_url`: unset, or this computer's own address.
def is_local(site_url: str | None) -> bool:
    return urlsplit(site_url or "").hostname in (None, "", "localhost", "127.0.0.1", "::1")


# Why `command` may not publish a site at `site_url`, or None. Published by hand (`mkdocs
# gh-deploy`) at the local address, every canonical link, the feed, the sitemap and the 404
# page's assets would point at the publisher's own computer.
def address_refusal(site_url: str, command: str) -> str | None:
    if command != "gh-deploy" or not is_local(site_url):
        return None
    return (
        f"site_url is {site_url}, the local preview's address: a site published with it links every "
        f"page, the feed and the sitemap there, and its 404 page loads nothing. {ADDRESS_HELP}"
    )


# The soft problems of the articles (a long summary, the template's examples left in...), which
# --strict refuses before a page is written. A draft's notices are for `make check` and the
# preview, so they are left out.
def warnings_of(articles: Sequence[Article]) -> list[Problem]:
    return [warning for article in articles for warning in article.warnings if warning.severity == WARNING]


# What --strict says when it refuses `warnings`.
def strict_refusal(warnings: Sequence[Problem]) -> str:
    return "\n".join(
        [f"{len(warnings)} warning(s) in article files, refused by --strict:", *(f"  {w}" for w in warnings)]
    )


# What a build tells its publisher, so that nothing is left out silently: the drafts it does not
# publish (or shows, marked, in a preview), and an address that readers could not reach.
def build_notices(articles: Sequence[Article], *, drafts_shown: bool, site_url: str | None) -> list[str]:
    notices = []
    drafts = [article.source for article in articles if article.draft]
    plural = "s" if len(drafts) != 1 else ""
    if drafts and not drafts_shown:
        notices.append(
            f"Left out {len(drafts)} draft{plural} (not published): {', '.join(drafts)}. "
            "To publish one, delete its 'draft: true' line."
        )
    if drafts and drafts_shown:
        notices.append(
            f"This preview shows {len(drafts)} draft{plural}, marked as drafts: {', '.join(drafts)}."
        )
    if site_url and is_local(site_url):
        notices.append(
            f"site_url is {site_url}: the canonical links, the feed and the printed sheets "
            f"will point at this local address (the GitHub workflow sets the published one). {ADDRESS_HELP}"
        )
    return notices
