"""What the article and letter form (F2, :mod:`rebuttal.ui.forms`) shows and checks: its fields,
the venues to choose from, each field's problem, and the authors as the reference will print them.
"""

from __future__ import annotations

from collections.abc import Callable

from rebuttal.letter.outline import LetterInfo, SocietyChoice
from rebuttal.library.stack import Library
from rebuttal.refs.article import Article, article_problem
from rebuttal.text.authors import parse_authors, printed

ARTICLE_FORM = [  # the article's fields the form shows; the others are kept as they are
    ("title", "Title", "the article's full title"),
    ("authors", "Authors", "paste as PubMed prints them (Juch JNS, Maas ET), or Family, Given; ..."),
    ("journal", "Journal", "e.g. BMJ"),
    ("journal_abbrev", "Journal abbreviation", "NLM abbreviation, e.g. J Pain Res (optional)"),
    ("date", "Published (issue)", "the print or issue date: YYYY-MM-DD, YYYY-MM or YYYY"),
    ("date_online", "Published online", "first online, if earlier (YYYY-MM-DD); windows count from one"),
    ("volume", "Volume", "e.g. 388"),
    ("issue", "Issue", ""),
    ("pages", "Pages", "e.g. e079971 or 123-9"),
    ("doi", "DOI", "e.g. 10.1136/bmj-2024-079971"),
    ("pmid", "PMID", "e.g. 39971346 (digits)"),
    ("design", "Design", "e.g. network meta-analysis (blocks written for it are listed first, ★)"),
    ("keywords", "Keywords", "paste as PubMed shows them (Keywords: low back pain; sham.) or a; b; c"),
]
# The abstract, pasted as PubMed shows it (several paragraphs): a text area below the fields. With
# the keywords it ranks the library for the article (an article with its title alone ranks poorly).
ABSTRACT_HINT = "Abstract: paste it as PubMed shows it (with the keywords, it ranks the library for it)"
LETTER_FIELDS = [
    ("title", "Letter title", "e.g. Statement of Concern"),
    ("date", "Letter date", "YYYY-MM-DD (empty: today)"),
    ("recipient", "Addressed to", "e.g. The Editors, The BMJ"),
]

Applied = Callable[[LetterInfo, SocietyChoice, Article, list[SocietyChoice]], str]


def venue_choices(library: Library, current: str) -> list[tuple[str, str]]:
    """The venues to choose from, by journal name with their limits (and the current one, if unknown)."""
    choices = [("No venue (no limits checked)", "")]
    for venue_id in known_venues(library):
        venue = library.venues[venue_id]
        limits = [f"{venue.word_limit} words" if venue.word_limit else "",
                  f"{venue.max_references} refs" if venue.max_references else ""]
        shown = ", ".join(limit for limit in limits if limit) or "no limits"
        choices.append((f"{venue.name} — {shown}", venue_id))
    if current and current not in library.venues:
        choices.append((f"{current} (not in the library: choose another)", current))
    return choices


def known_venues(library: Library) -> list[str]:
    """The venue profiles of the library (``venues/`` folders)."""
    return sorted(library.venues)


def venue_summary(library: Library, name: str) -> str:
    """One line on a venue's limits and preferred style, or why the name is not a venue."""
    if not name:
        return "No venue: no word or reference limits are checked."
    venue = library.venues.get(name)
    if venue is None:
        return ""
    words = f"{venue.word_limit} words" if venue.word_limit else "no word limit"
    refs = f"{venue.max_references} references" if venue.max_references else "no reference limit"
    style = f"; style {venue.style}" if venue.style else ""
    return f"{venue.name}: {words}, {refs}{style}"


def field_problem(section: str, name: str, value: str) -> str:
    """The message to show under a field, or ''."""
    if section == "article" and name in ("doi", "pmid", "date", "date_online"):
        problem = article_problem(name, value)
        return problem[1] if problem else ""
    if section == "letter" and name == "date" and value:
        problem = article_problem("date", value)
        if problem or len(value) != 10:
            return f"'{value}' is not a full date (YYYY-MM-DD)"
    return ""


def authors_shown(value: str) -> str:
    """``Will print (2 authors): Juch JNS, Maas ET``: the parsed list, as a reference shows it."""
    authors = parse_authors(value)
    if not authors:
        return ""
    count = f"{len(authors)} author" + ("s" if len(authors) != 1 else "")
    return f"Will print ({count}): {printed(authors)}"
