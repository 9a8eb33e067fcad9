"""The body of an edited letter in reading order: paragraphs with their runs, bookmarks, tracked
changes and comment ranges, read from the raw XML (python-docx's own view drops tracked text)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from rebuttal.exchange.docx.names import W_NS
from rebuttal.exchange.edited import (
    DELETED,
    INSERTED,
    MOVED_FROM,
    MOVED_TO,
    EditedDocument,
    EditedParagraph,
    EditedRun,
    Revision,
)

W = f"{{{W_NS}}}"
_CHANGES = {f"{W}ins": INSERTED, f"{W}del": DELETED, f"{W}moveFrom": MOVED_FROM, f"{W}moveTo": MOVED_TO}
# Containers whose children are read as if they stood in the paragraph itself.
_TRANSPARENT = {
    f"{W}{name}" for name in ("hyperlink", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml")
}


@dataclass
class BodyWalker:
    """Walks the body XML in reading order, keeping open bookmarks and comment ranges."""

    edited: EditedDocument
    styles: dict[str, str]
    open_bookmarks: dict[str, str] = field(default_factory=dict)  # id -> name
    open_comments: set[str] = field(default_factory=set)
    anchors: dict[str, list[str]] = field(default_factory=dict)  # comment id -> text pieces
    comment_paragraph: dict[str, int] = field(default_factory=dict)
    _runs: list[EditedRun] = field(default_factory=list)
    _bookmarks: list[str] = field(default_factory=list)
    _comments: list[str] = field(default_factory=list)

    def walk(self, body: etree._Element) -> None:
        """Every paragraph in reading order (also inside tables and block-level content controls)."""
        for child in body:
            if child.tag == f"{W}p":
                self._paragraph(child)
            elif child.tag == f"{W}tbl":
                for paragraph in child.iter(f"{W}p"):
                    self._paragraph(paragraph)
            elif child.tag in _TRANSPARENT or child.tag in _CHANGES:
                self.walk(child)
            else:
                self._marker(child)

    def _paragraph(self, element: etree._Element) -> None:
        index = len(self.edited.paragraphs)
        self._runs, self._bookmarks, self._comments = [], [], []
        style, mark_change = "", ""
        properties = element.find(f"{W}pPr")
        if properties is not None:
            style_element = properties.find(f"{W}pStyle")
            if style_element is not None:
                style_id = style_element.get(f"{W}val", "")
                style = self.styles.get(style_id, style_id)
            mark = properties.find(f"{W}rPr")
            if mark is not None:
                for tag, kind in _CHANGES.items():
                    if mark.find(tag) is not None:
                        mark_change = kind
        for comment in self.open_comments:
            self.comment_paragraph.setdefault(comment, index)
        self._content(element, "", "", "")
        self.edited.paragraphs.append(
            EditedParagraph(
                index, style, tuple(self._runs), tuple(dict.fromkeys(self._bookmarks)),
                tuple(dict.fromkeys(self._comments)), mark_change,
            )
        )

    def _content(self, element: etree._Element, change: str, author: str, date: str) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, change, author, date)
            elif tag in _CHANGES:
                kind = _CHANGES[tag]
                who, when = child.get(f"{W}author", ""), child.get(f"{W}date", "")
                before = len(self._runs)
                self._content(child, kind, who, when)
                text = "".join(run.text for run in self._runs[before:])
                if text:
                    index = len(self.edited.paragraphs)
                    self.edited.revisions.append(Revision(kind, who, when, text, index))
            elif tag in _TRANSPARENT:
                self._content(child, change, author, date)
            else:
                self._marker(child)

    def _marker(self, element: etree._Element) -> None:
        """Bookmark and comment range marks, wherever they stand."""
        tag, mark_id = element.tag, element.get(f"{W}id", "")
        if tag == f"{W}bookmarkStart":
            self.open_bookmarks[mark_id] = element.get(f"{W}name", "")
        elif tag == f"{W}bookmarkEnd":
            self.open_bookmarks.pop(mark_id, None)
        elif tag == f"{W}commentRangeStart":
            self.open_comments.add(mark_id)
            self.anchors.setdefault(mark_id, [])
            self._comment_here(mark_id)
        elif tag == f"{W}commentRangeEnd":
            self.open_comments.discard(mark_id)

    def _comment_here(self, mark_id: str) -> None:
        if mark_id not in self._comments:
            self._comments.append(mark_id)
        self.comment_paragraph.setdefault(mark_id, len(self.edited.paragraphs))

    def _run(self, element: etree._Element, change: str, author: str, date: str) -> None:
        properties = element.find(f"{W}rPr")
        bold = _on(properties, "b")
        italic = _on(properties, "i")
        align = properties.find(f"{W}vertAlign") if properties is not None else None
        superscript = align is not None and align.get(f"{W}val") == "superscript"
        pieces = []
        for child in element:
            tag = child.tag
            if tag in (f"{W}t", f"{W}delText"):
                pieces.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                pieces.append(" ")
            elif tag == f"{W}noBreakHyphen":
                pieces.append("-")
            elif tag == f"{W}commentReference":
                mark_id = child.get(f"{W}id", "")
                if mark_id not in self.anchors:  # a comment on a point, with no range
                    self.anchors[mark_id] = []
                self._comment_here(mark_id)
        text = "".join(pieces)
        if not text:
            return
        # A paragraph belongs to the bookmarks open around its text (not to one that
        # merely ends or starts at its edge, as re-saved files sometimes place them).
        self._bookmarks.extend(self.open_bookmarks.values())
        if change not in (DELETED, MOVED_FROM):
            for comment in self.open_comments:
                self.anchors[comment].append(text)
        self._runs.append(EditedRun(text, bold, italic, superscript, change, author, date))


def _on(properties: etree._Element | None, name: str) -> bool:
    if properties is None:
        return False
    element = properties.find(f"{W}{name}")
    if element is None:
        return False
    return element.get(f"{W}val", "true").lower() not in ("0", "false", "off", "none")


