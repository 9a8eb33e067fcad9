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
