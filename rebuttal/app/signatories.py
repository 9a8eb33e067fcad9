"""The letter's signatories as the app edits them: each change one undoable change of the session.

A letter that names nobody is signed by its societies' profiles; the first change made here
writes those signatories into the letter (each with the society it signs for, where that is a
co-signer), so that what the person sees is what they edit.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from rebuttal.errors import ChangeRefused
from rebuttal.people.entries import Person, SignatoryEntry
from rebuttal.text.dates import full_date_problem

if TYPE_CHECKING:
    from rebuttal.letter.outline import Outline, SocietyChoice
    from rebuttal.library.stack import Library


class Session(Protocol):
    """What this needs of :class:`rebuttal.app.session.Session` (named here: no import circle)."""

    library: Library
    outline: Outline

    def change(self, label: str, mutate: Callable[[Outline], object]) -> object:
        """Apply ``mutate`` to a copy of the outline as one undoable change."""
        ...


class Signatories:
    """Add, remove, reorder, mark corresponding and disclose, on one session's letter."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def entries(self) -> list[SignatoryEntry]:
        """The signatories as the letter lists them (the profiles' when the letter names nobody)."""
        return written_entries(self.session.library, self.session.outline)

    def people(self, typed: str = "") -> list[Person]:
        """The library's people whose id, name, role or affiliation holds every typed word."""
        words = typed.lower().split()
        found = []
        for person in self.session.library.people.values():
            text = " ".join((person.id, person.name, person.role, person.affiliation, person.society)).lower()
            if all(word in text for word in words):
                found.append(person)
        lead = self.session.outline.society.id
        return sorted(found, key=lambda p: (p.society != lead, p.group, p.name))

    def _change(self, label: str, edit: object) -> object:
        def mutate(outline: Outline) -> object:
            outline.signatories = written_entries(self.session.library, outline)
            return edit(outline.signatories)  # type: ignore[operator]

        return self.session.change(label, mutate)

    def _entry(self, index: int) -> SignatoryEntry:
        entries = self.entries()
        if not 0 <= index < len(entries):
            raise ChangeRefused("no signatory is selected")
        return entries[index]

    def add_person(self, person_id: str, at: int | None = None) -> int:
        """Add a person of the library at ``at`` (default: the end); their index."""
        person = self.session.library.people.get(person_id)
        if person is None:
            raise ChangeRefused(f"no person '{person_id}' in the library's people/")
        if any(entry.person == person_id for entry in self.entries()):
            raise ChangeRefused(f"{person.name} already signs this letter")
        where = self._where(at)
        self._change(f"add signatory {person.name}",
                     lambda entries: entries.insert(where, SignatoryEntry(person=person_id)))
        return where

    def add_new(self, entry: SignatoryEntry, at: int | None = None) -> int:
        """Add someone written into the letter (not a person of the library); their index."""
        if not entry.name.strip():
            raise ChangeRefused("a new signatory needs a name")
        _check_date(entry.disclosure_date)
        where = self._where(at)
        added = replace(entry, name=entry.name.strip())
        self._change(f"add signatory {added.name}", lambda entries: entries.insert(where, added))
        return where

    def _where(self, at: int | None) -> int:
        count = len(self.entries())
        return count if at is None else max(0, min(at, count))

    def remove(self, index: int) -> int:
        """Remove signatory ``index``; the index to select afterwards."""
        name = self.name_of(self._entry(index))
        self._change(f"remove signatory {name}", lambda entries: entries.pop(index))
        return max(0, min(index, len(self.entries()) - 1))

    def move(self, index: int, delta: int) -> int:
        """Move signatory ``index`` by ``delta`` places; its new index."""
        entry = self._entry(index)
        target = max(0, min(index + delta, len(self.entries()) - 1))
        if target != index:
            self._change(f"move signatory {self.name_of(entry)}",
                         lambda entries: entries.insert(target, entries.pop(index)))
        return target

    def toggle_corresponding(self, index: int) -> bool:
        """Make signatory ``index`` the corresponding author (the only one), or no longer; the new state."""
        entry = self._entry(index)
        state = not entry.corresponding

        def edit(entries: list[SignatoryEntry]) -> None:
            for number, each in enumerate(entries):
                each.corresponding = state and number == index

        self._change(f"{'mark' if state else 'unmark'} {self.name_of(entry)} as corresponding author", edit)
        return state

    def disclosure_of(self, index: int) -> tuple[str, str]:
        """Signatory ``index``'s disclosure and its date, as the letter prints them."""
        entry = self._entry(index)
        person = self.session.library.people.get(entry.person)
        return (entry.disclosure or (person.disclosure if person else ""),
                entry.disclosure_date or (person.disclosure_date if person else ""))

    def set_disclosure(self, index: int, text: str, date: str) -> None:
        """Set signatory ``index``'s disclosure (and its date) in this letter."""
        entry = self._entry(index)
        text, date = " ".join(text.split()), date.strip()
        _check_date(date)
        person = self.session.library.people.get(entry.person)
        same = person is not None and (text, date) == (person.disclosure, person.disclosure_date)

        def edit(entries: list[SignatoryEntry]) -> None:
            # Back to what the person's file says: the letter need not repeat it.
            entries[index].disclosure = "" if same else text
            entries[index].disclosure_date = "" if same else date

        self._change(f"disclosure of {self.name_of(entry)}", edit)

    def name_of(self, entry: SignatoryEntry) -> str:
        """The name an entry signs with."""
        person = self.session.library.people.get(entry.person)
        return entry.name or (person.name if person else entry.person)


def _check_date(date: str) -> None:
    """Refuse a disclosure date that is not YYYY-MM-DD."""
    problem = full_date_problem(date) if date else None
    if problem:
        raise ChangeRefused(problem)


def written_entries(library: Library, outline: Outline) -> list[SignatoryEntry]:
    """``outline.signatories``, or (when it names nobody) its societies' profile signatories, each
    marked with the co-signer it signs for."""
    if outline.signatories:
        return outline.signatories
    entries: list[SignatoryEntry] = []
    choices: list[SocietyChoice] = [outline.society, *outline.cosigners]
    for number, choice in enumerate(choices):
        society = library.societies.get(choice.id)
        if society is None:
            continue
        for entry in society.signatories:
            entries.append(replace(copy.deepcopy(entry), society=choice.id if number else entry.society))
    return entries
