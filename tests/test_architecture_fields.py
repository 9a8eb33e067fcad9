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


def _rule_ids_compared() -> dict[str, set[str]]:
    """Every string the package compares a ``.rule`` with (``r.rule == "words"``, ``rule in (...)``),
    by module."""
    import ast

    from .conftest import ROOT

    found: dict[str, set[str]] = {}
    for path in (ROOT / "rebuttal").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute)
                    and node.left.attr == "rule"):
                continue
            for side in node.comparators:
                for constant in ast.walk(side):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                        found.setdefault(path.name, set()).add(constant.value)
    return found


def test_every_rule_id_the_code_names_is_a_rule() -> None:
    """Rule ids are compared in the checks' words, the status line, the command and the urgency
    order: a typo there would silently never match."""
    from rebuttal.letter.check_result import RULE_LABELS
    from rebuttal.letter.urgency import URGENCY

    compared = _rule_ids_compared()
    assert {"check_words.py", "status.py", "check.py"} <= set(compared)  # the scan sees them
    unknown = {module: ids - set(RULE_LABELS) for module, ids in compared.items() if ids - set(RULE_LABELS)}
    assert unknown == {}
    assert set(URGENCY) <= set(RULE_LABELS)


def test_every_check_result_is_named_as_its_rule(builtin_library) -> None:
    import datetime as dt

    from rebuttal.letter.check_result import RULE_LABELS
    from rebuttal.letter.checks import assemble_for_check, run_checks
    from rebuttal.letter.venue_choice import resolve_venue

    from .conftest import EXAMPLE

    outline = load_outline(EXAMPLE)
    document = assemble_for_check(builtin_library, outline, today=dt.date(2025, 3, 10))
    venue = resolve_venue(builtin_library, outline, "jama-letter")
    results = run_checks(builtin_library, outline, document, venue, today=dt.date(2025, 3, 10))
    assert [(r.rule, r.label) for r in results] == [(r.rule, RULE_LABELS[r.rule]) for r in results]
    assert {r.rule for r in results} == set(RULE_LABELS)  # every rule ran, and no other


def test_a_venues_figures_are_fields_of_the_venue() -> None:
    """``unconfirmed`` and a source's ``supports`` name figures; each must be a Venue field (the
    check reads it by that name)."""
    from rebuttal.commands.venues import LIMITS
    from rebuttal.library.venues import FIGURES, LIMIT_FIGURES, SUPPORTABLE, Venue

    assert set(SUPPORTABLE) | set(LIMIT_FIGURES) | set(LIMITS) <= set(_names(Venue))
    assert set(LIMIT_FIGURES) <= set(FIGURES) and set(LIMITS) <= set(LIMIT_FIGURES)


def test_the_apps_new_signatory_form_asks_for_fields_of_an_entry() -> None:
    """The form's labels and hints are the app's words; the fields they fill are the entry's."""
    from rebuttal.ui.signatories_screen import NEW_PERSON_FIELDS

    assert {name for name, _, _ in NEW_PERSON_FIELDS} <= set(ENTRY_FIELDS)
