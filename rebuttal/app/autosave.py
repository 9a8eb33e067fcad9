"""Autosave of the letter being edited, and recovering it after a crash.

The working outline is written every few seconds while it has unsaved
changes, to the user's state folder (one file per letter, named after the
letter's path), so a killed terminal loses at most those seconds. A clean
save or quit deletes it; finding one at the next start means the app was not
left cleanly, and the app offers to recover it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

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


def autosave_folder() -> Path:
    """The folder autosaves go to (the platform's user state folder)."""
    from platformdirs import user_state_path

    return user_state_path("rebuttal", appauthor=False) / "autosave"


def autosave_path(letter: Path | None) -> Path:
    """The autosave file for the letter at ``letter`` (or for an unsaved new letter)."""
    if letter is None:
        return autosave_folder() / "untitled.toml"
    absolute = str(Path(letter).resolve())
    digest = hashlib.sha1(absolute.encode("utf-8")).hexdigest()[:12]
    return autosave_folder() / f"{Path(letter).stem}-{digest}.toml"


def write_autosave(outline: Outline, letter: Path | None) -> Path:
    """Write ``outline`` to the autosave file of ``letter`` atomically; the file's path."""
    target = autosave_path(letter)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, f"{HEADER}{letter or 'a new letter'}\n" + dump_outline(outline))
    return target


def discard_autosave(letter: Path | None) -> None:
    """Delete the autosave of ``letter`` (after a save, a clean quit or a refused recovery)."""
    autosave_path(letter).unlink(missing_ok=True)


def find_recovery(letter: Path | None) -> Recovery | None:
    """An autosave of ``letter`` that differs from the file on disk, else None.

    An autosave identical to the saved file is stale and deleted; an
    unreadable one is left alone (never destroy what might be someone's work)
    and not offered.
    """
    path = autosave_path(letter)
    if not path.is_file():
        return None
    try:
        recovered = parse_outline(path.read_text(encoding="utf-8"), path)
    except (RebuttalError, OSError, UnicodeDecodeError):
        return None
    if letter is not None and Path(letter).is_file():
        try:
            on_disk = dump_outline(load_outline(Path(letter)))
        except RebuttalError:
            on_disk = None
        if on_disk == dump_outline(recovered):
            path.unlink(missing_ok=True)
            return None
    elif letter is None and not recovered.body and recovered == Outline():
        return None
    saved_at = dt.datetime.fromtimestamp(path.stat().st_mtime)
    recovered.path = letter
    recovered.source = None
    return Recovery(path, saved_at, recovered)
