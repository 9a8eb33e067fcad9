"""Hostile files meet guards: the XML parser (no DTD, no entities, bounded), the zip reader
(bounded, no names out of the package), and through them the edited-DOCX reader, templates and logos:
one line naming the file (and the part), exit status 2, nothing written; or a clean letter."""

from __future__ import annotations

import dataclasses
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.write import write_docx
from rebuttal.exchange.docx.write.page import MAX_LOGO_BYTES
from rebuttal.exchange.record import outline_origin
from rebuttal.files.guarded_xml import BadXML, parse
from rebuttal.files.guarded_zip import BadZip, Limits, read_zip
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import load_outline
from rebuttal.render import render_to_file
from rebuttal.render.formats import export_format

from .conftest import EXAMPLE, ROOT, TODAY

TEMPLATE = ROOT / "examples" / "society-template.dotx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# -- the XML parser -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (b'<!DOCTYPE d [<!ENTITY e "Pain">]><d>The &e; Society</d>', "document type declaration"),
        (b'<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>', "document type declaration"),
        (b'<!DOCTYPE d SYSTEM "http://127.0.0.1:9/x.dtd"><d/>', "document type declaration"),
        (b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>',
         "document type declaration"),
        (b"<d>&undeclared;</d>", "undefined entity"),
        (b"<d><e></d>", "mismatched tag"),
        (b"<a>" * 201 + b"</a>" * 201, "nested deeper than 200"),
        (b"", "no element found"),
        (b'<?xml version="1.0" encoding="UTF-8es"?><d/>', "unknown encoding"),  # found by the fuzz run
        (b"<d><v:ext/></d>", "unbound prefix"),  # found by the fuzz run: passed on, unreadable in Word
    ],
)
def test_the_xml_parser_refuses_in_words(xml: bytes, reason: str) -> None:
    with pytest.raises(BadXML, match=reason):
        parse(xml)


def test_the_xml_parser_keeps_names_text_and_its_size_limit() -> None:
    root = parse(f'<w:p xmlns:w="{W}"><w:t xml:space="preserve"> A &amp; B </w:t></w:p>'.encode())
    text = root.find(f"{{{W}}}t")
    assert text.text == " A & B " and text.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert parse("<d>Wąng</d>".encode("utf-16")).text == "Wąng"
    with pytest.raises(BadXML, match="larger than"):
        parse(b"<d>" + b"x" * 2000 + b"</d>", max_bytes=1000)


# -- the zip reader -------------------------------------------------------------------------------
def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("name", "reason"),
    [("../evil.txt", r"climbs out"), ("word/../../evil.txt", r"climbs out"), ("/etc/cron.d/x", "absolute"),
     ("C:/x.txt", "absolute"), ("word\\x.xml", "not a package part name")],
)
def test_the_zip_reader_refuses_names_out_of_the_package(tmp_path: Path, name: str, reason: str) -> None:
    with pytest.raises(BadZip, match=reason):
        read_zip(_zip(tmp_path / "x.zip", {"a.xml": b"<a/>", name: b"x"}))


def _bomb(path: Path, megabytes: int, name: str = "word/media/image1.png", base: Path | None = None) -> Path:
    """``base``'s entries (if any) plus ``megabytes`` of zeros under ``name``, deflated to almost nothing."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        if base is not None:
            with zipfile.ZipFile(base) as source:
                for info in source.infolist():
                    archive.writestr(info, source.read(info.filename))
        with archive.open(name, "w", force_zip64=True) as entry:
            zeros = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                entry.write(zeros)
    return path


def test_the_zip_reader_stops_at_its_limits(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.zip", 70)
    assert bomb.stat().st_size < 200_000
    started = time.perf_counter()
    with pytest.raises(BadZip, match="is 70 MB uncompressed, more than 64 MB"):
        read_zip(bomb)
    assert time.perf_counter() - started < 5  # refused from the header, not after inflating it
    entries = {f"p{n}.xml": b"<a/>" for n in range(12)}
    with pytest.raises(BadZip, match="12 entries, more than 10"):
        read_zip(_zip(tmp_path / "many.zip", entries), Limits(parts=10))
    with pytest.raises(BadZip, match="more than 0 MB uncompressed"):
        read_zip(_zip(tmp_path / "total.zip", entries), Limits(total_bytes=40))
    with pytest.raises(BadZip, match="damaged zip"):
        read_zip(b"PK\x03\x04 truncated")


# -- edited letters (merge) -----------------------------------------------------------------------
@pytest.fixture
def exported(tmp_path: Path, builtin_library) -> tuple[Path, Path]:
    outline = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, outline)
    out = tmp_path / "letter.docx"
    write_docx(assemble(builtin_library, load_outline(outline), today=TODAY), out,
               origin=outline_origin(outline), comments=True)
    return outline, out


def _changed(source: Path, target: Path, name: str, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == name else data)
    return target


def _with_entity(data: bytes, text: bytes) -> bytes:
    """The part with a DTD declaring an entity, used inside the run holding ``text``."""
    declaration = b'<!DOCTYPE w:document [<!ENTITY society "Pacific Spine and Pain">]>'
    head_end = data.index(b"?>") + 2
    data = data[:head_end] + declaration + data[head_end:]
    return data.replace(text, b"&society;" + text[len(b"Pacific Spine and Pain"):], 1)


@pytest.mark.parametrize("part", ["word/document.xml", "word/comments.xml"])
def test_merge_refuses_a_part_with_an_entity_in_one_line(exported, tmp_path: Path, capsys, part: str) -> None:
    outline, letter = exported
    before = outline.read_bytes()
    with zipfile.ZipFile(letter) as archive:
        text = archive.read(part)
    words = b"Pacific Spine and Pain Society" if part == "word/document.xml" else b"Library block"
    if words not in text:  # the comments say "Library block ...": give them the society's name
        words = b"Pacific Spine and Pain Society"
        text = text.replace(b"Library block", words + b" block", 1)
    hostile = _changed(letter, tmp_path / "edited.docx", part, lambda _: _with_entity(text, words))
    assert main(["merge", str(hostile), str(outline), "--apply"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"rebuttal: {hostile}: {part}: it has a document type declaration (<!DOCTYPE>), "
                   "which Word never writes; refused")
    assert outline.read_bytes() == before


def test_merge_refuses_a_zip_bomb_and_a_climbing_name(exported, tmp_path: Path, capsys) -> None:
    outline, letter = exported
    bomb = _bomb(tmp_path / "bomb.docx", 70, name="word/media/image9.png", base=letter)
    assert main(["merge", str(bomb), str(outline)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"rebuttal: {bomb}: not a readable Word document: entry word/media/image9.png "
                          "is 70 MB")
    climbing = _bomb(tmp_path / "climbing.docx", 0, name="../../evil.sh", base=letter)
    assert main(["merge", str(climbing), str(outline)]) == 2
    assert "climbs out of the package" in capsys.readouterr().err


def test_the_unchanged_export_still_merges_through_the_guards(exported, capsys) -> None:
    outline, letter = exported
    assert main(["merge", str(letter), str(outline)]) == 0, capsys.readouterr().err


# -- templates ------------------------------------------------------------------------------------
def _template_with(tmp_path: Path, name: str, change) -> Path:
    return _changed(TEMPLATE, tmp_path / "hostile.dotx", name, change)


@pytest.mark.parametrize(
    ("part", "change", "reason"),
    [
        ("word/styles.xml", lambda data: data[: len(data) // 2], "word/styles.xml: not well-formed XML"),
        ("word/numbering.xml", lambda data: data.replace(b'w:abstractNumId="0"', b'w:abstractNumId="x1"', 1),
         'word/numbering.xml: w:abstractNumId="x1" is not a number'),
        ("word/header1.xml", lambda data: data.replace(b"</w:hdr>", b"</w:ftr>"),
         "word/header1.xml: not well-formed XML"),
        ("word/settings.xml",
         lambda data: data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1),
         "word/settings.xml: it has a document type declaration"),
        ("word/styles.xml", lambda data: data.replace(b"</w:styles>", b"<w:x>" * 300 + b"</w:x>" * 300
                                                      + b"</w:styles>"),
         "elements nested deeper than 200 levels"),
    ],
)
def test_a_hostile_template_is_one_line_exit_2(tmp_path: Path, capsys, part, change, reason) -> None:
    template = _template_with(tmp_path, part, change)
    out = tmp_path / "letter.docx"
    assert main(["build", str(EXAMPLE), "-o", str(out), "--template", str(template)]) == 2
    err = capsys.readouterr().err
    prefix = f"rebuttal: {template}: --template: not a Word document or template (.docx or .dotx): "
    assert err.startswith(prefix + reason), err
    assert len(err.strip().splitlines()) == 1 and not out.exists()


def test_a_template_bomb_or_climbing_name_is_refused(tmp_path: Path, example_document) -> None:
    bomb = _bomb(tmp_path / "bomb.dotx", 70, base=TEMPLATE)
    with pytest.raises(RebuttalError, match=r"entry word/media/image1\.png is 70 MB uncompressed"):
        write_docx(example_document, tmp_path / "a.docx", template=bomb)
    climbing = _bomb(tmp_path / "climbing.dotx", 0, name="../evil.sh", base=TEMPLATE)
    with pytest.raises(RebuttalError, match=r"entry ../evil.sh climbs out of the package"):
        write_docx(example_document, tmp_path / "b.docx", template=climbing)
    absolute = _bomb(tmp_path / "absolute.dotx", 0, name="/etc/evil.sh", base=TEMPLATE)
    with pytest.raises(RebuttalError, match=r"entry /etc/evil.sh has an absolute name"):
        write_docx(example_document, tmp_path / "c.docx", template=absolute)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["absolute.dotx", "bomb.dotx", "climbing.dotx"]


def test_only_the_parts_a_template_uses_reach_the_letter(tmp_path: Path, example_document) -> None:
    template = tmp_path / "extra.dotx"
    shutil.copy(TEMPLATE, template)
    with zipfile.ZipFile(template, "a") as archive:
        archive.writestr("word/payload.bin", b"MZ not part of any letter")
        archive.writestr("word/media/unused.png", b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "letter.docx"
    write_docx(example_document, out, template=template)
    with zipfile.ZipFile(out) as letter:
        names = letter.namelist()
    assert "word/payload.bin" not in names and "word/media/unused.png" not in names
    assert {"word/styles.xml", "word/numbering.xml", "word/settings.xml", "word/header1.xml"} <= set(names)


# -- logos ----------------------------------------------------------------------------------------
def _with_logo(document, logo: Path):
    return dataclasses.replace(document, letterhead=dataclasses.replace(document.letterhead, logo=str(logo)))


def test_a_huge_logo_is_one_line(tmp_path: Path, example_document) -> None:
    logo = tmp_path / "logo.png"
    with open(logo, "wb") as handle:  # a PNG header, then far more than any logo
        handle.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00")
        handle.truncate(MAX_LOGO_BYTES + 1)
    out = tmp_path / "letter.docx"
    with pytest.raises(RebuttalError) as caught:
        render_to_file(_with_logo(example_document, logo), out, export_format("docx"))
    assert str(caught.value).startswith(f"{logo}: logo: logo is larger than 8 MB")
    assert not out.exists()


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_an_unreadable_logo_is_one_line(tmp_path: Path, example_document) -> None:
    logo = Path("/proc/self/mem")  # a file that exists and cannot be read from its start (EIO)
    with pytest.raises(RebuttalError) as caught:
        render_to_file(_with_logo(example_document, logo), tmp_path / "letter.docx", export_format("docx"))
    message = str(caught.value)
    assert message.startswith(f"{logo}: logo: cannot read: ") and "\n" not in message


def test_the_package_relationships_are_checked_too(exported, tmp_path: Path, capsys) -> None:
    """``_rels/.rels`` has no extension as os.path sees it (a name starting with a dot): checked too."""
    outline, letter = exported
    hostile = _changed(letter, tmp_path / "edited.docx", "_rels/.rels",
                       lambda data: data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "y">]>', 1))
    assert main(["merge", str(hostile), str(outline)]) == 2
    assert capsys.readouterr().err.startswith(f"rebuttal: {hostile}: _rels/.rels: it has a document type")


# Found by the fuzz runs (tests/test_docx_fuzz.py): each was a traceback or an unreadable letter.
def test_an_edited_letter_whose_styles_part_has_another_type_is_one_line(exported, tmp_path, capsys) -> None:
    outline, letter = exported
    hostile = _changed(letter, tmp_path / "edited.docx", "[Content_Types].xml",
                       lambda data: data.replace(b"ml.styles+xml", b"ml.stylez+xml"))
    assert main(["merge", str(hostile), str(outline)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"rebuttal: {hostile}: damaged Word document (") and len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("part", "change", "reason"),
    [
        ("_rels/.rels", lambda data: data.replace(b"relationships/officeDocument", b"relationships/other"),
         "no relationship to its main document"),
        ("word/_rels/document.xml.rels",
         lambda data: data.replace(b"<Relationship ", b'<Relationship Id="rId99" Type="http://schemas.'
                                   b'openxmlformats.org/officeDocument/2006/relationships/styles" '
                                   b'Target="styles.xml"/><Relationship ', 1),
         "word/document.xml has 2 styles relationships (one is allowed)"),
    ],
)
def test_a_template_that_word_could_not_open_either_is_one_line(tmp_path, example_document, part, change,
                                                                 reason) -> None:
    template = _template_with(tmp_path, part, change)
    with pytest.raises(RebuttalError, match=re.escape(reason)):
        write_docx(example_document, tmp_path / "letter.docx", template=template)
    assert not (tmp_path / "letter.docx").exists()


def test_an_edited_letter_nested_too_deeply_is_one_line(exported, tmp_path, capsys) -> None:
    outline, letter = exported
    deep = b"<w:sdt><w:sdtContent>" * 150 + b"</w:sdtContent></w:sdt>" * 150
    hostile = _changed(letter, tmp_path / "edited.docx", "word/document.xml",
                       lambda data: data.replace(b"<w:body>", b"<w:body>" + deep, 1))
    assert main(["merge", str(hostile), str(outline)]) == 2
    assert capsys.readouterr().err.strip() == (f"rebuttal: {hostile}: word/document.xml: elements nested "
                                               "deeper than 200 levels")


def test_a_thumbnail_linked_under_another_type_leaves_no_dangling_link(tmp_path, example_document) -> None:
    """Found by the fuzz run: the thumbnail (dropped by name) stayed linked, and the letter was unreadable."""
    from rebuttal.exchange.docx.read import read_docx

    template = _template_with(tmp_path, "_rels/.rels",
                              lambda data: data.replace(b"metadata/thumbnail", b"metadata/picture"))
    out = tmp_path / "letter.docx"
    write_docx(example_document, out, template=template)
    with zipfile.ZipFile(out) as letter:
        assert not any(name.startswith("docProps/thumbnail") for name in letter.namelist())
        assert b"thumbnail" not in letter.read("_rels/.rels")
    assert read_docx(out).paragraphs
