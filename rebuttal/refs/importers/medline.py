"""PubMed's MEDLINE format (``.nbib`` / "Save as PubMed format").

A record starts at a ``PMID-`` line (unless the record being read has no
PMID yet, as when a ``PMC -`` line comes first) or at the first tag after a
blank line. A line indented by spaces continues the tag before it; any other
line that is not a tag is ignored.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rebuttal.designs import design_of
from rebuttal.refs.importers.common import date_parts, edition_number, parse_name, preprint_server
from rebuttal.refs.importers.finish import RawEntry

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- ?(.*)$")


def read_medline(text: str, path: Path) -> list[RawEntry]:
    """One item per record; FAU (full names) preferred over AU (initials)."""
    return [(_item(fields), line) for fields, line in medline_records(text)]


def medline_records(text: str) -> list[tuple[list[list[str]], int]]:
    """Each record's ``[tag, value]`` fields in order (continuation lines joined), and its first line."""
    records: list[tuple[list[list[str]], int]] = []
    after_blank = True
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            after_blank = True
            continue
        match = _TAG.match(line)
        if match:
            tag, value = match.groups()
            current = records[-1][0] if records else None
            has_pmid = current is not None and any(field[0] == "PMID" for field in current)
            if current is None or after_blank or (tag == "PMID" and has_pmid):
                records.append(([], number))
            records[-1][0].append([tag, value.strip()])
        elif line[:1].isspace() and records and records[-1][0]:
            records[-1][0][-1][1] += " " + line.strip()
        after_blank = False
    return records


def _journal_title(title: str) -> str:
    """``BMJ (Clinical research ed.)`` -> ``BMJ``: the NLM catalogue's qualifier is not the
    journal's name, and it would be printed in a letter's "published in {article.journal}"."""
    return re.sub(r"\s*\([^()]*\)$", "", title).strip()


def _keyword(term: str) -> str:
    """``Low Back Pain/*therapy`` -> ``Low Back Pain``: the MeSH heading without its qualifiers."""
    return term.split("/")[0].strip(" *")


def _publication_kind(item: dict[str, Any], fields: list[list[str]], first: dict[str, str]) -> None:
    """What the publication types and history say: a preprint, an Epub date, a retraction.

    ``PT - Preprint``: the "journal" is the server (medRxiv; named in full, PubMed's ``TA`` kept as its
    short title), the work a CSL
    ``article``, and its ``[pii]`` the server's id (``number``). ``DEP`` (or, without it,
    ``PHST - ... [epublish]``): the date it was published online (``available-date``); ``DP``
    is the issue's date (``issued``).
    ``RIN``: the notice that retracted it, which Citing Medicine prints as
    "Retraction in: ..." (CSL's ``references`` holds such notices); ``ROF``, on the
    notice itself, the article it retracts ("Retraction of: ..."). ``PT - Retracted
    Publication`` and ``PST - aheadofprint`` go to CSL's ``status`` ("retracted",
    "ahead of print"), which the styles do not print: the notice and the missing
    volume and pages say it in print.
    """
    types = {value.strip().lower() for tag, value in fields if tag == "PT"}
    if "preprint" in types:
        item["type"] = "article"
        # The server by its name ("Research Square", which AMA prints) beside PubMed's own ("Res Sq", its
        # TA, which NLM prints as PubMed does); a server not in the table keeps PubMed's name for both.
        short = item.get("container-title-short") or item.get("container-title", "")
        item["container-title"] = (preprint_server(item.get("container-title")) or preprint_server(short)
                                   or short)
        for tag, value in fields:  # the server's own id, which PubMed prints after the date
            if tag in ("LID", "AID") and value.endswith("[pii]"):
                item["number"] = value[: -len("[pii]")].strip()
                break
    published_online = first.get("DEP", "")
    if re.fullmatch(r"\d{8}", published_online):
        item["available-date"] = date_parts(published_online[:4], published_online[4:6], published_online[6:])
    else:  # No DEP: the history's "PHST- 2025/01/10 00:00 [epublish]" is the same date.
        for tag, value in fields:
            epublished = re.fullmatch(r"(\d{4})/(\d{2})/(\d{2})(?: \d{2}:\d{2})? \[epublish\]", value.strip())
            if tag == "PHST" and epublished:
                item["available-date"] = date_parts(*epublished.groups())
                break
    if "retracted publication" in types:
        item["status"] = "retracted"
    elif first.get("PST", "").strip().lower() == "aheadofprint":
        item["status"] = "ahead of print"
    labels = {"RIN": "Retraction in", "ROF": "Retraction of"}
    notices = [f"{labels[tag]}: {_without_ids(value)}" for tag, value in fields if tag in labels and value]
    if notices:
        item["references"] = " ".join(notices)  # each ends with its full stop, as PubMed prints them


def _without_ids(notice: str) -> str:
    """``J Clin Psychiatry. 2002 Feb;63(2):169. PMID: 11874223`` without the trailing identifiers."""
    return re.sub(r"(\s*(doi: \S+?|PMID: \d+)\.?)+$", "", notice.strip()).rstrip(".") + "."


def _item(fields: list[list[str]]) -> dict[str, Any]:
    first: dict[str, str] = {}
    for tag, value in fields:
        first.setdefault(tag, value)
    full = [value for tag, value in fields if tag == "FAU" and value]
    short = [value for tag, value in fields if tag == "AU" and value]
    authors = [parse_name(name) for name in (full or short)]
    authors += [{"literal": value} for tag, value in fields if tag == "CN" and value]
    year, month, day = ([*first.get("DP", "").split(), "", "", ""])[:3]
    keywords = [_keyword(value) for tag, value in fields if tag in ("OT", "MH") and _keyword(value)]
    is_book = "BTI" in first and "TA" not in first
    book = first.get("BTI", "") if is_book else ""
    item: dict[str, Any] = {
        "type": "chapter" if is_book and first.get("TI") else "book" if is_book else "article-journal",
        "title": first.get("TI") or first.get("BTI", ""),
        "author": authors,
        "editor": [parse_name(value) for tag, value in fields if tag == "FED" and value],
        "container-title": _journal_title(first.get("JT", "")) or (book if first.get("TI") else ""),
        "container-title-short": first.get("TA", ""),
        "issued": date_parts(year, month.split("-")[0], day),
        "volume": first.get("VI", ""),
        "issue": first.get("IP", ""),
        "page": first.get("PG", ""),
        "PMID": first.get("PMID", ""),
        "PMCID": first.get("PMC", ""),
        "publisher": first.get("PB", ""),
        "abstract": first.get("AB", ""),
        "keyword": "; ".join(dict.fromkeys(keywords)),
        "_design": design_of((value for tag, value in fields if tag == "PT"), first.get("TI", ""),
                             (_keyword(value) for tag, value in fields if tag == "MH")),
    }
    if is_book:  # A journal's PL is its country; a book's (NCBI Bookshelf's) is where it is published.
        item.update({"publisher-place": first.get("PL", ""), "edition": edition_number(first.get("EN", "")),
                     "collection-title": first.get("CTI", "")})
    _publication_kind(item, fields, first)
    for tag, value in fields:
        if tag in ("LID", "AID") and value.endswith("[doi]"):
            item["DOI"] = value[: -len("[doi]")].strip()
            break
    return item
