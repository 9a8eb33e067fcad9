"""From a reader's raw entries to items a library can hold: the import policy.

Every entry that can be a reference is imported: an entry without a year is
real (a web page, a report) and CSL formats it. An entry is skipped only when
it cannot be one (nothing that says which work it is: no title, journal,
publisher, DOI, PMID or URL; or text the reader could not make sense of), and
a malformed DOI or PMID is dropped from an entry that is otherwise kept; each
is a :class:`Problem` naming the entry and its line. A CSL item whose fields
have the wrong shape is repaired when it has one meaning (``"issued": "July
2019"``, ``"author": "Smith, J"``) and refused otherwise: every item leaves
here passing the bibliography loader's own checks
(:func:`rebuttal.refs.bibliography.validate_item`), so importing can never leave a
library that loaded unable to load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from rebuttal.errors import RebuttalError
from rebuttal.refs.identifiers import bare_doi, doi_problem, pmid_problem
from rebuttal.refs.importers.common import (
    make_key,
    parse_date_text,
    parse_name,
    preprint_server,
    preprint_server_of_doi,
    thesis_genre,
)
from rebuttal.text.printable import unwritable_character, without_unwritable

_NO_PAGES = re.compile(r"\bno[ -]?(pagination[ -]?)?specified\b", re.IGNORECASE)
# "updated": when a web page was last revised (not a CSL variable; Citing Medicine, AMA and BMJ print it).
DATE_VARIABLES = ("issued", "accessed", "available-date", "original-date", "event-date", "updated")


class Unreadable(NamedTuple):
    """What a reader returns in place of an entry it could not read (a syntax error)."""

    reason: str
    key: str = ""


@dataclass(frozen=True)
class Problem:
    """One entry that did not come in as written: left out, or imported without a field."""

    line: int | None
    entry: str
    reason: str
    field: str | None = None
    skipped: bool = True

    def error(self, path: Path) -> RebuttalError:
        """This problem as one located line."""
        outcome = "skipped" if self.skipped else "imported without it"
        return RebuttalError(f"{self.entry}: {self.reason}; {outcome}", file=path, line=self.line,
                             field=self.field)


@dataclass
class ImportResult:
    """The items read from one file and what could not be imported as written."""

    path: Path
    items: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> list[Problem]:
        """The entries left out."""
        return [problem for problem in self.problems if problem.skipped]


RawEntry = tuple[dict[str, Any] | Unreadable, int | None]


def finish_items(raw: list[RawEntry], path: Path) -> ImportResult:
    """Normalise, repair and check a reader's entries (each with the line it starts on)."""
    from rebuttal.refs.bibliography import identifiable, validate_item

    result = ImportResult(path)
    taken: set[str] = set()
    for number, (entry, line) in enumerate(raw, start=1):
        if isinstance(entry, Unreadable):
            label = f"entry '{entry.key}'" if entry.key else f"entry {number}"
            result.problems.append(Problem(line, label, entry.reason))
            continue
        item = {name: value for name, value in entry.items() if value not in (None, "", [], {})}
        key = item.get("id")
        label = f"entry '{key}'" if isinstance(key, str) and key.strip() else f"entry {number}"
        result.problems.extend(_remove_unwritable(item, line, label))
        key = item.get("id")
        _clean_title(item, path, line, label)
        result.problems.extend(_drop_malformed_identifiers(item, line, label))
        if not identifiable(item):
            reason = "it has no title, journal, publisher, DOI, PMID or URL to tell which work it is"
            result.problems.append(Problem(line, label, reason, "title"))
            continue
        _repair(item, path, line, label)
        if isinstance(item.get("page"), str) and _NO_PAGES.search(item["page"]):
            del item["page"]  # Ovid's and APA PsycInfo's "No Pagination Specified" is no page
        item.setdefault("type", "article-journal")
        _preprint(item)
        _cochrane_review(item)
        if item["type"] == "thesis" and isinstance(item.get("genre"), str):
            item["genre"] = thesis_genre(item["genre"])
        key = key.strip() if isinstance(key, str) else str(key) if type(key) is int else ""
        if not key or key in taken:
            key = make_key(item, taken)
        taken.add(key)
        item["id"] = key
        try:
            validate_item(item, path, number - 1, line=line)
        except RebuttalError as error:
            raise error.located(file=path, line=line) from None
        result.items.append(item)
    return result


# The kinds an export gives a preprint: a journal article in "medRxiv" (medRxiv's own BibTeX, Zotero's
# RIS), CSL's article (Zotero's CSL-JSON, DataCite's), a @misc or an unpublished work (arXiv's BibTeX).
_PREPRINT_KINDS = ("article-journal", "article", "document", "manuscript")


def _preprint(item: dict[str, Any]) -> None:
    """A work in a preprint server is a preprint: CSL ``article`` with the server as its container
    (``"medRxiv : the preprint server..."`` -> ``medRxiv``; a server known only by the publisher or the
    DOI's prefix named), and its locator (medRxiv's ``2020.04.05.20054502``) as its ``number``."""
    kind, container = item.get("type"), item.get("container-title")
    if kind not in _PREPRINT_KINDS:
        return
    named = preprint_server(container)
    server = named or (None if container else
                       preprint_server(item.get("publisher")) or preprint_server_of_doi(item.get("DOI")))
    if server is None:
        return
    item["type"] = "article"
    if not container or kind != "article":
        item["container-title"] = server
        item.pop("container-title-short", None)
    elif named and named != container and len(str(container)) < len(named):
        # An article's own short name for its server (PubMed's "Res Sq", which NLM prints) is kept as
        # the short title beside the server's name (AMA's "Research Square"); a longer one is kept as is.
        item["container-title"], item["container-title-short"] = named, container
    if isinstance(item.get("page"), str) and not item.get("number"):
        item["number"] = item.pop("page")  # a preprint has no pages: this is its locator
    if str(item.get("genre", "")).strip().lower() in ("preprint", "article", "posted content"):
        del item["genre"]  # Zotero's and DataCite's "preprint": the styles say it ("[Preprint]") themselves


# A Cochrane review's DOI holds its CD number (10.1002/14651858.CD007646.pub3), which PubMed, the
# Cochrane Library and the styles cite as its page; the Cochrane Library's own exports leave it out.
_COCHRANE_DOI = re.compile(r"10\.1002/14651858\.(CD\d{6})(?:\.pub\d+)?", re.IGNORECASE)
_COCHRANE_TITLES = ("cochrane database of systematic reviews", "the cochrane database of systematic reviews")


def _cochrane_review(item: dict[str, Any]) -> None:
    """A Cochrane review's CD number as its page, and the database's NLM abbreviation, when missing."""
    match = _COCHRANE_DOI.fullmatch(str(item.get("DOI", "")))
    if item.get("type") != "article-journal" or not match:
        return
    if not item.get("page"):
        item["page"] = match.group(1).upper()
    names = {str(item.get(name, "")).lower() for name in ("container-title", "container-title-short")} - {""}
    if names and names <= set(_COCHRANE_TITLES):  # RIS's JO, written out in full, is no abbreviation
        item["container-title-short"] = "Cochrane Database Syst Rev"


def _remove_unwritable(item: dict[str, Any], line: int | None, label: str) -> list[Problem]:
    """Characters no letter can hold (U+0001, U+FFFE, a lone surrogate) removed from every field,
    each field named: written, they would break the outline or library that receives them, or
    vanish from the DOCX and make ``merge`` see an edit nobody made."""
    problems = []
    for name, value in item.items():
        found: list[str] = []
        item[name] = _without_unwritable(value, found)
        if found:
            reason = f"holds {found[0]}, which no letter can hold"
            problems.append(Problem(line, label, reason, name, skipped=False))
    return problems


def _without_unwritable(value: Any, found: list[str]) -> Any:
    if isinstance(value, str):
        bad = unwritable_character(value)
        if bad is None:
            return value
        found.append(bad)
        return without_unwritable(value)
    if isinstance(value, list):
        return [_without_unwritable(part, found) for part in value]
    if isinstance(value, dict):
        return {key: _without_unwritable(part, found) for key, part in value.items()}
    return value


def _clean_title(item: dict[str, Any], path: Path, line: int | None, label: str) -> None:
    """One line, without the final period PubMed and RIS add (the style adds its own) or a stray comma."""
    title = item.get("title", "")
    if not isinstance(title, str):
        raise RebuttalError(f"{label} has a title that is not text", file=path, line=line, field="title")
    title = " ".join(title.split()).rstrip(",;")
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    if title:
        item["title"] = title
    else:
        item.pop("title", None)


def _drop_malformed_identifiers(item: dict[str, Any], line: int | None, label: str) -> list[Problem]:
    """Bare DOIs and PMIDs; a malformed one (a Web of Science number in ``pmid``) is dropped."""
    problems = []
    for name, bare, problem_of in (("DOI", bare_doi, doi_problem), ("PMID", str.strip, pmid_problem)):
        value = item.get(name)
        if isinstance(value, str) or type(value) is int:
            text = bare(str(value))
            problem = problem_of(text)
            if problem:
                problems.append(Problem(line, label, problem, name, skipped=False))
                del item[name]
            else:
                item[name] = text
    return problems


def _repair(item: dict[str, Any], path: Path, line: int | None, label: str) -> None:
    """Fix fields that have one meaning in the wrong shape; refuse those that do not."""
    from rebuttal.refs.bibliography import NAME_VARIABLES

    for name in DATE_VARIABLES:
        value = item.get(name)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            parsed = parse_date_text(str(value))
            if parsed is None:
                raise RebuttalError(f"{label}: '{value}' is not a date", file=path, line=line, field=name)
            item[name] = parsed
    for name in NAME_VARIABLES:
        value = item.get(name)
        if isinstance(value, str):
            if " and " in value or ";" in value or value.count(",") > 1:
                raise RebuttalError(
                    f"{label}: '{value[:60]}' is not a list of names (write one object per person)",
                    file=path, line=line, field=name,
                )
            item[name] = [parse_name(value)]
        elif isinstance(value, dict):
            item[name] = [value]  # One person written without the list around it.
        if isinstance(item.get(name), list):
            item[name] = [parse_name(person) if isinstance(person, str) and person.strip() else person
                          for person in item[name]]
    for name in ("volume", "issue", "page", "PMID"):
        if isinstance(item.get(name), int) and not isinstance(item[name], bool):
            item[name] = str(item[name])
