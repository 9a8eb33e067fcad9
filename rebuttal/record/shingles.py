"""Word runs ("shingles"): the unit in which a letter's wording is compared with earlier letters.

Similarity Check (iThenticate) reports the words of a submission that stand in word sequences also
found in an indexed source; the score is matched words over total words. We do the same with runs of
:data:`RUN_WORDS` words: a word counts as shared when it stands in at least one run of that many words
that an earlier letter holds too. Words are compared lower-cased, without punctuation and without
citation marks (``(1,2)``, ``[3]``): the numbers differ from letter to letter and a journal's check
ignores them.

Why 8: fewer words match phrases any two letters on one subject share by chance ("in patients with
chronic low back pain" is 7), so short runs would count wording the society never reused; more would
miss reuse with a word changed every few lines. Eight consecutive identical words almost never occur by
chance between independent texts, which is the ground similarity checkers' word-sequence matching
stands on (docs/record.md says more).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

RUN_WORDS = 8
_CITATION_MARK = re.compile(r"[\[(]\s*\d[\d,;\s\u2013\u2014-]*[\])]")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")


def words(text: str) -> list[str]:
    """The words of ``text`` as compared: lower case, no punctuation, no citation marks."""
    return [word.replace("\u2019", "'") for word in _WORD.findall(_CITATION_MARK.sub(" ", text).lower())]


def word_id(word: str, _known: dict[str, int] = {}) -> int:  # noqa: B006 - a cache on purpose
    """A word as a 64-bit number, the same in every process (blake2b; each word hashed once)."""
    value = _known.get(word)
    if value is None:
        value = _known[word] = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(),
                                              "big", signed=True)
    return value


def run_hashes(text_words: list[str], size: int = RUN_WORDS) -> list[int]:
    """The hash of the run starting at each word (``len - size + 1`` of them; none for a short text).

    A run's hash is Python's hash of the tuple of its words' numbers: computed in C, and the same in
    every process (only strings' hashes are salted, never integers' or tuples of integers').
    """
    ids = [word_id(word) for word in text_words]
    return [hash(tuple(ids[start:start + size])) for start in range(len(ids) - size + 1)]


def covered(starts: Iterable[int], total: int, size: int = RUN_WORDS) -> bytearray:
    """Which of ``total`` words stand in a shared run (1) or not (0), given the starts of the shared runs."""
    marks = bytearray(total)
    run = b"\x01" * size
    for start in starts:
        marks[start:start + size] = run[: total - start]
    return marks
