"""Slips people make at the command line, each answered in one line (issue 20 item 6)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.letter.assemble import assemble, unknown_blocks
from rebuttal.letter.outline import load_outline, parse_outline
from rebuttal.library.stack import Library

from .conftest import EXAMPLE


def test_a_misspelt_outline_is_refused_naming_the_one_beside_it(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLE, tmp_path / "myletter.toml")
    assert main(["mylettr.toml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "mylettr.toml: no such outline (did you mean myletter.toml?)" in err
    assert "rebuttal edit --new mylettr.toml" in err
    assert not (tmp_path / "mylettr.toml").exists()
    assert main(["edit", "reply.toml"]) == 2  # the explicit command too: a new file needs --new
    assert "reply.toml: no such outline; to start a new letter there" in capsys.readouterr().err


def test_edit_new_starts_a_letter_in_a_new_file(tmp_path: Path, monkeypatch) -> None:
    opened = []

    class FakeApp:
        def __init__(self, path, library) -> None:
            opened.append(path)

        def run(self) -> None:
            pass

    import rebuttal.ui.app as app_module

    monkeypatch.setattr(app_module, "make_app", FakeApp)
    assert main(["edit", "--new", str(tmp_path / "new.toml")]) == 0
    assert opened == [tmp_path / "new.toml"]


@pytest.mark.parametrize("argv", [
    ["build", "{docx}"],
    ["check", "{docx}"],
    ["{docx}"],
])
def test_a_word_file_given_as_an_outline_says_so(tmp_path: Path, capsys, argv: list[str]) -> None:
    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    exported = tmp_path / "letter.docx"
    assert main(["build", str(outline), "-o", str(exported)]) == 0
    capsys.readouterr()
    args = [a.format(docx=exported) for a in argv]
    if args[0].endswith(".docx"):
        args.insert(0, "edit")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a Word (DOCX) file, not an outline" in err
    assert "UTF-8" not in err


def test_merge_with_its_arguments_swapped_says_so(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    exported = tmp_path / "letter.docx"
    assert main(["build", str(outline), "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["merge", str(outline), str(exported)]) == 2
    err = capsys.readouterr().err
    assert "the arguments are swapped" in err and f"rebuttal merge {exported} {outline}" in err


def test_an_unknown_venue_suggests_the_ids_naming_it(capsys) -> None:
    assert main(["check", str(EXAMPLE), "--venue", "nejm"]) == 2
    assert "unknown venue 'nejm' (did you mean 'nejm-correspondence'?)" in capsys.readouterr().err
    assert main(["check", str(EXAMPLE), "--venue", "bmj"]) == 2
    assert "(did you mean 'bmj-letter' or 'bmj-rapid-response'?)" in capsys.readouterr().err


def test_check_names_a_letter_without_a_date(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text(EXAMPLE.read_text().replace("date = 2025-03-10\n", "", 1))
    assert load_outline(outline).letter.date == ""
    assert main(["check", str(outline), "--today", "2025-03-10", "--json"]) == 1
    [date] = [r for r in json.loads(capsys.readouterr().out)["checks"] if r["rule"] == "date"]
    assert not date["ok"] and "no [letter] date" in date["detail"] and "2025-03-10" in date["detail"]
    assert main(["check", str(EXAMPLE), "--today", "2025-03-10", "--json"]) == 0
    [date] = [r for r in json.loads(capsys.readouterr().out)["checks"] if r["rule"] == "date"]
    assert date["ok"]


def test_the_block_id_typo_error_is_the_same_object_for_the_app(builtin_library: Library) -> None:
    text = EXAMPLE.read_text().replace('block = "concerns/heterogeneity"', 'block = "concerns/heterogenity"')
    outline = parse_outline(text, Path("letter.toml"))
    [problem] = unknown_blocks(builtin_library, outline)
    with pytest.raises(Exception) as raised:
        assemble(builtin_library, outline)
    assert str(problem) == str(raised.value)
    assert problem.field == "body[8].block" and problem.line == text.splitlines().index(
        'block = "concerns/heterogenity"') + 1
    assert "did you mean 'concerns/heterogeneity'" in problem.message
