"""Plain text for web forms and e-mail: clean, wrapped sensibly, references last."""

from __future__ import annotations

import dataclasses
import re

import pytest

from rebuttal.model import Paragraph, Span
from rebuttal.render.text import render_text, wrap

DATE = re.compile(r"\b\d{4} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b")


@pytest.mark.parametrize("width", [40, 50, 60, 72, 90])
def test_wrapping_never_splits_dates_or_identifiers(example_document, width: int) -> None:
    text = render_text(example_document, width=width)
    flat = render_text(example_document, width=0)
    dates = DATE.findall(flat)
    assert "2019 Jul 13" in dates and len(dates) >= 8
    lines = text.splitlines()
    for date in dates:
        assert any(date in line for line in lines), (width, date)
    for line in lines:
        assert not line.rstrip().endswith((" et", "doi:", "PMID:")), line
        # Only what cannot break may overflow: one long word, or "doi: <identifier>".
        unbreakable = re.sub(r"^(?:doi|PMID|PMCID): ", "", line.strip())
        assert len(line) <= width or " " not in unbreakable, line


def test_width_zero_gives_one_line_per_paragraph(example_document) -> None:
    text = render_text(example_document, width=0)
    paragraphs = text.split("\n\n")
    for paragraph in example_document.paragraphs():
        assert paragraph.plain(example_document.marker) in text.splitlines()
    references = [p for p in paragraphs if re.match(r"\d+\.\s", p) and "PMID" in p]
    assert references and all("\n" not in p for p in references)


def test_text_has_no_markup_and_references_come_last(example_document) -> None:
    text = render_text(example_document)
    assert "**" not in text and "[@" not in text and "{" not in text and "<" not in text
    tail = text[text.rindex("\nReferences\n") :]
    numbers = [int(n) for n in re.findall(r"^(\d+)\.\s", tail, re.MULTILINE)]
    assert numbers == list(range(1, 15))
    assert "Jane Doe, MD\nPresident, Pacific Spine and Pain Society" in text
    assert text.index("Competing interests:") < text.index("\nReferences\n")


def test_control_characters_never_reach_the_form(example_document) -> None:
    dirty = Paragraph((Span("A\x0bline\x00 with\x07 controls\tand a tab."),))
    letter = dataclasses.replace(example_document, body=(dirty,), title="Title\x0c")
    text = render_text(letter, width=0)
    assert "A line with controls and a tab." in text.splitlines()
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", text)


def test_wrap_keeps_author_names_and_hanging_indent() -> None:
    entry = "Wang X, Martin G, Sadeghirad B, Chang Y, Florez ID, Couban RJ, et al. A title."
    out = wrap(entry, 30, indent="    ", first="1.  ")
    lines = out.splitlines()
    assert lines[0].startswith("1.  Wang X,") and all(line.startswith("    ") for line in lines[1:])
    for name in ("Wang X", "Martin G", "Sadeghirad B", "Chang Y", "Florez ID", "Couban RJ", "et al"):
        assert any(name in line for line in lines), name
