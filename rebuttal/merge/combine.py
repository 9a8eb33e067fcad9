"""The editors' version combined with an outline that moved on since the export.

When the outline changed after the DOCX was exported, :func:`rebuttal.merge.report.merge_edited`
compares the DOCX with the outline *as exported* (the base), so the editors' changes are theirs
alone. :func:`combine` then merges three ways (:func:`rebuttal.letter.three_way.merge_outlines`):
base = the outline as exported, mine = the outline now, theirs = the base with the editors'
changes taken in. Changes on different items or fields combine; a field both changed
differently is a conflict, decided by ``choose`` (``"mine"``: the outline's, ``"theirs"``: the
editors'), or left for the caller to ask about.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rebuttal.letter.outline import Outline, outline_from_data, outline_to_dict
from rebuttal.merge.apply import apply_changes
from rebuttal.merge.compare import ItemChange
from rebuttal.merge.report import MergeReport

TYPE_CHECKING = False  # the three-way merge is imported only when an outline moved on
if TYPE_CHECKING:
    from rebuttal.letter.three_way import Conflict, Merged, Side


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
    theirs = apply_changes(report, accepted)
    if report.current is None or theirs is None:
        return Combined(theirs)
    from rebuttal.letter.three_way import merge_outlines

    mine = outline_to_dict(report.current)
    merged = merge_outlines(outline_to_dict(report.outline), mine, outline_to_dict(theirs))
    decided = choose is not None and (
        isinstance(choose, str) or all(c.path in choose for c in merged.conflicts)
    )
    data = merged.resolved(choose) if choose is not None else merged.data
    if _plain(data) == _plain(mine):
        return Combined(None, merged, merged.conflicts, decided)
    outline = outline_from_data(data, report.current.path or Path("outline.toml"))
    return Combined(outline, merged, merged.conflicts, decided)


def describe_combined(combined: Combined) -> list[str]:
    """Lines for a terminal: what was kept from each side, and each conflict side by side."""
    merged = combined.merged
    if merged is None:
        return []
    lines = []
    own = sorted(set(merged.from_mine))
    if own:
        lines.append("kept from the outline (changed since the export): " + ", ".join(own))
    for conflict in merged.conflicts:
        lines.append(f"conflict: {conflict.label}: changed in the outline and by the editors")
        lines.append(f"    as exported: {_shown(conflict.base)}")
        lines.append(f"    outline now: {_shown(conflict.mine)}   (--ours)")
        lines.append(f"    editors:     {_shown(conflict.theirs)}   (--theirs)")
    return lines


def _shown(value: Any, limit: int = 90) -> str:
    from rebuttal.letter.three_way import ABSENT

    if value is ABSENT:
        return "(none)"
    if isinstance(value, Mapping):
        value = ", ".join(f"{k} = {_shown(v, 40)}" for k, v in value.items())
    elif isinstance(value, list):
        value = " / ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
