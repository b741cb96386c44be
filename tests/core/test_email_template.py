"""The email template core: placeholders, paragraphs, the optional-paragraph rule, filling in."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess

import pytest

from guide_core import email_template as et
from guide_core import placeholders, schema
from guide_core.loader import load_article
from guide_core.model import Article, Email, EmailField, Prompt, Section
from support import SEED_FILE

SEED = SEED_FILE


def email(body: str, *fields: EmailField, subject: str = "Hello {name}", to: str | None = None) -> Email:
    return Email(subject=subject, body=body, fields=fields or (EmailField("name", "Your name"),), to=to)


NAME = EmailField("name", "Your name")
NOTE = EmailField("note", "A note", required=False, kind="paragraph")
EXTRA = EmailField("extra", "Something extra", required=False)


# ---------------------------------------------------------------------------------------------
# Parsing


def test_segments_split_text_and_placeholders_in_order() -> None:
    assert et.segments("Dear {name}, about {role}.") == (
        et.Text("Dear "),
        et.Slot("name"),
        et.Text(", about "),
        et.Slot("role"),
        et.Text("."),
    )


def test_segments_of_text_without_placeholders_and_of_nothing() -> None:
    assert et.segments("Kind regards") == (et.Text("Kind regards"),)
    assert et.segments("") == ()
    assert et.segments("{name}") == (et.Slot("name"),)


@pytest.mark.parametrize("text", ["{}", "{Name}", "{2nd}", "{two words}", "{ name }", "{name", "name}"])
def test_only_field_names_are_placeholders(text: str) -> None:
    assert et.segments(text) == (et.Text(text),)


def test_double_braces_around_a_name_keep_the_outer_braces_as_text() -> None:
    assert et.segments("{{name}}") == (et.Text("{"), et.Slot("name"), et.Text("}"))


def test_placeholders_are_listed_once_in_first_use_order() -> None:
    assert et.placeholders("{b} {a} {b} {c_2}") == ("b", "a", "c_2")


def test_paragraphs_split_at_blank_lines_and_join_their_lines() -> None:
    body = "Dear {name},\n\nLine one,\n   line two\n  \n\n\nThanks\nagain.\n"
    assert et.paragraphs(body) == ("Dear {name},", "Line one, line two", "Thanks again.")


def test_a_line_of_placeholders_only_keeps_its_own_line() -> None:
    body = "Kind regards,\n{name}\n{role} {company}\nNorthwind"
    assert et.paragraphs(body) == ("Kind regards,\n{name}\n{role} {company}\nNorthwind",)
    assert et.paragraphs("About {name}\nand more") == ("About {name} and more",)


def test_a_backslash_at_the_end_of_a_line_keeps_the_break() -> None:
    assert et.paragraphs("Best wishes, \\\nSam\nLee") == ("Best wishes,\nSam Lee",)


def test_paragraphs_accept_windows_line_breaks() -> None:
    assert et.paragraphs("One\r\n\r\nTwo\r\nthree") == ("One", "Two three")


def test_paragraphs_of_an_empty_body() -> None:
    assert et.paragraphs("\n \n") == ()


# ---------------------------------------------------------------------------------------------
# Filling in


def test_fill_puts_the_readers_words_in() -> None:
    filled = et.fill(email("Dear {name},\n\nThanks.", NAME), {"name": "  Ms Patel \n"})
    assert filled.subject == "Hello Ms Patel"
    assert filled.body == "Dear Ms Patel,\n\nThanks."
    assert filled.missing == ()


def test_an_empty_required_field_shows_its_label_and_is_missing() -> None:
    filled = et.fill(email("Dear {name},", NAME), {"name": "   "})
    assert filled.body == "Dear [Your name],"
    assert filled.subject == "Hello [Your name]"
    assert filled.missing == (NAME,)


def test_a_paragraph_whose_optional_fields_are_all_empty_is_left_out() -> None:
    template = email("Dear {name},\n\nAlso: {note}\n\nBye, {name}", NAME, NOTE)
    assert et.fill(template, {"name": "Ann"}).body == "Dear Ann,\n\nBye, Ann"
    assert et.fill(template, {"name": "Ann", "note": "I can start in May."}).body == (
        "Dear Ann,\n\nAlso: I can start in May.\n\nBye, Ann"
    )


def test_a_paragraph_stays_when_one_of_its_optional_fields_is_filled() -> None:
    template = email("Also: {note} {extra}", NAME, NOTE, EXTRA, subject="Hi")
    assert et.fill(template, {"extra": "yes"}).body == "Also:  yes"
    assert et.fill(template, {}).body == ""


def test_a_paragraph_with_empty_optional_and_required_fields_is_left_out() -> None:
    # The optional rule decides: the paragraph exists for the optional words.
    template = email("{name} adds: {note}\n\nEnd", NAME, NOTE)
    assert et.fill(template, {}).body == "End"


def test_an_empty_optional_field_outside_the_body_becomes_nothing() -> None:
    to = EmailField("address", "Their email address", required=False, kind="email")
    template = email("Hi", NAME, to, to="{address}", subject="Re: {name}")
    assert et.fill(template, {"name": "Ann"}).to == ""
    assert et.fill(template, {"name": "Ann", "address": " a@example.com "}).to == "a@example.com"


def test_line_breaks_become_spaces_in_the_subject_but_stay_in_the_body() -> None:
    template = email("Note: {name}", NAME, subject="About {name}")
    filled = et.fill(template, {"name": "two\r\nlines"})
    assert filled.subject == "About two lines"
    assert filled.body == "Note: two\nlines"


def test_the_readers_braces_and_markup_are_kept_as_text() -> None:
    typed = "{name} <img src=x onerror=alert(1)> & \u05e9\u05dc\u05d5\u05dd \U0001f600"
    assert et.fill(email("Dear {name}", NAME), {"name": typed}).body == f"Dear {typed}"


def test_a_value_that_is_not_text_counts_as_empty() -> None:
    assert et.fill(email("Dear {name}", NAME), {"name": None}).missing == (NAME,)  # type: ignore[dict-item]


def test_word_count_counts_runs_of_non_space() -> None:
    assert et.word_count("Dear Ms  Patel,\n\nThank you - again.") == 7
    assert et.word_count("  \n") == 0


# ---------------------------------------------------------------------------------------------
# The seed article and the templates' view


def test_the_seed_email_without_a_clarification_leaves_that_paragraph_out() -> None:
    article = load_article(SEED)
    values = {
        "interviewer_name": "Ms Patel",
        "role": "Marketing Assistant",
        "company": "Northwind Traders",
        "your_name": "Sam Lee",
    }
    filled = et.fill(article.email, values)
    assert "clarification" not in filled.body
    assert filled.body.startswith("Dear Ms Patel,\n\nThank you for taking the time")
    assert "at Northwind Traders. I appreciate the time" in filled.body  # the YAML's wrapping is gone
    assert filled.body.endswith("Kind regards,\nSam Lee")
    assert filled.subject == "Thank you for your time: Marketing Assistant interview"
    assert filled.to == "" and filled.missing == ()
    with_point = et.fill(article.email, {**values, "clarification": "I have led a team of five."})
    assert "from our conversation: I have led a team of five.\n\n" in with_point.body
    assert et.word_count(with_point.body) < article.email.word_limit


def test_the_composer_follows_the_section_whose_prompt_feeds_the_email() -> None:
    article = load_article(SEED)
    assert et.home_section(article) == "thank-you-email"
    client = et.client_data(article)
    assert client["feeds"] == {
        "clarification": {"prompt": "points-missed", "question": "Points you missed or want to clarify"}
    }
    assert [f["name"] for f in client["fields"]] == [f.name for f in article.email.fields]


def _article(sections: tuple[Section, ...], mail: Email | None) -> Article:
    import datetime as dt

    return Article(
        slug="a", title="A", summary="S", published=dt.date(2024, 1, 1), intro="I", sections=sections,
        email=mail,
    )


def test_without_a_feeding_prompt_the_composer_follows_the_last_section() -> None:
    sections = (Section("one", "One", "b", prompts=(Prompt("p", "Q?"),)), Section("two", "Two", "b"))
    assert et.home_section(_article(sections, email("Hi {name}", NAME))) == "two"


def test_the_first_feeding_section_wins() -> None:
    sections = (
        Section("one", "One", "b"),
        Section("two", "Two", "b", prompts=(Prompt("p", "Q?", feeds="name"),)),
        Section("three", "Three", "b", prompts=(Prompt("q", "R?", feeds="name"),)),
    )
    article = _article(sections, email("Hi {name}", NAME))
    assert et.home_section(article) == "two"
    assert et.client_data(article)["feeds"]["name"]["prompt"] == "p"


def test_an_article_without_an_email_has_no_composer() -> None:
    article = _article((Section("one", "One", "b"),), None)
    assert et.home_section(article) is None
    assert et.view(article) is None


def test_the_view_holds_the_parsed_template_and_the_empty_form() -> None:
    article = load_article(SEED)
    view = et.view(article)
    assert view is not None
    assert view.template == et.parse(article.email)
    assert view.template.to == (et.Slot("interviewer_email"),)
    assert view.template.paragraphs[0].parts == (et.Text("Dear "), et.Slot("interviewer_name"), et.Text(","))
    assert view.template.paragraphs[-1].parts == (et.Text("Kind regards,\n"), et.Slot("your_name"))
    assert view.fields["clarification"].required is False
    assert view.empty == et.fill(article.email, {})


# ---------------------------------------------------------------------------------------------
# One owner for each rule


def test_a_placeholder_names_what_the_schema_calls_a_field_name() -> None:
    field_name = schema.pattern("field_name")
    for name in ("name", "your_name", "a2", "x_", "Name", "2nd", "two words", "", "é", "name\n", "a-b"):
        is_placeholder = placeholders.PLACEHOLDER.fullmatch("{" + name + "}")
        assert bool(field_name.match(name)) == bool(is_placeholder), name
    assert placeholders.FIELD_NAME_PATTERN == placeholders._unanchored("field_name")


def test_the_placeholder_follows_a_changed_schema_and_refuses_an_unanchored_one(monkeypatch) -> None:
    changed = copy.deepcopy(schema.schema())
    changed["$defs"]["field_name"]["pattern"] = r"^[a-z][a-z0-9_-]*(?![\s\S])"
    monkeypatch.setattr(schema, "schema", lambda: changed)
    assert placeholders._unanchored("field_name") == "[a-z][a-z0-9_-]*"
    changed["$defs"]["field_name"]["pattern"] = "[a-z]+"
    with pytest.raises(ValueError, match="field_name"):
        placeholders._unanchored("field_name")


def test_the_readers_own_details_get_the_browsers_suggestions_and_no_other_field_does() -> None:
    # WCAG 1.3.5: the fields that hold the reader's own details say which detail they hold.
    assert EmailField("your_name", "Your name").autocomplete == "name"
    assert EmailField("your_email", "Your email", kind="email").autocomplete == "email"
    assert EmailField("your_phone", "Your phone").autocomplete == "tel"
    assert EmailField("interviewer_name", "Their name").autocomplete == "off"
    assert EmailField("name", "A name").autocomplete == "off"


def test_the_browser_gets_the_template_split_and_no_placeholder_to_parse() -> None:
    article = load_article(SEED)
    client = et.client_data(article)
    parts = [*client["to"], *client["subject"]]
    parts += [part for paragraph in client["paragraphs"] for part in paragraph["parts"]]
    texts = [part for part in parts if isinstance(part, str)]
    assert not any(placeholders.PLACEHOLDER.search(text) for text in texts)
    used = {part["field"] for part in parts if isinstance(part, dict)}
    assert used == {field.name for field in article.email.fields}
    optional = {f.name for f in article.email.fields if not f.required}
    assert {name for paragraph in client["paragraphs"] for name in paragraph["optional"]} <= optional


def test_the_spaces_are_javascripts_own() -> None:
    # The browser trims, joins and counts with \s and trim(): the Python spells out the same set.
    assert shutil.which("node"), "this test asks Node.js what \\s is: install Node 20 (apt install nodejs)"
    script = """
      const found = [];
      for (let code = 0; code <= 0x10ffff; code++) {
        const character = String.fromCodePoint(code);
        if (/^\\s$/u.test(character) && character.trim() === "") found.push(code);
        else if (/^\\s$/u.test(character) || character.trim() === "") throw new Error("\\\\s, trim() differ");
      }
      console.log(JSON.stringify(found));
    """
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=60)
    assert [ord(character) for character in et.SPACES] == json.loads(result.stdout)
    assert et.word_count("a\u00a0b\ufeffc\u0085d\u001fe") == 3  # NEL and U+001F are not spaces
