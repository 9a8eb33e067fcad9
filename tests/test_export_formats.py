"""One table of export formats: the CLI's choices and inference, the app's export and dialog all follow it."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Label, RadioButton

from rebuttal.cli import build_parser, main
from rebuttal.errors import RebuttalError
from rebuttal.library.stack import Library
from rebuttal.render.formats import EXPORT_FORMATS, FORMAT_NAMES, export_format, format_for, format_of_path
from rebuttal.ui.app import make_app
from rebuttal.ui.checks_screen import ChecksScreen
from rebuttal.ui.dialogs import PathScreen

from .conftest import EXAMPLE, FIXTURES, TODAY
from .test_architecture import _modules_after
from .ui_support import SIZE, isolated_state, library, record_notifications, wait_until

__all__ = ["isolated_state", "library"]  # fixtures used by the tests below


def _choices(command: str, option: str) -> tuple[str, ...]:
    subparsers = next(a for a in build_parser(command)._actions if a.dest == "command")
    action = next(a for a in subparsers.choices[command]._actions if option in a.option_strings)
    return tuple(action.choices)


def test_the_cli_offers_and_infers_exactly_the_table() -> None:
    assert _choices("build", "--format") == FORMAT_NAMES == ("docx", "pdf", "md", "txt")
    for fmt in EXPORT_FORMATS:
        for extension in fmt.extensions:
            assert format_of_path(Path(f"letter{extension.upper()}")) is fmt
            assert format_for(Path(f"letter{extension}"), None) is fmt
        assert format_for(Path("letter.txt"), fmt.name) is fmt  # --format wins over the extension
    assert format_for(None, None).name == "docx"
    with pytest.raises(RebuttalError, match=r"'\.odt'; use --format docx, pdf, md or txt"):
        format_for(Path("letter.odt"), None)


def test_every_extension_of_a_text_format_builds_the_same_file(tmp_path: Path) -> None:
    built = {}
    for fmt in (f for f in EXPORT_FORMATS if not f.binary):
        for extension in fmt.extensions:
            out = tmp_path / f"letter{extension}"
            assert main(["build", str(EXAMPLE), "-o", str(out)]) == 0
            built.setdefault(fmt.name, set()).add(out.read_text())
    assert {name: len(texts) for name, texts in built.items()} == {"md": 1, "txt": 1}
    assert built["md"] != built["txt"]


def test_a_markdown_build_loads_no_word_writer(tmp_path: Path) -> None:
    outline = str(FIXTURES / "outlines" / "small.toml")
    loaded = _modules_after(["build", outline, "-o", str(tmp_path / "a.md"), "--library",
                             str(FIXTURES / "library")], tmp_path)
    assert "rebuttal.render.markdown" in loaded
    assert not {m for m in loaded if m.startswith(("rebuttal.exchange.docx.write", "rebuttal.exchange.pdf"))}


@pytest.fixture
def no_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH on which no LibreOffice can be found."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def _cli_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    status = main(["build", str(EXAMPLE), "-o", str(tmp_path / "letter.pdf")])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "letter.pdf").exists()
    return err.strip()


def test_pdf_without_libreoffice_is_one_line_in_the_cli_and_the_session(
    builtin_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_libreoffice: None
) -> None:
    from rebuttal.app.session import Session

    line = _cli_line(tmp_path, capsys)
    assert "PDF output needs LibreOffice" in line
    session = Session.open(builtin_library, EXAMPLE, today=TODAY)
    with pytest.raises(RebuttalError) as caught:
        session.export(tmp_path / "app.pdf", "pdf")
    assert line == f"rebuttal: {caught.value}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty-path"]


def test_the_export_dialog_offers_every_format_and_pdf_says_what_the_cli_says(
    library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str], no_libreoffice: None
) -> None:
    line = _cli_line(tmp_path, capsys)

    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+e")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, PathScreen)
            offered = [str(button.label) for button in dialog.query(RadioButton)]
            assert offered == [fmt.label for fmt in EXPORT_FORMATS]
            path = dialog.query_one("#path", Input)
            path.value = str(tmp_path / "app.docx")
            await pilot.click("#fmt-pdf")
            await pilot.pause()
            assert path.value == str(tmp_path / "app.pdf")
            await pilot.click("#ok")
            await pilot.pause()
            assert app.screen is dialog  # refused: the dialog stays open with the reason
            shown = str(dialog.query_one("#dialog-error", Label).render())
            assert line == f"rebuttal: {shown}"

    asyncio.run(run())
    assert not (tmp_path / "app.pdf").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_the_session_exports_a_pdf_through_libreoffice(builtin_library: Library, tmp_path: Path) -> None:
    from rebuttal.app.session import Session

    session = Session.open(builtin_library, EXAMPLE, today=TODAY)
    target = tmp_path / "letter.pdf"
    assert session.export(target, export_format("pdf").name) == target
    assert target.read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letter.pdf"]  # no temporary left behind


FAKE_SOFFICE = """#!{python}
# A stand-in for LibreOffice: records its arguments, waits (at most a minute) until the test lets it
# go, and converts the DOCX it is given into a PDF naming the DOCX's size, in --outdir, as
# `soffice --convert-to pdf` does.
import json, pathlib, sys, time
args = sys.argv[1:]
pathlib.Path({log!r}).write_text(json.dumps(args))
go = pathlib.Path({go!r})
deadline = time.monotonic() + 60
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.05)
outdir = pathlib.Path(args[args.index("--outdir") + 1])
docx = pathlib.Path(args[-1])
size = str(docx.stat().st_size).encode()
(outdir / (docx.stem + ".pdf")).write_bytes(b"%PDF-1.4\\n% from " + size + b"\\n")
"""


def test_ctrl_e_exports_a_pdf_through_the_same_libreoffice_path(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's PDF is the CLI's: a DOCX of the letter converted by `soffice --headless --convert-to pdf`."""
    import json
    import sys

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "soffice-args.json"
    fake = bin_dir / "soffice"
    go = tmp_path / "go"
    fake.write_text(FAKE_SOFFICE.format(python=sys.executable, log=str(log), go=str(go)))
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    target = tmp_path / "out" / "letter.pdf"
    target.parent.mkdir()

    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        said = record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+e")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, PathScreen)
            dialog.query_one("#path", Input).value = str(tmp_path / "out" / "letter.docx")
            await pilot.click("#fmt-pdf")
            await pilot.pause()
            assert dialog.query_one("#path", Input).value == str(target)
            await pilot.click("#ok")
            await pilot.pause()
            assert app.screen is not dialog  # the dialog closed: LibreOffice works in the background
            assert "Making the PDF with LibreOffice…" in said
            await wait_until(pilot, log.exists)  # soffice is running, held until the test says go
            await pilot.press("f4")  # the app still answers while the PDF is made
            await wait_until(pilot, lambda: isinstance(app.screen, ChecksScreen))
            assert not target.exists()
            go.touch()
            await wait_until(pilot, lambda: any("Exported PDF" in message for message in said))
            assert f"Exported PDF to {target}" in said

    asyncio.run(run())
    assert target.read_bytes().startswith(b"%PDF-1.4\n% from ")
    assert int(target.read_bytes().split(b"from ")[1]) > 1000  # a whole DOCX letter was converted
    args = json.loads(log.read_text())
    assert args[1:5] == ["--headless", "--convert-to", "pdf", "--outdir"] and args[0].startswith("-env:")
    assert args[-1].endswith("letter.docx")
    assert sorted(p.name for p in target.parent.iterdir()) == ["letter.pdf"]  # no temporary left behind
