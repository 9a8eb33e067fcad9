"""Undo and redo for the letter being edited: a stack of whole-outline snapshots.

Snapshots are deep copies rather than recorded inverse operations because an
outline is small (a few kilobytes even for a 40-block letter) and a copy can
never get out of step with the operation that produced it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Generic, TypeVar

State = TypeVar("State")


@dataclass
class Snapshot(Generic[State]):
    """One remembered state and the words that describe the change that left it."""

    state: State
    label: str


@dataclass
class History(Generic[State]):
    """Undo/redo stacks of states, each entry labelled with the change it undoes."""

    limit: int = 200
    undo_stack: list[Snapshot[State]] = field(default_factory=list)
    redo_stack: list[Snapshot[State]] = field(default_factory=list)

    def record(self, before: State, label: str) -> None:
        """Remember ``before`` (copied) as the state a change labelled ``label`` replaces."""
        self.undo_stack.append(Snapshot(copy.deepcopy(before), label))
        del self.undo_stack[: -self.limit]
        self.redo_stack.clear()

    def undo(self, current: State) -> Snapshot[State] | None:
        """The state before the last change (``current`` goes on the redo stack), or None."""
        return _step(self.undo_stack, self.redo_stack, current)

    def redo(self, current: State) -> Snapshot[State] | None:
        """The state the last undo left, or None when nothing was undone."""
        return _step(self.redo_stack, self.undo_stack, current)

    @property
    def can_undo(self) -> bool:
        """True when there is a change to undo."""
        return bool(self.undo_stack)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone change to redo."""
        return bool(self.redo_stack)


def _step(source: list[Snapshot[State]], target: list[Snapshot[State]],
          current: State) -> Snapshot[State] | None:
    """Take the last snapshot off ``source``; ``current`` goes on ``target`` under its label."""
    if not source:
        return None
    snapshot = source.pop()
    target.append(Snapshot(copy.deepcopy(current), snapshot.label))
    return snapshot
