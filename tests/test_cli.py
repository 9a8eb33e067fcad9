"""The command line: builds in every format, and bad input handled as users need."""

import subprocess
import sys
from pathlib import Path

import pytest

from rebuttal.cli import main

from .conftest import FIXTURES, ROOT

SMALL = str(FIXTURES / "outlines" / "small.toml")
LIB = ["--library", str(FIXTURES / "library")]


def run(args: list[str], capsys) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("suffix", [".docx", ".md", ".txt"])
def test_build_each_format_from_extension(tmp_path: Path, capsys, suffix: str) -> None:
    out = tmp_path / f"letter{suffix}"
    status, _, err = run(["build", SMALL, "-o", str(out), *LIB], capsys)
    assert status == 0, err
    assert out.stat().st_size > 0
    assert "2 points, 6 references" in err
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary left behind


def test_build_to_stdout_and_refs_and_preview(capsys) -> None:
    status, out, _ = run(["build", SMALL, "-o", "-", "--format", "txt", *LIB], capsys)
    assert status == 0
    assert "1. Alpha Concern" in out and "References" in out
    status, out, _ = run(["refs", SMALL, *LIB], capsys)
    first = "1. Smith J, Jones K, Brown L. A trial of things. J Test. 2025 Feb;10."
    assert out.splitlines()[0].startswith(first)
    assert len(out.splitlines()) == 6
    status, out, _ = run(["preview", SMALL, "--width", "80", *LIB], capsys)
    assert status == 0 and "Test Society of Pain" in out and "(3-6)" in out


def test_blocks_table_filters(capsys, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    status, out, _ = run(["blocks", "beta", *LIB], capsys)
    assert status == 0 and "concerns/beta" in out and "concerns/alpha" not in out
    status, out, _ = run(["blocks", "--kind", "evidence", *LIB], capsys)
    assert "evidence/gamma" in out and "concerns/beta" not in out


def _bad(tmp_path: Path, capsys, outline_text: str, *extra: str) -> str:
    outline = tmp_path / "bad.toml"
    outline.write_text(outline_text)
    out = tmp_path / "out.docx"
    status, _, err = run(["build", str(outline), "-o", str(out), *LIB, *extra], capsys)
    assert status == 2
    assert not out.exists()
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err.strip()


def test_bad_inputs_exit_2_with_one_located_line(tmp_path: Path, capsys) -> None:
    bad = str(tmp_path / "bad.toml")
    assert _bad(tmp_path, capsys, "[letter\n").startswith(f"rebuttal: {bad}:1: invalid TOML")
    assert _bad(tmp_path, capsys, "[[body]]\nblock = 'concerns/alpah'\n") == (
        f"rebuttal: {bad}:2: body[1].block: unknown block 'concerns/alpah' (did you mean 'concerns/alpha'?)"
    )
    assert _bad(tmp_path, capsys, "[letter]\ntitle = 1\n").startswith(f"rebuttal: {bad}:2: letter.title:")
    assert "cites 'nope'" in _bad(tmp_path, capsys, "[[body]]\nkind='evidence'\ntext='x [@nope]'\n")
    assert "unknown placeholder" in _bad(tmp_path, capsys, "[[body]]\nkind='evidence'\ntext='{a.b}'\n")
    assert "control character" in _bad(tmp_path, capsys, '[letter]\ntitle = "a\\u0000b"\n')


def test_bad_library_file_and_missing_output_folder(tmp_path: Path, capsys) -> None:
    library = tmp_path / "lib"
    (library / "concerns").mkdir(parents=True)
    broken = library / "concerns" / "alpha.toml"  # overrides a block the letter uses
    broken.write_text("title = 'x\n")
    out = tmp_path / "o.docx"
    status, _, err = run(["build", SMALL, "-o", str(out), *LIB, "--library", str(library)], capsys)
    assert status == 2 and f"{broken}:1: invalid TOML" in err and not out.exists()
    missing = tmp_path / "nowhere" / "o.docx"
    status, _, err = run(["build", SMALL, "-o", str(missing), *LIB], capsys)
    assert status == 2 and "output: folder" in err and "does not exist" in err


def test_a_broken_block_the_letter_does_not_use_is_left_to_lint(tmp_path: Path, capsys) -> None:
    """A letter is built from the blocks it uses; the library as a whole is lint's (and the app's) job."""
    library = tmp_path / "lib"
    (library / "concerns").mkdir(parents=True)
    broken = library / "concerns" / "unused.toml"
    broken.write_text('title = "T"\nkind = "concen"\ntext = "x"\n')
    out = tmp_path / "o.md"
    status, _, _ = run(["build", SMALL, "-o", str(out), *LIB, "--library", str(library)], capsys)
    assert status == 0 and out.exists()
    status, _, err = run(["blocks", *LIB, "--library", str(library)], capsys)
    assert status == 2 and f"{broken}:2: kind: 'concen'" in err
    status, out_text, _ = run(["library", "lint", "--library", str(library)], capsys)
    assert status != 0 and "unused.toml" in out_text + capsys.readouterr().err


def test_failed_build_keeps_the_previous_output(tmp_path: Path, capsys) -> None:
    out = tmp_path / "letter.md"
    out.write_text("the letter I had\n")
    outline = tmp_path / "o.toml"
    outline.write_text("[[body]]\nblock = 'concerns/missing'\n")
    status, _, _ = run(["build", str(outline), "-o", str(out), *LIB], capsys)
    assert status == 2 and out.read_text() == "the letter I had\n"


def test_console_script_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rebuttal", "build", SMALL, "-o", str(tmp_path / "x.md"), *LIB],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "**Alpha Concern**" in (tmp_path / "x.md").read_text()


def test_blocks_show_prints_one_block(capsys) -> None:
    from rebuttal.cli import main

    assert main(["blocks", "show", "concerns/heterogeneity"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("concerns/heterogeneity: Heterogeneity of Studies\n")
    assert "Text:\nThe included studies are markedly heterogeneous" in out
    assert "Short variant:\n" in out and "approved by" in out
    assert main(["blocks", "show", "concerns/heterogenity"]) == 2
    assert "did you mean 'concerns/heterogeneity'" in capsys.readouterr().err


def test_blocks_show_names_the_wording_a_design_takes(capsys) -> None:
    import json

    from rebuttal.cli import main

    assert main(["blocks", "show", "concerns/sham-comparator", "--design", "RCT"]) == 0
    out = capsys.readouterr().out
    assert "wordings: main, trial\n" in out and "applies: when the article mentions sham or placebo\n" in out
    assert ("for a randomised trial: the trial wording ([wording.trial]); written for it "
            "(tag 'randomised trial')") in out
    assert "Text for randomised trial, sham-controlled trial" in out
    assert "as if the sham were\ninactive" in out
    example = str(Path(__file__).resolve().parent.parent / "examples" / "psps-wang-2025.toml")
    assert main(["blocks", "show", "concerns/heterogeneity", "--for", example]) == 0
    assert ("for a network meta-analysis: the main wording (it has no [wording.review]); written for it "
            "(tag 'network meta-analysis')") in capsys.readouterr().out
    assert main(["blocks", "show", "concerns/heterogeneity", "--design", "cohort study"]) == 0
    assert "NOT written for it" in capsys.readouterr().out
    assert main(["blocks", "show", "concerns/short-follow-up", "--design", "cohort", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["wording"] == "main" and set(data["wordings"]) == {"trial"} and "NOT written" in data["why"]


def test_blocks_piped_is_one_whole_line_per_block_and_json_for_scripts(capsys) -> None:
    import json

    from rebuttal.cli import main

    assert main(["blocks", "--kind", "concern"]) == 0  # captured output is not a terminal
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.split()[0].startswith("concerns/") for line in lines)
    assert any(line.startswith("concerns/extrapolation-to-guidelines ") for line in lines)
    assert main(["blocks", "hetero", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["id"] == "concerns/heterogeneity" and data[0]["short"] is True


def _modules_loaded(args: list[str]) -> tuple[int, set[str]]:
    script = (
        "import sys\nfrom rebuttal.cli import main\n"
        f"try:\n    status = main({args!r})\nexcept SystemExit as done:\n    status = done.code\n"
        "print('MODULES', status, ' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                            check=False)
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES"))
    _, status, names = line.split(" ", 2)
    return int(status), set(names.split())


def test_help_and_version_import_no_command_and_a_command_imports_only_itself() -> None:
    from rebuttal.cli import COMMANDS

    for args in (["--version"], ["--help"], []):
        status, loaded = _modules_loaded(args)
        assert status in (0, 2)
        assert not {name for name in loaded if name.startswith("rebuttal.commands.")}, args
    status, loaded = _modules_loaded(["refs", "--help"])
    assert status == 0
    assert {name for name in loaded if name.startswith("rebuttal.commands.")} <= {
        "rebuttal.commands", "rebuttal.commands.refs", "rebuttal.commands.common"}
    assert "rebuttal.commands.refs" in loaded and "rebuttal.commands.build" not in loaded
    assert set(COMMANDS) == {"build", "preview", "blocks", "refs", "edit", "import", "check", "venues",
                             "merge", "library", "letters", "watch"}


def test_help_lists_every_command_with_its_summary(capsys) -> None:
    from rebuttal.cli import COMMANDS

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for name, entry in COMMANDS.items():
        assert f"{name} {' '.join(entry.summary.split())}" in out


def test_exit_statuses_are_named_never_bare_numbers() -> None:
    """cli.py and every command return rebuttal.errors.Exit members, not 0/1/2."""
    import ast

    sources = [ROOT / "rebuttal" / "cli.py", *sorted((ROOT / "rebuttal" / "commands").glob("*.py"))]
    bare = []
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text())):
            values = [node.value] if isinstance(node, ast.Return) and node.value is not None else []
            if isinstance(node, ast.Return) and isinstance(node.value, ast.IfExp):
                values = [node.value.body, node.value.orelse]
            bare += [f"{path.name}:{node.lineno}" for value in values
                     if isinstance(value, ast.Constant) and type(value.value) is int]
    assert bare == []


def test_every_command_is_documented_in_the_docs_and_its_help(capsys) -> None:
    """Each command of the table appears as `rebuttal NAME` in README.md or docs/, and has its own
    --help (the summary in `rebuttal --help` is checked above)."""
    from rebuttal.cli import COMMANDS

    docs = "\n".join(path.read_text(encoding="utf-8")
                     for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
    assert [name for name in COMMANDS if f"rebuttal {name}" not in docs] == []
    for name in COMMANDS:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        out = " ".join(capsys.readouterr().out.split())
        assert out.startswith(f"usage: rebuttal {name}"), name
