"""The enumerated values of our file formats, in one leaf module.

Blocks (the library) and outlines (a letter) both name kinds, markers,
paper sizes and placeholders, but neither may import the other: the pipeline
brings them together only in assembly. So the shared words live here,
importing nothing.
"""

from __future__ import annotations

BLOCK_KINDS = ("society", "opening", "concern", "transition", "evidence", "closing", "signature")
STATUSES = ("approved", "draft", "retired")
VARIANTS = ("full", "short")
MARKERS = ("parentheses", "brackets", "superscript")
PAPER_SIZES = ("letter", "a4")
# What a society profile says of itself in words: each is a {society.<field>} placeholder, and a
# letter may override it ([society] name = "..."). The profile (rebuttal.library.stack.Society)
# declares them as fields; a test holds the three together.
SOCIETY_TEXT_FIELDS = ("name", "short_name", "description", "member_count", "region", "specialties")
# A recorded letter's status (rebuttal/record/): "sent" when recorded, then what became of it.
LETTER_STATUSES = ("sent", "submitted", "accepted", "published", "rejected", "withdrawn")

# The fields block text may name as {placeholder}, and what each holds
# (rebuttal.letter.placeholders fills them).
KNOWN_PLACEHOLDERS: dict[str, str] = {
    "article.title": "title of the article the letter answers",
    "article.first_author": "family name of its first author (Wang)",
    "article.authors_short": "its authors in short (Wang et al)",
    "article.journal": "the journal that published it",
    "article.year": "the year it was published",
    "article.design": "its design (network meta-analysis, randomised trial...)",
    "article.doi": "its DOI",
    "article.pmid": "its PubMed ID",
    "society.name": "the society's full name",
    "society.short_name": "the society's short name (PSPS)",
    "society.description": "what the society is",
    "society.member_count": "how many members it has, as a phrase",
    "society.region": "where its members practise",
    "society.specialties": "its members' specialties, as a phrase",
    "societies.names": "every society signing, lead first (the X and the Y)",
    "letter.date": "the date of the letter",
    "letter.recipient": "to whom the letter is addressed",
    "letter.venue": "where the letter is sent",
}
