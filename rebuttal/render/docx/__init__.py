"""DOCX: the letter that leaves the building, for editors in Word or LibreOffice.

The only package that imports python-docx (loaded only when a DOCX is asked
for). ``template`` opens the starting document, ``styles`` names every style,
``numbering`` makes Word lists, ``inlines`` writes runs and hyperlinks,
``page`` the paper, letterhead and page numbers, ``letter`` the layout.
"""

from rebuttal.render.docx.letter import write_docx

__all__ = ["write_docx"]
