"""CSL-JSON (Zotero, pandoc) and CSL-YAML (pandoc bibliographies and front matter)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.refs.importers.common import date_parts, preprint_server
from rebuttal.refs.importers.finish import DATE_VARIABLES

_JSON_ID = re.compile(r'"id"\s*:\s*("(?:[^"\\]|\\.)*")')
_YAML_ID = re.compile(r"\bid:[ \t]*(\S+?)[ \t]*$", re.MULTILINE)


def read_csl_json(text: str, path: Path) -> list[tuple[dict[str, Any], int | None]]:
    """Items of a CSL-JSON array (or a single item), with the line of each ``"id"``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RebuttalError(f"invalid CSL-JSON: {exc.msg}", file=path, line=exc.lineno) from None
    except RecursionError:
        raise RebuttalError("invalid CSL-JSON: nested too deeply", file=path) from None
    items = data if isinstance(data, list) else [data]
    lines = _id_lines(text, _JSON_ID, json.loads)
    return [(_normalise(item, path, index), _line(lines, item)) for index, item in enumerate(items)]


def read_csl_yaml(text: str, path: Path) -> list[tuple[dict[str, Any], int | None]]:
    """Items of a CSL-YAML list, a ``references:`` mapping, or Markdown front matter."""
    import yaml

    if text.lstrip().startswith("---"):
        # Markdown front matter: the YAML between the first two '---' lines.
        text = text.lstrip()[3:].split("\n---", 1)[0]
    try:
        # BaseLoader keeps every scalar a string: `given: N` stays "N", never False.
        data = yaml.load(text, Loader=yaml.BaseLoader)
    except RecursionError:
        raise RebuttalError("invalid CSL-YAML: nested too deeply", file=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise RebuttalError(f"invalid CSL-YAML: {problem}", file=path, line=line) from None
    if isinstance(data, dict):
        data = data.get("references", [data])
    if not isinstance(data, list):
        raise RebuttalError("CSL-YAML must be a list of items or have 'references:'", file=path, line=1)
    lines = _id_lines(text, _YAML_ID, lambda key: key.strip("'\""))
    return [(_normalise(item, path, index), _line(lines, item)) for index, item in enumerate(data)]


def _normalise(item: Any, path: Path, index: int) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise RebuttalError(f"entry {index + 1} is not a mapping of fields", file=path)
    item = dict(item)
    _crossref_fields(item)
    for name in (*DATE_VARIABLES, "published-print", "published-online"):
        if name in item:
            item[name] = _date(item[name])
    for name in ("author", "editor", "translator", "container-author"):
        if isinstance(item.get(name), list):
            item[name] = [_name(person) for person in item[name]]
    return item


# Crossref's own work types (its /works answers) that are not CSL's: the CSL type that prints them.
CROSSREF_TYPES = {
    "journal-article": "article-journal", "proceedings-article": "paper-conference",
    "book-chapter": "chapter", "book-section": "chapter", "book-part": "chapter",
    "monograph": "book", "edited-book": "book", "reference-book": "book", "dissertation": "thesis",
    "report-component": "report", "book-track": "chapter", "book-set": "book", "proceedings": "book",
    "reference-entry": "entry-encyclopedia", "standard": "report",
}
# Crossref's posted content that is not a preprint (its ``subtype``): the CSL type that prints it.
_POSTED_SUBTYPES = {"report": "report", "working_paper": "report", "dissertation": "thesis"}


def _crossref_fields(item: dict[str, Any]) -> None:
    """Crossref's own spellings as CSL: its ``event`` object, its preprints, its institutions.

    Crossref writes a meeting as ``"event": {"name", "location", "start", "end"}``,
    a preprint as type ``posted-content`` with the server under ``institution`` or
    ``group-title``, and a dissertation's university as its ``institution``; its other
    work types (``proceedings-article``, ``book-chapter``, ``dissertation``...) become CSL's;
    ``published-online`` is CSL's ``available-date`` (``published-print``, the issue's
    date, stays for :func:`rebuttal.refs.article.article_from_item`).
    """
    online = item.get("published-online")
    if online and "available-date" not in item:
        item["available-date"] = online  # The date it was first published online.
    _crossref_retraction(item)
    event = item.get("event")
    if isinstance(event, dict):
        del item["event"]
        if event.get("name"):
            item.setdefault("event-title", str(event["name"]))
        if event.get("location"):
            item.setdefault("event-place", str(event["location"]))
        start, end = (_first_parts(event.get(name)) for name in ("start", "end"))
        if start and "event-date" not in item:
            item["event-date"] = {"date-parts": [start, end] if end and end != start else [start]}
    elif isinstance(event, str) and event.strip():
        item.setdefault("event-title", item.pop("event"))  # CSL 1.0.1's name for it
    kind = item.get("type")
    if isinstance(kind, str) and kind in CROSSREF_TYPES:  # untrusted: a type may be any JSON value
        item["type"] = CROSSREF_TYPES[kind]
    institution = _institution(item)
    if item.get("type") == "posted-content":
        subtype = item.get("subtype")
        item["type"] = _POSTED_SUBTYPES.get(subtype, "article") if isinstance(subtype, str) else "article"
        # The server: bioRxiv, medRxiv and Research Square name it as the "institution", the OSF's servers
        # (PsyArXiv...) as the "group-title", which bioRxiv uses for its subject area ("Neuroscience").
        server = None
        if item["type"] == "article":
            server = institution.get("name") or preprint_server(item.get("group-title"))
        if server and not item.get("container-title"):
            item["container-title"] = str(server)
    elif institution.get("name") and (item.get("type") == "thesis" or not item.get("publisher")):
        # A dissertation's university (its deposit's publisher may be ProQuest); a report's body.
        item["publisher"] = str(institution["name"])
        places = institution.get("place")
        if isinstance(places, list) and places and isinstance(places[0], str):
            item.setdefault("publisher-place", places[0])
    if kind == "dissertation" and not item.get("genre"):
        degrees = item.get("degree")  # /works: ["PhD"], ["MSc"]
        degree = degrees[0] if isinstance(degrees, list) and degrees and isinstance(degrees[0], str) else ""
        item["genre"] = degree or "dissertation"  # finish words it as Citing Medicine does
    if "edition-number" in item and not item.get("edition"):
        item["edition"] = str(item.pop("edition-number"))  # /works's spelling of CSL's edition
    if isinstance(item.get("container-title"), list):
        # Crossref's arrays of titles: the first is the title.
        titles = [title for title in item["container-title"] if isinstance(title, str)]
        item["container-title"] = titles[0] if titles else ""


def _institution(item: dict[str, Any]) -> dict[str, Any]:
    """Crossref's first ``institution`` (``{"name", "place", "department"}``), or an empty one."""
    institutions = item.get("institution")
    first = institutions[0] if isinstance(institutions, list) and institutions else None
    return first if isinstance(first, dict) else {}


def _crossref_retraction(item: dict[str, Any]) -> None:
    """Crossref's ``updated-by`` (on a retracted work) and ``update-to`` (on the notice) of type
    "retraction" as the notice Citing Medicine prints, "Retraction in: doi: ...", and CSL's ``status``."""
    notices = []
    for field, label in (("updated-by", "Retraction in"), ("update-to", "Retraction of")):
        updates = item.get(field)
        for update in updates if isinstance(updates, list) else []:
            if isinstance(update, dict) and update.get("type") == "retraction" and update.get("DOI"):
                notices.append(f"{label}: doi: {update['DOI']}.")
                if field == "updated-by":
                    item["status"] = "retracted"
    if notices and not item.get("references"):
        item["references"] = " ".join(dict.fromkeys(notices))


def _first_parts(value: Any) -> list[int] | None:
    parts = value.get("date-parts") if isinstance(value, dict) else None
    try:
        return [int(part) for part in parts[0]] if parts and parts[0] else None
    except (TypeError, ValueError):
        return None


def _name(person: Any) -> Any:
    if isinstance(person, dict):
        return {key: str(value) for key, value in person.items() if value not in (None, "")}
    if isinstance(person, str):
        from rebuttal.refs.importers.common import parse_name

        return parse_name(person)
    return person


def _date(value: Any) -> Any:
    """Any CSL date spelling as ``{"date-parts": [[y, m, d]]}`` with integers."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        value = value[0]  # Old pandoc: issued: [{year: 2020, month: 5}]
    if isinstance(value, dict):
        if "date-parts" in value:
            try:
                # A range keeps its end (a meeting's "2002 Aug 17-22").
                parts = [[int(part) for part in end] for end in value["date-parts"][:2] if end]
            except (TypeError, ValueError, IndexError, KeyError, OverflowError):
                return value  # The loader's checks name what is wrong with it.
            return {**value, "date-parts": parts}
        if "year" in value:
            return date_parts(value.get("year"), value.get("month"), value.get("day")) or value
        if "raw" in value or "literal" in value:
            return _date(str(value.get("raw") or value.get("literal")))
        return value
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", str(value))
    if match:
        return date_parts(*match.groups())
    return value


def _id_lines(text: str, pattern: re.Pattern[str], unquote: Any) -> dict[str, int]:
    """The line of the first ``id`` of each key, in one pass over the text."""
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for match in pattern.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        try:
            key = unquote(match.group(1))
        except ValueError:
            continue
        if isinstance(key, str):
            lines.setdefault(key, line)
    return lines


def _line(lines: dict[str, int], item: Any) -> int | None:
    key = item.get("id") if isinstance(item, dict) else None
    return lines.get(key) if isinstance(key, str) else None
