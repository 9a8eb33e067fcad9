"""Word's own list numbering for points and references (never typed digits).

Each list kind is one abstract definition; each list is a new instance whose
start is overridden to 1, so a second run of points restarts at 1 in Word
and LibreOffice alike, and the numbers follow when an editor moves a point.
"""

from __future__ import annotations

from rebuttal.exchange.docx.names import W_NS
from rebuttal.exchange.docx.write.parts import append_children, as_text, declare_w, insert_before_first
from rebuttal.exchange.docx.write.wordml import xml_part
from rebuttal.files.guarded_xml import parse

_W = f"{{{W_NS}}}"


def numbering_ids(data: bytes) -> tuple[list[int], list[int]]:
    """The abstract numbering ids and the list (num) ids of a numbering part.

    ``ValueError`` naming the first id that is not a whole number (the schema's
    ST_DecimalNumber): such a part is damaged, and our new ids could not be chosen apart from it.
    """
    root = parse(data)
    found: tuple[list[int], list[int]] = ([], [])
    for kind, (element, attribute) in enumerate((("abstractNum", "abstractNumId"), ("num", "numId"))):
        for entry in root.iter(f"{_W}{element}"):
            value = entry.get(f"{_W}{attribute}", "0")
            try:
                found[kind].append(int(value))
            except ValueError:
                raise ValueError(f'w:{attribute}="{value[:20]}" is not a number') from None
    return found


class ListNumbering:
    """The numbering definitions of one document: point lists and the reference list.

    ``existing`` is a template's numbering part (its lists are kept; ours get new ids).
    """

    def __init__(self, existing: bytes | None = None) -> None:
        self.existing = existing
        abstract_ids, num_ids = [0], [0]
        if existing is not None:
            found = numbering_ids(existing)
            abstract_ids += found[0]
            num_ids += found[1]
        self._next_abstract = 1 + max(abstract_ids)
        self._next_num = 1 + max(num_ids)
        self._abstracts: dict[str, int] = {}
        self._abstract_xml: list[str] = []
        self._num_xml: list[str] = []

    def new_points_list(self) -> int:
        """A new list of points (``1.`` in bold, hanging indent), starting at 1."""
        return self._new_list("points", indent=360, hanging=360, bold=True)

    def new_references_list(self) -> int:
        """The reference list (``1.`` with a wider hanging indent), starting at 1."""
        return self._new_list("references", indent=454, hanging=454, bold=False)

    def _new_list(self, kind: str, *, indent: int, hanging: int, bold: bool) -> int:
        if kind not in self._abstracts:
            self._abstracts[kind] = self._add_abstract(kind, indent, hanging, bold)
        num_id = self._next_num
        self._next_num += 1
        self._num_xml.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{self._abstracts[kind]}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
        return num_id

    def _add_abstract(self, kind: str, indent: int, hanging: int, bold: bool) -> int:
        abstract_id = self._next_abstract
        self._next_abstract += 1
        weight = "<w:b/>" if bold else ""
        self._abstract_xml.append(
            f'<w:abstractNum w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="singleLevel"/><w:name w:val="rebuttal {kind}"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:suff w:val="tab"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
            f'<w:ind w:left="{indent}" w:hanging="{hanging}"/></w:pPr>'
            f"<w:rPr>{weight}</w:rPr></w:lvl>"
            "</w:abstractNum>"
        )
        return abstract_id

    def part(self) -> bytes | None:
        """The numbering part with our lists (None when the letter has no list and no template part)."""
        abstracts, nums = "".join(self._abstract_xml), "".join(self._num_xml)
        if self.existing is None:
            if not nums:
                return None
            return xml_part(f'<w:numbering xmlns:w="{W_NS}">{abstracts}{nums}</w:numbering>')
        if not nums:
            return self.existing
        # Schema order: every abstractNum comes before the first num.
        text = as_text(self.existing)
        text = insert_before_first(text, "num", "numbering", declare_w(abstracts))
        return append_children(text, "numbering", declare_w(nums)).encode("utf-8")
