"""Look references up by identifier: PubMed (PMID) and Crossref (DOI).

People have a PMID or a DOI in hand more often than a file. PubMed's
E-utilities ``efetch`` gives the MEDLINE text that ``rebuttal import`` already
reads (:mod:`rebuttal.refs.importers.medline`); Crossref's REST API gives CSL-JSON
for a DOI (``/works/{doi}/transform/application/vnd.citationstyles.csl+json``).

Base URLs come from ``REBUTTAL_EUTILS_URL`` and ``REBUTTAL_CROSSREF_URL`` so a
mirror, a proxy or a test server can stand in. Answers are kept in the user
cache folder (disposable: delete it and the next look-up asks again), and only
once checked: a MEDLINE answer holds every PMID asked for, a Crossref answer is
JSON of the DOI asked for, neither is a web page (a captive portal's). Every
failure (no network, the deadline, a body too large, 404, 429 with how long to
wait, a server error, another record) is one :class:`RebuttalError` line naming
the identifier; the request itself is bounded in :mod:`rebuttal.refs.web`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rebuttal import __version__
from rebuttal.errors import RebuttalError
from rebuttal.refs.identifiers import bare_doi, bare_pmid, doi_problem, pmid_problem

EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
CROSSREF_URL = "https://api.crossref.org"
EUTILS_ENV, CROSSREF_ENV, EMAIL_ENV = "REBUTTAL_EUTILS_URL", "REBUTTAL_CROSSREF_URL", "REBUTTAL_EMAIL"
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


def fetch_pubmed(pmids: list[str], *, max_age: float | None = None) -> Answer:
    """The MEDLINE records of ``pmids`` from PubMed (one request for all of them); a kept answer older
    than ``max_age`` seconds is asked for again (``rebuttal watch`` wants news, not the first answer)."""
    ids = [clean_pmid(p) for p in pmids]
    base = os.environ.get(EUTILS_ENV, "").strip() or EUTILS_URL
    params = {
        "db": "pubmed", "id": ",".join(ids), "rettype": "medline", "retmode": "text",
        "tool": "rebuttal", "email": os.environ.get(EMAIL_ENV, "").strip() or "rebuttal@users.noreply",
    }
    label = "PubMed " + ", ".join(ids)

    def holds_every_pmid(text: str) -> str | None:
        found = set(re.findall(r"^PMID- *(\d+)", text, flags=re.M))
        missing = [pmid for pmid in ids if pmid not in found]
        if missing and (found or not text.strip()):  # an answer, without some: PubMed does not know them
            raise RebuttalError(f"PubMed has no record for PMID {', '.join(missing)}", field="--pmid")
        return "the answer is not MEDLINE text" if missing else None

    text = _get(f"{base.rstrip('/')}/efetch.fcgi", params, label, what="PMID " + ", ".join(ids),
                check=holds_every_pmid, max_age=max_age)
    return Answer(text, "medline", label)


def fetch_crossref(doi: str) -> Answer:
    """The CSL-JSON of ``doi`` from Crossref."""
    doi = clean_doi(doi)
    base = os.environ.get(CROSSREF_ENV, "").strip() or CROSSREF_URL
    url = f"{base.rstrip('/')}/works/{doi}/{CSL_TRANSFORM}"
    text = _get(url, {}, f"Crossref {doi}", what=f"DOI {doi}",
                check=lambda text: _crossref_problem(text, doi))
    return Answer(text, "csl-json", f"Crossref {doi}")


def fetch_crossref_work(doi: str, *, max_age: float | None = None) -> dict:
    """Crossref's own record of ``doi`` (``/works/{doi}``: its ``message``), which carries what the CSL
    transform leaves out: ``update-to`` / ``updated-by`` (retractions, corrections) and ``relation``."""
    doi = clean_doi(doi)
    base = os.environ.get(CROSSREF_ENV, "").strip() or CROSSREF_URL
    text = _get(f"{base.rstrip('/')}/works/{doi}", {}, f"Crossref {doi}", what=f"DOI {doi}",
                check=lambda text: _work_problem(text, doi), max_age=max_age)
    return json.loads(text)["message"]


def _work_problem(text: str, doi: str) -> str | None:
    """Why ``text`` is not Crossref's ``/works`` answer for ``doi``; None when it is."""
    try:
        data = json.loads(text)
    except RecursionError:
        return "the JSON is nested too deeply"
    except ValueError:
        return "the answer is not JSON"
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, dict):
        return "the answer is not a Crossref work"
    return _crossref_problem(json.dumps(message), doi)


def _crossref_problem(text: str, doi: str) -> str | None:
    """Why ``text`` is not Crossref's CSL-JSON record of ``doi``; None when it is."""
    try:
        data = json.loads(text)
    except RecursionError:
        return "the JSON is nested too deeply"
    except ValueError:
        return "the answer is not JSON"
    if not isinstance(data, dict):
        return "the answer is not one CSL-JSON record"
    given = data.get("DOI")
    if not isinstance(given, str) or bare_doi(given).lower() != doi.lower():
        return f"the record is of another work (DOI {str(given)[:80]})" if given else "the record has no DOI"
    return None


_HTML = re.compile(r"\s*(<!doctype\s+html|<html|<head|<body|<\?xml)", re.IGNORECASE)


def cache_folder() -> Path:
    """Where answers are kept (the user cache folder; safe to delete)."""
    from rebuttal.files.user_folders import user_folder

    return Path(user_folder("cache")) / "lookups"


def _get(url: str, params: dict[str, str], label: str, *, what: str,
         check: Callable[[str], str | None], max_age: float | None = None) -> str:
    """The body of a GET (from the cache when asked before); one clear error otherwise.

    ``check`` says what is wrong with an answer: None when nothing, why it is not the record
    asked for, or it raises the service's own "no such record". Only an answer that passes it is
    kept in the cache, and a kept one that does not pass is asked for again: a captive portal's
    page, another record or a cut-off answer is never what the next look-up gets.
    """
    from rebuttal.refs.web import get_text

    key_source = url + "?" + "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "email")
    cached = cache_folder() / (hashlib.sha256(key_source.encode()).hexdigest()[:32] + ".txt")
    kept = _read_cached(cached, max_age)
    if kept is not None and _passes(check, kept):
        return kept
    page = get_text(url, params, {"User-Agent": USER_AGENT, "Accept": "application/json, text/plain;q=0.9"},
                    label=label, what=what)
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    if page.content_type == "text/html" or _HTML.match(page.text):
        raise RebuttalError(f"{host} answered with a web page, not the record of {what} (a network's "
                            "sign-in page, or a proxy?); nothing was kept: sign in or connect, and try again",
                            field=label)
    problem = check(page.text)
    if problem:
        raise RebuttalError(f"{host} did not answer with the record of {what}: {problem}; nothing was kept, "
                            "so the next try asks again", field=label)
    try:
        from rebuttal.files.atomic import atomic_write_text

        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(cached, page.text)
    except (OSError, RebuttalError):
        pass  # A cache that cannot be written only costs the next look-up a request.
    return page.text


def _passes(check: Callable[[str], str | None], text: str) -> bool:
    try:
        return check(text) is None
    except RebuttalError:
        return False


def _read_cached(cached: Path, max_age: float | None = None) -> str | None:
    """A kept answer, or None (none, unreadable, too large to be one we kept, or older than ``max_age``
    seconds)."""
    import time

    from rebuttal.refs.web import MAX_BODY_BYTES

    try:
        info = cached.stat()
        if info.st_size > MAX_BODY_BYTES or (max_age is not None and time.time() - info.st_mtime > max_age):
            return None
        return cached.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
