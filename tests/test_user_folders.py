"""rebuttal's user folders (worked out without importing platformdirs) are platformdirs' folders."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from rebuttal.files.user_folders import user_folder

KINDS = {"state": "XDG_STATE_HOME", "data": "XDG_DATA_HOME", "cache": "XDG_CACHE_HOME"}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("setting", ["absolute", "relative", "empty", "unset"])
def test_the_user_folders_are_platformdirs_folders(kind, setting, tmp_path, monkeypatch) -> None:
    variable = KINDS[kind]
    values = {"absolute": str(tmp_path / "xdg"), "relative": "xdg/here", "empty": ""}
    if setting == "unset":
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, values[setting])
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = getattr(platformdirs, f"user_{kind}_dir")("rebuttal", appauthor=False)
    assert user_folder(kind) == expected
    if sys.platform == "linux" and setting == "absolute":
        assert user_folder(kind) == str(tmp_path / "xdg" / "rebuttal")


def test_without_an_absolute_home_platformdirs_answers(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", "not/absolute")
    try:
        expected = platformdirs.user_state_dir("rebuttal", appauthor=False)
    except RuntimeError:  # platformdirs refuses too (newer versions): so does rebuttal
        with pytest.raises(RuntimeError):
            user_folder("state")
    else:
        assert user_folder("state") == expected
