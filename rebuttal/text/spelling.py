"""British and American spellings of -ise/-ize words: "randomized" and "randomised" are one word.

The rule is the same wherever words are compared (a design typed in the app, a
block's tags, the ranking's search terms); text is expected in lower case.
"""

from __future__ import annotations

import re

_ENDINGS = r"(e|ed|es|ing|ation|ations)\b"
# Three letters before the ending: "size" and "prize" are the same in both spellings.
_BRITISH = re.compile(r"(?<=[a-z]{3})is" + _ENDINGS)
_AMERICAN = re.compile(r"(?<=[a-z]{3})iz" + _ENDINGS)


def british(text: str) -> str:
    """``randomized`` -> ``randomised``: every -ize word of lower-case ``text`` spelt -ise."""
    return _AMERICAN.sub(r"is\1", text)


def american(text: str) -> str:
    """``randomised`` -> ``randomized``: every -ise word of lower-case ``text`` spelt -ize."""
    return _BRITISH.sub(r"iz\1", text)
