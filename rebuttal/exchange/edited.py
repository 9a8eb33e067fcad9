"""An edited Word document as plain data: paragraphs, runs, tracked changes, comments.

The DOCX reader (``rebuttal.exchange.docx.read``) produces these; ``rebuttal.merge``
works on them without knowing DOCX. Like ``rebuttal.model`` it imports nothing of ours.
Tracked changes are kept as they are (who inserted or deleted what); ``accepted``
views give the text as it reads once every change is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

INSERTED = "inserted"
DELETED = "deleted"
MOVED_FROM = "moved from"
MOVED_TO = "moved to"
# Changes whose text is gone once every change is accepted.
REMOVED = (DELETED, MOVED_FROM)


@dataclass(frozen=True)
class EditedRun:
    """A piece of text with its emphasis and, inside a tracked change, which change."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    change: str = ""  # "", INSERTED, DELETED, MOVED_FROM or MOVED_TO
    author: str = ""
    date: str = ""


@dataclass(frozen=True)
class Revision:
    """One tracked change: who inserted, deleted or moved which words, in which paragraph."""

    kind: str
    author: str
    date: str
    text: str
    paragraph: int


@dataclass(frozen=True)
class EditedComment:
    """A reviewer's comment: author, text, and the words it is attached to."""

    id: str
    author: str
    date: str
    text: str
    anchor: str
    paragraph: int


@dataclass
class EditedParagraph:
    """One paragraph of the document body, in reading order."""

    index: int
    style: str = ""
    runs: tuple[EditedRun, ...] = ()
    bookmarks: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()  # ids of comments anchored here
    mark_change: str = ""  # a tracked change on the paragraph mark itself
    joined: tuple[int, ...] = ()  # later paragraphs joined to this one by a deleted paragraph mark

    @property
    def indexes(self) -> tuple[int, ...]:
        """This paragraph's index and those of the paragraphs joined to it."""
        return (self.index, *self.joined)

    def accepted_runs(self) -> list[EditedRun]:
        """The runs left when every tracked change is accepted."""
        return [run for run in self.runs if run.change not in REMOVED and run.text]

    @property
    def text(self) -> str:
        """The paragraph's text with every tracked change accepted."""
        return "".join(run.text for run in self.accepted_runs())

    @property
    def removed(self) -> bool:
        """True when accepting the changes removes the paragraph (deleted or moved away).

        Also when every word was tracked away but the paragraph mark was not: LibreOffice drops
        the mark's change on saving when the words are split between runs and a hyperlink (a
        linked citation), and what is left once the changes are accepted is an empty paragraph.
        """
        if self.text.strip():
            return False
        return self.mark_change in REMOVED or any(run.change in REMOVED for run in self.runs)


@dataclass
class EditedDocument:
    """The body of an edited DOCX, its comments, tracked changes and custom properties."""

    path: str
    paragraphs: list[EditedParagraph] = field(default_factory=list)
    comments: dict[str, EditedComment] = field(default_factory=dict)
    revisions: list[Revision] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)

    def accepted_paragraphs(self) -> list[EditedParagraph]:
        """The paragraphs as they stand once every change is accepted.

        A deleted paragraph mark under remaining words joins the next paragraph to this
        one (what Word does when a deletion crosses the end of a paragraph); the joined
        paragraph takes the next one's style and mark, as Word's surviving mark is that one.
        """
        result: list[EditedParagraph] = []
        pending: EditedParagraph | None = None
        for paragraph in self.paragraphs:
            if pending is not None:
                paragraph = EditedParagraph(
                    pending.index, paragraph.style, pending.runs + paragraph.runs,
                    tuple(dict.fromkeys(pending.bookmarks + paragraph.bookmarks)),
                    tuple(dict.fromkeys(pending.comments + paragraph.comments)),
                    paragraph.mark_change, (*pending.joined, *paragraph.indexes),
                )
                pending = None
            if paragraph.mark_change in REMOVED and not paragraph.removed:
                pending = paragraph
                continue
            result.append(paragraph)
        if pending is not None:
            result.append(pending)
        return result
