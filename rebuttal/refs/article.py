"""The target article: the published paper a letter answers, and its CSL-JSON both ways.

An outline's ``[article]`` is an :class:`Article`. It becomes a reference (the
CSL item cited as ``[@article]``) with :func:`article_item`, and a reference
read from a file (CSL-JSON, BibTeX, RIS, MEDLINE/.nbib) or looked up at PubMed
or Crossref becomes an :class:`Article` with :func:`article_from_item`. Both
directions live here, with the checks of its identifiers and date, so that the
outline, assembly, the checks, ``rebuttal import --article`` and the app's
article form read and write the same fields the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.refs.identifiers import doi_problem, pmid_problem
from rebuttal.text.authors import split_author
from rebuttal.text.dates import is_partial_date

ARTICLE_KEY = "article"  # blocks cite the target article as [@article]


@dataclass
class Article:
    """The published article the letter answers."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    journal: str = ""
    journal_abbrev: str = ""
    date: str = ""  # the issue (print) date
    date_online: str = ""  # first published online (often weeks before the issue)
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    design: str = ""
    url: str = ""
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)


ARTICLE_FIELDS = tuple(item.name for item in fields(Article))


def article_problem(name: str, value: str) -> tuple[str, str] | None:
    """``(field, message)`` when a DOI, PMID or date is malformed, else None."""
    if not value:
        return None
    problem = None
    if name == "doi":
        problem = doi_problem(value)
    elif name == "pmid":
        problem = pmid_problem(value)
    elif name in ("date", "date_online") and not is_partial_date(value):
        problem = f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    return (name, problem) if problem else None


def article_item(article: Article) -> dict[str, Any] | None:
    """The article as the CSL-JSON item ``[@article]`` cites (None when it has no title yet)."""
    if not article.title:
        return None
    item: dict[str, Any] = {"id": ARTICLE_KEY, "type": "article-journal", "title": article.title}
    authors = []
    for author in article.authors:
        family, given = split_author(author)
        authors.append({"family": family, "given": given} if given else {"literal": family})
    if authors:
        item["author"] = authors
    if article.journal:
        item["container-title"] = article.journal
    if article.journal_abbrev or article.journal:
        item["container-title-short"] = article.journal_abbrev or article.journal
    if article.date or article.date_online:
        item["issued"] = _parts(article.date or article.date_online)
    if article.date_online:
        item["available-date"] = _parts(article.date_online)
    for name, value in (
        ("volume", article.volume), ("issue", article.issue), ("page", article.pages),
        ("DOI", article.doi), ("PMID", article.pmid), ("URL", article.url),
    ):
        if value:
            item[name] = value
    return item


def article_from_item(item: dict[str, Any], keep: Article | None = None) -> Article:
    """The article a CSL-JSON item describes (``keep``'s design when the item names none).

    The importers put the design they read from publication types in ``_design``.
    """
    authors = []
    for person in item.get("author", []):
        if person.get("literal"):
            authors.append(str(person["literal"]))
        else:
            given = " ".join(part for part in (person.get("given", ""), person.get("suffix", "")) if part)
            authors.append(f"{person.get('family', '')}, {given}" if given else str(person.get("family", "")))
    online = _date_text(item.get("available-date")) or _date_text(item.get("published-online"))
    printed = _date_text(item.get("published-print"))
    issued = _date_text(item.get("issued"))
    # Crossref's "issued" is the earlier of print and online: the print date is published-print,
    # and without one (online first, not yet in an issue) the article has only its online date.
    date = printed or ("" if "published-online" in item and issued == online else issued)
    return Article(
        title=str(item.get("title", "")),
        authors=authors,
        journal=str(item.get("container-title", "")),
        journal_abbrev=str(item.get("container-title-short", "")),
        date=date,
        date_online=online,
        volume=str(item.get("volume", "")),
        issue=str(item.get("issue", "")),
        pages=str(item.get("page", "")),
        doi=str(item.get("DOI", "")),
        pmid=str(item.get("PMID", "")),
        design=str(item.get("_design", "")) or (keep.design if keep is not None else ""),
        url=str(item.get("URL", "")),
        abstract=str(item.get("abstract", "")),
        keywords=[word for word in str(item.get("keyword", "")).split("; ") if word],
    )


def _parts(text: str) -> dict[str, Any]:
    return {"date-parts": [[int(part) for part in text.split("-")]]}


def _date_text(value: Any) -> str:
    """``{"date-parts": [[2025, 2, 19]]}`` -> ``2025-02-19`` ('' for anything else)."""
    parts = value.get("date-parts") if isinstance(value, dict) else None
    try:
        first = [int(part) for part in parts[0][:3]] if parts and parts[0] else []
    except (TypeError, ValueError, IndexError, KeyError):
        return ""
    return "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(first))


def read_article(path: Path) -> Article:
    """The first reference in ``path`` as the target article (RebuttalError when none)."""
    try:
        from rebuttal.refs.importers import read_references
    except ImportError:
        raise RebuttalError("importing references is not available in this installation") from None

    items = read_references(path)
    if not items:
        raise RebuttalError("the file holds no reference", file=path)
    return article_from_item(items[0])


def look_up_article(*, pmid: str = "", doi: str = "") -> Article:
    """The article with this PMID (PubMed) or, without one, this DOI (Crossref)."""
    from rebuttal.refs.importers import import_text
    from rebuttal.refs.lookup import fetch_crossref, fetch_pubmed

    answer = fetch_pubmed([pmid]) if pmid else fetch_crossref(doi)
    result = import_text(answer.text, Path(answer.label), answer.fmt)
    if not result.items:
        raise RebuttalError("the answer holds no reference", file=answer.label)
    return article_from_item(result.items[0])


def pasted_keywords(text: str) -> list[str]:
    """Keywords as PubMed shows them ("Keywords: Low back pain; Radiofrequency; sham."), or one a
    line, or separated by commas when there is no semicolon: the list, each once, in order."""
    from rebuttal.text.printable import without_unwritable

    text = without_unwritable(text).strip()
    text = re.sub(r"^\s*key\s*words\s*:?\s*", "", text, flags=re.IGNORECASE)
    separator = ";" if ";" in text else "\n" if "\n" in text else ","
    found: list[str] = []
    for part in text.split(separator):
        word = " ".join(part.split()).strip(" .,;")
        if word and word.casefold() not in (known.casefold() for known in found):
            found.append(word)
    return found


def pasted_abstract(text: str) -> str:
    """An abstract as PubMed shows it ("Abstract", then "Background: ..." paragraphs; a "Keywords:"
    line and the copyright line after it): its paragraphs, each on one line, a blank line between."""
    from rebuttal.text.printable import without_unwritable

    lines = [" ".join(line.split()) for line in without_unwritable(text).splitlines()]
    while lines and (not lines[0] or lines[0].casefold() == "abstract"):
        lines.pop(0)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if re.match(r"(?i)key\s*words\s*:", line) or line.startswith(("©", "Copyright")):
            break  # what follows the abstract on the page is not the abstract
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)
