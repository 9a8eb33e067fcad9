"""``rebuttal watch``: what PubMed and Crossref say has become of the articles answered and the works cited.

Two questions:

(a) the target article of every recorded letter: has a comment or reply been published (perhaps our own
    letter: matched by the DOI recorded with ``letters set --doi``; the authors' reply recorded with
    ``--reply`` is known too), a correction, an expression of concern, a retraction, an update?
(b) every reference of the library's bibliography: has it been retracted or corrected? Each such work is
    named with the blocks that cite it.

PubMed answers through E-utilities ``efetch`` (MEDLINE text, up to :data:`BATCH` PMIDs a request), whose
records carry the links NLM adds: ``CIN`` comment in, ``EIN`` erratum in, ``ECI`` expression of concern
in, ``RIN`` retraction in, ``PRIN`` partial retraction in, ``UIN`` update in. Works without a PMID are
asked of Crossref (``/works/{doi}``: ``updated-by`` and ``update-to``, Retraction Watch's data included,
and ``relation`` ``has-comment`` / ``has-reply``). The look-ups are :mod:`rebuttal.refs.lookup`'s: bounded,
checked before they are cached, one line when anything fails (no network: exit 2).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rebuttal.record.letters import RecordedLetter, Target
from rebuttal.record.notices import FLAGGING_KINDS, KeptNotice, citing_blocks, unresolved
from rebuttal.refs.bibliography import Bibliography
from rebuttal.refs.identifiers import bare_doi

BATCH = 200  # PMIDs per efetch request (NCBI asks for no more than 200 ids in a GET)
MEDLINE_TAGS = {"CIN": "comment", "EIN": "correction", "ECI": "expression of concern", "RIN": "retraction",
                "PRIN": "partial retraction", "UIN": "update"}
CROSSREF_KINDS = {
    "retraction": "retraction", "withdrawal": "retraction", "removal": "retraction",
    "partial_retraction": "partial retraction", "correction": "correction", "erratum": "correction",
    "corrigendum": "correction", "clarification": "correction",
    "expression_of_concern": "expression of concern",
    "addendum": "update", "new_version": "update", "new_edition": "update",
}
CROSSREF_RELATIONS = {"has-comment": "comment", "has-reply": "comment"}
_PMID = re.compile(r"PMID:\s*(\d+)")
_DOI = re.compile(r"doi:\s*(10\.\S+?)\.?(?:\s|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Notice:
    """One link a service reports on a work: a comment on it, a correction, a retraction..."""

    kind: str
    citation: str  # as the service cites the notice
    pmid: str = ""
    doi: str = ""

    def is_(self, identifier: str) -> bool:
        """Whether the notice is the work ``identifier`` (a PMID or a DOI)."""
        wanted = identifier.strip().lower()
        return bool(wanted) and wanted in (self.pmid, self.doi.lower())


@dataclass(frozen=True)
class ArticleNews:
    """A notice on the target article of recorded letters."""

    target: Target
    letters: tuple[RecordedLetter, ...]
    notice: Notice
    ours: RecordedLetter | None = None  # the notice is this letter of ours
    reply: RecordedLetter | None = None  # the notice is the reply recorded for this letter
    new: bool = True  # not found by an earlier watch

    @property
    def needs_attention(self) -> bool:
        return self.new and self.ours is None and self.reply is None


@dataclass(frozen=True)
class ReferenceNews:
    """A notice on a work of the bibliography, with the blocks citing it (and those still to act on it)."""

    key: str
    notice: Notice
    blocks: tuple[str, ...]
    waiting: tuple[str, ...]  # blocks not approved again since the notice was first found
    new: bool = True

    @property
    def needs_attention(self) -> bool:
        return bool(self.waiting) or (self.new and self.notice.kind in FLAGGING_KINDS and bool(self.blocks))


@dataclass
class WatchReport:
    """What a watch found, and what it asked."""

    articles: list[ArticleNews] = field(default_factory=list)
    references: list[ReferenceNews] = field(default_factory=list)
    asked_articles: int = 0
    asked_references: int = 0
    not_asked: list[str] = field(default_factory=list)  # references with neither PMID nor DOI

    @property
    def needs_attention(self) -> bool:
        return any(news.needs_attention for news in (*self.articles, *self.references))


def medline_notices(text: str) -> dict[str, list[Notice]]:
    """PMID -> the notices its MEDLINE record links (CIN, EIN, ECI, RIN, PRIN, UIN)."""
    from rebuttal.refs.importers.medline import medline_records

    found: dict[str, list[Notice]] = {}
    for fields, _line in medline_records(text):
        pmid = next((value.strip() for tag, value in fields if tag == "PMID"), "")
        if not pmid:
            continue
        notices = found.setdefault(pmid, [])
        for tag, value in fields:
            if tag in MEDLINE_TAGS:
                pmid_match, doi_match = _PMID.search(value), _DOI.search(value)
                notices.append(Notice(MEDLINE_TAGS[tag], " ".join(value.split()).rstrip("."),
                                      pmid_match.group(1) if pmid_match else "",
                                      bare_doi(doi_match.group(1)) if doi_match else ""))
    return found


def crossref_notices(work: dict) -> list[Notice]:
    """The notices Crossref's record of a work links: ``updated-by`` (and, when the work is itself a
    notice, ``update-to``) and the comments and replies in ``relation``."""
    notices = []
    for link in _dicts(work.get("updated-by")) + _dicts(work.get("update-to")):
        kind = CROSSREF_KINDS.get(str(link.get("type", "")).lower().replace("-", "_"))
        if kind is None:
            continue
        doi = bare_doi(str(link.get("DOI", "")))
        label = str(link.get("label") or kind.capitalize())
        parts = ((link.get("updated") or {}).get("date-parts") or [[]])[0]
        when = "-".join(f"{int(p):02d}" for p in parts if isinstance(p, int))
        notices.append(Notice(kind, f"{label}{' of ' + when if when else ''}: doi {doi}", "", doi))
    relation = work.get("relation") if isinstance(work.get("relation"), dict) else {}
    for name, kind in CROSSREF_RELATIONS.items():
        for link in _dicts(relation.get(name)):
            if str(link.get("id-type", "doi")).lower() == "doi" and link.get("id"):
                doi = bare_doi(str(link["id"]))
                notices.append(Notice(kind, f"{name.removeprefix('has-')}: doi {doi}", "", doi))
    return notices


def _dicts(value: object) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def ask(pmids: Sequence[str], dois: Sequence[str], *, max_age: float | None) -> dict[str, list[Notice]]:
    """PMID or DOI (lower case) -> notices, from PubMed (PMIDs, in batches) and Crossref (DOIs)."""
    from rebuttal.refs.lookup import fetch_crossref_work, fetch_pubmed

    found: dict[str, list[Notice]] = {}
    unique = list(dict.fromkeys(pmids))
    for start in range(0, len(unique), BATCH):
        answer = fetch_pubmed(unique[start:start + BATCH], max_age=max_age)
        found.update(medline_notices(answer.text))
    for doi in dict.fromkeys(d.lower() for d in dois):
        found[doi] = crossref_notices(fetch_crossref_work(doi, max_age=max_age))
    return found


def watch(folders: Sequence[Path], letters: Sequence[RecordedLetter], bibliography: Bibliography, kept:
          Sequence[KeptNotice], *, max_age: float | None, today: dt.date,
          asker: Callable[..., dict[str, list[Notice]]] = ask) -> WatchReport:
    """Ask about the letters' targets and the bibliography's works; what needs a person's look."""
    by_target: dict[str, list[RecordedLetter]] = {}
    for letter in letters:
        work = letter.target.pmid or letter.target.doi.lower()
        if work:
            by_target.setdefault(work, []).append(letter)
    references: dict[str, str] = {}
    report = WatchReport()
    for key, item in bibliography.items.items():
        work = str(item.get("PMID") or "").strip() or bare_doi(str(item.get("DOI") or "")).lower()
        if work:
            references[key] = work
        else:
            report.not_asked.append(key)
    works = set(by_target) | set(references.values())
    answers = asker([w for w in works if w.isdigit()], [w for w in works if not w.isdigit()], max_age=max_age)
    seen = {notice.identity for notice in kept}
    report.asked_articles, report.asked_references = len(by_target), len(references)
    for work, answered in sorted(by_target.items()):
        for notice in answers.get(work, []):
            ours = next((letter for letter in answered if letter.doi and notice.is_(letter.doi)), None)
            reply = next((letter for letter in answered if letter.reply and notice.is_(letter.reply)), None)
            new = as_kept(notice, "article", work, today).identity not in seen
            report.articles.append(ArticleNews(answered[0].target, tuple(answered), notice, ours, reply, new))
    citing = citing_blocks(folders) if any(answers.get(w) for w in references.values()) else {}
    for key, work in sorted(references.items()):
        for notice in answers.get(work, []):
            if notice.kind == "comment":
                continue  # comments on cited works are everyday science, not news for the committee
            fresh = as_kept(notice, "reference", key, today)
            kept_notice = next((k for k in kept if k.identity == fresh.identity), None)
            new = kept_notice is None
            effective = kept_notice or fresh
            blocks = citing.get(key, [])
            report.references.append(ReferenceNews(
                key, notice, tuple(block.id for block, _path in blocks),
                tuple(block.id for block, _path in blocks if unresolved(effective, block)), new))
    return report


def as_kept(notice: Notice, about: str, work: str, today: dt.date) -> KeptNotice:
    """A notice as the watch file keeps it."""
    return KeptNotice(about, work, notice.kind, notice.citation, notice.pmid, notice.doi, today)
