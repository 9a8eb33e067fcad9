"""BibTeX name lists: ``Last, First and {World Health Organization} and others``.

BibTeX's own rules, not guesses: a name in braces is a body (``literal``)
however many words it has, and an unbraced name is a person however many it
has (``Maria de la Cruz Lopez``); ``and others`` is "et al.", never an author
called Others (CSL-JSON has no way to say "et al.", so it is dropped and the
style abbreviates as it does for any long list).
"""

from __future__ import annotations

import re

from rebuttal.refs.importers.common import SUFFIXES, initials_only
from rebuttal.refs.importers.latex import latex_to_text

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def split_names(value: str) -> list[dict[str, str]]:
    """The people and bodies in a BibTeX ``author`` or ``editor`` field."""
    people = []
    for raw in _split_top_level(value.strip(), _AND):
        if raw.lower() == "others":
            continue
        person = bibtex_name(raw)
        if person:
            people.append(person)
    return people


def bibtex_name(raw: str) -> dict[str, str]:
    """One BibTeX name: ``von Last, Jr, First``, ``von Last, First`` or ``First von Last``."""
    raw = raw.strip().strip(",").strip()
    if _wholly_braced(raw):
        text = latex_to_text(raw)
        return {"literal": text} if text else {}
    parts = _split_top_level(raw, re.compile(r"\s*,\s*"))
    if len(parts) >= 2:
        if len(parts) == 2:
            last, suffix, first = parts[0], "", parts[1]
        else:
            last, suffix, first = parts[0], parts[1], " ".join(parts[2:])
        if not suffix and first.lower() in SUFFIXES:
            suffix, first = first, ""
        return _person(_words(last), _words(first), suffix)
    words = _words(raw)
    if not words:
        return {}
    if len(words) == 1:
        return {"family": latex_to_text(words[0])}
    decoded = [latex_to_text(word) for word in words]
    if len(decoded) <= 4 and all(initials_only(word) for word in decoded[1:]):
        return _person(words[:1], words[1:], "")  # "Smith JA", as some exports write BibTeX names
    von = next((index for index, word in enumerate(words[:-1]) if index and _lower(word)), None)
    if von is None:
        return _person(words[-1:], words[:-1], "")
    return _person(words[von:], words[:von], "")


def _person(family: list[str], given: list[str], suffix: str) -> dict[str, str]:
    person = {"family": latex_to_text(" ".join(family)), "given": latex_to_text(" ".join(given))}
    if suffix:
        person["suffix"] = latex_to_text(suffix)
    if not person["given"]:
        del person["given"]
    if not person["family"]:
        return {"literal": person["given"]} if person.get("given") else {}
    return person


def _lower(word: str) -> bool:
    """A "von" word: its first letter (outside braces) is lower case."""
    for char in re.sub(r"\{[^{}]*\}", "", word):
        if char.isalpha():
            return char.islower()
    return False


def _wholly_braced(raw: str) -> bool:
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(raw):
        depth += (char == "{") - (char == "}")
        if depth == 0 and index < len(raw) - 1:
            return False  # "{Van} {Dyke}": two groups, not one body.
    return True


def _words(text: str) -> list[str]:
    return _split_top_level(text, re.compile(r"\s+"))


def _split_top_level(value: str, separator: re.Pattern[str]) -> list[str]:
    """Split on ``separator`` outside braces: ``{Smith and Sons}`` stays one name."""
    if "{" not in value and "\\" not in value:
        return [piece.strip() for piece in separator.split(value) if piece.strip()]
    pieces, depth, start, index = [], 0, 0, 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            index += 2
            continue
        depth += (char == "{") - (char == "}")
        if depth == 0 and (char.isspace() or char == ","):
            match = separator.match(value, index)
            if match and match.end() > index:
                pieces.append(value[start:index].strip())
                index = start = match.end()
                continue
        index += 1
    pieces.append(value[start:].strip())
    return [piece for piece in pieces if piece]
