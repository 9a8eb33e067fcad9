"""Format CSL-JSON items as reference-list entries (NLM / Vancouver).

This is the built-in formatter: fast, dependency-free and exact for the
common cases (journal articles, chapters, reports and web pages). It returns
spans, so DOIs and URLs stay real links in every renderer.
"""

from __future__ import annotations

import re
from typing import Any

from rebuttal.model import Span

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NLM_MAX_AUTHORS = 6
_SUFFIXES = {"ii": "2nd", "iii": "3rd", "iv": "4th", "jr": "Jr", "jr.": "Jr", "sr": "Sr", "sr.": "Sr"}


def initials(given: str) -> str:
    """``"Xiaoqin"`` -> ``X``; ``"Jason W."`` -> ``JW``; ``"ID"`` stays ``ID``."""
    given = given.strip()
    if re.fullmatch(r"[A-Z]{1,4}", given):
        return given
    letters = [part[0] for part in re.split(r"[\s.\-]+", given) if part]
    return "".join(letter.upper() for letter in letters)


def nlm_name(person: dict[str, Any]) -> str:
    """One author as NLM prints it: ``Wang X``, ``Helm S 2nd``, or a corporate name."""
    if person.get("literal"):
        return str(person["literal"]).strip()
    family = " ".join(
        part for part in (person.get("non-dropping-particle", ""), person.get("family", "")) if part
    ).strip()
    name = f"{family} {initials(person.get('given', ''))}".strip()
    suffix = str(person.get("suffix", "")).strip()
    if suffix:
        name += " " + _SUFFIXES.get(suffix.lower(), suffix)
    return name


def nlm_authors(authors: list[dict[str, Any]], max_authors: int = NLM_MAX_AUTHORS) -> str:
    """Authors joined NLM-style, the first six then ``et al`` when there are more."""
    names = [nlm_name(person) for person in authors]
    if len(names) > max_authors:
        names = names[:max_authors] + ["et al"]
    return ", ".join(names)


def nlm_date(item: dict[str, Any]) -> str:
    """``2025 Feb 19``, ``2020 May`` or ``2022``."""
    parts = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    pieces = [str(parts[0])] if parts else []
    if len(parts) > 1 and 1 <= int(parts[1]) <= 12:
        pieces.append(MONTHS[int(parts[1]) - 1])
        if len(parts) > 2:
            pieces.append(str(int(parts[2])))
    return " ".join(pieces)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def format_nlm(item: dict[str, Any]) -> tuple[Span, ...]:
    """One reference in NLM citation-sequence style, as spans."""
    spans: list[Span] = []
    authors = nlm_authors(item.get("author") or [])
    if authors:
        spans.append(Span(_sentence(authors) + " "))
    kind = item.get("type", "article-journal")
    title = str(item.get("title", "")).strip()
    date = nlm_date(item)
    if kind == "article-journal":
        journal = item.get("container-title-short") or item.get("container-title") or ""
        spans.append(Span(_sentence(title) + " "))
        source = f"{_sentence(journal)} {date}" if journal else date
        volume, issue, page = (str(item.get(k, "")).strip() for k in ("volume", "issue", "page"))
        if volume or issue:
            source += f";{volume}" + (f"({issue})" if issue else "")
        if page:
            source += f":{page}"
        spans.append(Span(_sentence(source)))
    elif kind == "chapter":
        spans.append(Span(_sentence(title) + " "))
        if date:
            spans.append(Span(f"{date}. "))
        container = str(item.get("container-title", "")).strip()
        if container:
            spans.append(Span(f"In: {_sentence(container)} "))
        spans.append(Span(_publisher(item, with_date=False)))
    else:
        suffix = " [Internet]" if item.get("URL") else ""
        spans.append(Span(_sentence(title + suffix) + " "))
        spans.append(Span(_publisher(item, date=date)))
    _append_identifiers(spans, item)
    return tuple(spans)


def _publisher(item: dict[str, Any], *, date: str = "", with_date: bool = True) -> str:
    place = str(item.get("publisher-place", "")).strip()
    publisher = str(item.get("publisher", "")).strip()
    text = f"{place}: {publisher}" if place and publisher else place or publisher
    if with_date and date:
        text = f"{text}; {date}" if text else date
    return _sentence(text) if text else ""


def _append_identifiers(spans: list[Span], item: dict[str, Any]) -> None:
    doi = str(item.get("DOI", "")).strip()
    url = str(item.get("URL", "")).strip()
    if doi:
        spans.append(Span(" doi: "))
        spans.append(Span(doi, link=f"https://doi.org/{doi}"))
        spans.append(Span("."))
    elif url:
        spans.append(Span(" Available from: "))
        spans.append(Span(url, link=url))
    pmid = str(item.get("PMID", "")).strip()
    if pmid:
        spans.append(Span(f" PMID: {pmid}."))
