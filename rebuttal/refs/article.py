"""The target article from a reference file (CSL-JSON, BibTeX, RIS, MEDLINE/.nbib).

Reading the file is the importers' work (``rebuttal.refs.importers``) and turning
an item into ``[article]`` fields is ``rebuttal import --article``'s; this puts
the two together so the app can fill its article form from a file exported
by PubMed or a reference manager.
"""

from __future__ import annotations

from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import Article


def read_article(path: Path) -> Article:
    """The first reference in ``path`` as the target article (RebuttalError when none)."""
    try:
        from rebuttal.refs.importers import read_references
    except ImportError:
        raise RebuttalError("importing references is not available in this installation") from None
    from rebuttal.commands.import_refs import article_from_item

    items = read_references(path)
    if not items:
        raise RebuttalError("the file holds no reference", file=path)
    return article_from_item(items[0])


def look_up_article(*, pmid: str = "", doi: str = "") -> Article:
    """The article with this PMID (PubMed) or, without one, this DOI (Crossref)."""
    from rebuttal.commands.import_refs import article_from_item
    from rebuttal.refs.importers import import_text
    from rebuttal.refs.lookup import fetch_crossref, fetch_pubmed

    answer = fetch_pubmed([pmid]) if pmid else fetch_crossref(doi)
    result = import_text(answer.text, Path(answer.label), answer.fmt)
    if not result.items:
        raise RebuttalError("the answer holds no reference", file=answer.label)
    return article_from_item(result.items[0])
