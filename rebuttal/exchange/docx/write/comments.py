"""Word comments naming the library block each run of paragraphs came from (``--comments``).

Consecutive paragraphs from one use of a block share one comment, anchored
from the start of the first to the end of the last, as Word anchors a comment
on a selection.
"""

from __future__ import annotations

import datetime as dt

from rebuttal.exchange.docx.names import COMMENT_AUTHOR, COMMENT_REFERENCE, COMMENT_TEXT, COMMENTS_PART
from rebuttal.exchange.docx.write.opc import CT, RT, Package
from rebuttal.exchange.docx.write.wordml import STORY_NAMESPACES, WordParagraph, attr, run, xml_part
from rebuttal.model import Source
from rebuttal.text.printable import printable


class Comments:
    """Collects the paragraphs of each block use and writes one comment per use."""

    def __init__(self, enabled: bool, ids: dict[str, str] | None = None) -> None:
        self.enabled = enabled
        # Style ids of the comment styles in this document (a template may name them its own way).
        self.text_style = (ids or {}).get(COMMENT_TEXT, "CommentText")
        self.reference_style = (ids or {}).get(COMMENT_REFERENCE, "CommentReference")
        self.texts: list[str] = []
        self._source: Source | None = None
        self._pending: list[WordParagraph] = []

    def collect(self, source: Source | None, paragraph: WordParagraph) -> None:
        """Group consecutive paragraphs of one block use; one comment covers them all."""
        if not self.enabled:
            return
        if source is None or self._source is None or source.position != self._source.position:
            self.flush()
            self._source = source
        if paragraph.content:
            self._pending.append(paragraph)

    def flush(self) -> None:
        """Anchor the comment of the paragraphs collected so far."""
        source, paragraphs = self._source, self._pending
        self._source, self._pending = None, []
        if not self.enabled or source is None or not paragraphs:
            return
        if source.block_id is None:
            note = "New wording written for this letter (not from the approved library)."
        else:
            note = f"Library block {source.label}."
        number = len(self.texts)
        paragraphs[-1].comment_reference_style = self.reference_style
        paragraphs[0].comments_starting.append(number)
        paragraphs[-1].comments_ending.append(number)
        self.texts.append(note)

    def write(self, package: Package, main: str, when: dt.datetime) -> None:
        """The comments part, dated ``when`` (nothing when there are no comments)."""
        if not self.texts:
            return
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        entries = "".join(
            f'<w:comment w:id="{number}" w:author="{COMMENT_AUTHOR}" w:initials="RB" w:date="{stamp}">'
            f'<w:p><w:pPr><w:pStyle w:val="{attr(self.text_style)}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{attr(self.reference_style)}"/></w:rPr><w:annotationRef/></w:r>'
            f"{run(printable(note))}</w:p></w:comment>"
            for number, note in enumerate(self.texts)
        )
        # A template's own comments belonged to the body we replaced.
        name = package.related(main, RT + "comments") or COMMENTS_PART
        package.put(name, xml_part(f"<w:comments {STORY_NAMESPACES}>{entries}</w:comments>"),
                    CT + "wordprocessingml.comments+xml")
        package.relate(main, RT + "comments", name)

