"""The table of email cases (tests/fixtures/email-cases.yml), read for the core and the browser tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from guide_core.model import Email, EmailField
from guide_core.placeholders import names
from support import FIXTURES

TABLE = FIXTURES / "email-cases.yml"


@dataclass(frozen=True)
class Case:
    """One row of the table."""

    id: str  # a name for the test's id and the article's slug
    title: str
    fields: tuple[dict[str, Any], ...]  # as an article writes them
    to: str | None
    subject: str
    body: str
    values: dict[str, str]
    expected: dict[str, Any]  # to, subject, body (texts), missing, left_out, words
    refused: str | None  # why the article check refuses this template, if it does

    @property
    def email(self) -> Email:
        """The template as the core models it."""
        fields = tuple(
            EmailField(
                name=f["name"], label=f["label"], required=f.get("required", True), kind=f.get("kind", "text")
            )
            for f in self.fields
        )
        return Email(subject=self.subject, body=self.body, fields=fields, to=self.to)

    def article(self, slug: str) -> dict[str, Any]:
        """An article whose email is this case's template (for a build)."""
        email = {"subject": self.subject, "body": self.body, "fields": list(self.fields)}
        if self.to is not None:
            email = {"to": self.to, **email}
        return {
            "slug": slug,
            "title": f"Email case: {self.title}"[:100],
            "summary": "One case of the email rules, for the tests.",
            "published": "2024-01-01",
            "intro": "An article made by the tests.",
            "sections": [{"id": "only", "heading": "The email", "body": "The composer follows."}],
            "email": email,
        }


# A text of the table: a string, or a list of strings and {repeat: text, times: n}, joined.
def text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "".join(part if isinstance(part, str) else part["repeat"] * part["times"] for part in value)


def _case(row: dict[str, Any], shared: list[dict[str, Any]], index: int) -> Case:
    used = set(names(row.get("to") or "") + names(row["subject"]) + names(row["body"]))
    fields = row.get("fields") or [field for field in shared if field["name"] in used]
    expected = dict(row["expected"])
    for part in ("to", "subject", "body"):
        expected[part] = text(expected.get(part, ""))
    return Case(
        id=f"case-{index + 1:02d}",
        title=row["case"],
        fields=tuple(fields),
        to=row.get("to"),
        subject=row["subject"],
        body=row["body"],
        values={name: text(value) for name, value in (row.get("values") or {}).items()},
        expected=expected,
        refused=row.get("refused"),
    )


def load() -> list[Case]:
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return [_case(row, table["fields"], index) for index, row in enumerate(table["cases"])]


CASES = load()
