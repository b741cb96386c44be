"""An article as search engines read it: schema.org `Article` in JSON-LD.

Google reads `headline`, `datePublished`, `dateModified`, `author`, `image`, `publisher`,
`description` and the page's URL from it (its Article structured data documentation: none is
required, these are recommended). HowTo and FAQ rich results are no longer shown, so none are
emitted. Every URL is absolute.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .model import Article

HEADLINE_CHARS = 110  # Google shows at most this much of a headline


# The JSON-LD object for an article at `url` (absolute), in a site named `site_name` at
# `site_url`; `keywords` are the names of its topics, `language` the page's. A site without an
# address (a pull request's preview) gives None for both URLs, and the object names none.
def article_data(
    article: Article,
    *,
    url: str | None,
    site_name: str,
    site_url: str | None,
    keywords: Sequence[str] = (),
    language: str = "en",
) -> dict:
    publisher = {"@type": "Organization", "name": site_name}
    if site_url:
        publisher["url"] = site_url
    if article.author is not None:
        author: dict = {"@type": "Person", "name": article.author.name}
        if article.author.url:
            author["url"] = article.author.url
        if article.author.credential:
            author["description"] = article.author.credential
    else:
        author = publisher
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title[:HEADLINE_CHARS],
        "description": article.summary,
        "datePublished": article.published.isoformat(),
        "dateModified": article.last_changed.isoformat(),
        "author": [author],
        "publisher": publisher,
        "inLanguage": language,
    }
    if url:
        data.update(mainEntityOfPage={"@type": "WebPage", "@id": url}, url=url)
    if keywords:
        data["keywords"] = list(keywords)
    return data


# JSON for a <script type="application/ld+json"> element: no "<", ">" or "&" in it, so no text
# of an article can close the element or be read as markup.
def script_json(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
