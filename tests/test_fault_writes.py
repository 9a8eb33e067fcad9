"""Writes the machine refuses (issue 19 items 4, 10): one line naming the file, exit 2, old file intact.

Each command that writes meets a full disk (simulated: every write to a temporary
file raises ENOSPC; and, as root with ``mount``, a real 64 kB tmpfs filled up), a
read-only file system (a tmpfs remounted read-only as root, a folder without
write permission otherwise), a folder or a device at ``-o``; a symbolic link at
``-o`` is written through.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from rebuttal.cli import main
from rebuttal.library.stack import builtin_folder

from .conftest import EXAMPLE, ROOT

ARTICLE = ROOT / "examples" / "wang2025.nbib"
BIB = ROOT / "examples" / "references.bib"
BLOCK = "concerns/heterogeneity"


class Scene:
    """A letter, its exports, an edited DOCX and a small library, all in one folder."""

    def __init__(self, folder: Path, edited: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.outline = folder / "letter.toml"
        self.library = folder / "library"
        self.edited = edited
        shutil.copy(EXAMPLE, self.outline)
        (self.library / "concerns").mkdir(parents=True)
        shutil.copy(builtin_folder() / f"{BLOCK}.toml", self.library / f"{BLOCK}.toml")
        assert main(["import", str(BIB), "--to", str(self.library)]) in (0, 1)
        for suffix in ("docx", "md", "txt"):
            assert main(["build", str(self.outline), "-o", str(folder / f"letter.{suffix}")]) == 0

    def commands(self) -> dict[str, list[str]]:
        """Every command that writes into the folder, by what it writes."""
        return {
            "build docx": ["build", str(self.outline), "-o", str(self.folder / "letter.docx")],
            "build md": ["build", str(self.outline), "-o", str(self.folder / "letter.md")],
            "build txt": ["build", str(self.outline), "-o", str(self.folder / "letter.txt")],
            "import --article": ["import", str(ARTICLE), "--article", str(self.outline)],
            "import --to": ["import", str(ROOT / "examples" / "references.ris"), "--to", str(self.library)],
            "merge --apply": ["merge", str(self.edited), str(self.outline), "--apply"],
            "merge --propose": ["merge", str(self.edited), str(self.outline), "--propose", str(self.library)],
            "library approve": ["library", "approve", BLOCK, "--by", "Board", "--library", str(self.library)],
        }

    def files(self) -> dict[Path, bytes]:
        """Every file under the folder, with its bytes."""
        return {path: path.read_bytes() for path in sorted(self.folder.rglob("*")) if path.is_file()}


def _edited_export(folder: Path) -> Path:
    """The example's DOCX export with one word added, as an editor would (kept outside the scene)."""
    folder.mkdir(parents=True, exist_ok=True)
    exported = folder / "export.docx"
    outline = folder / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    assert main(["build", str(outline), "-o", str(exported)]) == 0
    word = docx.Document(str(exported))
    paragraph = next(p for p in word.paragraphs if "Pacific Spine and Pain Society is" in p.text)
    paragraph.runs[0].text = paragraph.runs[0].text.replace("The ", "The very ", 1)
    edited = folder / "edited.docx"
    word.save(str(edited))
    return edited


@pytest.fixture
def scene(tmp_path: Path) -> Scene:
    return Scene(_mkdir(tmp_path / "scene"), _edited_export(tmp_path / "editors"))


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


def _run(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(arguments)
    err = capsys.readouterr().err.strip()
    return status, err


def _assert_one_line_and_intact(scene: Scene, before: dict[Path, bytes], name: str, status: int, err: str,
                                words: tuple[str, ...]) -> None:
    assert status == 2, (name, err)
    assert len(err.splitlines()) == 1 and "Traceback" not in err, (name, err)
    assert any(word in err for word in words), (name, err)
    assert scene.files() == before, name  # nothing changed, nothing half-written, no temporary files


class _FullFile:
    """A file whose every write finds the disk full."""

    def __init__(self, handle: io.IOBase) -> None:
        self._handle = handle

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> object:
        return getattr(self._handle, name)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


@contextlib.contextmanager
def _disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every write to a temporary file of an atomic write raises ENOSPC (the zip writer's too)."""
    real_open = builtins.open

    def full_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        handle = real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]
        name = os.path.basename(str(file))
        if any(flag in mode for flag in "wax+") and name.startswith(".") and name.endswith(".tmp"):
            return _FullFile(handle)
        return handle

    with monkeypatch.context() as patch:
        patch.setattr(builtins, "open", full_open)
        patch.setattr(io, "open", full_open)
        yield


def test_a_full_disk_is_one_line_for_every_command_and_changes_nothing(
    scene: Scene, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = scene.files()
    capsys.readouterr()
    for name, arguments in scene.commands().items():
        with _disk_full(monkeypatch):
            status, err = _run(arguments, capsys)
        _assert_one_line_and_intact(scene, before, name, status, err, ("the disk is full",))


def test_the_message_names_the_file_and_the_old_file(
    scene: Scene, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with _disk_full(monkeypatch):
        status, err = _run(scene.commands()["build docx"], capsys)
    assert status == 2
    assert err == (f"rebuttal: {scene.folder / 'letter.docx'}: output: cannot write: the disk is full; free "
                   "some space and try again (the existing file is unchanged)")


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def _tmpfs(where: Path, size: str = "64k") -> Iterator[Path]:
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(folder: Path) -> None:
    """Use up the file system's last free byte."""
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(handle, bytes(size))
    finally:
        os.close(handle)


@pytest.mark.skipif(not _can_mount(), reason="a real full disk needs root and mount")
def test_a_real_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edited = _edited_export(tmp_path / "editors")
    with _tmpfs(tmp_path / "tiny", size="1m") as mount:
        scene = Scene(_mkdir(mount / "scene"), edited)
        _fill(mount)
        before = scene.files()
        capsys.readouterr()
        for name, arguments in scene.commands().items():
            status, err = _run(arguments, capsys)
            _assert_one_line_and_intact(scene, before, name, status, err, ("the disk is full",))


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[tuple[str, ...]]:
    """``folder``'s file system made read-only (as root: remounted); else its folders made unwritable.
    Yields the words the refusal must contain."""
    if _can_mount():
        result = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True, check=False)
        if result.returncode != 0:
            pytest.skip(f"cannot remount read-only: {result.stderr.decode().strip()}")
        try:
            yield ("the file system is read-only",)
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=False)
        return
    folders = [folder, *(path for path in folder.rglob("*") if path.is_dir())]
    for path in folders:
        path.chmod(0o555)
    try:
        yield ("permission denied",)
    finally:
        for path in folders:
            path.chmod(0o755)


def test_a_read_only_file_system(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edited = _edited_export(tmp_path / "editors")
    mount_point = tmp_path / "ro"
    opened = _tmpfs(mount_point, size="4m") if _can_mount() else contextlib.nullcontext(_mkdir(mount_point))
    with opened as mount:
        scene = Scene(_mkdir(mount / "scene"), edited)
        before = scene.files()
        capsys.readouterr()
        with _read_only(mount) as words:
            for name, arguments in scene.commands().items():
                status, err = _run(arguments, capsys)
                _assert_one_line_and_intact(scene, before, name, status, err, words)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_no_permission_to_replace_the_file(scene: Scene, capsys: pytest.CaptureFixture[str]) -> None:
    scene.folder.chmod(0o555)
    try:
        status, err = _run(scene.commands()["build docx"], capsys)
    finally:
        scene.folder.chmod(0o755)
    assert status == 2 and "permission denied" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("suffix", ["docx", "md", "txt", "pdf"])
def test_a_folder_at_o_is_one_line_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    folder = tmp_path / f"letter.{suffix}"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept")
    status, err = _run(["build", str(EXAMPLE), "-o", str(folder)], capsys)
    assert status == 2
    assert err == f"rebuttal: {folder}: output: is a folder; name a file (e.g. a name inside that folder)"
    assert [path.name for path in folder.iterdir()] == ["inside.txt"]


def test_a_device_at_o_is_refused_never_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run(["build", str(EXAMPLE), "-o", os.devnull, "--format", "txt"], capsys)
    assert status == 2 and "is not a regular file" in err and len(err.splitlines()) == 1
    assert not Path(os.devnull).is_file()
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "letter.txt"
        os.mkfifo(pipe)
        status, err = _run(["build", str(EXAMPLE), "-o", str(pipe)], capsys)
        assert status == 2 and "is not a regular file" in err and not pipe.is_file()


def test_o_onto_a_symbolic_link_writes_through_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = _mkdir(tmp_path / "shared")
    target = shared / "letter.txt"
    target.write_text("the old letter")
    link = tmp_path / "letter.txt"
    link.symlink_to(target)
    assert main(["build", str(EXAMPLE), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "Pacific Spine and Pain Society" in target.read_text()
    assert sorted(path.name for path in shared.iterdir()) == ["letter.txt"]  # no temporary file left
    dangling = tmp_path / "new.txt"
    dangling.symlink_to(shared / "new-letter.txt")
    assert main(["build", str(EXAMPLE), "-o", str(dangling)]) == 0
    assert dangling.is_symlink() and (shared / "new-letter.txt").is_file()


def test_a_write_that_fails_inside_the_writer_names_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy into the temporary file (the PDF writer's) that finds the disk full names the output."""
    from rebuttal.files.atomic import atomic_write

    source = tmp_path / "made-elsewhere.pdf"
    source.write_bytes(b"%PDF")

    def copy_full(temporary: Path) -> None:
        error = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        error.filename, error.filename2 = str(source), str(temporary)  # as shutil.copyfile sets them
        raise error

    with pytest.raises(Exception) as caught:
        atomic_write(tmp_path / "letter.pdf", copy_full)
    assert str(caught.value) == (f"{tmp_path / 'letter.pdf'}: output: cannot write: the disk is full; "
                                 "free some space and try again")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["made-elsewhere.pdf"]


@pytest.mark.parametrize(("error", "words"), [
    (OSError(errno.EIO, "Input/output error", "/mnt/x/a.toml"), "/mnt/x/a.toml: cannot open: an input"),
    (RecursionError("maximum recursion depth exceeded"), "nested too deeply"),
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "not UTF-8 text"),
    (MemoryError(), "out of memory"),
])
def test_the_last_resort_handler_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: BaseException, words: str
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("rebuttal.commands.build.open_letter", fail)
    status, err = _run(["build", str(EXAMPLE), "-o", "x.txt"], capsys)
    assert status == 2 and len(err.splitlines()) == 1 and words in err, err


def test_the_last_resort_handler_words_a_damaged_index(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    def fail(*args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr("rebuttal.commands.build.open_letter", fail)
    status, err = _run(["build", str(EXAMPLE), "-o", "x.txt"], capsys)
    assert status == 2 and "search index is damaged" in err and "delete the folder" in err


def test_a_bug_still_shows_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The net is for the machine's refusals, not for our mistakes: those must reach a report whole."""
    def fail(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr("rebuttal.commands.build.open_letter", fail)
    with pytest.raises(KeyError):
        main(["build", str(EXAMPLE), "-o", "x.txt"])


def test_text_no_file_can_hold_is_one_located_line(tmp_path: Path) -> None:
    from rebuttal.errors import RebuttalError
    from rebuttal.files.atomic import atomic_write_text

    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RebuttalError) as caught:
        atomic_write_text(target, "line one\nhalf \ud800 a pair\n")
    assert str(caught.value).startswith(f"{target}:2: output: cannot write: the text holds U+D800")
    assert target.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]

