"""Read an edited DOCX back: paragraphs, bookmarks, tracked changes, comments, custom properties.

python-docx opens the package and finds its parts (:mod:`.package`); the body
is then walked through the raw XML (:mod:`.body`), because python-docx's
``paragraph.text`` silently drops text inside ``w:ins`` (python-docx issues
#340 and #1123) and knows nothing of ``w:del``/``w:delText``,
``w:moveFrom``/``w:moveTo`` or comment ranges. The result is plain data
(:mod:`rebuttal.exchange.edited`); no python-docx type leaves this package.
Anything that is not a readable Word document is one :class:`RebuttalError`
naming the file. This is the only package that imports python-docx.
"""

from __future__ import annotations

from pathlib import Path

from rebuttal.exchange.docx.read.body import BodyWalker
from rebuttal.exchange.docx.read.package import comments, custom_properties, open_word, style_names
from rebuttal.exchange.edited import EditedDocument

__all__ = ["read_docx"]


def read_docx(path: Path) -> EditedDocument:
    """Read the edited Word document at ``path``."""
    word = open_word(path)
    edited = EditedDocument(path=str(path))
    walker = BodyWalker(edited, style_names(word))
    walker.walk(word.element.body)
    edited.comments = comments(word, walker.anchors, walker.comment_paragraph)
    edited.properties = custom_properties(word, path)
    return edited
