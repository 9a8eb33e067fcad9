"""Combining this window's changes with the letter's file changed on disk (another window, a
colleague, git pull, ``rebuttal merge --apply``): a three-way merge, no user interface.

The base is what the file held when this window opened it (or last saved or reloaded it: the
session's ``file_text``), *mine* the letter as this window has it, *theirs* the file now.
:func:`rebuttal.letter.three_way.merge_outlines` combines them by table, ``[[body]]`` item and
field: changes to different items or fields combine; the same field changed both ways is a
conflict, for the person to choose (:class:`rebuttal.letter.three_way.Conflict`: mine and theirs
side by side). :func:`combine` applies the result as one undoable change; from then on the file
as it is now is the base, so saving writes the combination over it without asking again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rebuttal.errors import ChangeRefused, RebuttalError
from rebuttal.letter.outline import Outline, outline_from_data, outline_to_dict, parse_outline
from rebuttal.letter.three_way import Conflict, Merged, Side, merge_outlines

if TYPE_CHECKING:
    from rebuttal.app.session import Session


@dataclass
class DiskChanges:
    """This window's letter and the file on disk, merged; what the person still has to choose."""

    path: Path
    theirs_text: str  # the file as read now: the base once combined
    merged: Merged

    @property
    def conflicts(self) -> list[Conflict]:
        """The fields (items, the order) changed differently here and on disk."""
        return self.merged.conflicts

    @property
    def from_theirs(self) -> list[str]:
        """What only the file on disk changed (taken without asking)."""
        return self.merged.from_theirs


def _data(text: str | None, path: Path) -> dict:
    if text is None:  # there was no file when this window opened it: everything is new
        return {}
    return outline_to_dict(parse_outline(text, path))


def changes_on_disk(session: Session) -> DiskChanges:
    """Merge this window's letter with its file as it is now (base: the file as last read here).

    Raises :class:`ChangeRefused` when there is no file, or the file on disk does not load (one
    located line: what is wrong in it).
    """
    path = session.path
    if path is None:
        raise ChangeRefused("the letter has no file yet")
    try:
        theirs_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ChangeRefused(f"{path.name} cannot be read now: {error}") from None
    try:
        theirs = _data(theirs_text, path)
    except RebuttalError as error:
        raise ChangeRefused(f"the file on disk does not load, so it cannot be combined: {error}") from None
    try:
        base = _data(session.file_text, path)
    except RebuttalError:
        base = {}  # the file did not load when this window read it: no common ground to start from
    mine = outline_to_dict(session.outline)
    return DiskChanges(path, theirs_text, merge_outlines(base, mine, theirs))


def combine(session: Session, found: DiskChanges, choose: Side | Mapping = "mine") -> None:
    """Make the merge the letter (one undoable change, "combine with the file on disk"), with every
    conflict decided by ``choose`` (one side for all, or a side per conflict path)."""
    data = found.merged.resolved(choose) if found.conflicts else found.merged.data
    try:
        combined = outline_from_data(data, found.path)
        theirs = parse_outline(found.theirs_text, found.path)
    except RebuttalError as error:
        raise ChangeRefused(f"the combined letter does not load: {error}") from None

    def take(outline: Outline) -> None:
        outline.__dict__.update(combined.__dict__)
        outline.path = found.path

    session.change("combine with the file on disk", take)
    session.read_file_as(found.theirs_text, theirs)
