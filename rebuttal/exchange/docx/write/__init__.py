"""The DOCX writer: the letter that leaves the building, for editors in Word or LibreOffice.

The writer composes WordprocessingML text itself (``wordml``) and zips it
(``opc``): python-docx's object model took longer to import than the rest of
a build, so it is used only by the reader (:mod:`rebuttal.exchange.docx.read`).
``template`` opens the starting package, ``styles`` says how each named style
(:mod:`rebuttal.exchange.docx.names`) looks,
``numbering`` makes Word lists, ``page`` the paper, letterhead and page
numbers, ``comments`` the block comments, ``anchors`` the marks ``merge``
follows, ``properties`` the file's description, ``letter`` the layout.
"""

from rebuttal.exchange.docx.write.letter import write_docx

__all__ = ["write_docx"]
