"""SVG snapshots of the app at 100x30: the main screen, the article form, the help screen.

Update them after an intended change of the screens with
``python -m pytest tests/test_ui_snapshots.py --snapshot-update`` and look at
the report before committing.
"""

from __future__ import annotations

import pytest

from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import RebuttalApp, make_app

from .conftest import EXAMPLE, TODAY

SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No autosave of an earlier run can offer itself for recovery in a snapshot."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


def _app(builtin_library: Library) -> RebuttalApp:
    return make_app(EXAMPLE, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)


def test_main_screen(snap_compare, builtin_library: Library) -> None:
    assert snap_compare(_app(builtin_library), terminal_size=SIZE)


def test_article_form(snap_compare, builtin_library: Library) -> None:
    assert snap_compare(_app(builtin_library), press=["f2"], terminal_size=SIZE)


def test_help_screen(snap_compare, builtin_library: Library) -> None:
    assert snap_compare(_app(builtin_library), press=["tab", "tab", "f1"], terminal_size=SIZE)


def test_merge_file_picker(snap_compare, builtin_library: Library, tmp_path_factory: pytest.TempPathFactory,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """F6 at 80x24: the Word files beside the letter newest first, the export marked, no lock file."""
    import datetime as dt
    import os
    import shutil

    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))  # the folder shows as ~/letters whatever the temporary path
    folder = home / "letters"
    (folder / "sent").mkdir(parents=True)
    outline = folder / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    for name, day, hour in (("letter.docx", 9, 16), ("letter-JE-edits.docx", 9, 11), ("draft.docx", 3, 9),
                            ("~$tter-JE-edits.docx", 9, 17)):
        (folder / name).write_bytes(b"")
        moment = dt.datetime(2025, 3, day, hour).timestamp()  # local time: shown alike everywhere
        os.utime(folder / name, (moment, moment))
    app = make_app(outline, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
    assert snap_compare(app, press=["f6"], terminal_size=(80, 24))
