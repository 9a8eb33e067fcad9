"""Autosave of the letter being edited, and recovering it after a crash.

The working outline is written every few seconds while it has unsaved
changes, to the user's state folder: one file per letter *and window*
(named after the letter's path and the window, :mod:`rebuttal.app.presence`),
so a killed terminal loses at most those seconds and two windows on one
letter never write over each other's. A clean save or quit deletes the
window's own file; finding one of a window that is gone (its process no
longer runs, or it closed without a clean quit) means the app was not left
cleanly, and the app offers to recover it. The autosave of a window that is
still open is never offered, and never deleted, by another window.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import hashlib
from dataclasses import dataclass
from pathlib import Path

from rebuttal.app.presence import Window, is_alive
from rebuttal.errors import RebuttalError
from rebuttal.files.atomic import atomic_write_text
from rebuttal.letter.outline import Outline, dump_outline, load_outline, parse_outline

HEADER = "# rebuttal autosave of "


@dataclass
class Recovery:
    """An autosaved letter found at start-up: where it is, when it was written, what it holds."""

    path: Path
    saved_at: dt.datetime
    outline: Outline
    # Every autosave of this letter left by a window that is gone (the newest is ``path``):
    # what recovering or discarding it clears away.
    left_behind: tuple[Path, ...] = ()


def autosave_folder() -> Path:
    """The folder autosaves go to (the platform's user state folder)."""
    from rebuttal.files.user_folders import user_folder

    return Path(user_folder("state")) / "autosave"


def _letter_stem(letter: Path | None) -> str:
    if letter is None:
        return "untitled"
    absolute = str(Path(letter).resolve())
    digest = hashlib.sha1(absolute.encode("utf-8")).hexdigest()[:12]
    return f"{Path(letter).stem}-{digest}"


def autosave_path(letter: Path | None, window: Window) -> Path:
    """The autosave file of ``window`` for the letter at ``letter`` (or for an unsaved new letter)."""
    return autosave_folder() / f"{_letter_stem(letter)}.{window.key}.toml"


def autosaves_of(letter: Path | None) -> list[Path]:
    """Every autosave of ``letter``, whichever window wrote it, newest first."""
    folder = autosave_folder()
    stem = _letter_stem(letter)
    found = []
    for path in folder.glob(f"{glob.escape(stem)}*.toml"):
        name = path.name[: -len(".toml")]
        if name == stem or (name.startswith(stem + ".") and _writer(path) is not None):
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime, path))
    return [path for _, path in sorted(found, reverse=True)]


def _writer(path: Path) -> tuple[str, int, str] | None:
    """(host key, process id, token) of the window that wrote the autosave at ``path``; None for an
    autosave written before autosaves named their window."""
    parts = path.name[: -len(".toml")].rsplit(".", 1)
    if len(parts) != 2:
        return None
    fields = parts[1].split("-")
    if len(fields) != 3 or not fields[1].isdigit():
        return None
    return fields[0], int(fields[1]), fields[2]


def left_by_a_live_window(path: Path) -> bool:
    """Whether the autosave at ``path`` belongs to a window that may still be open."""
    writer = _writer(path)
    if writer is None:
        return False  # written by a version that had one autosave per letter: nobody's now
    host, pid, token = writer
    try:
        written = dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except OSError:
        return False
    return is_alive(pid, host, token, written)


def write_autosave(outline: Outline, letter: Path | None, window: Window) -> Path:
    """Write ``outline`` to ``window``'s autosave file of ``letter`` atomically; the file's path."""
    target = autosave_path(letter, window)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, f"{HEADER}{letter or 'a new letter'}\n" + dump_outline(outline))
    return target


def discard_autosave(letter: Path | None, window: Window) -> None:
    """Delete ``window``'s autosave of ``letter`` (after a save or a clean quit); other windows'
    autosaves are theirs."""
    autosave_path(letter, window).unlink(missing_ok=True)


def discard_recovery(recovery: Recovery) -> None:
    """Delete the autosaves a recovery was made of (after it was taken or refused): all left by
    windows that are gone, never one of an open window."""
    for path in recovery.left_behind:
        if not left_by_a_live_window(path):
            path.unlink(missing_ok=True)


def find_recovery(letter: Path | None) -> Recovery | None:
    """The newest autosave of ``letter`` left by a window that is gone and differing from the file
    on disk, else None.

    Autosaves of windows still open are not looked at. One identical to the saved file is stale
    and deleted; an unreadable one is left alone (never destroy what might be someone's work)
    and not offered.
    """
    left = [path for path in autosaves_of(letter) if not left_by_a_live_window(path)]
    on_disk: str | None = None
    if letter is not None and Path(letter).is_file():
        try:
            on_disk = dump_outline(load_outline(Path(letter)))
        except RebuttalError:
            on_disk = None
    offered: Recovery | None = None
    kept = []
    for path in left:
        try:
            recovered = parse_outline(path.read_text(encoding="utf-8"), path)
        except (RebuttalError, OSError, UnicodeDecodeError):
            continue
        if on_disk is not None and on_disk == dump_outline(recovered):
            path.unlink(missing_ok=True)
            continue
        if letter is None and not recovered.body and recovered == Outline():
            continue
        kept.append(path)
        if offered is None:
            with contextlib.suppress(OSError):
                saved_at = dt.datetime.fromtimestamp(path.stat().st_mtime)
                recovered.path = letter
                recovered.source = None
                offered = Recovery(path, saved_at, recovered)
    if offered is None:
        return None
    offered.left_behind = tuple(kept)
    return offered

