"""One writer at a time (issue 19 items 1, 10): file locks, concurrent imports, killed writers.

The lock (rebuttal/files/lock.py) is tried on its own (it excludes, it is re-entrant
in a thread, it survives the race with a holder removing the sidecar, a killed
holder frees it), then as people meet it: four `rebuttal import --to` processes
at once into one library lose nothing. A write killed before its rename leaves
a temporary file that the next write removes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.files import atomic, lock
from rebuttal.files.atomic import atomic_write_text, remove_stale_temporaries
from rebuttal.files.lock import lock_path, locked

from .conftest import EXAMPLE, ROOT


@contextmanager
def _held_by_another_thread(target: Path) -> Iterator[None]:
    """``target``'s lock, held by another thread for the duration of the ``with``."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with locked(target):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        yield
    finally:
        release.set()
        holder.join(10)


def test_the_lock_excludes_another_holder_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "references.json"
    tried: list[str] = []
    with _held_by_another_thread(target):
        assert lock_path(target).exists()
        with pytest.raises(RebuttalError) as caught, locked(target, wait=0.05):
            tried.append("entered")
    assert tried == [] and "another rebuttal has been changing this file" in str(caught.value)
    with locked(target, wait=1):
        tried.append("entered")
    assert tried == ["entered"] and not lock_path(target).exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_a_link_and_its_target_share_one_lock(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "letter.toml"
    target.parent.mkdir()
    target.write_text("")
    link = tmp_path / "letter.toml"
    link.symlink_to(target)
    with _held_by_another_thread(target):
        assert lock_path(target).exists() and not lock_path(link).exists()
        with pytest.raises(RebuttalError), locked(link, wait=0.05):
            pass


def test_the_lock_is_reentrant_within_a_thread(tmp_path: Path) -> None:
    target = tmp_path / "letter.toml"
    with locked(target), locked(target, wait=0.05), locked(str(target), wait=0.05):
        assert lock_path(target).exists()
    assert not lock_path(target).exists()


def test_a_sidecar_removed_between_open_and_lock_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The holder removes the sidecar as it lets go; a waiter that opened the old one must not take
    a lock on a file no longer at the path (then a third process could lock the new one too)."""
    target = tmp_path / "references.json"
    real_flock = lock.fcntl.flock
    raced = []

    def flock_after_the_holder_left(handle: int, operation: int) -> None:
        if not raced:  # the holder unlinks the sidecar just before our flock succeeds
            raced.append(handle)
            os.unlink(lock_path(target))
        real_flock(handle, operation)

    monkeypatch.setattr(lock.fcntl, "flock", flock_after_the_holder_left)
    with locked(target):
        monkeypatch.setattr(lock.fcntl, "flock", real_flock)
        held = os.stat(lock_path(target))  # a sidecar is at the path again: the one we hold
        probe = os.open(lock_path(target), os.O_RDWR)
        try:
            assert os.path.samestat(os.fstat(probe), held)
            with pytest.raises(BlockingIOError):
                real_flock(probe, lock.fcntl.LOCK_EX | lock.fcntl.LOCK_NB)
        finally:
            os.close(probe)
    assert len(raced) == 1


HOLD = """
import sys, time
from rebuttal.files.lock import locked
with locked(sys.argv[1]):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_killed_holder_frees_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "letter.toml"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(RebuttalError), locked(target, wait=0.1):
            pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        assert lock_path(target).exists()  # left by the killed process...
        with locked(target, wait=5):  # ...and taken over
            pass
        assert not lock_path(target).exists()
    finally:
        if holder.poll() is None:
            holder.kill()


def _entries(round_number: int, process: int) -> list[dict[str, object]]:
    return [{"id": f"r{round_number}p{process}e{entry}", "type": "article-journal",
             "title": f"Study {entry} of process {process} in round {round_number}",
             "DOI": f"10.5555/r{round_number}.p{process}.e{entry}", "issued": {"date-parts": [[2020]]}}
            for entry in range(5)]


def test_four_concurrent_imports_into_one_library_lose_nothing(tmp_path: Path) -> None:
    library = tmp_path / "library"
    env = {**os.environ, "REBUTTAL_LIBRARY": ""}
    given: set[str] = set()
    for round_number in range(3):
        files = []
        for process in range(4):
            items = _entries(round_number, process)
            given.update(str(item["DOI"]) for item in items)
            path = tmp_path / f"r{round_number}-{process}.json"
            path.write_text(json.dumps(items), encoding="utf-8")
            files.append(path)
        command = [sys.executable, "-m", "rebuttal", "import"]
        running = [subprocess.Popen([*command, str(path), "--to", str(library)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                   for path in files]
        errors = [child.communicate()[1] for child in running]
        assert [child.returncode for child in running] == [0, 0, 0, 0], errors
        held = {item["DOI"] for item in json.loads((library / "references.json").read_text("utf-8"))}
        assert held == given
    assert sorted(path.name for path in library.iterdir()) == ["references.json"]


def test_a_killed_write_leaves_a_temporary_file_the_next_write_removes(tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    killed = """
import sys, time
from pathlib import Path
from rebuttal.files.atomic import atomic_write
def write(temporary):
    temporary.write_text("half a lett")
    print("writing", flush=True)
    time.sleep(60)
atomic_write(Path(sys.argv[1]), write)
"""
    writer = subprocess.Popen([sys.executable, "-c", killed, str(target)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    (left,) = [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]
    assert left.name.startswith(".letter.txt.") and not target.exists()
    assert main(["build", str(EXAMPLE), "-o", str(target)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["letter.txt"]


def test_only_stale_temporary_files_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "letter.docx"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(gone.stdout)
    host = atomic._host()
    names = {
        "dead writer": f".letter.docx.{host}-{dead_pid}.abcd1234.tmp",
        "this process": f".letter.docx.{host}-{os.getpid()}.abcd1234.tmp",
        "running writer": f".letter.docx.{host}-1.abcd1234.tmp",  # init: always running
        "another machine, new": ".letter.docx.0a0a0a-123.abcd1234.tmp",
        "another machine, old": ".letter.docx.0b0b0b-123.abcd1234.tmp",
        "unmarked, new": ".letter.docx.k2j3h4z9.tmp",
        "unmarked, old": ".letter.docx.q8w7e6r5.tmp",
        "another file's": ".letter.docx.bak.x1y2z3w4.tmp",
    }
    for name in names.values():
        (tmp_path / name).write_text("")
    day = 24 * 3600 + 60
    for label in ("another machine, old", "unmarked, old", "another file's"):
        path = tmp_path / names[label]
        os.utime(path, (path.stat().st_atime - day, path.stat().st_mtime - day))
    removed = {path.name for path in remove_stale_temporaries(target)}
    assert removed == {names["dead writer"], names["another machine, old"], names["unmarked, old"]}
    atomic_write_text(target, "letter")
    left = {path.name for path in tmp_path.iterdir()}
    assert left == {"letter.docx"} | set(names.values()) - removed


@pytest.fixture
def holding(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """``holding(path)``: another thread holds ``path``'s lock until the test ends; waits are short."""
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.2)
    release = threading.Event()
    holders = []

    def hold(path: Path) -> None:
        held = threading.Event()

        def run() -> None:
            with locked(path):
                held.set()
                release.wait(30)

        holder = threading.Thread(target=run)
        holder.start()
        holders.append(holder)
        assert held.wait(10)

    yield hold
    release.set()
    for holder in holders:
        holder.join(10)


def test_every_command_that_changes_a_shared_file_waits_for_its_lock(
    tmp_path: Path, holding: Callable[[Path], None], capsys: pytest.CaptureFixture[str]
) -> None:
    """Each read-modify-write holds the file's lock from its read to its write: while another holds
    it, the command waits, then says so in one line, and changes nothing."""
    from .test_fault_writes import Scene, _edited_export

    scene = Scene(tmp_path / "scene", _edited_export(tmp_path / "editors"))
    draft = scene.library / "about" / "psps-profile.toml"  # the block the editors' edit changes
    draft.parent.mkdir()
    cases = [
        (scene.library / "references.json", ["import", str(ROOT / "examples" / "references.ris"), "--to",
                                             str(scene.library)]),
        (scene.outline, ["import", str(ROOT / "examples" / "wang2025.nbib"), "--article",
                         str(scene.outline)]),
        (scene.outline, ["merge", str(scene.edited), str(scene.outline), "--apply"]),
        (scene.outline, ["library", "update", str(scene.outline)]),
        (draft, ["merge", str(scene.edited), str(scene.outline), "--propose", str(scene.library)]),
        (scene.library / "concerns" / "heterogeneity.toml",
         ["library", "approve", "concerns/heterogeneity", "--by", "Board", "--library", str(scene.library)]),
    ]
    before = scene.files()
    capsys.readouterr()
    for held in dict.fromkeys(held for held, _ in cases):
        holding(held)
    for held, arguments in cases:
        assert main(arguments) == 2, arguments
        err = capsys.readouterr().err.strip().splitlines()[-1]
        assert err.startswith(f"rebuttal: {held}: another rebuttal has been changing this file"), err
    assert {path: data for path, data in scene.files().items() if not path.name.endswith(".lock")} == before


def test_the_apps_save_waits_for_the_lock(
    tmp_path: Path, holding: Callable[[Path], None], builtin_library: object
) -> None:
    import shutil

    from rebuttal.app.session import Session

    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    session = Session.open(builtin_library, outline)  # type: ignore[arg-type]
    session.set_letter_field("title", "A new title")
    holding(outline)
    with pytest.raises(RebuttalError, match="another rebuttal has been changing this file"):
        session.save()
    assert outline.read_bytes() == EXAMPLE.read_bytes() and session.dirty
