"""PubMed's MEDLINE format (``.nbib`` / "Save as PubMed format")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.importers.common import date_parts, parse_name

_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- (.*)$")


def read_medline(text: str, path: Path) -> list[tuple[dict[str, Any], int | None]]:
    """One item per ``PMID-`` record; FAU (full names) preferred over AU (initials)."""
    records: list[tuple[list[tuple[str, str]], int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _TAG.match(line)
        if match:
            tag, value = match.groups()
            if tag == "PMID" or not records:
                records.append(([], number))
            records[-1][0].append((tag, value.strip()))
        elif line.startswith("      ") and records and records[-1][0]:
            tag, value = records[-1][0][-1]
            records[-1][0][-1] = (tag, f"{value} {line.strip()}")
        else:
            raise RebuttalError(f"not a MEDLINE line: {line.strip()[:40]!r}", file=path, line=number)
    return [(_item(fields), line) for fields, line in records]


def _journal_title(title: str) -> str:
    """``BMJ (Clinical research ed.)`` -> ``BMJ``: the NLM catalogue's qualifier is not the
    journal's name, and it would be printed in a letter's "published in {article.journal}"."""
    return re.sub(r"\s*\([^()]*\)$", "", title).strip()


def _item(fields: list[tuple[str, str]]) -> dict[str, Any]:
    first: dict[str, str] = {}
    for tag, value in fields:
        first.setdefault(tag, value)
    full = [value for tag, value in fields if tag == "FAU"]
    short = [value for tag, value in fields if tag == "AU"]
    authors = [parse_name(name) for name in (full or short)]
    authors += [{"literal": value} for tag, value in fields if tag == "CN"]
    year, month, day = ([*first.get("DP", "").split(), "", "", ""])[:3]
    item: dict[str, Any] = {
        "type": "article-journal",
        "title": first.get("TI", ""),
        "author": authors,
        "container-title": _journal_title(first.get("JT", "")),
        "container-title-short": first.get("TA", ""),
        "issued": date_parts(year, month.split("-")[0], day),
        "volume": first.get("VI", ""),
        "issue": first.get("IP", ""),
        "page": first.get("PG", ""),
        "PMID": first.get("PMID", ""),
        "PMCID": first.get("PMC", ""),
    }
    for tag, value in fields:
        if tag in ("LID", "AID") and value.endswith("[doi]"):
            item["DOI"] = value[: -len("[doi]")].strip()
            break
    return item
