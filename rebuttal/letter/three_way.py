"""Three-way merge of an outline: combine two versions that grew from one base.

``merge_outlines(base, mine, theirs)`` works on the outline's TOML data (as
:func:`rebuttal.letter.outline.outline_to_dict` gives it): table by table
(``[letter]``, ``[society]``, ``[article]``), ``[[body]]`` item by item (matched by
:mod:`rebuttal.letter.body_match`) and field by field. The rules:

* a field changed on one side only takes that side's value; changed the same way on
  both, that value;
* a field changed differently on both sides is a :class:`Conflict` (path, base,
  mine, theirs); until chosen, the merged data holds **mine** (the person's file);
* ``notes`` (editors' comments kept with an item) combine: both sides' additions kept,
  either side's removals removed;
* an item removed on one side and unchanged on the other is removed; removed on one
  side and changed on the other is a conflict (mine/theirs: the item or nothing);
* items added on either side are kept, each after the item it follows on its own side
  (at the same place, mine's first); the same item added on both sides is added once
  (the same block on both: merged field by field, differing fields conflict; different
  custom texts are two items);
* order: if only one side reordered the items both kept, that order wins; both
  reordering differently is a conflict on ``body.order``.

Merging with an unchanged side gives the other side. :meth:`Merged.resolved`
applies a choice (``"mine"`` / ``"theirs"`` for all conflicts, or per conflict path).
Pure data in, data out: writing the result (keeping the person's comments and order)
is :func:`rebuttal.letter.outline.save_outline`'s work.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rebuttal.letter.body_match import Identity, block_identity, match_items, name_identity
from rebuttal.toml.plain import plain_data

Side = Literal["mine", "theirs"]
Path = tuple[str | int, ...]
LISTS_OF_ITEMS: dict[str, Identity] = {"body": block_identity, "signatories": name_identity}
COMBINED_LISTS = ("notes",)


class _Absent:
    """A key one version does not have (removed, or never set)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


@dataclass(frozen=True)
class Conflict:
    """One field (or item, or the body's order) changed differently on both sides.

    ``path`` is stable for a given base, mine and theirs: ``("letter", "recipient")``,
    ``("body", 7, "text")`` (7: the item's index in the base), ``("body", 7)`` (removed
    on one side, changed on the other), ``("body", "new", 2, "title")`` (the same block
    added on both sides), ``("body", "order")``. Values are :data:`ABSENT` when a side
    has no such field or item.
    """

    path: Path
    label: str
    base: Any
    mine: Any
    theirs: Any


@dataclass
class Merged:
    """The merged data (conflicts as ``choices`` said, mine by default) and what happened."""

    data: dict[str, Any]
    conflicts: list[Conflict]
    from_mine: list[str] = field(default_factory=list)  # labels of changes only mine made
    from_theirs: list[str] = field(default_factory=list)  # labels of changes only theirs made
    inputs: tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]] = field(
        default=({}, {}, {}), repr=False
    )

    def resolved(self, choose: Side | Mapping[Path, Side]) -> dict[str, Any]:
        """The data with every conflict decided by ``choose`` (one side for all, or per path)."""
        choices = {c.path: choose for c in self.conflicts} if isinstance(choose, str) else dict(choose)
        return merge_outlines(*self.inputs, choices=choices).data


def merge_outlines(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any],
    *, choices: Mapping[Path, Side] | None = None,
) -> Merged:
    """Merge ``mine`` and ``theirs``, two versions of ``base`` (outline TOML data)."""
    run = _Run(dict(choices or {}))
    data = run.table((), base, mine, theirs, top=True)
    return Merged(data, run.conflicts, run.from_mine, run.from_theirs, inputs=(base, mine, theirs))


@dataclass
class _Run:
    choices: dict[Path, Side]
    conflicts: list[Conflict] = field(default_factory=list)
    from_mine: list[str] = field(default_factory=list)
    from_theirs: list[str] = field(default_factory=list)

    def conflict(self, path: Path, label: str, base: Any, mine: Any, theirs: Any) -> Any:
        self.conflicts.append(Conflict(path, label, base, mine, theirs))
        return theirs if self.choices.get(path) == "theirs" else mine

    def table(
        self, path: Path, base: Any, mine: Any, theirs: Any, *, top: bool = False, label: str = ""
    ) -> dict[str, Any]:
        """A table merged key by key; keys in mine's order, then theirs' new ones."""
        base, mine, theirs = (_table(v) for v in (base, mine, theirs))
        out: dict[str, Any] = {}
        for key in [*mine, *(k for k in theirs if k not in mine), *(k for k in base if k not in mine)]:
            if key in out:
                continue
            b, m, t = base.get(key, ABSENT), mine.get(key, ABSENT), theirs.get(key, ABSENT)
            where = f"{label} {key}".strip() if label else ".".join(str(p) for p in (*path, key))
            if top and key in LISTS_OF_ITEMS and any(_is_items(v) for v in (b, m, t)):
                value = self.items((*path, key), b, m, t, LISTS_OF_ITEMS[key])
                value = value if value or (m is not ABSENT and t is not ABSENT) else ABSENT
            elif top and any(isinstance(v, Mapping) for v in (b, m, t)):
                value = self.table((*path, key), b, m, t)
                value = value if value or (m is not ABSENT and t is not ABSENT) else ABSENT
            else:
                value = self.value((*path, key), where, b, m, t)
            if value is not ABSENT:
                out[key] = value
        return out

    def value(self, path: Path, label: str, b: Any, m: Any, t: Any) -> Any:
        """One field: one side's change, or both sides' same change, or a conflict."""
        if _same(m, t):
            if not _same(m, b):
                self.from_mine.append(label)
                self.from_theirs.append(label)
            return m
        if _same(m, b):
            self.from_theirs.append(label)
            return t
        if _same(t, b):
            self.from_mine.append(label)
            return m
        if path[-1] in COMBINED_LISTS and all(isinstance(v, list) or v is ABSENT for v in (b, m, t)):
            self.from_mine.append(label)
            self.from_theirs.append(label)
            combined = _combined(_list(b), _list(m), _list(t))
            return combined if combined else ABSENT
        return self.conflict(path, label, b, m, t)

    def items(self, path: Path, base: Any, mine: Any, theirs: Any, identity: Identity) -> list[Any]:
        """An array of tables merged item by item (see the module docstring)."""
        base, mine, theirs = _list(base), _list(mine), _list(theirs)
        to_mine, to_theirs = match_items(base, mine, identity), match_items(base, theirs, identity)
        kept: dict[tuple[str, int], Any] = {}  # token -> item data; tokens: ("b", i), ("m", j), ("t", j)
        for i, item in enumerate(base):
            label = _item_label(path, item, i, identity)
            in_mine, in_theirs = i in to_mine, i in to_theirs
            if in_mine and in_theirs:
                ours, other = mine[to_mine[i]], theirs[to_theirs[i]]
                kept["b", i] = self.table((*path, i), item, ours, other, label=label)
            elif in_mine or in_theirs:
                other = mine[to_mine[i]] if in_mine else theirs[to_theirs[i]]
                if _same(other, item):
                    (self.from_theirs if in_mine else self.from_mine).append(f"{label} removed")
                    continue
                m, t = (other, ABSENT) if in_mine else (ABSENT, other)
                chosen = self.conflict((*path, i), f"{label} (removed on one side, changed on the other)",
                                       item, m, t)
                if chosen is not ABSENT:
                    kept["b", i] = chosen
            else:
                self.from_mine.append(f"{label} removed")
                self.from_theirs.append(f"{label} removed")
        mine_new = [j for j in range(len(mine)) if j not in to_mine.values()]
        theirs_new = [j for j in range(len(theirs)) if j not in to_theirs.values()]
        pairs = match_items([mine[j] for j in mine_new], [theirs[j] for j in theirs_new], identity,
                            by_place=False)
        same_new = {theirs_new[b]: mine_new[a] for a, b in pairs.items()}  # theirs index -> mine index
        for j in mine_new:
            label = _item_label(path, mine[j], j, identity)
            twin = next((t for t, m in same_new.items() if m == j), None)
            if twin is None:
                self.from_mine.append(f"{label} added")
                kept["m", j] = mine[j]
            else:
                kept["m", j] = self.table((*path, "new", j), {}, mine[j], theirs[twin], label=label)
        for j in theirs_new:
            if j not in same_new:
                self.from_theirs.append(f"{_item_label(path, theirs[j], j, identity)} added")
                kept["t", j] = theirs[j]
        order = self.order(path, base, to_mine, to_theirs, kept, same_new, identity)
        return [kept[token] for token in order]

    def order(
        self, path: Path, base: Sequence[Any], to_mine: Mapping[int, int], to_theirs: Mapping[int, int],
        kept: Mapping[tuple[str, int], Any], twins: Mapping[int, int], identity: Identity,
    ) -> list[tuple[str, int]]:
        """The merged items' order: the reordered side's for items both kept, the rest placed after
        the item they follow on their own side (``twins``: theirs' additions that are mine's too)."""
        both = [i for i in range(len(base)) if ("b", i) in kept and i in to_mine and i in to_theirs]
        in_mine = sorted(both, key=lambda i: to_mine[i])
        in_theirs = sorted(both, key=lambda i: to_theirs[i])
        if in_mine == both:
            chosen = in_theirs
            if in_theirs != both:
                self.from_theirs.append(f"{path[-1]} order")
        elif in_theirs in (both, in_mine):
            chosen = in_mine
            self.from_mine.append(f"{path[-1]} order")
        else:
            def names(order: list[int]) -> list[str]:
                return [_item_label(path, base[i], i, identity) for i in order]

            where = (*path, "order")
            self.conflict(where, f"{path[-1]} order (both sides moved items)",
                          names(both), names(in_mine), names(in_theirs))
            chosen = in_theirs if self.choices.get(where) == "theirs" else in_mine
        result: list[tuple[str, int]] = [("b", i) for i in chosen]
        from_mine = {m: i for i, m in to_mine.items()}
        from_theirs = {t: i for i, t in to_theirs.items()}
        mine_tokens = [("b", from_mine[j]) if j in from_mine else ("m", j)
                       for j in sorted({*from_mine, *(j for (s, j) in kept if s == "m")})]
        theirs_tokens = [
            ("b", from_theirs[j]) if j in from_theirs else ("m", twins[j]) if j in twins else ("t", j)
            for j in sorted({*from_theirs, *twins, *(j for (s, j) in kept if s == "t")})
        ]
        placed_from_mine: set[tuple[str, int]] = set()
        self._place(result, mine_tokens, kept, placed_from_mine, skip=set())
        self._place(result, theirs_tokens, kept, set(), skip=placed_from_mine)
        return result

    @staticmethod
    def _place(
        result: list[tuple[str, int]], tokens: list[tuple[str, int]], kept: Mapping[tuple[str, int], Any],
        placed: set[tuple[str, int]], *, skip: set[tuple[str, int]],
    ) -> None:
        """Put each of ``tokens`` not yet in ``result`` after the token before it on its side."""
        last: tuple[str, int] | None = None
        for token in tokens:
            if token not in kept:
                continue
            if token in result:
                last = token
                continue
            at = result.index(last) + 1 if last is not None else 0
            while at < len(result) and result[at] in skip:
                at += 1
            result.insert(at, token)
            placed.add(token)
            last = token


def _item_label(path: Path, item: Any, index: int, identity: Identity) -> str:
    key = identity(item) if isinstance(item, Mapping) else None
    if path[-1] == "body":
        return f"body {key}" if key else f"body custom text {index + 1}"
    return f"{path[-1]} {key}" if key else f"{path[-1]} {index + 1}"


def _is_items(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, Mapping) for v in value)


def _table(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _combined(base: list[Any], mine: list[Any], theirs: list[Any]) -> list[Any]:
    """Mine, less what theirs removed from base, plus what theirs added (in theirs' order)."""
    removed = [v for v in base if v not in theirs]
    out = [v for v in mine if v not in removed]
    out.extend(v for v in theirs if v not in base and v not in out)
    return out


def _same(first: Any, second: Any) -> bool:
    return _plain(first) == _plain(second)


def _plain(value: Any) -> Any:
    """``value`` as plain data; ABSENT (a key one side lacks) stays itself."""
    return value if value is ABSENT else plain_data(value)
