"""Take the editors' version into the outline (``rebuttal merge --apply``, the app's review).

Tracked insertions and deletions are accepted (the report's wording already
is); changed words become per-letter overrides (``text``, ``title``) on the
body item, so the library keeps its approved wording; deleted items go, added
paragraphs become custom items where they stand, moves reorder the body, and
comments are kept as ``notes`` on their items. The library is never touched.

When the outline changed after the DOCX was exported, :func:`rebuttal.merge.report.merge_edited`
compares the DOCX with the outline *as exported* (the base), so the editors' changes are theirs
alone; :func:`combine` then merges three ways (:func:`rebuttal.letter.three_way.merge_outlines`):
base = the outline as exported, mine = the outline now, theirs = the base with the editors'
changes taken in. A field both changed differently is a conflict, decided by ``choose``
(``"mine"``: the outline's, ``"theirs"``: the editors'), or left for the caller to ask about.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rebuttal.exchange.edited import EditedComment
from rebuttal.letter.outline import BodyItem, Outline, outline_from_data, outline_to_dict
from rebuttal.merge.compare import ItemChange
from rebuttal.merge.report import MergeReport
from rebuttal.toml.plain import plain_data

TYPE_CHECKING = False  # the three-way merge is imported only when an outline moved on
if TYPE_CHECKING:
    from rebuttal.letter.three_way import Conflict, Merged, Side


def apply_changes(report: MergeReport, accepted: Iterable[ItemChange] | None = None) -> Outline | None:
    """The outline with ``accepted`` changes (default: all) taken in; None if nothing changes.

    When the outline moved on since the export (``report.current``), the editors' version is
    merged three ways onto it (:func:`combine`) and a field both changed
    keeps the outline's value: call ``combine`` to see such conflicts and choose.
    """
    if report.current is None:
        return editors_version(report, accepted)
    return combine(report, accepted, choose="mine").outline


def editors_version(report: MergeReport, accepted: Iterable[ItemChange] | None = None) -> Outline | None:
    """A copy of the compared outline with ``accepted`` changes (default: all) taken in; None if nothing
    changes.

    A rejected change leaves its item as it was (a rejected deletion keeps the
    item, a rejected addition adds nothing, a rejected move keeps the item's
    place relative to the others).
    """
    taken = {id(change) for change in (report.changes if accepted is None else accepted)}
    original = report.outline
    body: list[tuple[int | None, BodyItem]] = []  # (position in the outline, item)
    kept_in_place: list[tuple[int, BodyItem]] = []
    for change in report.changes:
        if change.added:
            if id(change) in taken and change.new_text:
                notes = _notes(change.comments)
                kind, title = change.kind or "evidence", change.new_title or ""
                added = BodyItem(kind=kind, title=title, text=change.new_text, notes=notes)
                body.append((None, added))
            continue
        assert change.position is not None
        item = _copied(original.body[change.position])
        if id(change) not in taken:
            if change.deleted or change.moved:
                kept_in_place.append((change.position, item))
            else:
                body.append((change.position, item))
            continue
        if change.deleted:
            continue
        _take_words(item, change, original.article.design)
        for note in _notes(change.comments):
            if note not in item.notes:
                item.notes.append(note)
        body.append((change.position, item))
    for position, item in kept_in_place:
        # Back after the items that preceded it in the outline.
        earlier = [n for n, (origin, _) in enumerate(body) if origin is not None and origin < position]
        body.insert(earlier[-1] + 1 if earlier else 0, (position, item))
    items = [item for _, item in body]
    if items == original.body:
        return None
    outline = copy.copy(original)
    outline.body = items
    return outline


def _copied(item: BodyItem) -> BodyItem:
    duplicate = copy.copy(item)
    duplicate.notes = list(item.notes)
    return duplicate


def _take_words(item: BodyItem, change: ItemChange, design: str = "") -> None:
    """Store changed words as overrides; words equal to the library's clear the override."""
    block = change.block
    if change.new_text is not None:
        library_text = block.variant_text(item.variant, design) if block else None
        same = library_text is not None and _same(change.new_text, library_text)
        item.text = "" if same else change.new_text
    if change.new_title is not None:
        item.title = "" if block is not None and _same(change.new_title, block.title) else change.new_title


def _same(first: str, second: str) -> bool:
    return first.split() == second.split()


def _notes(comments: list[EditedComment]) -> list[str]:
    """One note per comment: ``Jane Doe (2025-03-12) on "pooled results": soften this``."""
    notes = []
    for comment in comments:
        who = comment.author or "unknown"
        when = f" ({comment.date[:10]})" if comment.date else ""
        on = f" on \u201c{comment.anchor}\u201d" if comment.anchor else ""
        notes.append(f"{who}{when}{on}: {comment.text}")
    return notes


@dataclass
class Combined:
    """What to write (None: nothing changes) and, for an outline that moved on, how it was merged."""

    outline: Outline | None
    merged: Merged | None = None
    conflicts: list[Conflict] = field(default_factory=list)
    decided: bool = True  # False: there are conflicts and nobody chose

    @property
    def blocked(self) -> bool:
        """True when conflicts wait for a choice (``--ours`` / ``--theirs``)."""
        return bool(self.conflicts) and not self.decided


def combine(
    report: MergeReport, accepted: Iterable[ItemChange] | None = None,
    choose: Side | Mapping[tuple[str | int, ...], Side] | None = None,
) -> Combined:
    """The outline with the ``accepted`` changes (default: all), merged onto the outline now if it moved on.

    Conflicts not decided by ``choose`` hold the outline's (mine) value in ``outline``; check
    :attr:`Combined.blocked` before writing it.
    """
    theirs = editors_version(report, accepted)
    if report.current is None or theirs is None:
        return Combined(theirs)
    from rebuttal.letter.three_way import merge_outlines

    mine = outline_to_dict(report.current)
    merged = merge_outlines(outline_to_dict(report.outline), mine, outline_to_dict(theirs))
    decided = choose is not None and (
        isinstance(choose, str) or all(c.path in choose for c in merged.conflicts)
    )
    data = merged.resolved(choose) if choose is not None else merged.data
    if plain_data(data) == plain_data(mine):
        return Combined(None, merged, merged.conflicts, decided)
    outline = outline_from_data(data, report.current.path or Path("outline.toml"))
    return Combined(outline, merged, merged.conflicts, decided)

