"""Shared fixtures: a small test library and outline, and the shipped example."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import Outline, load_outline
from rebuttal.library.stack import Library, builtin_folder, load_library
from rebuttal.model import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
TODAY = dt.date(2025, 3, 10)


@pytest.fixture(autouse=True)
def _isolated_user_library(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's own library folder, state folder or REBUTTAL_LIBRARY."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("REBUTTAL_LIBRARY", raising=False)


@pytest.fixture(autouse=True)
def _collectable_after_each_test() -> object:
    """The app sets its start-up objects aside from the collector (``gc.freeze``) for the rest of
    its process; in the test process, one app per test, they are let go again after the test."""
    yield
    gc.unfreeze()
    gc.enable()


@pytest.fixture
def small_library() -> Library:
    """The built-in library with the test fixture library stacked on top."""
    return load_library([FIXTURES / "library"])


@pytest.fixture
def small_outline() -> Outline:
    """An outline over the fixture library: opening, two concerns, evidence."""
    return load_outline(FIXTURES / "outlines" / "small.toml")


@pytest.fixture(scope="session")
def builtin_library() -> Library:
    """The library shipped in blocks/."""
    return load_library([builtin_folder()])


@pytest.fixture
def example_outline() -> Outline:
    """The PSPS example outline."""
    return load_outline(EXAMPLE)


@pytest.fixture
def example_document(builtin_library: Library, example_outline: Outline) -> Document:
    """The PSPS letter, assembled."""
    return assemble(builtin_library, example_outline, today=TODAY)
