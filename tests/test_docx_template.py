"""A society's own Word template (.docx/.dotx), and bad templates and logos."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.write import write_docx
from rebuttal.render import render_to_file
from rebuttal.render.formats import export_format

from .conftest import EXAMPLE

TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def make_template(
    path: Path, *, header: str | None = "SOCIETY LETTERHEAD", footer: str | None = "1 Main St"
) -> Path:
    """A society template: its own Title and List Number look, no Body Text style, old body text."""
    word = docx.Document()
    word.styles["Title"].font.size = Pt(30)
    word.styles["List Number"].font.italic = True
    body_text = word.styles["Body Text"].element
    body_text.getparent().remove(body_text)
    word.add_paragraph("Old letter text that must not survive.")
    section = word.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    word.save(str(path))
    return path


def as_dotx(source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(DOCUMENT_TYPE.encode(), TEMPLATE_TYPE.encode())
            zout.writestr(info, data)
    return target


def test_template_supplies_styles_header_and_footer(example_document, tmp_path: Path) -> None:
    template = make_template(tmp_path / "society.docx")
    out = tmp_path / "letter.docx"
    write_docx(example_document, out, template=template)
    word = docx.Document(str(out))
    texts = [p.text for p in word.paragraphs]
    assert "Old letter text that must not survive." not in texts
    assert texts[2] == "Statement of Concern"
    assert word.styles["Title"].font.size == Pt(30)  # the template's look wins
    assert word.styles["Body Text"].paragraph_format.space_after == Pt(8)  # missing: added, our look
    assert len([p for p in word.paragraphs if p.style.name == "Body Text"]) >= 10
    point = word.styles["Point Heading"]  # ours: bold, built on the template's List Number
    assert point.font.bold and point.base_style.name == "List Number" and point.base_style.font.italic
    section = word.sections[0]
    assert section.header.paragraphs[0].text == "SOCIETY LETTERHEAD"
    assert not section.different_first_page_header_footer  # no second letterhead of ours
    assert section.footer.paragraphs[0].text == "1 Main St"
    assert section.footer._element.find(f".//{qn('w:fldSimple')}") is None


def test_bare_template_gets_our_letterhead_and_page_numbers(example_document, tmp_path: Path) -> None:
    template = make_template(tmp_path / "bare.docx", header=None, footer=None)
    out = tmp_path / "letter.docx"
    write_docx(example_document, out, template=template)
    section = docx.Document(str(out)).sections[0]
    assert section.first_page_header.paragraphs[1].text == "Pacific Spine and Pain Society"
    assert section.footer._element.find(f".//{qn('w:fldSimple')}") is not None


def test_dotx_template_works_and_output_is_a_document(example_document, tmp_path: Path) -> None:
    dotx = as_dotx(make_template(tmp_path / "society.docx"), tmp_path / "society.dotx")
    out = tmp_path / "letter.docx"
    write_docx(example_document, out, template=dotx)
    with zipfile.ZipFile(out) as package:
        types = package.read("[Content_Types].xml").decode()
    assert DOCUMENT_TYPE in types and TEMPLATE_TYPE not in types
    word = docx.Document(str(out))
    assert word.sections[0].header.paragraphs[0].text == "SOCIETY LETTERHEAD"
    assert len([p for p in word.paragraphs if p.style.name == "Bibliography"]) == 14


@pytest.mark.parametrize("content", [b"just some text\n", b"PK\x03\x04 truncated", "zip"])
def test_a_template_that_is_not_word_is_one_clear_error(example_document, tmp_path: Path, content) -> None:
    template = tmp_path / "letterhead.docx"
    if content == "zip":
        with zipfile.ZipFile(template, "w") as package:
            package.writestr("hello.txt", "not word")
    else:
        template.write_bytes(content)
    out = tmp_path / "letter.docx"
    out.write_bytes(b"the previous letter")
    with pytest.raises(RebuttalError) as caught:
        render_to_file(example_document, out, export_format("docx"), template=template)
    message = str(caught.value)
    assert message.startswith(f"{template}: --template: not a Word document")
    assert "\n" not in message
    assert out.read_bytes() == b"the previous letter"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.docx", "letterhead.docx"]


@pytest.mark.parametrize(
    "logo_bytes", [b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"\x89PNG\r\n\x1a\nbroken", None]
)
def test_a_logo_that_is_not_an_image_is_one_clear_error(example_document, tmp_path: Path, logo_bytes) -> None:
    logo = tmp_path / "logo.png"
    if logo_bytes is not None:
        logo.write_bytes(logo_bytes)
    letter = dataclasses.replace(
        example_document, letterhead=dataclasses.replace(example_document.letterhead, logo=str(logo))
    )
    out = tmp_path / "letter.docx"
    with pytest.raises(RebuttalError) as caught:
        render_to_file(letter, out, export_format("docx"))
    assert str(caught.value).startswith(f"{logo}: logo: ")
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == (["logo.png"] if logo_bytes is not None else [])


def test_cli_template_and_comments(tmp_path: Path, capsys) -> None:
    template = make_template(tmp_path / "society.docx")
    out = tmp_path / "letter.docx"
    status = main(["build", str(EXAMPLE), "-o", str(out), "--template", str(template), "--comments"])
    assert status == 0, capsys.readouterr().err
    word = docx.Document(str(out))
    assert len(list(word.comments)) == 17
    assert word.sections[0].header.paragraphs[0].text == "SOCIETY LETTERHEAD"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-o", "letter.txt", "--comments"], "rebuttal: --comments: only applies to DOCX output, not txt"),
        (["-o", "letter.md", "--template", "x.docx"], "rebuttal: --template: only applies to DOCX output"),
        (["-o", "letter.docx", "--template", "missing.docx"],
         "rebuttal: missing.docx: --template: template not found"),
        (["-o", "letter.docx", "--template", "bad.docx"],
         "rebuttal: bad.docx: --template: not a Word document"),
    ],
)
def test_cli_bad_docx_options(tmp_path: Path, capsys, monkeypatch, args, expected) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.docx").write_text("this is not a Word file")
    status = main(["build", str(EXAMPLE), *args])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(expected) and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx"]


def test_macro_enabled_template_is_refused_clearly(example_document, tmp_path: Path) -> None:
    docm = tmp_path / "society.dotm"
    with zipfile.ZipFile(as_dotx(make_template(tmp_path / "s.docx"), tmp_path / "s.dotx")) as zin, \
            zipfile.ZipFile(docm, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    TEMPLATE_TYPE.encode(),
                    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
                )
            zout.writestr(info, data)
    with pytest.raises(RebuttalError, match=r"macro-enabled Word files \(\.docm/\.dotm\) are not supported"):
        write_docx(example_document, tmp_path / "letter.docx", template=docm)


def test_template_without_section_properties_or_styles_part(example_document, tmp_path: Path) -> None:
    """A minimal but valid package (no sectPr, no styles.xml) still gives a whole letter."""
    source = make_template(tmp_path / "full.docx", header=None, footer=None)
    minimal = tmp_path / "minimal.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(minimal, "w") as zout:
        for info in zin.infolist():
            if info.filename in ("word/styles.xml", "word/stylesWithEffects.xml"):
                continue
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                start, end = data.index(b"<w:sectPr"), data.index(b"</w:sectPr>") + len(b"</w:sectPr>")
                data = data[:start] + data[end:]
            if info.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'<Relationship [^>]*Target="styles(WithEffects)?\.xml"/>', b"", data)
            zout.writestr(info, data)
    out = tmp_path / "letter.docx"
    write_docx(example_document, out, template=minimal)
    word = docx.Document(str(out))
    assert len([p for p in word.paragraphs if p.style.name == "Bibliography"]) == 14
    assert round(word.sections[0].page_width.inches, 1) == 8.5
