"""DOIs and PubMed IDs: what a valid one looks like, and the bare form of what people paste.

People paste ``https://doi.org/10.1136/bmj.n71``, ``doi: 10.1136/bmj.n71`` or
``PMID: 33782057``; files hold ``http://dx.doi.org/...`` (Ovid) or a DOI inside
other text. Everything that reads, checks or compares an identifier (the
outline, the importers, the look-ups, the bibliography's duplicate test) goes
through here.
"""

from __future__ import annotations

import re

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PATTERN = re.compile(r"^\d{1,9}$")
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_PMID_PREFIX = re.compile(r"^(pmid:?|https?://pubmed\.ncbi\.nlm\.nih\.gov/)\s*", re.IGNORECASE)


def bare_doi(value: object) -> str:
    """``https://doi.org/10.1/x`` and ``doi:10.1/x`` -> ``10.1/x`` (anything else only stripped)."""
    return _DOI_PREFIX.sub("", str(value or "").strip()).strip()


def bare_pmid(value: object) -> str:
    """``PMID: 123`` and ``https://pubmed.ncbi.nlm.nih.gov/123/`` -> ``123``."""
    return _PMID_PREFIX.sub("", str(value or "").strip()).strip("/ ")


def doi_in(text: str) -> str:
    """The DOI written somewhere in ``text`` (``http://dx.doi.org/10.1/x.`` -> ``10.1/x``), or ''."""
    match = _DOI_IN_TEXT.search(text)
    return match.group().rstrip(".;,") if match else ""


def doi_problem(doi: str, written: str | None = None) -> str | None:
    """Why ``doi`` (bare) is not a DOI, or None when it is one (``written``: as the person wrote it)."""
    shown = doi if written is None else written
    return None if DOI_PATTERN.match(doi) else f"'{shown}' is not a DOI (expected 10.NNNN/suffix)"


def pmid_problem(pmid: str, written: str | None = None) -> str | None:
    """Why ``pmid`` (bare) is not a PubMed ID, or None when it is one (``written``: as written)."""
    shown = pmid if written is None else written
    return None if PMID_PATTERN.match(pmid) else f"'{shown}' is not a PubMed ID (digits only)"
