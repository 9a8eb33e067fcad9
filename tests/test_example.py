"""The shipped example reproduces the PSPS statement of concern."""

import copy

from rebuttal.letter.assemble import assemble
from rebuttal.model import Citation, inline_text
from rebuttal.text.citations import CitationMarker

from .conftest import TODAY

LETTER_POINTS = [
    "Questionable Expertise of Authors",
    "Inappropriate Grouping of Diagnoses",
    "Lack of Procedural Accountability",
    "Heterogeneity of Studies",
]
LETTER_KEYS = [
    "article", "domenichiello2019", "yong2022", "geneen2017", "furlan2015", "scott2009",
    "williams2020", "chou2015", "ayub2024", "sayed2022", "manchikanti2020", "manchikanti2021",
    "cohen2020", "hhs2019",
]


def _citation_labels(document) -> list[str]:
    return [
        CitationMarker().printed(inline.numbers).text
        for paragraph in document.paragraphs()
        for inline in paragraph.inlines
        if isinstance(inline, Citation)
    ]


def test_four_points_in_the_letters_order(example_document) -> None:
    points = example_document.points
    assert [inline_text(p.heading, example_document.marker) for p in points] == LETTER_POINTS
    assert [p.number for p in points] == [1, 2, 3, 4]


def test_citations_as_printed_in_the_letter(example_document) -> None:
    assert _citation_labels(example_document) == ["(1)", "(2,3)", "(4-9)", "(10-13)", "(14)"]


def test_fourteen_references_in_the_letters_order(example_document) -> None:
    assert [r.key for r in example_document.references] == LETTER_KEYS
    assert [r.number for r in example_document.references] == list(range(1, 15))
    first = example_document.references[0].plain()
    assert first.startswith("Wang X, Martin G, Sadeghirad B, Chang Y, Florez ID, Couban RJ, et al. Common")
    assert "Pain Physician. 2020 May;23(3S):S1-S127." in example_document.references[10].plain()
    assert example_document.references[13].plain().startswith("U.S. Department of Health and Human Services.")


def test_placeholders_are_all_filled(example_document) -> None:
    assert example_document.unresolved == ()
    text = example_document.body_text()
    assert "Pacific Spine and Pain Society" in text and "{" not in text


def test_moving_evidence_first_renumbers_the_list(builtin_library, example_outline) -> None:
    outline = copy.deepcopy(example_outline)
    ids = [item.block for item in outline.body]
    guidelines = outline.body.pop(ids.index("evidence/society-guidelines"))
    outline.body.insert(0, guidelines)
    document = assemble(builtin_library, outline, today=TODAY)
    assert _citation_labels(document) == ["(1-4)", "(5)", "(6,7)", "(8-13)", "(14)"]
    assert [r.key for r in document.references][:5] == [
        "sayed2022", "manchikanti2020", "manchikanti2021", "cohen2020", "article",
    ]


def test_target_article_shares_its_number_with_the_library_entry(builtin_library, example_outline) -> None:
    outline = copy.deepcopy(example_outline)
    from rebuttal.letter.outline import BodyItem

    outline.body.append(BodyItem(kind="closing", text="As Wang et al reported [@wang2025; @yong2022]."))
    document = assemble(builtin_library, outline, today=TODAY)
    assert _citation_labels(document)[-1] == "(1,3)"
    assert len(document.references) == 14
