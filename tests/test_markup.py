"""Inline markup: emphasis, citations, placeholders, escapes and mistakes."""

import re

import pytest

from rebuttal.text.markup import Cite, MarkupError, Placeholder, Run, escape, parse_paragraph, parse_text


def test_emphasis_citations_and_placeholders() -> None:
    tokens = parse_paragraph("A **bold {article.title}** and *it* [@a; @b].")
    assert tokens == [
        Run("A "),
        Run("bold ", bold=True),
        Placeholder("article.title", bold=True),
        Run(" and "),
        Run("it", italic=True),
        Run(" "),
        Cite(("a", "b")),
        Run("."),
    ]


def test_paragraphs_split_on_blank_lines_and_fold_newlines() -> None:
    paragraphs = parse_text("one\ntwo\n\n  three  \n")
    assert paragraphs == [[Run("one two")], [Run("three")]]


def test_escapes_round_trip() -> None:
    text = "literal *stars*, {braces} and [@not a cite]"
    assert parse_paragraph(escape(text)) == [Run(text)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("**open bold", "'**' is opened"),
        ("*open italic", "'*' is opened"),
        ("[@key", "not closed"),
        ("[@ok; bad]", "not a citation"),
        ("{not valid}", "not a placeholder"),
        ("stray }", "without '{'"),
    ],
)
def test_mistakes_are_reported(text: str, message: str) -> None:
    with pytest.raises(MarkupError, match=re.escape(message)):
        parse_paragraph(text)
