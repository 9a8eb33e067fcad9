"""Word's own list numbering for points and references (never typed digits).

Each list kind is one abstract definition; each list is a new instance whose
start is overridden to 1, so a second run of points restarts at 1 in Word
and LibreOffice alike, and the numbers follow when an editor moves a point.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph as WordParagraph


class ListNumbering:
    """The numbering definitions of one document: point lists and the reference list."""

    def __init__(self, word: WordDocument) -> None:
        # python-docx creates an empty numbering part when a template has none.
        self.element = word.part.numbering_part.element
        used = [int(a.get(qn("w:abstractNumId"))) for a in self.element.findall(qn("w:abstractNum"))]
        self._next_abstract = 1 + max(used, default=0)
        self._abstracts: dict[str, int] = {}

    def new_points_list(self) -> int:
        """A new list of points (``1.`` in bold, hanging indent), starting at 1."""
        return self._new_list("points", indent=360, hanging=360, bold=True)

    def new_references_list(self) -> int:
        """The reference list (``1.`` with a wider hanging indent), starting at 1."""
        return self._new_list("references", indent=454, hanging=454, bold=False)

    def _new_list(self, kind: str, *, indent: int, hanging: int, bold: bool) -> int:
        if kind not in self._abstracts:
            self._abstracts[kind] = self._add_abstract(kind, indent, hanging, bold)
        num = self.element.add_num(self._abstracts[kind])
        num.append(
            parse_xml(
                f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            )
        )
        return int(num.numId)

    def _add_abstract(self, kind: str, indent: int, hanging: int, bold: bool) -> int:
        abstract_id = self._next_abstract
        self._next_abstract += 1
        weight = "<w:b/>" if bold else ""
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="singleLevel"/><w:name w:val="rebuttal {kind}"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:suff w:val="tab"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
            f'<w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr>'
            f"<w:rPr>{weight}</w:rPr></w:lvl>"
            "</w:abstractNum>"
        )
        # Schema order: every abstractNum comes before the first num.
        first_num = self.element.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.element.append(abstract)
        return abstract_id

    @staticmethod
    def apply(paragraph: WordParagraph, num_id: int) -> None:
        """Number ``paragraph`` as an item of list ``num_id``."""
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
