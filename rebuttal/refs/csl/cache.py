"""Formatted reference entries cached on disk, so a warm build never loads citeproc.

Parsing a CSL style and running citeproc-py costs tens of milliseconds; a
letter's references rarely change between builds. Entries are stored per
style in one small JSON file in the user cache folder, keyed by a hash of
the item's content. The style file's size and modification time and our
own correction version are part of the file name, so editing a style or
upgrading rebuttal simply starts a new cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from rebuttal.model import Span

# Bump when the corrections in rebuttal.refs.csl change their output.
FORMAT_VERSION = "8"
# Editing an article's title in the app makes a new entry per keystroke; keep the file small.
MAX_ENTRIES = 2000


def cache_folder() -> Path:
    """``…/rebuttal/references`` in the user cache folder (``$XDG_CACHE_HOME`` on Linux)."""
    from rebuttal.files.user_folders import user_folder

    return Path(user_folder("cache")) / "references"


def item_hash(item: dict[str, Any]) -> str:
    """A stable hash of an item's content; its key (``id``) does not matter."""
    content = {name: value for name, value in item.items() if name != "id"}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class EntryCache:
    """The cached entries of one style: item hash -> spans."""

    def __init__(self, style_name: str, style_path: Path, options: str = "") -> None:
        stat = style_path.stat()
        tag = f"{style_path}|{stat.st_size}|{stat.st_mtime_ns}|{options}|{FORMAT_VERSION}"
        digest = hashlib.sha256(tag.encode("utf-8")).hexdigest()[:16]
        self.path = cache_folder() / f"{style_name}-{digest}.json"
        self.entries: dict[str, list[list[Any]]] = {}
        self.changed = False
        self.used: set[str] = set()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # a cache overwritten, cut short, nested deep
            data = {}
        if isinstance(data, dict):
            self.entries = data

    def get(self, key: str) -> tuple[Span, ...] | None:
        """The spans stored under ``key``, or None (also for a damaged record)."""
        record = self.entries.get(key)
        if not isinstance(record, list):
            return None
        self.used.add(key)
        try:
            return tuple(
                Span(str(text), bool(bold), bool(italic), link) for text, bold, italic, link in record
            )
        except (TypeError, ValueError):
            return None

    def put(self, key: str, spans: tuple[Span, ...]) -> None:
        """Remember ``spans`` under ``key`` (saved by :meth:`save`)."""
        self.entries[key] = [[span.text, span.bold, span.italic, span.link] for span in spans]
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is simply skipped."""
        if not self.changed:
            return
        if len(self.entries) > MAX_ENTRIES:
            # Forget the oldest entries this build did not use.
            stale = [key for key in self.entries if key not in self.used]
            for key in stale[: len(self.entries) - MAX_ENTRIES]:
                del self.entries[key]
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # ASCII: a lone surrogate from a library's JSON ("\ud800") is written as its escape.
            temporary.write_text(json.dumps(self.entries), encoding="ascii")
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                temporary.unlink()
            return
        self.changed = False
