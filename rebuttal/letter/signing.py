"""Who signs a letter, for which society: the outline's entries resolved into the document's signatories.

A letter's ``[[signatories]]`` name people of the library (``person = "kowalski"``,
fields overridable) or are written in full; a letter that names no one is signed
by each signing society's profile ``[[signatories]]``. Every signatory signs for
one of the letter's societies: the entry's ``society``, else the person's (when
that society signs the letter), else the lead. A group (a board) signs as the
venue wants it (``group_signature``): "On behalf of the Board of Directors" after
the people, or as a group author. Resolution happens once, at assembly; every
renderer then reads the same :class:`~rebuttal.model.Signatory` values.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rebuttal.errors import RebuttalError
from rebuttal.library.venues import Venue
from rebuttal.model import Signatory, with_the
from rebuttal.people.entries import PERSON_FIELDS, Person, SignatoryEntry
from rebuttal.toml.fields import did_you_mean

if TYPE_CHECKING:
    from rebuttal.letter.outline import Outline, SocietyChoice
    from rebuttal.library.stack import Library, Society

_TEXT_FIELDS = tuple(name for name in PERSON_FIELDS if name not in ("society", "group"))


def society_of(library: Library, outline: Outline, choice: SocietyChoice, where: tuple[str | int, ...]
               ) -> Society:
    """The profile ``choice`` names, with its per-letter overrides; a located error when unknown."""
    society = library.societies.get(choice.id)
    if society is None:
        hint = did_you_mean(choice.id, library.societies)
        known = ", ".join(sorted(library.societies)) or "none"
        raise outline.error((*where, "id"), f"unknown society '{choice.id}'{hint}; known: {known}")
    return replace(society, **choice.overrides) if choice.overrides else society


def resolve_cosigners(library: Library, outline: Outline) -> list[Society]:
    """The co-signing societies (``[[cosigners]]``), in the letter's order."""
    found = []
    for index, choice in enumerate(outline.cosigners):
        society = society_of(library, outline, choice, ("cosigners", index))
        if choice.id == outline.society.id or any(s.id == society.id for s in found):
            raise outline.error(("cosigners", index, "id"), f"'{choice.id}' already signs this letter")
        found.append(society)
    return found


def societies_names(societies: list[Society]) -> str:
    """``the Great Lakes Interventional Spine Society and the Pacific Spine and Pain Society``."""
    names = [with_the(society.name) for society in societies if society.name]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def resolve_signatories(
    library: Library, outline: Outline, lead: Society | None, cosigners: list[Society], venue: Venue
) -> tuple[Signatory, ...]:
    """Every signatory of the letter, resolved, in signing order."""
    societies = [s for s in (lead, *cosigners) if s is not None]
    on_behalf = venue.group_signature == "on-behalf-of"
    if outline.signatories:
        named = [_signatory(library, entry, societies, on_behalf, outline=outline, index=index)
                 for index, entry in enumerate(outline.signatories)]
        # "On behalf of the Board" follows the people who sign, wherever the list put the board.
        return tuple(sorted(named, key=lambda signatory: signatory.on_behalf))
    signed: list[Signatory] = []
    for society in societies:  # no one named: each society's profile signs for it
        for index, entry in enumerate(society.signatories):
            signatory = _signatory(library, replace(entry, society=society.id), societies, on_behalf,
                                   profile=society, index=index)
            signed.append(signatory)
    return tuple(signed)


def _signatory(
    library: Library, entry: SignatoryEntry, societies: list[Society], on_behalf: bool, *,
    index: int, outline: Outline | None = None, profile: Society | None = None,
) -> Signatory:
    def fail(key: str, message: str) -> RebuttalError:
        where = ("signatories", index, key)
        if outline is not None:
            return outline.error(where, message)
        assert profile is not None
        return RebuttalError(message, file=profile.path, field=f"signatories[{index + 1}].{key}")

    person: Person | None = None
    if entry.person:
        person = library.people.get(entry.person)
        if person is None:
            hint = did_you_mean(entry.person, library.people)
            raise fail("person", f"no person '{entry.person}' in the library's people/{hint}")
    values = {key: getattr(entry, key) or (getattr(person, key) if person else "") for key in _TEXT_FIELDS}
    group = entry.group if entry.group is not None else bool(person and person.group)
    by_id = {society.id: society for society in societies}
    if entry.society and entry.society not in by_id:
        known = ", ".join(by_id) or "none"
        raise fail("society", f"'{entry.society}' does not sign this letter (societies: {known}); "
                              "add it as [[cosigners]] or change the signatory's society")
    chosen = by_id.get(entry.society) or (by_id.get(person.society) if person and person.society else None)
    if chosen is None and societies:
        chosen = societies[0]
    return Signatory(
        **values,
        corresponding=entry.corresponding,
        group=group,
        on_behalf=group and on_behalf,
        society=chosen.name if chosen else "",
        person=person.id if person else "",
    )


def count_authors(signatories: tuple[Signatory, ...], venue: Venue) -> int:
    """Authors as the venue counts them: people; a group too when the venue lists it as an author."""
    return sum(1 for s in signatories if not s.group or venue.group_signature == "group-author")
