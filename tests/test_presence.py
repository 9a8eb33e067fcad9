"""Who has a letter open (app/presence.py) and whose autosave is a crash (app/autosave.py), across
real processes: a live window's claim and autosave are never taken, a dead one's are."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rebuttal.app.autosave import autosave_folder, discard_recovery, find_recovery, write_autosave
from rebuttal.app.presence import (
    Window,
    claim,
    claim_path,
    close_window,
    host_key,
    open_window,
    read_claim,
    release,
    this_host,
    window_alive,
)
from rebuttal.letter.outline import BodyItem, Outline


@pytest.fixture
def other_process() -> Iterator[int]:
    """A live process of this machine that is not this one (another window's app)."""
    process = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        yield process.pid
    finally:
        process.stdin.close()  # type: ignore[union-attr]
        process.wait()


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _window(pid: int, host: str | None = None, since: dt.datetime | None = None) -> Window:
    since = (since or dt.datetime.now().astimezone()).replace(microsecond=0)
    return Window(pid, host or this_host(), "alice", since, "a1b2c3d4")


def _letter(tmp_path: Path) -> Path:
    letter = tmp_path / "letter.toml"
    letter.write_text('[letter]\ntitle = "A"\n', encoding="utf-8")
    return letter


def test_the_first_window_claims_and_the_second_sees_who_and_since_when(tmp_path: Path) -> None:
    letter = _letter(tmp_path)
    first, second = open_window(), open_window()
    assert claim(letter, first).mine
    data = json.loads(claim_path(letter).read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid() and data["host"] == this_host() and data["user"] == first.user
    assert dt.datetime.fromisoformat(data["since"]) == first.since.replace(microsecond=0)
    found = claim(letter, second)
    assert not found.mine and found.elsewhere == read_claim(letter)
    assert found.elsewhere is not None and found.elsewhere.token == first.token
    release(letter, second)  # not its claim: left alone
    assert claim_path(letter).exists()
    assert claim(letter, first).mine  # claiming again what it holds
    release(letter, first)
    assert not claim_path(letter).exists()
    assert claim(letter, second).mine


def test_a_claim_of_a_live_process_is_never_taken(tmp_path: Path, other_process: int) -> None:
    letter = _letter(tmp_path)
    claim_path(letter).write_text(_window(other_process).to_json(), encoding="utf-8")
    found = claim(letter, open_window())
    assert not found.mine and found.elsewhere is not None and found.elsewhere.pid == other_process
    assert read_claim(letter).pid == other_process  # type: ignore[union-attr]


def test_a_claim_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    letter = _letter(tmp_path)
    dead = _window(_dead_pid())
    claim_path(letter).write_text(dead.to_json(), encoding="utf-8")
    window = open_window()
    found = claim(letter, window)
    assert found.mine and found.took_over is not None and found.took_over.pid == dead.pid
    assert read_claim(letter).token == window.token  # type: ignore[union-attr]


def test_a_closed_window_of_this_process_is_gone(tmp_path: Path) -> None:
    letter = _letter(tmp_path)
    first = open_window()
    claim(letter, first)
    close_window(first)  # ended without releasing (an exception, say)
    assert not window_alive(first)
    second = open_window()
    found = claim(letter, second)
    assert found.mine and found.took_over == first
    assert read_claim(letter) == second


def test_another_machines_claim_is_live_for_a_day(tmp_path: Path) -> None:
    letter = _letter(tmp_path)
    now = dt.datetime.now().astimezone()
    remote = _window(1, host="elsewhere.example", since=now - dt.timedelta(hours=20))
    assert host_key(remote.host) != host_key(this_host())
    claim_path(letter).write_text(remote.to_json(), encoding="utf-8")
    assert claim(letter, open_window()).elsewhere == remote
    old = _window(1, host="elsewhere.example", since=now - dt.timedelta(days=2))
    claim_path(letter).write_text(old.to_json(), encoding="utf-8")
    assert claim(letter, open_window()).took_over == old


def test_what_is_not_a_claim_is_replaced_and_a_read_only_folder_is_said(tmp_path: Path) -> None:
    letter = _letter(tmp_path)
    claim_path(letter).write_text("not json", encoding="utf-8")
    assert claim(letter, open_window()).mine
    missing = tmp_path / "no-such-folder" / "letter.toml"
    found = claim(missing, open_window())
    assert not found.mine and "does not exist" in found.problem


def _outline(block: str) -> Outline:
    return Outline(body=[BodyItem(block=block)])


def _autosave_of(window: Window, letter: Path, block: str) -> Path:
    return write_autosave(_outline(block), letter, window)


def test_a_live_windows_autosave_is_never_offered_nor_discarded(tmp_path: Path, other_process: int) -> None:
    letter = _letter(tmp_path)
    live = _autosave_of(_window(other_process), letter, "concerns/heterogeneity")
    assert find_recovery(letter) is None  # another window, still open, is editing it
    dead = _autosave_of(_window(_dead_pid()), letter, "concerns/grouping")
    recovery = find_recovery(letter)
    assert recovery is not None and recovery.path == dead
    assert [item.block for item in recovery.outline.body] == ["concerns/grouping"]
    discard_recovery(recovery)  # "Discard it"
    assert live.is_file() and not dead.exists()


def test_two_windows_autosave_to_their_own_files(tmp_path: Path) -> None:
    letter = _letter(tmp_path)
    first, second = open_window(), open_window()
    one = _autosave_of(first, letter, "concerns/heterogeneity")
    two = _autosave_of(second, letter, "concerns/grouping")
    assert one != two and one.is_file() and two.is_file()
    assert one.parent == autosave_folder()


def test_an_autosave_from_before_windows_had_names_is_a_crash(tmp_path: Path) -> None:
    letter = _letter(tmp_path)
    window = _window(os.getpid())
    named = _autosave_of(window, letter, "concerns/heterogeneity")
    legacy = named.with_name(named.name.split(".")[0] + ".toml")
    named.rename(legacy)
    recovery = find_recovery(letter)
    assert recovery is not None and recovery.path == legacy
