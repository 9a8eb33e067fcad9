"""What a second society ran into: outlines that must be refused in one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from rebuttal.cli import main

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(list(args))
    err = capsys.readouterr().err.strip()
    return status, err


@pytest.mark.parametrize("text", ["", "[letter]\ntitle = \"Only a title\"\n"], ids=["empty", "letter-only"])
@pytest.mark.parametrize("command", ["build", "preview", "refs", "check"])
def test_an_outline_with_no_body_is_an_error(
    text: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text(text)
    extra = ["-o", str(tmp_path / "letter.docx")] if command == "build" else []
    status, err = _run(capsys, command, str(outline), *extra)
    assert status == 2
    assert len(err.splitlines()) == 1 and "no [[body]] items" in err and str(outline) in err
    assert not (tmp_path / "letter.docx").exists()


@pytest.mark.parametrize("command", ["build", "preview", "refs", "check"])
def test_an_unknown_venue_stops_every_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text(EXAMPLE.read_text().replace('venue = "society-statement"', 'venue = "jama-leter"'))
    extra = ["-o", str(tmp_path / "letter.txt")] if command == "build" else []
    status, err = _run(capsys, command, str(outline), *extra)
    assert status == 2
    assert "letter.venue: unknown venue 'jama-leter' (did you mean 'jama-letter'?)" in err
    assert len(err.splitlines()) == 1


def test_edit_of_a_missing_file_still_starts_a_new_letter(tmp_path: Path) -> None:
    from rebuttal.app.session import Session
    from rebuttal.library.stack import builtin_folder, load_library

    session = Session.open(load_library([builtin_folder()]), tmp_path / "new.toml")
    assert session.body == [] and session.error == ""


def test_a_typo_in_an_enumerated_field_is_refused_with_a_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text('[letter]\ntitle = "x"\n\n[[body]]\nkind = "concer"\ntext = "Our point."\n')
    status, err = _run(capsys, "build", str(outline), "-o", str(tmp_path / "x.txt"))
    assert status == 2
    assert err.endswith("letter.toml:5: body[1].kind: 'concer' is not one of society, opening, concern, "
                        "transition, evidence, closing, signature (did you mean 'concern'?)")


@pytest.mark.parametrize(("table", "value"), [("letter", "2025-13-45"), ("article", "2017-02-30")])
def test_an_impossible_unquoted_date_names_its_field(
    table: str, value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text(f'[{table}]\ntitle = "x"\ndate = {value}\n\n[[body]]\ntext = "Our point."\n')
    status, err = _run(capsys, "build", str(outline), "-o", str(tmp_path / "x.txt"))
    assert status == 2
    assert err.endswith(f"letter.toml:3: {table}.date: {value} is not a real date "
                        "(YYYY-MM-DD, month 1-12, a day the month has)")


def test_a_surname_particle_opening_a_sentence_is_capitalised(builtin_library) -> None:
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import parse_outline

    outline = parse_outline(
        '[article]\nauthors = ["van Dongen, JM", "Ostelo, R"]\n\n'
        '[[body]]\ntext = "{article.first_author} et al reported it. {article.authors_short} agree; '
        'so do we, unlike {article.first_author}."\n',
        Path("letter.toml"),
    )
    text = assemble(builtin_library, outline).paragraphs()[0].plain()
    assert text == "Van Dongen et al reported it. Van Dongen and Ostelo agree; so do we, unlike van Dongen."
