"""Earlier wordings of a block, read from the git history of its library folder.

A letter records the version of each block it uses; when the committee has
approved new wording since, the letter keeps building the wording it was
written with, taken from git (``git log`` / ``git show`` of the block's file),
until someone moves it on with ``rebuttal library update``. Nothing is cached
on disk; answers are remembered for the life of the process.
"""

from __future__ import annotations

import subprocess
import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rebuttal.library.stack import Block, Wording


@dataclass(frozen=True)
class Revision:
    """One committed state of a block file: the commit, its date and what the file said."""

    commit: str
    date: str
    version: str
    status: str
    title: str
    text: str
    short: str | None
    wordings: tuple[Wording, ...] = ()  # its [wording.<family>] tables then


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


@lru_cache(maxsize=256)
def _revisions(path_text: str, mtime_ns: int) -> tuple[Revision, ...]:
    path = Path(path_text)
    folder = path.parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return ()
    root = Path(top.strip()).resolve()
    relative = path.resolve().relative_to(root).as_posix()
    folder = root  # paths below are the repository's own
    log = _git(folder, "log", "--format=%H %cs", "--follow", "--", relative)
    if not log:
        return ()
    found = []
    name = relative
    for line in log.splitlines():
        commit, date = line.split(" ", 1)
        shown = _git(folder, "show", f"{commit}:{name}")
        if shown is None:  # the file had another name then: older wordings are not offered
            continue
        try:
            data = tomllib.loads(shown)
        except (tomllib.TOMLDecodeError, RecursionError):  # an old version that never loaded
            continue
        tables = data.get("wording") if isinstance(data.get("wording"), dict) else {}
        wordings = tuple(
            Wording(family, str(table["text"]).strip(), (str(table.get("short") or "")).strip() or None)
            for family, table in tables.items() if isinstance(table, dict) and table.get("text"))
        found.append(Revision(
            commit, date, str(data.get("version", "")), str(data.get("status", "draft")),
            str(data.get("title", "")), str(data.get("text", "")),
            str(data["short"]) if data.get("short") else None, wordings,
        ))
    return tuple(found)


def revisions(block: Block) -> tuple[Revision, ...]:
    """The committed states of ``block``'s file, newest first (empty outside git)."""
    if block.path is None or not block.path.is_file():
        return ()
    return _revisions(str(block.path.resolve()), block.path.stat().st_mtime_ns)


def wording_at(block: Block, version: str) -> Block | None:
    """``block`` as it read at ``version`` (its newest commit with that version), or None."""
    if block.version == version:
        return block
    for revision in revisions(block):
        if revision.version == version:
            return replace(block, version=version, status=revision.status,
                           title=revision.title or block.title,
                           text=revision.text.strip(), short=(revision.short or "").strip() or None,
                           wordings=revision.wordings)  # the wordings it had then (none before they existed)
    return None
