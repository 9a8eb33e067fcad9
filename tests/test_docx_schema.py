"""Every Word file the writer makes validates against ECMA-376 (Transitional, OPC), and every style
it uses is defined: plain, with comments, on a template, on a template with comments."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from rebuttal.exchange.docx.write import write_docx

from .conftest import ROOT
from .ooxml import compatible, schema_errors, styles_defined, styles_used
from .test_docx_template import as_dotx, make_template

EXAMPLE_TEMPLATE = ROOT / "examples" / "society-template.dotx"
VARIANTS = {
    "plain": {},
    "comments": {"comments": True},
    "template": {"template": EXAMPLE_TEMPLATE},
    "template-comments": {"template": EXAMPLE_TEMPLATE, "comments": True},
    "python-docx-template-comments": {"template": "made", "comments": True},
}


@pytest.fixture(params=list(VARIANTS))
def variant(request, example_document, tmp_path: Path) -> Path:
    options = dict(VARIANTS[request.param])
    if options.get("template") == "made":
        options["template"] = as_dotx(make_template(tmp_path / "made.docx"), tmp_path / "made.dotx")
    out = tmp_path / f"{request.param}.docx"
    write_docx(example_document, out, **options)
    return out


def test_every_variant_validates_against_the_ecma_376_schemas(variant: Path) -> None:
    assert [str(error) for error in schema_errors(variant)] == []


def test_every_style_used_is_defined(variant: Path) -> None:
    defined = styles_defined(variant)
    used = styles_used(variant)
    assert "word/document.xml" in used
    assert {part: ids - defined for part, ids in used.items() if ids - defined} == {}


def test_a_template_does_not_pass_on_a_stale_copy_of_its_styles(example_document, tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    write_docx(example_document, out, template=EXAMPLE_TEMPLATE)
    with zipfile.ZipFile(EXAMPLE_TEMPLATE) as template:
        assert "word/stylesWithEffects.xml" in template.namelist()
    with zipfile.ZipFile(out) as letter:
        assert "word/stylesWithEffects.xml" not in letter.namelist()
        assert b"stylesWithEffects" not in letter.read("word/_rels/document.xml.rels")
        assert b"stylesWithEffects" not in letter.read("[Content_Types].xml")
        assert b'<w:zoom w:val="bestFit" w:percent="100"/>' in letter.read("word/settings.xml")


# The validator itself: it must see what Word refuses, and let through what Word ignores.
def _with_part(source: Path, target: Path, name: str, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == name else data)
    return target


@pytest.fixture
def plain(example_document, tmp_path: Path) -> Path:
    out = tmp_path / "plain.docx"
    write_docx(example_document, out)
    return out


def test_the_validator_sees_a_missing_attribute_and_a_misplaced_element(plain: Path, tmp_path: Path) -> None:
    zoom = _with_part(plain, tmp_path / "zoom.docx", "word/settings.xml",
                      lambda data: data.replace(b'<w:zoom w:percent="100"/>', b'<w:zoom w:val="bestFit"/>'))
    assert any("percent" in error.message for error in schema_errors(zoom))
    # w:pStyle must come first in w:pPr
    order = _with_part(plain, tmp_path / "order.docx", "word/document.xml",
                       lambda data: data.replace(b"<w:pPr><w:pStyle", b"<w:pPr><w:keepNext/><w:pStyle", 1))
    errors = schema_errors(order)
    assert errors and errors[0].part == "word/document.xml"
    core = _with_part(plain, tmp_path / "core.docx", "docProps/core.xml",
                      lambda data: data.replace(b'W3CDTF">', b'W3CDTF">x', 1))
    assert [error.part for error in schema_errors(core)] == ["docProps/core.xml"]


def test_markup_compatibility_drops_what_may_be_ignored_and_keeps_what_may_not(plain: Path,
                                                                              tmp_path: Path) -> None:
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    def declare(ignorable: bool):
        def change(data: bytes) -> bytes:
            head = f' xmlns:w14="{w14}" xmlns:mc="{mc}"' + (' mc:Ignorable="w14"' if ignorable else "")
            data = data.replace(b"<w:document ", f"<w:document{head} ".encode(), 1)
            return data.replace(b"<w:p>", b'<w:p w14:paraId="1A2B3C4D">', 1)
        return change

    ignored = _with_part(plain, tmp_path / "ignored.docx", "word/document.xml", declare(True))
    assert schema_errors(ignored) == []
    refused = _with_part(plain, tmp_path / "refused.docx", "word/document.xml", declare(False))
    assert any("paraId" in error.message for error in schema_errors(refused))
    from lxml import etree

    choice = etree.fromstring(
        f'<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="{mc}" '
        f'xmlns:w14="{w14}"><mc:AlternateContent><mc:Choice Requires="w14"><w14:x/></mc:Choice>'
        "<mc:Fallback><w:t>plain</w:t></mc:Fallback></mc:AlternateContent></w:r>"
    )
    processed = compatible(choice)
    assert [child.tag.split("}")[1] for child in processed] == ["t"]
