"""Citation marks both ways in one module: what each marker prints, and reading it back from edited text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rebuttal.model import Citation, inline_text
from rebuttal.text.citations import CitationMarker, PrintedCitation, collapse_numbers, parse_numbers

MARKERS = ["parentheses", "brackets", "superscript"]


@pytest.mark.parametrize(
    ("name", "printed", "plain"),
    [
        ("parentheses", PrintedCitation("(1,3-5)"), "(1,3-5)"),
        ("brackets", PrintedCitation("[1,3-5]"), "[1,3-5]"),
        ("superscript", PrintedCitation("1,3-5", superscript=True), "[1,3-5]"),
    ],
)
def test_each_marker_prints_a_group_once_for_every_renderer(
    name: str, printed: PrintedCitation, plain: str
) -> None:
    marker = CitationMarker.named(name)
    assert marker.printed((5, 1, 3, 4)) == printed
    assert marker.plain((5, 1, 3, 4)) == plain
    # Plain text (word counts, the text export) draws citations the same way.
    assert inline_text((Citation(("a", "b", "c", "d"), (1, 3, 4, 5)),), marker) == plain


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(MARKERS),
    st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=8),
    st.text(alphabet="ab .,;", max_size=6),
    st.text(alphabet="ab .,;", max_size=6),
)
def test_what_a_marker_prints_it_reads_back(name: str, numbers: list[int], before: str, after: str) -> None:
    marker = CitationMarker.named(name)
    printed = marker.printed(numbers)
    expected = tuple(sorted(set(numbers)))
    if printed.superscript:
        assert marker.read_raised(printed.text) == expected
        assert marker.find(before + after) == ([before + after] if before + after else [])
    else:
        found = marker.find(before + printed.text + after)
        assert [part for part in found if isinstance(part, tuple)] == [expected]
        assert "".join(part for part in found if isinstance(part, str)) == before + after


def test_edited_text_is_read_as_people_retype_it() -> None:
    marker = CitationMarker.named("parentheses")
    assert marker.find("as shown ( 1, 3 – 4 ) and in (1999)") == ["as shown ", (1, 3, 4), " and in (1999)"]
    assert marker.read_raised("2,3") is None  # an inline marker raises nothing
    raised = CitationMarker.named("superscript")
    assert raised.read_raised(" 2, 3 ") == (2, 3) and raised.read_raised("th") is None
    assert parse_numbers("4–6, 9") == (4, 5, 6, 9)
    assert collapse_numbers(parse_numbers("1,3-5")) == "1,3-5"
