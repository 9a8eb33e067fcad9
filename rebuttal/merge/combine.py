"""How a three-way merge of the editors' version went, in words for a terminal.

The merge itself is :func:`rebuttal.merge.apply.combine` (re-exported here); this module turns
its :class:`~rebuttal.merge.apply.Combined` into lines: what was kept from the outline, and each
conflict side by side with the choice (``--ours`` / ``--theirs``) that takes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rebuttal.merge.apply import Combined, combine

__all__ = ["Combined", "combine", "describe_combined"]


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
