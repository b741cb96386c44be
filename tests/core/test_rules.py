"""The rules the schema cannot say fail loudly: a rule that raises on an article the format
accepts is a bug, never a rule that silently stops checking."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from guide_core import loader, rules, schema
from support import FIXTURES

VALID = sorted((FIXTURES / "valid").glob("*.yml")) + sorted((FIXTURES / "articles").glob("*.yml"))


def _typo_rule(document: Any, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    yield from data["sectoins"]  # the kind of slip a new rule is written with


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_a_rule_that_raises_on_a_valid_article_stops_the_check(path, monkeypatch) -> None:
    loader.load_article(path)  # valid as it is
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, _typo_rule))
    with pytest.raises(KeyError, match="sectoins"):
        loader.load_article(path)


def test_on_a_file_the_schema_refuses_the_rules_run_and_a_confused_one_stays_quiet(monkeypatch) -> None:
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, _typo_rule))
    with pytest.raises(loader.ArticleErrors) as raised:
        loader.load_article(FIXTURES / "broken/schema-and-rule-problems.yml")
    said = [problem.message for problem in raised.value.problems]
    assert any("already used on line" in message for message in said)  # a rule's, beside the schema's
    assert any("unknown field" in message for message in said)


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_every_rule_runs_on_a_valid_article_and_finds_nothing(path) -> None:
    document = loader.yaml_source.parse(path.read_text(encoding="utf-8"))
    for rule in rules.RULES:
        assert list(rule(document, document.data, lambda *args, **kwargs: args, path.stem)) == [], (
            rule.__name__
        )


def test_the_rules_read_the_formats_id_pattern_from_the_schema() -> None:
    assert rules.ID.pattern == schema.schema()["$defs"]["id"]["pattern"]
