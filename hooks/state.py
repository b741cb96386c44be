"""What hooks/guide.py's handlers keep between events: for the process, and for one build.

Imported by guide.py after it has put the core (``guide_core``, beside ``hooks/``) on ``sys.path``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import preview as incremental
from command import Command
from guide_core import site, strings
from guide_core.model import Article
from guide_core.problems import Problem

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

SETTINGS_KEPT = "mkdocs.yml cannot be used as it is; the preview keeps its last settings until it is mended."


@dataclass
class Session:
    """What `make serve` keeps from one build to the next (MkDocs loads a hook module once per process)."""

    preview: incremental.Preview | None = None  # `make serve` (mkdocs serve --dirty)
    last_config: MkDocsConfig | None = None  # the settings a rebuild falls back on
    config_problems: list[Problem] = field(default_factory=list)  # why mkdocs.yml cannot be read
    last_good: list[Article] = field(default_factory=list)  # shown while a file is broken
    file_cache: dict[Path, tuple] = field(default_factory=dict)  # what each article file gave (loader)
    memo: site.Memo = field(default_factory=site.Memo)

    # `make serve` (mkdocs serve --dirty) keeps one preview from its first build on.
    def start(self, command: Command) -> None:
        if command.serving and command.dirty and self.preview is None:
            self.preview = incremental.Preview()

    # Under serve, a save of mkdocs.yml that MkDocs cannot read would stop every rebuild, the
    # preview stuck with nothing said. Instead it is rebuilt with the settings last read, every
    # page says what is wrong and where (`unreadable`), and the next save that reads recovers it.
    def tolerant(
        self,
        builder: Callable[..., None],
        *,
        unreadable: Callable[[MkDocsConfig, Exception], list[Problem]],
        say: Callable[[str], None],
    ) -> Callable[[], None]:
        def rebuild() -> None:
            self.config_problems = []
            try:
                builder()
            except Exception as error:  # noqa: BLE001 - what MkDocs would print, said on the pages instead
                if self.last_config is None:
                    raise
                self.config_problems = unreadable(self.last_config, error)
                say(SETTINGS_KEPT)
                builder(self.last_config)

        return rebuild

    # The articles a preview shows: those that load, and a broken one as it last loaded.
    def shown(self, loaded: list[Article], *, broken: bool) -> list[Article]:
        if not broken:
            self.last_good = loaded
            return loaded
        slugs = {article.slug for article in loaded}
        return loaded + [article for article in self.last_good if article.slug not in slugs]


@dataclass
class Build:
    """One build: the guide's words, what was found wrong, the site's plan and its templates."""

    strings: strings.Strings
    drafts_shown: bool  # under serve, and in a pull request's preview (make preview)
    site_problems: list[Problem]  # in mkdocs.yml, docs/ and the guide's words
    problems: str | None = None  # the banner every page shows under serve
    plan: site.SitePlan | None = None
    env: Environment | None = None
