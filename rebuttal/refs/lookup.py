"""Look references up by identifier: PubMed (PMID) and Crossref (DOI).

People have a PMID or a DOI in hand more often than a file. PubMed's
E-utilities ``efetch`` gives the MEDLINE text that ``rebuttal import`` already
reads (:mod:`rebuttal.refs.importers.medline`); Crossref's REST API gives CSL-JSON
for a DOI (``/works/{doi}/transform/application/vnd.citationstyles.csl+json``).

Base URLs come from ``REBUTTAL_EUTILS_URL`` and ``REBUTTAL_CROSSREF_URL`` so a
mirror, a proxy or a test server can stand in. Answers are kept in the user
cache folder (disposable: delete it and the next look-up asks again). Every
failure (no network, a timeout, 404, 429, a server error) is one
:class:`RebuttalError` line naming the identifier.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from rebuttal import __version__
from rebuttal.errors import RebuttalError
from rebuttal.refs.identifiers import bare_doi, bare_pmid, doi_problem, pmid_problem

EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
CROSSREF_URL = "https://api.crossref.org"
EUTILS_ENV, CROSSREF_ENV, EMAIL_ENV = "REBUTTAL_EUTILS_URL", "REBUTTAL_CROSSREF_URL", "REBUTTAL_EMAIL"
TIMEOUT_SECONDS = 20.0
USER_AGENT = f"rebuttal/{__version__} (reference import; https://pypi.org/project/rebuttal/)"
CSL_TRANSFORM = "transform/application/vnd.citationstyles.csl+json"


@dataclass(frozen=True)
class Answer:
    """What a service answered for some identifiers: the text and what it is (medline / csl-json)."""

    text: str
    fmt: str
    label: str  # e.g. "PubMed 39971346", used as the 'file' in messages


def clean_pmid(value: str) -> str:
    """A PMID as digits (``PMID: 123`` and ``pubmed/123`` accepted); an error otherwise."""
    digits = bare_pmid(value)
    problem = pmid_problem(digits, written=value)
    if problem:
        raise RebuttalError(problem, field="--pmid")
    return digits


def clean_doi(value: str) -> str:
    """A DOI as ``10.NNNN/suffix`` (``doi:`` and ``https://doi.org/`` prefixes accepted)."""
    doi = bare_doi(value)
    problem = doi_problem(doi, written=value)
    if problem:
        raise RebuttalError(problem, field="--doi")
    return doi


def fetch_pubmed(pmids: list[str]) -> Answer:
    """The MEDLINE records of ``pmids`` from PubMed (one request for all of them)."""
    ids = [clean_pmid(p) for p in pmids]
    base = os.environ.get(EUTILS_ENV, "").strip() or EUTILS_URL
    params = {
        "db": "pubmed", "id": ",".join(ids), "rettype": "medline", "retmode": "text",
        "tool": "rebuttal", "email": os.environ.get(EMAIL_ENV, "").strip() or "rebuttal@users.noreply",
    }
    label = "PubMed " + ", ".join(ids)
    text = _get(f"{base.rstrip('/')}/efetch.fcgi", params, label, what="PMID " + ", ".join(ids))
    found = set(re.findall(r"^PMID- *(\d+)", text, flags=re.M))
    missing = [pmid for pmid in ids if pmid not in found]
    if missing:
        raise RebuttalError(f"PubMed has no record for PMID {', '.join(missing)}", field="--pmid")
    return Answer(text, "medline", label)


def fetch_crossref(doi: str) -> Answer:
    """The CSL-JSON of ``doi`` from Crossref."""
    doi = clean_doi(doi)
    base = os.environ.get(CROSSREF_ENV, "").strip() or CROSSREF_URL
    url = f"{base.rstrip('/')}/works/{doi}/{CSL_TRANSFORM}"
    text = _get(url, {}, f"Crossref {doi}", what=f"DOI {doi}")
    return Answer(text, "csl-json", f"Crossref {doi}")


def cache_folder() -> Path:
    """Where answers are kept (the user cache folder; safe to delete)."""
    from platformdirs import user_cache_path

    return user_cache_path("rebuttal", appauthor=False) / "lookups"


def _get(url: str, params: dict[str, str], label: str, *, what: str) -> str:
    """The body of a GET (from the cache when asked before); one clear error otherwise."""
    key_source = url + "?" + "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "email")
    cached = cache_folder() / (hashlib.sha256(key_source.encode()).hexdigest()[:32] + ".txt")
    try:
        return cached.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    import httpx

    host = httpx.URL(url).host or url
    try:
        response = httpx.get(
            url, params=params, timeout=TIMEOUT_SECONDS, follow_redirects=True,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/plain;q=0.9"},
        )
    except httpx.TimeoutException:
        raise RebuttalError(f"{host} did not answer within {TIMEOUT_SECONDS:.0f} s (looking up {what}); "
                            "try again later", field=label) from None
    except httpx.HTTPError as error:
        raise RebuttalError(f"cannot reach {host} to look up {what} ({_reason(error)}); "
                            "check the network or set the service's URL", field=label) from None
    if response.status_code == 404:
        raise RebuttalError(f"{what} was not found at {host}", field=label)
    if response.status_code == 429:
        raise RebuttalError(f"{host} asks us to slow down (429 Too Many Requests); try again in a minute",
                            field=label)
    if response.status_code >= 400:
        raise RebuttalError(f"{host} answered {response.status_code} for {what}", field=label)
    text = response.text
    try:
        from rebuttal.files.atomic import atomic_write_text

        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(cached, text)
    except (OSError, RebuttalError):
        pass  # A cache that cannot be written only costs the next look-up a request.
    return text


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:120]
