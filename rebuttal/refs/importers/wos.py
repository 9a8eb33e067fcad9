"""Web of Science "plain text" exports (``FN Clarivate Analytics Web of Science``).

Two-letter tags and a space, continuation lines indented by three spaces (one
author or keyword a line), records ending at ``ER``. ``PT`` says journal, book or
series; ``DT`` says more (a proceedings paper, with its meeting in ``CT``/``CY``/``CL``;
a meeting abstract, its number in ``MA``; a retracted or early-access article). Reference managers call
these files ``.txt`` or even ``.ris``; the RIS reader hands them over here.
"""

from __future__ import annotations

import re
from typing import Any

from rebuttal.designs import design_of
from rebuttal.refs.importers.common import date_parts, parse_name
from rebuttal.refs.importers.finish import RawEntry

_LINE = re.compile(r"^([A-Z][A-Z0-9]) (.*)$")
TYPES = {"J": "article-journal", "B": "book", "S": "chapter", "P": "patent", "C": "paper-conference"}
# The document type (DT, its first part: "Article; Proceedings Paper") where it says more than PT: a paper
# in proceedings published as a book (PT B or S), a book's chapter, an abstract of a meeting.
DOCUMENT_TYPES = {"proceedings paper": "paper-conference", "book chapter": "chapter", "book": "book"}
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
                "with"}


def is_wos(text: str) -> bool:
    """True for a Web of Science export: it starts with its ``FN`` (file name) line."""
    return text.lstrip("\ufeff \r\n").startswith("FN ")


def read_wos(text: str) -> list[RawEntry]:
    """One item per record (``PT`` ... ``ER``)."""
    items: list[RawEntry] = []
    fields: list[list[str]] | None = None
    start = 0
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        if line.rstrip() in ("ER", "EF"):
            if fields:
                items.append((_item(fields), start))
            fields = None
            continue
        match = _LINE.match(line)
        if (match and match.group(1) == "PT") or (match and fields is not None):
            if fields is None:
                fields, start = [], number
            fields.append([match.group(1), match.group(2).strip()])
        elif fields and line[:1].isspace():
            fields[-1].append(line.strip())
    if fields:
        items.append((_item(fields), start))
    return items


def _item(fields: list[list[str]]) -> dict[str, Any]:
    values = {tag: parts for tag, *parts in reversed(fields)}

    def text(tag: str) -> str:
        return " ".join(values.get(tag, []))

    people = values.get("AF") or values.get("AU") or []
    month_day = text("PD").split()
    pages = text("BP")
    if pages and text("EP") and text("EP") != pages:
        pages = f"{pages}-{text('EP')}"
    keywords = [word.strip() for tag in ("DE", "ID") for word in text(tag).split(";") if word.strip()]
    documents = [part.strip().lower() for part in text("DT").split(";") if part.strip()]
    kind = TYPES.get(text("PT"), "article-journal")
    if kind != "article-journal" or "book chapter" in documents:
        kind = next((DOCUMENT_TYPES[part] for part in documents if part in DOCUMENT_TYPES), kind)
    source = _title_case(text("SO"))
    item: dict[str, Any] = {
        "type": kind,
        "title": text("TI"),
        "author": [parse_name(person) for person in people if person.strip()],
        "editor": [parse_name(person) for person in values.get("BE", []) if person.strip()],
        "container-title": "" if kind == "book" else source,
        "container-title-short": text("JI"),
        "collection-title": text("SE") if kind != "article-journal" else "",
        "issued": date_parts(text("PY"), *month_day[:2]),
        "volume": text("VL"),
        "issue": text("IS"),
        "supplement-number": text("SU").removeprefix("S").removeprefix("s").strip() or "",
        "page": pages or text("AR"),
        "DOI": text("DI"),
        "PMID": text("PM"),
        "publisher": text("PU"),
        "publisher-place": _title_case(text("PI")) if kind != "article-journal" else "",
        "abstract": text("AB"),
        "keyword": "; ".join(dict.fromkeys(keywords)),
        "_design": design_of(part.strip() for part in text("DT").split(";")),
    }
    if kind == "paper-conference" or "meeting abstract" in documents:
        item["event-title"] = text("CT")
        item["event-date"] = _meeting_date(text("CY"))
        item["event-place"] = text("CL")
    if "meeting abstract" in documents:
        item.update({"genre": "abstract", "number": text("MA")})  # MA: the abstract's number
    if "retracted publication" in documents:
        item["status"] = "retracted"
    early = date_parts(*(text("EA").split()[::-1] or [""]))  # "EA JAN 2021": published online (Early Access)
    if early and "early access" in documents:
        item["available-date"] = early
    return item


def _title_case(value: str) -> str:
    """Web of Science's capitals as a title: ``7TH CONFERENCE ON PAIN`` -> ``7th Conference on Pain``."""
    if not value.isupper():
        return value
    words = value.lower().split(" ")
    return " ".join(word if index and word in _SMALL_WORDS else word[:1].upper() + word[1:]
                    for index, word in enumerate(words))


_MEETING_DATE = re.compile(r"([A-Z]{3})\s+(\d{1,2})(?:\s*-\s*(?:([A-Z]{3})\s+)?(\d{1,2}))?,\s*(\d{4})")


def _meeting_date(text: str) -> dict[str, Any] | None:
    """``FEB 21-23, 2005`` or ``NOV 30-DEC 02, 2017`` (a meeting's CY) as a CSL date (range)."""
    match = _MEETING_DATE.fullmatch(text.strip().upper())
    if not match:
        return date_parts(text) if re.search(r"\d{4}", text) else None
    month, day, end_month, end_day, year = match.groups()
    start = date_parts(year, month, day)
    end = date_parts(year, end_month or month, end_day) if end_day else None
    if start and end and end != start:
        return {"date-parts": [start["date-parts"][0], end["date-parts"][0]]}
    return start
