"""Edited runs become markup that reads back as the same words, emphasis and citations (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rebuttal.exchange.edited import EditedRun
from rebuttal.merge.wording import Piece, comparison_key, edited_pieces, to_markup
from rebuttal.text.citations import CitationMarker, parse_numbers
from rebuttal.text.markup import Cite, Run, parse_paragraph

KEYS = {1: "wang2025", 2: "yong2022", 3: "hhs2019", 4: "a:b.c"}
text = st.text(alphabet="ab *[]{}@\\_-.,'’é", min_size=1, max_size=12)
piece = st.one_of(
    st.builds(Piece, text, st.booleans(), st.booleans()),
    st.builds(
        lambda n: Piece(numbers=tuple(n)), st.lists(st.sampled_from(sorted(KEYS)), min_size=1, max_size=3)
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(piece, min_size=1, max_size=8))
def test_markup_reads_back_as_the_same_pieces(pieces: list[Piece]) -> None:
    markup = to_markup(pieces, KEYS)
    number_of = {key: number for number, key in KEYS.items()}
    back = []
    for token in parse_paragraph(" ".join(markup.split())):
        if isinstance(token, Run):
            back.append(Piece(token.text, token.bold, token.italic))
        else:
            assert isinstance(token, Cite)
            back.append(Piece(numbers=tuple(number_of[key] for key in token.keys)))
    assert comparison_key(back) == comparison_key(pieces)


def test_citation_numbers_are_found_where_each_marker_prints_them() -> None:
    runs = [EditedRun("as shown (1,3-4) and in 1999 [2]"), EditedRun("2,3", superscript=True)]
    assert [p.numbers for p in edited_pieces(runs, CitationMarker()) if p.numbers] == [(1, 3, 4)]
    assert [p.numbers for p in edited_pieces(runs, CitationMarker("[", "]")) if p.numbers] == [(2,)]
    superscript = CitationMarker.named("superscript")
    assert [p.numbers for p in edited_pieces(runs, superscript) if p.numbers] == [(2, 3)]
    assert parse_numbers("4–6, 9") == (4, 5, 6, 9)
