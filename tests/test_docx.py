"""The DOCX read back with python-docx: layout, named styles, Word numbering, links, comments."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from rebuttal.exchange.docx.write import write_docx
from rebuttal.model import Citation, Document, Paragraph, Point, PointList, Source, Span

LETTER_STYLES = {
    "Date", "Inside Address", "Title", "Salutation", "Body Text", "Point Heading", "List Continue",
    "Closing", "Signature", "Competing Interests", "Bibliography Heading", "Bibliography",
}


def build(document: Document, tmp_path: Path, name: str = "letter.docx", **options) -> docx.document.Document:
    path = tmp_path / name
    write_docx(document, path, **options)
    return docx.Document(str(path))


def numbered(word, style: str) -> list[tuple[str, int]]:
    """(text, numId) of each paragraph in ``style``; numId -1 when not numbered."""
    found = []
    for paragraph in word.paragraphs:
        if paragraph.style.name == style:
            num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
            found.append((paragraph.text, num_pr.numId.val if num_pr is not None else -1))
    return found


def start_override(word, num_id: int) -> int | None:
    numbering = word.part.numbering_part.element
    for num in numbering.findall(qn("w:num")):
        if int(num.get(qn("w:numId"))) == num_id:
            start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
            return int(start.get(qn("w:val"))) if start is not None else None
    raise AssertionError(f"no w:num {num_id}")


def test_letter_reads_in_order_with_named_styles(example_document, tmp_path: Path) -> None:
    word = build(example_document, tmp_path)
    styles = [p.style.name for p in word.paragraphs]
    assert set(styles) <= LETTER_STYLES, set(styles) - LETTER_STYLES
    assert styles[:3] == ["Date", "Inside Address", "Title"]
    assert word.paragraphs[0].text == "March 10, 2025"
    assert word.paragraphs[2].text == "Statement of Concern"
    # Body, then the numbered points, then closing, signatures, competing interests, references.
    order = [s for i, s in enumerate(styles) if i == 0 or styles[i - 1] != s]
    assert order.index("Point Heading") < order.index("Closing") < order.index("Signature")
    assert order[-3:] == ["Competing Interests", "Bibliography Heading", "Bibliography"]
    signatures = [p.text for p in word.paragraphs if p.style.name == "Signature"]
    assert signatures[0] == "Jane Doe, MD\nPresident, Pacific Spine and Pain Society"
    assert len(signatures) == len(example_document.signatories)


def test_no_direct_paragraph_formatting(example_document, tmp_path: Path) -> None:
    """Layout lives in styles: paragraphs carry only a style (and list numbering)."""
    word = build(example_document, tmp_path)
    allowed = {qn("w:pStyle"), qn("w:numPr")}
    for paragraph in word.paragraphs:
        properties = paragraph._p.pPr
        extra = [child.tag for child in properties if child.tag not in allowed]
        assert extra == [], (paragraph.text[:40], extra)


def test_points_use_word_numbering_and_a_second_list_restarts(example_document, tmp_path: Path) -> None:
    word = build(example_document, tmp_path)
    points = numbered(word, "Point Heading")
    assert [text for text, _ in points] == [
        "".join(s.text for s in p.heading) for p in example_document.points
    ]
    assert len({num for _, num in points}) == 1 and points[0][1] > 0
    assert not any(text[:1].isdigit() for text, _ in points)  # no typed digits
    assert start_override(word, points[0][1]) == 1

    first, second = example_document.points[:2], example_document.points[2:]
    body = list(example_document.body)
    at = next(i for i, s in enumerate(body) if isinstance(s, PointList))
    body[at : at + 1] = [
        PointList(tuple(first)), Paragraph((Span("Between the lists."),)), PointList(tuple(second)),
    ]
    split = build(dataclasses.replace(example_document, body=tuple(body)), tmp_path, "split.docx")
    nums = [num for _, num in numbered(split, "Point Heading")]
    assert nums[0] == nums[1] and nums[2] == nums[3] and nums[0] != nums[2]
    assert start_override(split, nums[0]) == start_override(split, nums[2]) == 1


def test_references_are_a_numbered_list_with_hanging_indent(example_document, tmp_path: Path) -> None:
    word = build(example_document, tmp_path)
    entries = numbered(word, "Bibliography")
    assert len(entries) == 14
    assert [text for text, _ in entries] == [r.plain() for r in example_document.references]
    num_id = entries[0][1]
    assert all(num == num_id for _, num in entries) and start_override(word, num_id) == 1
    points_num = numbered(word, "Point Heading")[0][1]
    assert num_id != points_num
    numbering = word.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if int(n.get(qn("w:numId"))) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id
    )
    level = abstract.find(qn("w:lvl"))
    assert level.find(qn("w:lvlText")).get(qn("w:val")) == "%1."
    indent = level.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert int(indent.get(qn("w:hanging"))) > 0 and indent.get(qn("w:left")) == indent.get(qn("w:hanging"))


def test_citations_are_plain_text_and_links_are_hyperlinks(example_document, tmp_path: Path) -> None:
    word = build(example_document, tmp_path)
    body = word.element.body
    assert body.find(f".//{qn('w:fldSimple')}") is None and body.find(f".//{qn('w:instrText')}") is None
    text = "\n".join(p.text for p in word.paragraphs)
    assert "by Wang et al (1)." in text and "(4-9)" in text
    links = {
        rel.target_ref for rel in word.part.rels.values() if rel.reltype.endswith("/hyperlink")
    }
    assert "https://doi.org/10.1136/bmj-2024-079971" in links
    assert "https://www.hhs.gov/ash/advisory-committees/pain/reports/index.html" in links
    hyperlinks = [h for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor")) is None]
    linked = [r for r in example_document.references for s in r.inlines if s.link]
    assert len(hyperlinks) == len(linked)
    ids = {h.get(qn("r:id")) for h in hyperlinks}
    assert all(word.part.rels[i].is_external for i in ids)


def test_core_properties_and_paper(example_document, tmp_path: Path) -> None:
    word = build(example_document, tmp_path)
    properties = word.core_properties
    assert properties.title == "Statement of Concern"
    assert properties.author == "Pacific Spine and Pain Society"
    assert properties.subject.startswith("Response to Wang et al, Common interventional procedures")
    assert "BMJ" in properties.keywords and "network meta-analysis" in properties.keywords
    section = word.sections[0]
    assert (round(section.page_width.inches, 2), round(section.page_height.inches, 2)) == (8.5, 11.0)
    a4 = build(dataclasses.replace(example_document, paper="a4"), tmp_path, "a4.docx").sections[0]
    assert (round(a4.page_width.mm), round(a4.page_height.mm)) == (210, 297)


def test_letterhead_logo_and_page_numbers(example_document, tmp_path: Path) -> None:
    assert example_document.letterhead.logo and Path(example_document.letterhead.logo).is_file()
    word = build(example_document, tmp_path)
    section = word.sections[0]
    assert section.different_first_page_header_footer
    head = section.first_page_header
    assert [p.style.name for p in head.paragraphs] == ["Letterhead", "Letterhead", "Letterhead Tagline"]
    assert head.paragraphs[1].text == "Pacific Spine and Pain Society"
    picture = head._element.find(f".//{qn('wp:docPr')}")
    assert picture is not None and picture.get("descr") == "Pacific Spine and Pain Society logo"
    assert any(rel.reltype.endswith("/image") for rel in head.part.rels.values())
    assert section.header.paragraphs[0].text == "PSPS · Statement of Concern"
    for footer in (section.footer, section.first_page_footer):
        fields = [f.get(qn("w:instr")).split()[0] for f in footer._element.iter(qn("w:fldSimple"))]
        assert fields == ["PAGE", "NUMPAGES"]
        assert footer.paragraphs[0].style.name == "Footer"


def test_no_logo_means_no_picture(example_document, tmp_path: Path) -> None:
    plain = dataclasses.replace(
        example_document, letterhead=dataclasses.replace(example_document.letterhead, logo=None)
    )
    head = build(plain, tmp_path).sections[0].first_page_header
    assert head._element.find(f".//{qn('w:drawing')}") is None
    assert head.paragraphs[0].text == "Pacific Spine and Pain Society"


def test_comments_name_block_version_and_status(example_document, tmp_path: Path) -> None:
    assert len(list(build(example_document, tmp_path).comments)) == 0  # only when asked for
    word = build(example_document, tmp_path, "commented.docx", comments=True)
    comments = list(word.comments)
    uses = {p.source.position for p in example_document.paragraphs() if p.source}
    assert len(comments) == len(uses) == 17
    texts = [c.text for c in comments]
    assert "Library block concerns/heterogeneity v1.0 (approved)." in texts
    assert all(c.author == "rebuttal" for c in comments)
    # Each comment's range covers its block's paragraphs: find the heterogeneity point.
    body = word.element.body
    index = texts.index("Library block concerns/heterogeneity v1.0 (approved).")
    comment_id = str(comments[index].comment_id)
    start = next(e for e in body.iter(qn("w:commentRangeStart")) if e.get(qn("w:id")) == comment_id)
    paragraph = start.getparent()
    assert "Heterogeneity" in "".join(t.text for t in paragraph.iter(qn("w:t")))


def test_custom_text_is_marked_as_new_wording(example_document, tmp_path: Path) -> None:
    custom = Paragraph((Span("Our own words."),), Source(None, "closing", position=99))
    letter = dataclasses.replace(example_document, body=(*example_document.body, custom))
    texts = [c.text for c in build(letter, tmp_path, comments=True).comments]
    assert texts[-1].startswith("New wording written for this letter")


def test_control_characters_are_cleaned_not_fatal(example_document, tmp_path: Path) -> None:
    dirty = Paragraph((Span("Vertical\x0btab and nul\x00 and bell\x07 text "), Citation(("a",), (1,))))
    heading = (Span("A\x0cheading"),)
    letter = dataclasses.replace(
        example_document,
        title="Statement\x00 of Concern",
        body=(dirty, PointList((Point(1, heading, (dirty,)),))),
    )
    word = build(letter, tmp_path)
    texts = [p.text for p in word.paragraphs]
    assert "Vertical tab and nul and bell text (1)" in texts
    assert "A heading" in texts and "Statement of Concern" in texts
    assert word.core_properties.title == "Statement of Concern"


def test_superscript_marker_is_a_plain_superscript_run(example_document, tmp_path: Path) -> None:
    from rebuttal.text.citations import CitationMarker

    word = build(dataclasses.replace(example_document, marker=CitationMarker.named("superscript")), tmp_path)
    # the runs inside the citations' links to the reference list included
    runs = [r for p in word.paragraphs for r in p.iter_inner_content() for r in getattr(r, "runs", [r])
            if r.font.superscript]
    assert runs and runs[0].text == "1"


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_margins_follow_paper(example_document, tmp_path: Path, paper: str) -> None:
    section = build(dataclasses.replace(example_document, paper=paper), tmp_path).sections[0]
    expected = 25.4 if paper == "letter" else 25.0
    assert round(section.left_margin.mm, 1) == expected == round(section.top_margin.mm, 1)
