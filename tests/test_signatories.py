"""Who signs (issue 18): people of the library, signatories, disclosures, co-signing societies."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.write import write_docx
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import load_outline, parse_outline, save_outline
from rebuttal.library.stack import Library
from rebuttal.merge.report import merge_edited
from rebuttal.people.entries import SignatoryEntry, orcid_checks
from rebuttal.render.markdown import render_markdown
from rebuttal.render.text import render_text

from .conftest import TODAY
from .signatories_support import BOTH, DISCLOSURES, JOINT, LETTER, flat_text, library_with, outline_file


def test_people_load_from_the_library_folder(builtin_library: Library) -> None:
    person = builtin_library.people["kowalski"]
    assert (person.name, person.degrees, person.society) == ("Anna Kowalski", "MD", "psps")
    assert person.disclosure_date == "2025-01-15" and person.email.endswith("example.org")
    assert builtin_library.people["psps-board"].group is True
    assert "people/kowalski" not in builtin_library.blocks  # a profile, never a block


@pytest.mark.parametrize(("text", "line", "field", "message"), [
    ('name = "A"\nemial = "a@b.org"\n', 2, "emial", "unknown field in person (did you mean 'email'?)"),
    ('name = "A"\norcid = "0000-0002-1825-0098"\n', 2, "orcid", "is not an ORCID iD"),
    ('name = "A"\nemail = "not an address"\n', 2, "email", "is not an e-mail address"),
    ('degrees = "MD"\n', None, "name", "missing required field 'name'"),
    ('name = "A"\ndisclosure_date = "2025-13-01"\n', 2, "disclosure_date", "is not a date"),
    ('name = "A"\ngroup = "yes"\n', 2, "group", "must be true or false"),
])
def test_a_bad_person_file_is_named_with_line_and_field(
    tmp_path: Path, text: str, line: int | None, field: str, message: str
) -> None:
    with pytest.raises(RebuttalError) as caught:
        library_with(tmp_path, {"people/bad.toml": text})
    error = caught.value
    assert error.file is not None and Path(error.file).name == "bad.toml"
    assert error.line == line and error.field == field and message in error.message


def test_orcid_check_digit() -> None:
    assert orcid_checks("0000-0002-1825-0097")  # ORCID's own example iD
    assert orcid_checks("0000-0001-5109-3700")
    assert not orcid_checks("0000-0002-1825-0098")


# -- signatories in the letter --------------------------------------------------------------------
def test_a_signatory_names_a_person_and_overrides_fields(tmp_path: Path, builtin_library: Library) -> None:
    path = outline_file(tmp_path, LETTER.format(venue="jama-letter") + """
[[signatories]]
person = "kowalski"
role = "Past President"
corresponding = true

[[signatories]]
name = "Sam Writer"
degrees = "PhD"
affiliation = "Somewhere University"
disclosure = "None declared."
""")
    document = assemble(builtin_library, load_outline(path), today=TODAY)
    first, second = document.signatories
    assert (first.name, first.degrees, first.role, first.corresponding) == ("Anna Kowalski", "MD",
                                                                            "Past President", True)
    assert first.disclosure.startswith("Consulting fees") and first.person == "kowalski"
    assert "Corresponding author: president@psps.example.org" in first.details
    assert (second.display_name, second.details) == ("Sam Writer, PhD", ("Somewhere University",))
    assert first.society == second.society == "Pacific Spine and Pain Society"
    text = render_text(document)
    assert "Past President" in text and "Sam Writer: None declared." in text


@pytest.mark.parametrize(("entry", "field", "message"), [
    ('person = "kowalsky"', "signatories[1].person", "no person 'kowalsky' in the library's people/ "
                                                     "(did you mean 'kowalski'?)"),
    ('degrees = "MD"', "signatories[1]", "a signatory needs 'person'"),
    ('person = "kowalski"\nsociety = "gliss"', "signatories[1].society", "'gliss' does not sign this letter"),
    ('name = "A"\ncorresponding = "yes"', "signatories[1].corresponding", "must be true or false"),
])
def test_a_bad_signatory_is_located(tmp_path: Path, builtin_library: Library, entry: str, field: str,
                                    message: str) -> None:
    path = outline_file(tmp_path, LETTER.format(venue="jama-letter") + "\n[[signatories]]\n" + entry + "\n")
    with pytest.raises(RebuttalError) as caught:
        assemble(builtin_library, load_outline(path), today=TODAY)
    assert caught.value.field == field and message in caught.value.message
    assert caught.value.line is not None and caught.value.line > 10


def test_signatories_and_cosigners_save_as_written(tmp_path: Path) -> None:
    text = JOINT.read_text(encoding="utf-8")
    outline = parse_outline(text, tmp_path / "joint.toml")
    assert [c.id for c in outline.cosigners] == ["gliss"]
    assert outline.signatories[0] == SignatoryEntry(person="kowalski", corresponding=True)
    path = tmp_path / "joint.toml"
    assert save_outline(outline, path, original=text) == text  # nothing changed, nothing rewritten
    outline.signatories[2].disclosure = "Speaker fees from Abbott."
    outline.signatories.insert(1, SignatoryEntry(name="New Person", degrees="MD", disclosure="None."))
    saved = save_outline(outline, path, original=text)
    assert 'person = "okafor"\ndisclosure = "Speaker fees from Abbott."' in saved
    assert '[[signatories]]\nname = "New Person"\ndegrees = "MD"\ndisclosure = "None."\n' in saved
    assert "# Each society's people sign under its name" in saved  # comments kept
    assert "group =" not in saved and "corresponding = false" not in saved  # no defaults written
    again = load_outline(path)
    assert again.signatories == outline.signatories and again.cosigners == outline.cosigners


# -- co-signing societies --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def joint(builtin_library: Library):
    return assemble(builtin_library, load_outline(JOINT), today=TODAY)


def test_a_joint_letter_names_both_societies_and_signs_under_each(joint) -> None:
    assert joint.joint and joint.letterhead.names == BOTH
    assert joint.letterhead.short_label == "PSPS and GLISS"
    assert len(joint.letterhead.logos()) == 2
    opening = joint.paragraphs()[0].plain(joint.marker)
    assert opening.startswith("We write jointly for the Pacific Spine and Pain Society and the Great Lakes "
                              "Interventional Spine Society, whose members")
    groups = joint.signature_groups()
    assert [g.heading for g in groups] == [f"For the {name}" for name in BOTH]
    assert [[s.display_name for s in g.signatories] for g in groups] == [
        ["Anna Kowalski, MD", "On behalf of the Board of Directors"],
        ["Chinwe Okafor, MD, PhD", "On behalf of the Board of Directors"],
    ]
    assert [name for name, _ in joint.disclosures()] == ["Anna Kowalski", "Chinwe Okafor"]


@pytest.mark.parametrize(("cosigners", "field", "message"), [
    ('[[cosigners]]\nid = "glis"\n', "cosigners[1].id", "unknown society 'glis' (did you mean 'gliss'?)"),
    ('[[cosigners]]\nid = "psps"\n', "cosigners[1].id", "'psps' already signs this letter"),
    ('[[cosigners]]\nname = "X"\n', "cosigners[1]", "a co-signing society needs 'id'"),
    ('[[cosigners]]\nid = "gliss"\nlogo = "x.png"\n', "cosigners[1].logo", "unknown field"),
])
def test_a_bad_cosigner_is_located(tmp_path: Path, builtin_library: Library, cosigners: str, field: str,
                                   message: str) -> None:
    path = outline_file(tmp_path, LETTER.format(venue="jama-letter") + "\n" + cosigners)
    with pytest.raises(RebuttalError) as caught:
        assemble(builtin_library, load_outline(path), today=TODAY)
    assert caught.value.field == field and message in caught.value.message


def test_cosigner_overrides_and_profile_signatories(tmp_path: Path, builtin_library: Library) -> None:
    """A letter that names no one is signed by each society's profile; overrides work as for [society]."""
    path = outline_file(tmp_path, LETTER.format(venue="nejm-correspondence")
                    + '\n[[cosigners]]\nid = "gliss"\nname = "Great Lakes Spine Society"\n')
    document = assemble(builtin_library, load_outline(path), today=TODAY)
    assert document.letterhead.cosigners == ("Great Lakes Spine Society",)
    text = render_text(document, width=0)
    assert "Hello from the Pacific Spine and Pain Society and the Great Lakes Spine Society." in text
    names = [(s.name, s.society) for s in document.signatories]
    assert names[:3] == [("Jane Doe", "Pacific Spine and Pain Society"),
                         ("John Roe", "Pacific Spine and Pain Society"),
                         ("Board of Directors", "Pacific Spine and Pain Society")]
    assert names[3:] == [("Chinwe Okafor", "Great Lakes Spine Society"),
                         ("Board of Directors", "Great Lakes Spine Society")]


def test_one_society_reads_as_before(builtin_library: Library, example_outline) -> None:
    document = assemble(builtin_library, example_outline, today=TODAY)
    assert not document.joint and [g.heading for g in document.signature_groups()] == [""]
    # The society's own statement lists its board as a group author, as it always printed.
    assert document.signatories[-1].display_name == "Board of Directors"


# -- every format ---------------------------------------------------------------------------------
def test_markdown_and_text_print_both_societies_and_each_disclosure(joint) -> None:
    for rendered in (render_text(joint, width=0), render_markdown(joint)):
        flat = flat_text(rendered.replace("\\", "").replace("*", ""))
        for name in BOTH:
            assert f"For the {name}" in flat and flat.count(name) >= 3  # letterhead, text, heading
        for line in DISCLOSURES:
            assert line in flat
        assert "Competing interests" in flat and "On behalf of the Board of Directors" in flat
    assert render_text(joint).splitlines()[:2] == list(BOTH)


def _docx_text(path: Path) -> tuple[str, str]:
    word = docx.Document(str(path))
    body = "\n".join(p.text for p in word.paragraphs)
    header = "\n".join(p.text for p in word.sections[0].first_page_header.paragraphs)
    return body, header


def test_the_docx_prints_both_societies_and_each_disclosure(joint, tmp_path: Path) -> None:
    path = tmp_path / "joint.docx"
    write_docx(joint, path)
    body, header = _docx_text(path)
    assert list(BOTH) == [line for line in header.splitlines() if line.strip() and "joint" not in line]
    for name in BOTH:
        assert f"For the {name}" in body
    for line in DISCLOSURES:
        assert line in body


def test_build_writes_every_format_and_merge_takes_the_frame_as_frame(tmp_path: Path,
                                                                       builtin_library: Library) -> None:
    outline = tmp_path / JOINT.name
    shutil.copy(JOINT, outline)
    for suffix in ("docx", "md", "txt"):
        assert main(["build", str(outline), "-o", str(tmp_path / f"joint.{suffix}")]) == 0
    for suffix in ("md", "txt"):
        flat = flat_text((tmp_path / f"joint.{suffix}").read_text(encoding="utf-8").replace("\\", ""))
        assert all(line in flat for line in DISCLOSURES) and all(f"For the {n}" in flat for n in BOTH)
    from rebuttal.exchange.docx.read import read_docx

    exported = read_docx(tmp_path / "joint.docx")
    report = merge_edited(exported, builtin_library, load_outline(outline), today=TODAY)
    assert not report.changed and {c.status for c in report.changes} == {"unchanged"}


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext not installed")
def test_the_pdf_prints_both_societies_and_each_disclosure(tmp_path: Path) -> None:
    pdf = tmp_path / "joint.pdf"
    assert main(["build", str(JOINT), "-o", str(pdf)]) == 0
    text = flat_text(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                text=True).stdout)
    for name in BOTH:
        assert name in text and f"For the {name}" in text
    for line in DISCLOSURES:
        assert line in text


def test_the_rich_preview_prints_both_societies_and_each_disclosure(joint) -> None:
    from rich.console import Console

    from rebuttal.render.rich_render import render_rich

    console = Console(width=200, record=True, color_system=None)
    console.print(render_rich(joint))
    shown = flat_text(console.export_text())
    for name in BOTH:
        assert f"For the {name}" in shown
    for line in DISCLOSURES:
        assert line in shown
    assert shown.startswith(" ".join(BOTH))


def test_on_behalf_of_the_board_follows_the_people_wherever_the_list_puts_it(
    tmp_path: Path, builtin_library: Library
) -> None:
    # A letter whose profile board was left first when people were added (as F3 leaves it).
    path = outline_file(tmp_path, LETTER.format(venue="jama-letter") + """
[[signatories]]
name = "Board of Directors"
role = "Pacific Spine and Pain Society"
group = true

[[signatories]]
person = "kowalski"
""")
    document = assemble(builtin_library, load_outline(path), today=TODAY)
    assert [s.on_behalf for s in document.signatories] == [False, True]
    text = flat_text(render_text(document))
    assert text.index("Anna Kowalski") < text.index("On behalf of the Board of Directors")


def test_headings_of_signature_groups_and_disclosures_keep_with_what_follows(tmp_path: Path) -> None:
    out = tmp_path / "joint.docx"
    assert main(["build", str(JOINT), "-o", str(out)]) == 0
    paragraphs = docx.Document(str(out)).paragraphs
    headings = [p for p in paragraphs if p.text.startswith("For the ") or p.text == "Competing interests"]
    assert len(headings) == 3
    assert all(p.paragraph_format.keep_with_next for p in headings)
