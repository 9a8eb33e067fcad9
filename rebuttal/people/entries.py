"""A person file, and the signatory entries of letters and society profiles.

A person is one TOML file in a library folder's ``people/`` (``people/kowalski.toml``
is the person ``kowalski``; ``people/gliss/chen.toml`` is ``gliss/chen``): name,
degrees, role, affiliation, e-mail, ORCID, the disclosure of competing interests
and when it was last brought up to date. A later folder of the stack overrides a
person of the same id, as it does blocks.

A signatory entry (``[[signatories]]`` in an outline or a society profile) either
names a person (``person = "kowalski"``, any field overridden) or is written in
full. Entries are resolved into the document's signatories by
:mod:`rebuttal.letter.signing`; here they are only read and checked, every bad
value located by file, line and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from rebuttal.text.dates import full_date_problem
from rebuttal.toml.fields import FieldReader, table_keys
from rebuttal.toml.source import FieldPath, TomlSource, read_toml

_ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Person:
    """Someone who may sign a society's letters (or a group that signs as one: a board)."""

    id: str
    name: str
    degrees: str = ""
    role: str = ""
    affiliation: str = ""
    email: str = ""
    orcid: str = ""
    disclosure: str = ""
    disclosure_date: str = ""
    society: str = ""  # the society profile they sign for by default ('' : the letter's lead)
    group: bool = False
    path: Path | None = field(default=None, compare=False)


@dataclass
class SignatoryEntry:
    """One ``[[signatories]]`` item as written: a person's id and overrides, or a signatory in full.

    Empty text (and ``group`` None) means "not set here": the person's value, if any, applies.
    """

    person: str = ""
    name: str = ""
    degrees: str = ""
    role: str = ""
    affiliation: str = ""
    email: str = ""
    orcid: str = ""
    disclosure: str = ""
    disclosure_date: str = ""
    society: str = ""
    group: bool | None = None
    corresponding: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The entry as TOML-ready data, only what is set (``person`` first)."""
        data: dict[str, Any] = {}
        for entry in fields(self):
            value = getattr(self, entry.name)
            if value in ("", None, False) and not (entry.name == "group" and value is False):
                continue
            data[entry.name] = value
        if "disclosure_date" in data and len(data["disclosure_date"]) == 10:
            import datetime as dt

            data["disclosure_date"] = dt.date.fromisoformat(data["disclosure_date"])
        return data


# What a person file (and a signatory entry) may say about a person: Person's fields.
PERSON_FIELDS = table_keys(Person)
# What a ``[[signatories]]`` entry may say: SignatoryEntry's fields, which are the person's, plus
# which person it is and whether they answer the journal (a test holds the two together).
ENTRY_FIELDS = table_keys(SignatoryEntry, leave_out=())
# The fields checked for their shape (and ``group``, a flag); the rest are plain text.
_SHAPED = ("email", "orcid", "disclosure_date", "group")


def load_person(path: Path, person_id: str) -> Person:
    """Read and validate one person file."""
    source = read_toml(path)
    reader = FieldReader(source, context="person")
    reader.allow(*PERSON_FIELDS)
    values = _person_values(reader)
    if not values.get("name"):
        reader.text("name", required=True)  # raises the located "missing required field"
    return Person(id=person_id, path=path, **values)


def read_signatory_entry(source: TomlSource, data: dict[str, Any], prefix: FieldPath) -> SignatoryEntry:
    """One ``[[signatories]]`` table: ``person`` or ``name`` is required."""
    reader = FieldReader(source, data=data, prefix=prefix, context="signatory")
    reader.allow(*ENTRY_FIELDS)
    values = _person_values(reader)
    entry = SignatoryEntry(person=reader.text("person"), corresponding=reader.flag("corresponding"), **values)
    if not entry.person and not entry.name:
        raise source.error(prefix, "a signatory needs 'person' (someone in the library's people/) "
                                   "or 'name' (written in the letter)")
    return entry


def _person_values(reader: FieldReader) -> dict[str, Any]:
    """The person fields of one table, checked: ORCID and e-mail shapes, the date a real date."""
    values: dict[str, Any] = {
        key: reader.text(key)
        for key in PERSON_FIELDS if key not in _SHAPED
    }
    email = reader.text("email")
    if email and not _EMAIL.match(email):
        raise reader.fail("email", f"'{email}' is not an e-mail address")
    orcid = reader.text("orcid")
    if orcid:
        match = _ORCID.match(orcid)
        if match is None or not orcid_checks(match.group(1)):
            raise reader.fail("orcid", f"'{orcid}' is not an ORCID iD (0000-0002-1825-0097)")
        orcid = match.group(1)
    when = reader.date("disclosure_date")
    problem = full_date_problem(when) if when else None
    if problem:
        raise reader.fail("disclosure_date", problem)
    values.update(email=email, orcid=orcid, disclosure_date=when)
    if "group" in reader.data:
        values["group"] = reader.flag("group")
    return values


def orcid_checks(orcid: str) -> bool:
    """True when the last character of ``0000-0002-1825-0097`` is its ISO 7064 11-2 check digit."""
    digits = orcid.replace("-", "")
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def person_id(people: Path, path: Path) -> str:
    """``people/gliss/chen.toml`` -> ``gliss/chen``."""
    return path.relative_to(people).with_suffix("").as_posix()
