"""One declaration of what a person, a signatory, a society says: the dataclass. The lists that
must follow it (allowed keys, the letter's overrides, the document's signatory) are held to it.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import SOCIETY_OVERRIDES, load_outline, save_outline
from rebuttal.library.stack import Society
from rebuttal.model import Signatory
from rebuttal.people.entries import ENTRY_FIELDS, PERSON_FIELDS, SignatoryEntry
from rebuttal.vocabulary import KNOWN_PLACEHOLDERS, SOCIETY_TEXT_FIELDS


def _names(cls: type) -> list[str]:
    return [entry.name for entry in dataclasses.fields(cls)]


def test_an_entry_says_all_a_person_file_says_and_which_person() -> None:
    """``[[signatories]]`` overrides any field of a person file: same fields, same order."""
    assert ("person", *PERSON_FIELDS, "corresponding") == ENTRY_FIELDS


def test_every_detail_of_a_person_reaches_the_documents_signatory() -> None:
    """Resolution copies each person field onto the Signatory by name: none may be missing there."""
    assert set(PERSON_FIELDS) <= set(_names(Signatory))


def test_a_societys_words_are_its_text_fields_placeholders_and_overrides() -> None:
    """The outline and the vocabulary cannot import the library (a layer above them), so the
    profile's text fields are held to the vocabulary's list here."""
    text = {entry.name for entry in dataclasses.fields(Society) if entry.type == "str"}
    assert set(SOCIETY_TEXT_FIELDS) == text - {"id", "paper"}
    assert SOCIETY_OVERRIDES == SOCIETY_TEXT_FIELDS
    placeholders = [name.partition(".")[2] for name in KNOWN_PLACEHOLDERS if name.startswith("society.")]
    assert placeholders == list(SOCIETY_TEXT_FIELDS)


def _every_field_set() -> SignatoryEntry:
    values: dict[str, object] = {}
    for entry in dataclasses.fields(SignatoryEntry):
        if entry.name in ("group", "corresponding"):
            values[entry.name] = True
        elif entry.name == "email":
            values[entry.name] = "a@example.org"
        elif entry.name == "orcid":
            values[entry.name] = "0000-0002-1825-0097"
        elif entry.name == "disclosure_date":
            values[entry.name] = "2025-01-15"
        else:
            values[entry.name] = f"the {entry.name}"
    return SignatoryEntry(**values)  # type: ignore[arg-type]


def test_the_outline_reads_and_writes_every_field_of_a_signatory(tmp_path: Path) -> None:
    """The outline's allowed keys for a signatory are the entry's fields: each one written is read
    back, in the dataclass's order."""
    from rebuttal.letter.outline import Outline

    entry = _every_field_set()
    path = tmp_path / "letter.toml"
    save_outline(Outline(signatories=[entry]), path)
    (written,) = tomllib.loads(path.read_text())["signatories"]
    assert list(written) == _names(SignatoryEntry)
    assert load_outline(path).signatories == [entry]


def test_a_key_that_is_no_field_of_a_signatory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    path.write_text('[[signatories]]\nname = "A B"\ndegree = "MD"\n')
    with pytest.raises(RebuttalError, match=r"degree.*did you mean 'degrees'"):
        load_outline(path)
