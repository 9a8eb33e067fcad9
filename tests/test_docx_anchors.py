"""The export's invisible anchors: a bookmark per body paragraph, the export record in custom properties."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from lxml import etree

from rebuttal.exchange.docx.write import write_docx
from rebuttal.exchange.record import (
    ExportRecord,
    bookmark_name,
    parse_bookmark,
    record_for,
    reference_bookmark,
)
from rebuttal.model import Source

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_BOOKMARK = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")


def _custom_properties(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("docProps/custom.xml"))
    return {entry.get("name"): "".join(entry.itertext()) for entry in root}


def test_every_body_paragraph_is_bookmarked_with_a_unique_name(example_document, tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    write_docx(example_document, path, origin=("psps.toml", "abc"))
    body = docx.Document(str(path)).element.body
    every = [start.get(f"{W}name") for start in body.iter(f"{W}bookmarkStart")]
    ends = {end.get(f"{W}id") for end in body.iter(f"{W}bookmarkEnd")}
    starts = {start.get(f"{W}id") for start in body.iter(f"{W}bookmarkStart")}
    assert starts == ends and len(starts) == len(every)
    assert len(set(every)) == len(every)
    # The reference list's entries carry hidden bookmarks (a leading "_", as Word's own _Ref...).
    hidden = [name for name in every if name.startswith("_")]
    assert hidden == [reference_bookmark(r.number) for r in example_document.references]
    names = [name for name in every if not name.startswith("_")]
    assert all(WORD_BOOKMARK.match(name) for name in names)
    assert all(WORD_BOOKMARK.match(name[1:]) for name in hidden)
    points = example_document.points
    paragraphs = example_document.paragraphs()
    assert len(names) == len(paragraphs) + len(points)  # every paragraph, and every point's heading
    positions = {parse_bookmark(name)[0] for name in names}
    assert positions == {p.source.position for p in paragraphs}
    heading = bookmark_name(points[0].source, "h")
    assert heading in names and parse_bookmark(heading) == (points[0].source.position, "h")


def test_bookmarks_change_nothing_an_editor_sees(example_document, tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    write_docx(example_document, path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    for paragraph in example_document.paragraphs():
        assert paragraph.plain(example_document.marker) in texts


def test_long_block_ids_give_names_of_at_most_40_characters() -> None:
    source = Source("concerns/" + "a-very-long-block-name-" * 4, "concern", position=123)
    name = bookmark_name(source, "12")
    assert len(name) <= 40 and WORD_BOOKMARK.match(name) and parse_bookmark(name) == (123, "12")
    assert parse_bookmark("_GoBack") is None


def test_export_record_travels_in_custom_properties(example_document, tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    write_docx(example_document, path, origin=("psps-wang-2025.toml", "f00d"))
    properties = _custom_properties(path)
    assert all(len(value) <= 255 for value in properties.values())  # what Word keeps of a text property
    record = ExportRecord.from_properties(properties)
    assert record is not None
    assert (record.outline_name, record.outline_sha256) == ("psps-wang-2025.toml", "f00d")
    expected = record_for(example_document)
    assert record.items == expected.items and record.items[0].block == "about/psps-profile"
    assert record.citations == {r.key: r.number for r in example_document.references}
    assert record.marker == example_document.marker


def test_a_template_keeps_its_own_custom_properties(example_document, tmp_path: Path) -> None:
    from rebuttal.exchange.docx.write.anchors import write_custom_properties
    from rebuttal.exchange.docx.write.opc import Package

    template_path = tmp_path / "society.docx"
    docx.Document().save(str(template_path))
    package = Package.read(template_path)
    write_custom_properties(package, {"Client": "PSPS"})
    package.write(template_path, (2025, 1, 1))
    assert _custom_properties(template_path) == {"Client": "PSPS"}
    path = tmp_path / "letter.docx"
    write_docx(example_document, path, template=template_path)
    properties = _custom_properties(path)
    assert properties["Client"] == "PSPS" and "rebuttal.version" in properties
