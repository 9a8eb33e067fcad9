"""What every importer shares: names, dates, identifiers and the final checks.

Importers turn a file into raw CSL-JSON items; :func:`finish_items` then
normalises and validates them all the same way, so an entry without a title
or a year, or with a malformed DOI or PMID, is one located error whatever
the format.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError

MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd", "4th"}
_INITIALS = re.compile(r"[A-Z]{1,4}")
_CORPORATE = re.compile(
    r"\b(Department|Society|Group|Organi[sz]ation|Institute|Association|Committee|Agency|Council|"
    r"University|Services|Collaboration|Consortium|Foundation|Ministry|Centre|Center)\b"
)


def parse_name(text: str) -> dict[str, str]:
    """A person from ``"Wang, Xiaoqin"``, ``"Xiaoqin Wang"``, ``"Wang X"`` or ``"Helm, II, S"``.

    A name without a comma that is long or sounds like a body is corporate (``literal``).
    """
    text = " ".join(text.split())
    if "," in text:
        parts = [part.strip() for part in text.split(",")]
        family, rest = parts[0], [p for p in parts[1:] if p]
        suffix = ""
        if len(rest) == 2 and rest[0].lower() in SUFFIXES:  # BibTeX "von Last, Jr, First"
            suffix, rest = rest[0], rest[1:]
        elif len(rest) == 2 and rest[1].lower() in SUFFIXES:
            suffix, rest = rest[1], rest[:1]
        given = rest[0] if rest else ""
        words = given.split()
        if not suffix and len(words) > 1 and words[-1].lower() in SUFFIXES:
            suffix, given = words[-1], " ".join(words[:-1])
        return _person(family, given, suffix)
    words = text.split()
    if len(words) > 3 or _CORPORATE.search(text):
        return {"literal": text}  # "U.S. Department of Health and Human Services"
    suffix = ""
    if len(words) > 2 and words[-1].lower() in SUFFIXES:
        suffix, words = words[-1], words[:-1]
    if len(words) >= 2 and _INITIALS.fullmatch(words[-1]):
        # MEDLINE's "Wang X" / "Florez ID": family first, initials last.
        return _person(" ".join(words[:-1]), words[-1], suffix)
    if len(words) >= 2:
        return _person(words[-1], " ".join(words[:-1]), suffix)
    return {"literal": text}


def _person(family: str, given: str, suffix: str) -> dict[str, str]:
    person = {"family": family, "given": given.strip()}
    if suffix:
        person["suffix"] = suffix
    if not person["given"]:
        del person["given"]
    return person


def date_parts(year: Any, month: Any = None, day: Any = None) -> dict[str, Any] | None:
    """``{"date-parts": [[2025, 2, 19]]}`` from loose pieces (``"Feb"``, ``"02"``...), or None."""
    match = re.search(r"\d{4}", str(year or ""))
    if not match:
        return None
    parts = [int(match.group())]
    month_number = month_of(month)
    if month_number:
        parts.append(month_number)
        day_match = re.fullmatch(r"\s*(\d{1,2})\s*", str(day or ""))
        if day_match and 1 <= int(day_match.group(1)) <= 31:
            parts.append(int(day_match.group(1)))
    return {"date-parts": [parts]}


def month_of(value: Any) -> int | None:
    """``"Feb"``, ``"february"``, ``"2"`` or ``2`` -> 2; anything else -> None."""
    text = str(value or "").strip().lower().rstrip(".")
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(text[:3]) if text[:3] in MONTHS else None


def clean_doi(value: Any) -> str:
    """A bare DOI: ``https://doi.org/10.1/x`` and ``doi:10.1/x`` -> ``10.1/x``."""
    text = str(value or "").strip()
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.IGNORECASE).strip()


def make_key(item: dict[str, Any], taken: set[str]) -> str:
    """``wang2025`` (then ``wang2025b``...) from the first author and the year."""
    first = (item.get("author") or [{}])[0]
    name = first.get("family") or item.get("title") or "ref"
    if first.get("literal"):
        # A body is known by its initials: "U.S. Department of Health" -> "usdh".
        name = "".join(re.findall(r"(?<![\w.])[A-Z]|(?<=\.)[A-Z]", str(first["literal"])))
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z]", "", ascii_name.lower().split()[0] if ascii_name.split() else "") or "ref"
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    stem += str(parts[0][0]) if parts and parts[0] else ""
    key, letter = stem, ord("b")
    while key in taken:
        key, letter = f"{stem}{chr(letter)}", letter + 1
    taken.add(key)
    return key


def finish_items(raw: list[tuple[dict[str, Any], int | None]], path: Path) -> list[dict[str, Any]]:
    """Normalise and validate imported items (each with the line it started on)."""
    from rebuttal.outline import article_problem
    from rebuttal.references import year_of

    taken: set[str] = set()
    items = []
    for number, (item, line) in enumerate(raw, start=1):
        item = {name: value for name, value in item.items() if value not in (None, "", [], {})}
        label = f"entry '{item['id']}'" if item.get("id") else f"entry {number}"
        title = str(item.get("title", "")).strip()
        if title.endswith(".") and not title.endswith(".."):
            title = title[:-1]  # PubMed and RIS titles end with a period the style adds again.
        if not title:
            raise RebuttalError(f"{label} has no title", file=path, line=line, field="title")
        item["title"] = title
        if year_of(item) is None:
            raise RebuttalError(f"{label} has no year", file=path, line=line, field="issued")
        for name, field in (("DOI", "doi"), ("PMID", "pmid")):
            if name in item:
                item[name] = clean_doi(item[name]) if name == "DOI" else str(item[name]).strip()
                problem = article_problem(field, item[name])
                if problem:
                    raise RebuttalError(f"{label}: {problem[1]}", file=path, line=line, field=name)
        item.setdefault("type", "article-journal")
        key = str(item.get("id") or "").strip()
        if not key or key in taken:
            key = make_key(item, taken)
        taken.add(key)
        item["id"] = key
        items.append(item)
    if not items:
        raise RebuttalError("no references found in this file", file=path)
    return items
