"""RIS (EndNote, Zotero, Mendeley, journal "download citation" links)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.importers.common import date_parts, parse_name

_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
TYPES = {
    "JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal",
    "BOOK": "book", "CHAP": "chapter", "RPRT": "report", "GOVDOC": "report",
    "ELEC": "webpage", "WEB": "webpage", "CONF": "paper-conference", "CPAPER": "paper-conference",
    "THES": "thesis",
}


def read_ris(text: str, path: Path) -> list[tuple[dict[str, Any], int | None]]:
    """One item per ``TY`` ... ``ER`` record."""
    items: list[tuple[dict[str, Any], int | None]] = []
    fields: list[tuple[str, str]] | None = None
    start = 0
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line.rstrip())
        if not match:
            raise RebuttalError(f"not an RIS line: {line.strip()[:40]!r}", file=path, line=number)
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            fields, start = [(tag, value)], number
        elif fields is None:
            raise RebuttalError(f"'{tag}' before the first 'TY'", file=path, line=number)
        elif tag == "ER":
            items.append((_item(fields), start))
            fields = None
        else:
            fields.append((tag, value))
    if fields is not None:
        raise RebuttalError("the last record has no 'ER' line", file=path, line=start)
    return items


def _item(fields: list[tuple[str, str]]) -> dict[str, Any]:
    first: dict[str, str] = {}
    for tag, value in fields:
        first.setdefault(tag, value)
    kind = TYPES.get(first.get("TY", ""), "article-journal")
    authors = [parse_name(value) for tag, value in fields if tag in ("AU", "A1")]
    editor_tags = ("ED", "A2") if kind != "article-journal" else ("ED",)
    editors = [parse_name(value) for tag, value in fields if tag in editor_tags]
    date = (first.get("DA") or first.get("PY") or first.get("Y1") or "").split("/")
    journal = first.get("JF") or first.get("T2") or first.get("JO", "")
    short = first.get("J2") or first.get("JA") or first.get("JO", "")
    pages = first.get("SP", "")
    if pages and first.get("EP"):
        pages = f"{pages}-{first['EP']}"
    item: dict[str, Any] = {
        "type": kind,
        "title": first.get("TI") or first.get("T1", ""),
        "author": authors,
        "editor": editors,
        "container-title": journal if kind != "report" else "",
        "container-title-short": short if kind == "article-journal" else "",
        "issued": date_parts(*([*date, "", "", ""])[:3]),
        "volume": first.get("VL", ""),
        "issue": first.get("IS", ""),
        "page": pages,
        "DOI": first.get("DO", ""),
        "URL": first.get("UR", ""),
        "publisher": first.get("PB", ""),
        "publisher-place": first.get("CY", ""),
    }
    if first.get("ID"):
        item["id"] = first["ID"]
    accession = first.get("AN", "")
    if accession.isdigit():
        item["PMID"] = accession
    return item
