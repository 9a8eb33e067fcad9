"""DOCX: the letter that leaves the building, for editors in Word or LibreOffice.

The writer composes WordprocessingML text itself (``wordml``) and zips it
(``opc``): python-docx's object model took longer to import than the rest of
a build, so it is used only by ``reader``, which takes edited letters back.
``template`` opens the starting package, ``styles`` names every style,
``numbering`` makes Word lists, ``page`` the paper, letterhead and page
numbers, ``comments`` the block comments, ``anchors`` the marks ``merge``
follows, ``properties`` the file's description, ``letter`` the layout.
"""

from rebuttal.exchange.docx.letter import write_docx

__all__ = ["write_docx"]
