"""The bibliography: CSL-JSON items by key, loaded with located errors.

CSL-JSON is what Zotero, pandoc and citeproc exchange, so a society's
reference manager can export straight into a library folder.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.refs.identifiers import bare_doi


@dataclass
class Bibliography:
    """CSL-JSON items keyed by id, remembering which file each came from."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    # Keys by DOI, PMID and (title, year), built on the first look-up: an import of thousands of
    # entries asks once per entry.
    _index: dict[tuple[Any, ...], list[str]] | None = field(default=None, compare=False, repr=False)

    def __contains__(self, key: object) -> bool:
        return key in self.items

    def __len__(self) -> int:
        return len(self.items)

    def get(self, key: str) -> dict[str, Any] | None:
        """The item called ``key``, or None."""
        return self.items.get(key)

    def add(self, item: dict[str, Any], origin: Path) -> None:
        """Add one item; a different item under a key we already hold is an error."""
        key = item["id"]
        known = self.items.get(key)
        if known is not None and known != item:
            raise RebuttalError(
                f"reference key '{key}' is defined differently in {self.origins[key]} too;"
                " rename one of them",
                file=origin,
                line=line_of_key(origin, key),
                field=f"id={key}",
            )
        self.items[key] = item
        self.origins[key] = origin
        if self._index is not None:
            for index_key in _index_keys(item):
                self._index.setdefault(index_key, []).append(key)

    def merge(self, other: Bibliography) -> None:
        """Add every item of ``other`` (a later library folder)."""
        for key, item in other.items.items():
            self.add(item, other.origins[key])

    def find_duplicate(self, item: dict[str, Any]) -> str | None:
        """Key of an item that is the same work as ``item`` (by DOI, PMID or title)."""
        if self._index is None:
            self._index = {}
            for key, known in self.items.items():
                for index_key in _index_keys(known):
                    self._index.setdefault(index_key, []).append(key)
        for index_key in _index_keys(item):
            for key in self._index.get(index_key, ()):
                if same_work(self.items[key], item):
                    return key
        return None


def _index_keys(item: dict[str, Any]) -> list[tuple[Any, ...]]:
    """What two items must share to be :func:`same_work`: a DOI, a PMID, or a title and year."""
    keys: list[tuple[Any, ...]] = [(name, _norm_id(item.get(name))) for name in ("DOI", "PMID")
                                   if _norm_id(item.get(name))]
    title = _norm_title(item.get("title"))
    if title:
        keys.append(("title", title, year_of(item)))
    return keys


def same_work(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two items describe one work: same DOI, same PMID, or same title and year."""
    for name in ("DOI", "PMID"):
        left, right = _norm_id(a.get(name)), _norm_id(b.get(name))
        if left and right:
            return left == right
    title_a, title_b = _norm_title(a.get("title")), _norm_title(b.get("title"))
    return bool(title_a) and title_a == title_b and year_of(a) == year_of(b)


def year_of(item: dict[str, Any]) -> int | None:
    """The year an item was issued, if known."""
    issued = item.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    try:
        year = parts[0][0]  # type: ignore[index]
        return year if isinstance(year, int) and not isinstance(year, bool) else int(str(year))
    except (IndexError, KeyError, TypeError, ValueError):
        return None


def _norm_id(value: Any) -> str:
    return bare_doi(value).lower()


def _norm_title(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(value or "").lower()).strip()


def load_bibliography(path: Path) -> Bibliography:
    """Read a CSL-JSON file; every entry needs an ``id``, a ``type`` and a ``title``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RebuttalError(f"cannot read bibliography: {exc.strerror}", file=path) from None
    return parse_bibliography(text, path)


def parse_bibliography(text: str, path: Path) -> Bibliography:
    """The bibliography in the CSL-JSON ``text`` of ``path``: what loading checks, without reading."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RebuttalError(f"invalid JSON: {exc.msg}", file=path, line=exc.lineno) from None
    except RecursionError:
        raise RebuttalError("invalid JSON: nested too deeply", file=path) from None
    if not isinstance(data, list):
        raise RebuttalError("a CSL-JSON bibliography must be an array of items", file=path, line=1)
    bibliography = Bibliography()
    for index, item in enumerate(data):
        validate_item(item, path, index, text=text)
        if item["id"] in bibliography:
            raise RebuttalError(
                f"reference key '{item['id']}' appears twice",
                file=path,
                line=line_of_key(path, item["id"], text, occurrence=2),
                field=f"id={item['id']}",
            )
        bibliography.add(item, path)
    return bibliography


NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor")
TEXT_VARIABLES = ("title", "container-title", "container-title-short", "volume", "issue", "page",
                  "DOI", "PMID", "PMCID", "URL", "publisher", "publisher-place", "abstract", "keyword",
                  "event", "event-title", "event-place", "genre", "number", "version", "edition",
                  "references")


def validate_item(
    item: Any, path: Path, index: int, *, line: int | None = None, text: str | None = None
) -> None:
    """Raise a located error unless ``item`` is a usable CSL-JSON entry.

    The line is ``line`` when given, else found (only when there is an error)
    from the ``"id"`` in ``text`` or the file. An entry without a year is
    usable (web pages, reports: the style prints "n.d." or nothing); an
    ``issued`` that is there must be a date.
    """
    if not isinstance(item, dict):
        raise RebuttalError(f"entry {index + 1} is not an object", file=path, line=line)
    key = item.get("id")
    if not isinstance(key, str) or not key.strip():
        raise RebuttalError(f"entry {index + 1} has no 'id'", file=path, line=line, field="id")

    def fail(message: str, name: str) -> RebuttalError:
        where = line if line is not None else line_of_key(path, key, text)
        return RebuttalError(f"entry '{key}' {message}", file=path, line=where, field=name)

    if not isinstance(item.get("type", ""), str):
        raise fail("has a 'type' that is not text", "type")
    if "title" in item and not isinstance(item["title"], str):
        raise fail("has a title that is not text", "title")
    if not identifiable(item):
        raise fail("has no title (nor a journal, publisher, DOI, PMID or URL to tell which work it is)",
                   "title")
    for name in TEXT_VARIABLES:
        value = item.get(name, "")
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise fail(f"has a '{name}' that is not text", name)
    if "issued" in item and year_of(item) is None:
        raise fail("has an 'issued' that is not a date (issued.date-parts)", "issued")
    if "issued" in item and not _plain_date_parts(item["issued"]):
        raise fail("has an 'issued' whose date-parts are not numbers", "issued")
    for name in NAME_VARIABLES:
        people = item.get(name, [])
        if not isinstance(people, list):
            raise fail(f"has '{name}' that is not a list of names", name)
        for person in people:
            if not isinstance(person, dict) or not (person.get("family") or person.get("literal")):
                raise fail(f"has an {name} without 'family' or 'literal'", name)
            if any(not isinstance(value, (str, bool)) for value in person.values()):
                raise fail(f"has an {name} whose name parts are not text", name)
            half = next(filter(None, (_half_character(part) for part in person.values()
                                      if isinstance(part, str))), None)
            if half:
                raise fail(f"has an {name} holding {half}, which no file can hold", name)
    for name, value in item.items():
        if isinstance(value, str) and _half_character(value):
            raise fail(f"has a '{name}' holding {_half_character(value)}, which no file can hold", name)


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _half_character(text: str) -> str | None:
    """``half of a surrogate pair (U+D800)`` for JSON's lone ``"\\ud800"``: no UTF-8 file can hold it."""
    if text.isprintable():
        return None
    match = _SURROGATE.search(text)
    return f"half of a surrogate pair (U+{ord(match.group(0)):04X})" if match else None


def identifiable(item: dict[str, Any]) -> bool:
    """True when an item says which work it is: a title, or (old articles and theses cited
    without one) a journal or publisher, a DOI, a PMID or a URL."""
    return any(isinstance(item.get(name), (str, int)) and str(item[name]).strip()
               for name in ("title", "container-title", "container-title-short", "publisher", "DOI",
                            "PMID", "URL"))


def _plain_date_parts(issued: Any) -> bool:
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return False
    return all(isinstance(part, (int, str)) and str(part).strip().lstrip("-").isdigit()
               for part in parts[0][:3])


def line_of_key(path: Path, key: str, text: str | None = None, occurrence: int = 1) -> int | None:
    """Line of the ``"id": "key"`` that defines ``key`` in a JSON file."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return None
    pattern = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(key)))
    for count, match in enumerate(pattern.finditer(text), start=1):
        if count == occurrence:
            return text.count("\n", 0, match.start()) + 1
    return None
