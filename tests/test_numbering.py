"""Citation numbering: first appearance order, reuse, collapsing, renumbering on move."""

import pytest

from rebuttal.letter.assemble import assemble
from rebuttal.model import Citation
from rebuttal.text.citations import collapse_numbers

from .conftest import TODAY


@pytest.mark.parametrize(
    ("numbers", "label"),
    [
        ([1], "1"),
        ([2, 3], "2,3"),
        ([4, 5, 6, 7, 8, 9], "4-9"),
        ([1, 3, 4, 5], "1,3-5"),
        ([5, 1, 3, 4], "1,3-5"),
        ([1, 2, 4, 5], "1,2,4,5"),
        ([3, 3, 2], "2,3"),
        ([10, 11, 12, 13], "10-13"),
    ],
)
def test_collapse(numbers: list[int], label: str) -> None:
    assert collapse_numbers(numbers) == label


def _labels(document) -> list[str]:
    labels = []
    for paragraph in document.paragraphs():
        labels += [collapse_numbers(i.numbers) for i in paragraph.inlines if isinstance(i, Citation)]
    return labels


def test_numbers_follow_first_citation_and_reuse(small_library, small_outline) -> None:
    document = assemble(small_library, small_outline, today=TODAY)
    # article=1, r1=2, r2,r3=3,4; gamma reuses r1 (2) and adds r4,r5 (5,6) with r2,r3.
    assert _labels(document) == ["1", "2", "3,4", "2", "3-6"]
    assert [r.key for r in document.references] == ["article", "r1", "r2", "r3", "r4", "r5"]


def test_moving_a_point_renumbers_references(small_library, small_outline) -> None:
    body = small_outline.body
    body[1], body[2] = body[2], body[1]  # beta before alpha
    document = assemble(small_library, small_outline, today=TODAY)
    assert [p.heading[0].text for p in document.points] == ["Beta Concern", "Alpha Concern"]
    assert [p.number for p in document.points] == [1, 2]
    assert [r.key for r in document.references] == ["article", "r2", "r3", "r1", "r4", "r5"]
    assert _labels(document) == ["1", "2,3", "4", "4", "2,3,5,6"]


def test_target_article_and_library_twin_share_a_number(small_library, small_outline) -> None:
    twin = dict(small_library.bibliography.get("r5"))
    twin["DOI"] = small_outline.article.doi
    small_library.bibliography.items["r5"] = twin
    document = assemble(small_library, small_outline, today=TODAY)
    keys = [r.key for r in document.references]
    assert "r5" not in keys and keys[0] == "article"
    assert _labels(document)[-1] == "1,3-5"


def test_word_count_counts_numbers_once_and_skips_signature_blocks(small_library, small_outline) -> None:
    from rebuttal.letter.outline import BodyItem
    from rebuttal.model import count_words

    assert count_words("more than 3,000 providers (2,3) and 1.5 m [4-9] well-known") == 8
    before = assemble(small_library, small_outline, today=TODAY).word_count()
    small_outline.body.append(BodyItem(kind="signature", text="On behalf of the whole Board"))
    document = assemble(small_library, small_outline, today=TODAY)
    assert document.word_count() == before
    assert "On behalf of the whole Board" in document.body_text()
    small_outline.body.append(BodyItem(kind="closing", text="Four more words here."))
    assert assemble(small_library, small_outline, today=TODAY).word_count() == before + 4
