"""Web of Science "plain text" exports (``FN Clarivate Analytics Web of Science``).

Two-letter tags and a space, continuation lines indented by three spaces (one
author or keyword a line), records ending at ``ER``. Reference managers call
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
    return {
        "type": TYPES.get(text("PT"), "article-journal"),
        "title": text("TI"),
        "author": [parse_name(person) for person in people if person.strip()],
        "container-title": text("SO").title() if text("SO").isupper() else text("SO"),
        "container-title-short": text("JI"),
        "issued": date_parts(text("PY"), *month_day[:2]),
        "volume": text("VL"),
        "issue": text("IS"),
        "page": pages or text("AR"),
        "DOI": text("DI"),
        "PMID": text("PM"),
        "publisher": text("PU"),
        "abstract": text("AB"),
        "keyword": "; ".join(dict.fromkeys(keywords)),
        "_design": design_of(part.strip() for part in text("DT").split(";")),
    }
