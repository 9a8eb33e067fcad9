"""The target article from a reference file (CSL-JSON, BibTeX, RIS, MEDLINE/.nbib).

Reading the file is the importers' work (``rebuttal.importers``); this turns
one of their CSL-JSON items into the outline's ``[article]`` fields, so the
app can fill its article form from a file exported by PubMed or a reference
manager.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.outline import Article


def article_from_item(item: dict[str, Any]) -> Article:
    """The outline article described by one CSL-JSON item."""
    authors = []
    for person in item.get("author", []):
        if person.get("literal"):
            authors.append(str(person["literal"]))
        elif person.get("family"):
            given = str(person.get("given", "")).strip()
            authors.append(f"{person['family']}, {given}" if given else str(person["family"]))
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    date = "-".join(f"{int(p):02d}" if n else f"{int(p):04d}" for n, p in enumerate(parts[0][:3]) if p)
    return Article(
        title=str(item.get("title", "")).strip(),
        authors=authors,
        journal=str(item.get("container-title", "")),
        journal_abbrev=str(item.get("container-title-short", "") or item.get("journalAbbreviation", "")),
        date=date,
        volume=str(item.get("volume", "")),
        issue=str(item.get("issue", "")),
        pages=str(item.get("page", "")),
        doi=str(item.get("DOI", "")),
        pmid=str(item.get("PMID", "")),
        url=str(item.get("URL", "")),
    )


def read_article(path: Path) -> Article:
    """The first reference in ``path`` as the target article (RebuttalError when none)."""
    try:
        from rebuttal.importers import read_references
    except ImportError:
        raise RebuttalError("importing references is not available in this installation") from None
    items = read_references(path)
    if not items:
        raise RebuttalError("the file holds no reference", file=path)
    return article_from_item(items[0])
