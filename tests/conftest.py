"""Shared fixtures: a small test library and outline, and the shipped example."""

from __future__ import annotations

import datetime as dt
import gc
import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import Outline, load_outline
from rebuttal.library.stack import Library, builtin_folder, load_library
from rebuttal.model import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
TODAY = dt.date(2025, 3, 10)

# Generated cases are the same on every run and machine, so the suite passes or fails alike in CI
# and here; HYPOTHESIS_PROFILE=explore searches afresh (and remembers what it finds in .hypothesis).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def _shared_citation_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One citation cache for the whole test process (each xdist worker has its own).

    A cold assemble runs citeproc (~0.2 s), a warm one reads this cache (~3 ms). The cache is
    keyed by each reference's content, so a warm answer is the cold one; tests about the cache
    itself are marked ``cold_citation_cache`` and start with none.
    """
    return tmp_path_factory.mktemp("citation-cache")


@pytest.fixture(autouse=True)
def _isolated_user_library(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
    _shared_citation_cache: Path,
) -> None:
    """Tests never see the developer's own library folder, caches, state or REBUTTAL_LIBRARY; each
    test has folders of its own (the citation cache excepted, see ``_shared_citation_cache``)."""
    from rebuttal.refs.csl.cache import cache_folder

    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("REBUTTAL_LIBRARY", raising=False)
    if request.node.get_closest_marker("cold_citation_cache") is None:
        references = cache_folder()
        references.parent.mkdir(parents=True)
        references.symlink_to(_shared_citation_cache, target_is_directory=True)


@pytest.fixture(autouse=True)
def _claims_of_repository_files_apart(tmp_path_factory: pytest.TempPathFactory,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run side by side open the repository's examples in apps of their own: their claims
    ("open elsewhere", rebuttal.app.presence) go to a folder of each test's, not beside the
    examples, so no test sees another's window. Letters in a test's own folder keep theirs beside."""
    from rebuttal.app import presence

    beside = presence.claim_path
    folder = tmp_path_factory.mktemp("claims")

    def claim_path(letter: Path) -> Path:
        path = beside(letter)
        return folder / path.name if path.is_relative_to(ROOT) else path

    monkeypatch.setattr(presence, "claim_path", claim_path)


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
