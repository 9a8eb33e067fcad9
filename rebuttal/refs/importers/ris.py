"""RIS (EndNote, Zotero, Mendeley, Scopus, Ovid, ProQuest, journal "download citation" links).

Read as leniently as the exports are written: lines outside a ``TY`` ... ``ER``
record (``Provider:``, ``Export Date:``, ``1.`` numbering) are ignored, an
untagged line inside a record continues the tag before it (wrapped URLs,
one keyword a line), and ``ER`` may stand alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rebuttal.designs import design_of
from rebuttal.refs.identifiers import doi_in
from rebuttal.refs.importers.common import date_parts, edition_number, meeting_genre, parse_name
from rebuttal.refs.importers.finish import RawEntry

_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,3}-(?:\s?(.*))?$")
_END = re.compile(r"^ER\s*(-.*)?$")
TYPES = {
    "JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal",
    "MGZN": "article-magazine", "NEWS": "article-newspaper", "BOOK": "book", "EBOOK": "book",
    "CHAP": "chapter", "ECHAP": "chapter", "RPRT": "report", "GOVDOC": "report", "ELEC": "webpage",
    "WEB": "webpage", "BLOG": "post-weblog", "CONF": "paper-conference", "CPAPER": "paper-conference",
    "THES": "thesis", "DATA": "dataset", "COMP": "software", "PAT": "patent", "UNPB": "manuscript",
    "EDBOOK": "book", "DBASE": "dataset", "STAND": "report", "SLIDE": "paper-conference",
}
# What a tag means for a kind of work where it is not what it means for an article, as EndNote's RIS
# reference and Zotero's RIS translator both write it: a book's T2 is its series and its SP its number
# of pages, a report's SN its number, ET a book's edition but a data set's version (an article's Epub
# date, below). Editors: A2 is a chapter's or proceedings' editor but a book's or report's series
# editor (a book's editor is A3, or A2 in a book without A3, as Citavi and Scopus write it; an edited
# book, EDBOOK, has its editors as AU).
KIND_TAGS: dict[str, dict[str, str]] = {
    "book": {"T2": "collection-title", "M1": "collection-number", "ET": "edition", "SP": "number-of-pages"},
    "chapter": {"T3": "collection-title", "SV": "collection-number", "ET": "edition"},
    "paper-conference": {"T3": "collection-title", "ET": "edition"},
    "report": {"T2": "collection-title", "NV": "collection-number", "SN": "number", "M1": "number",
               "M3": "genre", "ET": "edition"},
    "thesis": {"M3": "genre", "SP": "number-of-pages"},
    "dataset": {"T3": "collection-title", "ET": "version", "NV": "number"},
    "software": {"ET": "version"},
}
_EDITOR_TAGS = {"chapter": ("ED", "A2"), "paper-conference": ("ED", "A2"), "book": ("ED", "A3")}
_SERIALS = ("article-journal", "article-magazine", "article-newspaper")
_JOINED = {"UR", "L1", "L2", "L3", "L4", "DO", "LK"}  # a wrapped URL continues without a space
_MEDLINE_SOURCES = re.compile(r"pubmed|medline|\bnlm\b", re.IGNORECASE)


def read_ris(text: str, path: Path) -> list[RawEntry]:
    """One item per ``TY`` ... ``ER`` record (or Web of Science record, for its exports)."""
    from rebuttal.refs.importers.wos import is_wos, read_wos

    if is_wos(text):
        return read_wos(text)
    items: list[RawEntry] = []
    fields: list[list[str]] | None = None
    start = 0
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if _END.match(stripped):
            if fields is not None:
                items.append((_item(fields), start))
            fields = None
            continue
        match = _LINE.match(line.rstrip())
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag == "TY":
                if fields is not None:
                    items.append((_item(fields), start))  # A record that never had its ER.
                fields, start = [], number
            if fields is not None:
                fields.append([tag, value])
        elif fields is not None and fields:
            fields[-1].append(stripped)  # A continuation of the tag before.
    if fields is not None:
        items.append((_item(fields), start))
    return items


def _value(tag: str, parts: list[str]) -> str:
    return ("" if tag in _JOINED else " ").join(part for part in parts if part)


def _item(fields: list[list[str]]) -> dict[str, Any]:
    first: dict[str, str] = {}
    for tag, *parts in fields:
        if tag not in first or not first[tag]:
            first[tag] = _value(tag, parts)
    kind = TYPES.get(first.get("TY", "").upper(), "article-journal")
    own = KIND_TAGS.get(kind, {})
    slide = first.get("TY", "").upper() == "SLIDE"  # Zotero's presentation: its presenters are A2
    author_tags = ("AU", "A1", "A2") if slide else ("AU", "A1")
    authors = [parse_name(value) for tag, value, *_ in fields if tag in author_tags and value.strip(" ;,")]
    editor_tags = ("ED",) if slide else _EDITOR_TAGS.get(kind, ("ED",))
    if kind == "book" and not any(tag in ("ED", "A3") for tag, *_ in fields):
        editor_tags = ("ED", "A2")  # Citavi's and Scopus's books name their editors A2
    editors = [parse_name(value) for tag, value, *_ in fields if tag in editor_tags and value.strip()]
    if first.get("TY", "").upper() == "EDBOOK":
        authors, editors = [], authors + editors
    # EndNote's WEB: DA is the page's "Last Update Date", not its date.
    updated = first.get("DA", "") if first.get("TY", "").upper() == "WEB" else ""
    date = _date("" if updated else first.get("DA", ""), first.get("PY") or first.get("Y1") or "")
    journal = first.get("JF") or (first.get("T2") if "T2" not in own else "") or first.get("JO", "") \
        or first.get("BT", "")
    short = first.get("J2") or first.get("JA") or first.get("JO", "")
    pages = ("" if "SP" in own else first.get("SP", "")) or first.get("C7", "")  # C7: an article number
    if pages and first.get("EP") and first["EP"] != pages:
        pages = f"{pages}-{first['EP']}"
    keywords = [keyword.strip() for tag, *parts in fields if tag == "KW" for part in parts
                for keyword in part.split(";") if keyword.strip()]
    item: dict[str, Any] = {
        "type": kind,
        "title": first.get("TI") or first.get("T1") or first.get("CT", ""),
        "author": [person for person in authors if person.get("family") or person.get("literal")],
        "editor": [person for person in editors if person.get("family") or person.get("literal")],
        "container-title": journal.strip(" ;") if kind != "report" else "",
        "container-title-short": short.strip(" ;") if kind == "article-journal" else "",
        "issued": date,
        "volume": first.get("VL", ""),
        "issue": first.get("IS", ""),
        "page": pages,
        "DOI": doi_in(first.get("DO", "")) or first.get("DO", ""),  # Ovid: http://dx.doi.org/10...
        "URL": first.get("UR", "").split()[0] if first.get("UR", "").split() else "",
        "publisher": first.get("PB", ""),
        "publisher-place": first.get("CY", ""),
        "abstract": first.get("AB") or first.get("N2", ""),
        "keyword": "; ".join(dict.fromkeys(keywords)),
        "_design": design_of(value for tag, value, *_ in fields if tag == "M3"),
    }
    for tag, name in own.items():
        if first.get(tag) and not item.get(name):
            item[name] = first[tag].strip(" ;")
    if item.get("edition"):
        item["edition"] = edition_number(item["edition"])
    if kind not in _SERIALS:  # Zotero dates every capture; a web page, report or data set needs it
        item["accessed"] = _date(first.get("Y2", "") or first.get("C2", ""), "")
        item["updated"] = _date(updated, "") if updated else None
    epub = re.fullmatch(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})/?", first.get("ET", "").strip())
    if kind == "article-journal" and epub:
        item["available-date"] = date_parts(*epub.groups())  # EndNote's "Epub Date" (its ET for articles)
    if kind == "paper-conference":
        _conference(item, first)
    if re.search(r"[A-Za-z]", first.get("ID", "")):
        item["id"] = first["ID"]  # A citation key; EndNote's and Rayyan's record numbers are not
    accession = first.get("AN", "")
    sources = " ".join(value for tag, value, *_ in fields if tag in ("DB", "DP"))
    if accession.isdigit() and len(accession) <= 8 and _MEDLINE_SOURCES.search(sources):
        item["PMID"] = accession  # Elsewhere AN is the database's own accession number.
    return item


def _conference(item: dict[str, Any], first: dict[str, str]) -> None:
    """A meeting's name, place and date in a ``CONF``/``CPAPER`` record.

    EndNote writes the conference's name in ``T2``, its place in ``CY`` and its
    date in ``DA``; Zotero writes the proceedings' title in ``C3`` (``T2`` then is
    the conference). Both put the place of publication in ``C1``; an export
    without ``C1`` (ProCite's, Springer's) has it in ``CY`` when there is a ``PB``.
    A ``T2`` that says "Proceedings" is the proceedings' title. Zotero writes a
    presentation (a poster) as ``SLIDE``: ``T2`` its meeting, ``M3`` its type.
    """
    name = first.get("T2") or first.get("BT") or ""
    proceedings = first.get("C3", "")
    if not proceedings and re.match(r"(?i)proc(eedings|\.)", name):
        proceedings, name = name, ""
    item["container-title"] = proceedings.strip(" ;")
    item["event-title"] = name.strip(" ;")
    item["genre"] = meeting_genre(first.get("M3", ""))  # Zotero's presentation type, EndNote's "Type"
    if first.get("C1"):  # Zotero's and EndNote's place of publication; CY then is the meeting's
        item["publisher-place"] = first["C1"]
        item["event-place"] = first.get("CY", "")
    elif first.get("CY") and not first.get("PB"):
        item["event-place"] = item.pop("publisher-place")
    exact = first.get("DA", "")
    if exact and re.search(r"\d{4}", exact):
        item["event-date"] = _date(exact, "")
        item["issued"] = _date("", first.get("PY") or first.get("Y1") or exact)


def _date(exact: str, year: str) -> dict[str, Any] | None:
    """``DA`` (``2022/02/01/``, or only ``Jun`` in EndNote's exports) with ``PY`` for the year."""
    parts = [*exact.split("/"), "", "", ""]
    if re.search(r"\d{4}", parts[0]):
        return date_parts(*parts[:3])
    year_parts = [*year.split("/"), "", "", ""]
    if parts[0].strip():  # "Jun": the month of PY's year
        return date_parts(year_parts[0], parts[0], parts[1])
    return date_parts(*year_parts[:3])
