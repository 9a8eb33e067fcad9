"""The enumerated values of our file formats, in one leaf module.

Blocks (the library) and outlines (a letter) both name kinds, markers and
paper sizes, but neither may import the other: the pipeline brings them
together only in assembly. So the shared words live here, importing nothing.
"""

from __future__ import annotations

BLOCK_KINDS = ("society", "opening", "concern", "transition", "evidence", "closing", "signature")
STATUSES = ("approved", "draft", "retired")
VARIANTS = ("full", "short")
MARKERS = ("parentheses", "brackets", "superscript")
PAPER_SIZES = ("letter", "a4")
