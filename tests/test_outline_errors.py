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
    from rebuttal.library import builtin_folder, load_library
    from rebuttal.session import Session

    session = Session.open(load_library([builtin_folder()]), tmp_path / "new.toml")
    assert session.body == [] and session.error == ""
