"""Word refuses a file whose elements come in another order than the schema's: check ours.

The writer composes its XML as text, so nothing but this test keeps the order of
the children of paragraph, run, section, style and list-level properties right
(ECMA-376 part 1, the sequences of CT_PPr, CT_RPr, CT_SectPr, CT_Style, CT_Lvl).
"""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from rebuttal.exchange.docx.write import write_docx
from rebuttal.text.citations import CitationMarker

from .test_docx_template import make_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ORDER = {
    "pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
            "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
            "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
            "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
            "rPr sectPr pPrChange"),
    "rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
            "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
            "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"),
    "sectPr": ("headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
               "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
               "docGrid printerSettings sectPrChange"),
    "style": ("name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed "
              "qFormat locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr "
              "tblStylePr"),
    "lvl": "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr",
    "numPr": "ilvl numId numberingChange ins",
}
# headerReference and footerReference may interleave (both are a choice in the same slot).
SAME_SLOT = {"footerReference": "headerReference"}


def _check(part: str, data: bytes) -> None:
    for element in ElementTree.fromstring(data).iter():
        local = element.tag.rsplit("}", 1)[-1]
        if local not in ORDER or not element.tag.startswith(W):
            continue
        order = ORDER[local].split()
        children = [SAME_SLOT.get(c.tag.rsplit("}", 1)[-1], c.tag.rsplit("}", 1)[-1]) for c in element]
        known = [name for name in children if name in order]
        ranks = [order.index(name) for name in known]
        assert ranks == sorted(ranks), f"{part}: <w:{local}> children out of order: {children}"


@pytest.mark.parametrize("kind", ["house", "template", "superscript"])
def test_every_part_keeps_the_schema_order(example_document, tmp_path: Path, kind: str) -> None:
    template = make_template(tmp_path / "society.docx") if kind == "template" else None
    document = example_document
    if kind == "superscript":  # AMA-style citations: superscript runs, some of them also bold
        document = dataclasses.replace(document, marker=CitationMarker("", "", True, "-"))
    out = tmp_path / "letter.docx"
    write_docx(document, out, template=template, comments=True)
    with zipfile.ZipFile(out) as package:
        parts = [name for name in package.namelist() if name.endswith(".xml")]
        assert {"word/document.xml", "word/styles.xml", "word/numbering.xml"} <= set(parts)
        for name in parts:
            _check(name, package.read(name))
