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


@dataclass
class Bibliography:
    """CSL-JSON items keyed by id, remembering which file each came from."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)

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

    def merge(self, other: Bibliography) -> None:
        """Add every item of ``other`` (a later library folder)."""
        for key, item in other.items.items():
            self.add(item, other.origins[key])

    def find_duplicate(self, item: dict[str, Any]) -> str | None:
        """Key of an item that is the same work as ``item`` (by DOI, PMID or title)."""
        for key, known in self.items.items():
            if same_work(known, item):
                return key
        return None


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
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    try:
        return int(parts[0][0])
    except (IndexError, TypeError, ValueError):
        return None


def _norm_id(value: Any) -> str:
    text = str(value or "").strip().lower()
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", text)


def _norm_title(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(value or "").lower()).strip()


def load_bibliography(path: Path) -> Bibliography:
    """Read a CSL-JSON file; every entry needs an ``id``, a ``type`` and a ``title``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RebuttalError(f"cannot read bibliography: {exc.strerror}", file=path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RebuttalError(f"invalid JSON: {exc.msg}", file=path, line=exc.lineno) from None
    if not isinstance(data, list):
        raise RebuttalError("a CSL-JSON bibliography must be an array of items", file=path, line=1)
    bibliography = Bibliography()
    for index, item in enumerate(data):
        validate_item(item, path, index)
        if item["id"] in bibliography:
            raise RebuttalError(
                f"reference key '{item['id']}' appears twice",
                file=path,
                line=line_of_key(path, item["id"], text, occurrence=2),
                field=f"id={item['id']}",
            )
        bibliography.add(item, path)
    return bibliography


def validate_item(item: Any, path: Path, index: int) -> None:
    """Raise a located error unless ``item`` is a usable CSL-JSON entry."""
    if not isinstance(item, dict):
        raise RebuttalError(f"entry {index + 1} is not an object", file=path)
    key = item.get("id")
    if not isinstance(key, str) or not key.strip():
        raise RebuttalError(f"entry {index + 1} has no 'id'", file=path, field="id")
    line = line_of_key(path, key)
    for name in ("title",):
        if not isinstance(item.get(name), str) or not item[name].strip():
            raise RebuttalError(f"entry '{key}' has no {name}", file=path, line=line, field=name)
    if year_of(item) is None:
        raise RebuttalError(
            f"entry '{key}' has no year (issued.date-parts)", file=path, line=line, field="issued"
        )
    for person in item.get("author", []) or []:
        if not isinstance(person, dict) or not (person.get("family") or person.get("literal")):
            raise RebuttalError(
                f"entry '{key}' has an author without 'family' or 'literal'",
                file=path, line=line, field="author",
            )


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
