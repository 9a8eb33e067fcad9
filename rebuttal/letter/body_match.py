"""Which ``[[body]]`` item of one version of an outline is which item of another.

Body items carry no ids of their own: an item is the use of a library block (its
``block`` id) or a piece of custom text. Two versions of one outline (the file as
exported and the file now, or the file now and the editors' version) are matched
in three passes:

1. equal items (the nearest one when an item repeats);
2. items naming the same block, in order (a block used twice matches its uses in turn);
3. custom text (no ``block``) that changed: an unmatched custom item matches the
   unmatched custom item standing after the same matched item (its place in the letter).

What is left unmatched was removed (on the first side) or added (on the second).
The same matching serves ``[[signatories]]`` (by ``name``). Pure functions over
plain TOML data, used by :mod:`rebuttal.letter.three_way`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rebuttal.toml.plain import plain_data

Entry = Mapping[str, Any]
Identity = Callable[[Entry], str | None]


def block_identity(entry: Entry) -> str | None:
    """A body item's identity: its block id; None for custom text."""
    block = entry.get("block")
    return str(block) if block else None


def name_identity(entry: Entry) -> str | None:
    """A signatory's identity: the name."""
    name = entry.get("name")
    return str(name) if name else None


def match_items(
    first: Sequence[Entry], second: Sequence[Entry], identity: Identity = block_identity,
    *, by_place: bool = True,
) -> dict[int, int]:
    """``{index in first: index in second}`` for the items that are the same item in both.

    ``by_place=False`` leaves out pass 3: two lists of *additions* share no history, so two
    different custom texts standing at the same place are two items, not one edited.
    """
    matched: dict[int, int] = {}
    used: set[int] = set()
    # 1. Equal items, nearest first.
    for i, entry in enumerate(first):
        wanted = plain_data(entry)
        candidates = [j for j, other in enumerate(second) if j not in used and plain_data(other) == wanted]
        if candidates:
            j = min(candidates, key=lambda j: abs(j - i))
            matched[i] = j
            used.add(j)
    # 2. The same identity, in order.
    for i, entry in enumerate(first):
        key = identity(entry)
        if i in matched or key is None:
            continue
        j = next((j for j, other in enumerate(second) if j not in used and identity(other) == key), None)
        if j is not None:
            matched[i] = j
            used.add(j)
    # 3. Items without identity, by the matched item they follow.
    for i, entry in enumerate(first if by_place else ()):
        if i in matched or identity(entry) is not None:
            continue
        anchor = _anchor(i, matched)
        for j, other in enumerate(second):
            if j in used or identity(other) is not None:
                continue
            if _anchor_in_second(j, matched) == anchor:
                matched[i] = j
                used.add(j)
                break
    return dict(sorted(matched.items()))


def _anchor(i: int, matched: Mapping[int, int]) -> int | None:
    """The matched item of the first side standing before ``i`` (None: the start)."""
    earlier = [k for k in matched if k < i]
    return max(earlier) if earlier else None


def _anchor_in_second(j: int, matched: Mapping[int, int]) -> int | None:
    """The same, seen from the second side: the first side's index of the matched item before ``j``."""
    earlier = [k for k, v in matched.items() if v < j]
    return max(earlier, key=lambda k: matched[k]) if earlier else None

