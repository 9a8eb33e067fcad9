"""Author lists as people paste them, turned into the outline's ``"Family, Given"`` form.

From a PubMed page people copy ``Juch JNS, Maas ET, Ostelo RWJG``; from a
reference manager ``Juch, J; Maas, E``; from a document one name a line. All
of these mean a list of persons, and a name that still looks like several
persons after that is a mistake worth flagging (``rebuttal check``).
"""

from __future__ import annotations

import re

# "Ostelo RWJG", "van Dongen JM", "Helm S 2nd": a family name, then initials (and a suffix).
_PUBMED_NAME = re.compile(
    r"^(?P<family>\S.*?)\s+(?P<initials>[A-Z]{1,4})(?P<suffix>\s+(?:Jr|Sr|2nd|3rd|II|III|IV))?$"
)
# PubMed ends its author list with a full stop: "..., Glennie A, Urquhart JC." (initials, a suffix).
_FINAL_STOP = re.compile(r"(\s[A-Z]{1,4}(?:\s+(?:Jr|Sr|2nd|3rd|II|III|IV))?)\.\s*$")
_ET_AL = re.compile(r"^(et\s+al\.?|and\s+others)$", re.IGNORECASE)


def parse_authors(text: str) -> list[str]:
    """The persons (and groups) in ``text``, each as ``"Family, Given"`` (a group stays as written)."""
    text = text.strip()
    if not text:
        return []
    if "\n" in text:
        parts = text.splitlines()
    elif ";" in text:
        parts = text.split(";")
    elif text.count(",") == 1 and not _all_pubmed(text.split(",")):
        parts = [text]  # "Smith, John": one person written Family, Given
    else:
        parts = text.split(",")
    names = [_one(part) for part in parts]
    return [name for name in names if name and not _ET_AL.match(name)]


def split_author(author: str) -> tuple[str, str]:
    """``"Wang, X"`` -> ``("Wang", "X")``; a name without a comma is corporate."""
    if "," in author:
        family, given = author.split(",", 1)
        return family.strip(), given.strip()
    return author.strip(), ""


def _all_pubmed(parts: list[str]) -> bool:
    return all(_PUBMED_NAME.match(_undot(part.strip())) for part in parts if part.strip())


def _undot(part: str) -> str:
    """``Eloubeidi M.A.`` -> ``Eloubeidi MA``; ``Urquhart JC.`` (PubMed's full stop) -> ``Urquhart JC``."""
    if _looks_dotted(part):
        return re.sub(r"\b([A-Z])\.\s*(?=[A-Z]\.|$)", r"\1", part).rstrip(".")
    return _FINAL_STOP.sub(r"\1", part)


def _one(part: str) -> str:
    part = " ".join(_undot(part.strip()).split())
    if not part or "," in part:
        family, _, given = part.partition(",")
        return f"{family.strip()}, {given.strip()}" if given.strip() else family.strip()
    match = _PUBMED_NAME.match(part)
    if match:
        given = match.group("initials") + (match.group("suffix") or "")
        return f"{match.group('family')}, {given}"
    return part  # a group author ("GBD 2021 Collaborators") or a single name


def _looks_dotted(part: str) -> bool:
    """``Eloubeidi M.A.``: initials with dots."""
    return bool(re.search(r"\b[A-Z]\.\s*[A-Z]?\.?\s*$", part.strip()))


def printed(authors: list[str]) -> str:
    """The list as a reference prints it: ``Juch JNS, Maas ET, Ostelo RWJG``."""
    shown = []
    for author in authors:
        family, _, given = author.partition(",")
        initials, suffix = "", ""
        for word in given.split():
            if word in ("Jr", "Sr", "2nd", "3rd", "II", "III", "IV"):
                suffix = f" {word}"
            elif word.isalpha() and word.isupper():
                initials += word
            else:
                initials += word[0].upper()
        shown.append(f"{family.strip()} {initials}{suffix}".strip())
    return ", ".join(shown)


def not_one_person(author: str) -> str:
    """Why ``author`` (one entry of the list) cannot be a single person, or ''."""
    family, _, given = author.partition(",")
    if "," in given:
        return "holds several names separated by commas (paste them as PubMed prints them, or one a line)"
    if ";" in author:
        return "holds several names separated by ;"
    if _PUBMED_NAME.match(family.strip()) and given.strip():
        return f"'{family.strip()}' already ends in initials: two persons run together?"
    whole = _PUBMED_NAME.match(author.strip()) if not given.strip() else None
    if whole and _PUBMED_NAME.match(whole.group("family")):
        return "has two sets of initials: two persons run together?"
    if re.search(r"\s(and|&)\s", author):
        return "joins two names with 'and'"
    if family.strip().endswith(".") and not given.strip():
        return "ends in a full stop (PubMed's, pasted with the list?): remove it"
    if family.strip().endswith("."):
        return "has a family name ending in a full stop (PubMed's, pasted with the list?): remove it"
    return ""
