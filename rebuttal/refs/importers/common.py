"""What every importer shares: names, dates, identifiers and the final checks.

Importers turn a file into raw CSL-JSON items; :mod:`rebuttal.refs.importers.finish`
then normalises and validates them all the same way, whatever the format.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from typing import Any

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
# "X", "ID", "M.A.", "J.-P.": initials as MEDLINE, RIS and Scopus write them after the family name.
_INITIALS = re.compile(r"(?:[A-Z]\.?-?){1,4}")
# Words only a body's name holds (an agency written as one field: "Public Health England", "NHS England",
# "Joint Commission", "Health Canada"), in the singular or plural.
_CORPORATE = re.compile(
    r"\b(Department|Society|Group|Organi[sz]ation|Institute|Association|Committee|Agency|Agencies|Council|"
    r"University|Universities|Service|Collaboration|Consortium|Foundation|Ministry|Centre|Center|Health|"
    r"Commission|Board|Authority|Office|College|Academy|Network|Trust|Alliance|Federation|Administration|"
    r"Bureau|Panel|Initiative|Government|Force|NHS|Collaborators|Investigators)s?\b"
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
    initials = len(words)
    while initials > 1 and _INITIALS.fullmatch(words[initials - 1]):
        initials -= 1
    if 1 <= initials < len(words):
        # MEDLINE's "Wang X" / "Florez ID", Scopus's "Eloubeidi M.A.": family first, initials last.
        return _person(" ".join(words[:initials]), " ".join(words[initials:]), suffix)
    if len(words) >= 2:
        return _person(words[-1], " ".join(words[:-1]), suffix)
    return {"literal": text}


def initials_only(word: str) -> bool:
    """True for ``"X"``, ``"JA"``, ``"M.A."``: a word that is only initials."""
    return bool(_INITIALS.fullmatch(word))


def _person(family: str, given: str, suffix: str) -> dict[str, str]:
    if not family.strip():
        # ", Xiaoqin": no family name to sort or cite by; the name is kept as written.
        return {"literal": " ".join(part for part in (given.strip(), suffix) if part) or "?"}
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
        if day_match and 1 <= int(day_match.group(1)) <= calendar.monthrange(parts[0], month_number)[1]:
            parts.append(int(day_match.group(1)))
    return {"date-parts": [parts]}


def date_range_parts(text: str) -> dict[str, Any] | None:
    """``2017-11-09/2017-11-12`` (BibLaTeX, ISO 8601) -> a CSL date range; one date -> that date."""
    ends = [end for end in str(text or "").strip().split("/") if end.strip()]
    parsed = [date_parts(*[*end.strip().split("-"), "", ""][:3]) for end in ends[:2]]
    if not parsed or any(part is None for part in parsed):
        return None
    return {"date-parts": [part["date-parts"][0] for part in parsed if part]}


def month_of(value: Any) -> int | None:
    """``"Feb"``, ``"february"``, ``"2"`` or ``2`` -> 2; anything else -> None."""
    text = str(value or "").strip().lower().rstrip(".")
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return MONTHS.get(text[:3]) if text[:3] in MONTHS else None


def make_key(item: dict[str, Any], taken: set[str]) -> str:
    """``wang2025`` (then ``wang2025b``...) from the first author and the year."""
    from rebuttal.refs.bibliography import year_of

    authors = item.get("author")
    first = authors[0] if isinstance(authors, list) and authors and isinstance(authors[0], dict) else {}
    name = first.get("family") or item.get("title") or item.get("container-title") or "ref"
    if first.get("literal"):
        # A body is known by its initials: "U.S. Department of Health" -> "usdh".
        name = "".join(re.findall(r"(?<![\w.])[A-Z]|(?<=\.)[A-Z]", str(first["literal"])))
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z]", "", ascii_name.lower().split()[0] if ascii_name.split() else "") or "ref"
    year = year_of(item)
    stem += str(year) if year is not None and 0 <= year <= 9999 else ""
    key, letter = stem, ord("b")
    while key in taken:
        key, letter = f"{stem}{chr(letter)}", letter + 1
    taken.add(key)
    return key


_SEASONS = {"spring", "summer", "autumn", "fall", "winter"}


def parse_date_text(text: str) -> dict[str, Any] | None:
    """``"July 2019"``, ``"2019-07-13"``, ``"13 Jul 2019"`` -> date-parts; None unless one meaning.

    One four-digit year, at most one month (by name or in an ISO date) and a day
    only with a month; a season is dropped ("Spring 2019" is 2019). Anything
    else (two years, an unknown word) has more than one reading or none.
    """
    text = str(text).strip()
    iso = re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:T[\d:.Z+-]*)?", text)
    if iso:
        parsed = date_parts(*iso.groups())
        given = len([part for part in iso.groups() if part])
        return parsed if parsed and len(parsed["date-parts"][0]) == given else None  # not 2017-02-30
    tokens = re.findall(r"[A-Za-z]+|\d+|[^\sA-Za-z\d,.]", text)
    years = [token for token in tokens if token.isdigit() and len(token) == 4]
    months = [token for token in tokens if token.lower().rstrip(".") in MONTHS]
    days = [token for token in tokens if token.isdigit() and len(token) <= 2]
    others = [token for token in tokens
              if token not in years + months + days and token.lower() not in _SEASONS]
    if len(years) != 1 or len(months) > 1 or len(days) > (1 if months else 0) or others:
        return None
    parsed = date_parts(years[0], months[0] if months else None, days[0] if days else None)
    return parsed if parsed and len(parsed["date-parts"][0]) == 1 + len(months) + len(days) else None


# Preprint servers as references name them, keyed by how exports spell them: MEDLINE's journal
# title ("medRxiv : the preprint server for health sciences"), Crossref's "SSRN Electronic
# Journal", arXiv's own "ArXiv" and BibLaTeX's lower-case ``eprinttype`` ("arxiv").
PREPRINT_SERVERS = {
    **{name.lower(): name for name in (
        "medRxiv", "bioRxiv", "arXiv", "SSRN", "Research Square", "Preprints.org", "ChemRxiv",
        "PsyArXiv", "SocArXiv", "EdArXiv", "OSF Preprints", "TechRxiv", "Authorea",
        "SciELO Preprints", "Preprints with The Lancet", "Qeios")},
    "ssrn electronic journal": "SSRN", "res sq": "Research Square", "preprints": "Preprints.org",
    "open science framework": "OSF Preprints", "authorea preprints": "Authorea",
}
# Servers whose records may not name them (Crossref's SSRN and Preprints.org records; DataCite's
# arXiv), by their DOI prefixes, which no journal shares (10.1101, bioRxiv's and medRxiv's, is
# also Cold Spring Harbor's journals', so it is not here).
PREPRINT_DOI_PREFIXES = {
    "10.2139": "SSRN", "10.21203": "Research Square", "10.20944": "Preprints.org", "10.26434": "ChemRxiv",
    "10.31219": "OSF Preprints", "10.31234": "PsyArXiv", "10.31235": "SocArXiv", "10.35542": "EdArXiv",
    "10.36227": "TechRxiv", "10.48550": "arXiv", "10.22541": "Authorea",
}


def preprint_server(name: Any) -> str | None:
    """``"medRxiv : the preprint server for health sciences"`` -> ``"medRxiv"``; None for a name that
    is no preprint server's (a journal's)."""
    if not isinstance(name, str):
        return None
    text = " ".join(name.split()).strip(" .").lower()
    return PREPRINT_SERVERS.get(text) or PREPRINT_SERVERS.get(text.split(" : ")[0].split(": ")[0].strip())


def preprint_server_of_doi(doi: Any) -> str | None:
    """The server that registers DOIs with ``doi``'s prefix (``10.2139/ssrn.123`` -> SSRN), or None."""
    prefix = str(doi or "").strip().split("/", 1)[0]
    return PREPRINT_DOI_PREFIXES.get(prefix) if "/" in str(doi or "") else None


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth")
_EDITION = re.compile(r"(\d+)\s*(?:st|nd|rd|th)?(?:\s*(?:ed|edn|edition|éd|aufl)\.?)?", re.IGNORECASE)


def edition_number(text: Any) -> str:
    """``"2nd"``, ``"2nd ed."``, ``"Second"``, ``"second edition"`` -> ``"2"``, the number a style prints
    as "2nd ed."; an edition that is no number ("Rev ed") is kept as written."""
    value = " ".join(str(text or "").split()).strip(" .")
    match = _EDITION.fullmatch(value)
    if match:
        return match.group(1)
    words = value.lower().split()
    edition_word = len(words) == 1 or (len(words) == 2 and words[1].rstrip(".") in ("ed", "edn", "edition"))
    if words and words[0] in _ORDINALS and edition_word:
        return str(_ORDINALS.index(words[0]) + 1)
    return value


# A thesis's kind as Citing Medicine words it ("[dissertation]", "[master's thesis]"; AMA and the BMJ
# capitalise it themselves), from what exports write: Zotero's "PhD Thesis", EndNote's "Ph.D.", BibLaTeX's
# "phdthesis" key. Anything else ("Habilitation") is kept as written.
_THESIS_KINDS = {
    "dissertation": ("dissertation", "doctoral dissertation", "phd dissertation", "phd thesis", "phd",
                     "doctoral thesis", "doctoral", "phdthesis", "ph.d. thesis", "ph.d. dissertation",
                     "ph.d"),
    "master's thesis": ("master's thesis", "masters thesis", "master thesis", "msc thesis", "ma thesis",
                        "mastersthesis", "m.sc. thesis", "master's", "masters", "msc", "m.sc", "ma", "mphil"),
}
_THESIS_GENRE = {written: genre for genre, spellings in _THESIS_KINDS.items() for written in spellings}


def thesis_genre(text: Any) -> str:
    """``"PhD Thesis"`` -> ``"dissertation"``, ``"Masters thesis"`` -> ``"master's thesis"``."""
    value = " ".join(str(text or "").split())
    return _THESIS_GENRE.get(value.lower().replace("’", "'").rstrip("."), value)


def meeting_genre(text: Any) -> str:
    """What a meeting presentation was, as the styles word it ("Poster presented at: ..."): ``poster`` or
    ``abstract`` from an export's type ("Poster", "Poster session", "Published abstract"); any other
    ("Conference paper", "Oral presentation") is the styles' default, a paper: ``""``."""
    value = str(text or "").lower()
    return "poster" if "poster" in value else "abstract" if "abstract" in value else ""
