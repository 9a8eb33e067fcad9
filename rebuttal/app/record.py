"""The society's record of letters as the app shows it: the letters on record, this letter's own record,
and which of its paragraphs overlap earlier letters (no user interface here)."""

from __future__ import annotations

from rebuttal.letter.outline import Outline
from rebuttal.library.stack import Library
from rebuttal.model import Document
from rebuttal.record.letters import RecordedLetter, load_letters


def letters_on_record(library: Library) -> list[RecordedLetter]:
    """Every letter recorded in the library's folders, newest sent first."""
    return load_letters(library.folders)


def record_of(letters: list[RecordedLetter], outline: Outline) -> RecordedLetter | None:
    """This letter's record, when it has one: the newest letter on record answering the same article
    (by DOI or PMID) at the same venue (as the overlap check leaves a letter's own record out)."""
    article = outline.article
    ids = {value.lower() for value in (article.doi, article.pmid) if value}
    if not ids:
        return None
    for letter in letters:
        target = {value.lower() for value in (letter.target.doi, letter.target.pmid) if value}
        if ids & target and letter.venue == outline.letter.venue:
            return letter
    return None


def overlapping_positions(library: Library, outline: Outline, document: Document) -> frozenset[int]:
    """The outline positions of the paragraphs and headings holding words shared with letters on record."""
    from rebuttal.letter.check_overlap import letter_overlap

    overlap = letter_overlap(library, outline, document, detail=1)
    return frozenset(passage.key for passage in overlap.passages if isinstance(passage.key, int))
