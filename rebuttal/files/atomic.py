"""Atomic file writes: write a temporary file beside the target, then rename.

A crash, a full disk or an exception while rendering never leaves a
half-written letter or outline behind, and never damages the previous one.
Every failure is one located line (:func:`rebuttal.files.problems.os_error`):
the file the person named and what to do.

What the target may be: a file, or nothing yet. A symbolic link is written
through: its target file gets the new content and the link stays a link (as
editors do, so a letter linked into a shared folder stays linked). A folder,
a device or any other thing that is not a regular file is refused before
anything is written.

The temporary file is ``.NAME.HOST-PID.RANDOM.tmp``. A write killed before its
rename (``kill -9``, a power cut) leaves it behind; the next write to ``NAME``
removes those of writers that are gone: a process of this machine that no
longer runs, or (another machine's, which we cannot ask) one older than a day.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.files.problems import os_error
from rebuttal.files.process import host_key, process_running, this_host

_OTHER_HOST_STALE_SECONDS = 24 * 3600
_UNMARKED_STALE_SECONDS = 3600  # temporary files written before they carried their writer
_MARKED = re.compile(r"[0-9a-f]{6}-[0-9]+")


def check_output_folder(path: Path, field: str | None = "output") -> None:
    """Raise a clear error when the folder that should receive ``path`` is missing."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RebuttalError(f"folder '{folder}' does not exist", file=path, field=field)


def check_output_path(path: Path, field: str | None = "output") -> Path:
    """The file a write to ``path`` changes (a link's target); an error when it cannot be a file.

    Refused in one line: a missing folder, a folder or a device (or a pipe, a socket) at ``path``.
    """
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise os_error(error, path, doing="write", field=field) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise RebuttalError("is a folder; name a file (e.g. a name inside that folder)", file=path,
                            field=field)
    if mode is not None and not stat.S_ISREG(mode):
        raise RebuttalError("is not a regular file (a device, a pipe or a socket); name a file",
                            file=path, field=field)
    check_output_folder(target, field)
    return target


def atomic_write(path: Path, write: Callable[[Path], None], field: str | None = "output") -> None:
    """Call ``write(tmp)`` on a temporary path in the same folder, then rename it to ``path``."""
    path = Path(path)
    target = check_output_path(path, field)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(target)
    existed = target.exists()
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.{_writer()}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise os_error(error, path, doing="write", field=field, kept=existed) from None
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        # Keep the permissions people gave the file they already had.
        os.chmod(temporary, target.stat().st_mode & 0o777 if existed else 0o644)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        # The temporary file's name means nothing to people: the file they named does. (A copy into
        # it names the temporary file second: shutil's ENOSPC.)
        ours = (None, str(temporary), name)
        named = path if error.filename in ours or error.filename2 in ours[1:] else None
        raise os_error(error, named, doing="write", field=field, kept=existed and named is not None) \
            from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, field: str | None = "output") -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    atomic_write_bytes(path, encode_text(text, path, field), field)


def encode_text(text: str, path: Path, field: str | None = "output") -> bytes:
    """``text`` as UTF-8; a lone surrogate (from JSON's ``"\\ud800"``) is one line naming it."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        code = ord(text[error.start])
        raise RebuttalError(f"cannot write: the text holds U+{code:04X}, half of a character (a lone "
                            "surrogate) that no file can hold; remove it where it came from",
                            file=path, line=line, field=field) from None


def atomic_write_bytes(path: Path, data: bytes, field: str | None = "output") -> None:
    """Write ``data`` to ``path`` atomically."""

    def write(temporary: Path) -> None:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    atomic_write(path, write, field)


def _writer() -> str:
    """Who writes a temporary file: this machine and this process."""
    return f"{_host()}-{os.getpid()}"


def _host() -> str:
    return host_key(this_host())


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files of writes to ``target`` whose writers are gone; return them."""
    folder = target.parent if str(target.parent) else Path(".")
    prefix = f".{target.name}."
    try:
        names = [name for name in os.listdir(folder) if name.startswith(prefix) and name.endswith(".tmp")]
    except OSError:
        return []
    removed = []
    for name in names:
        candidate = folder / name
        if _is_stale(name[len(prefix):-len(".tmp")], candidate):
            with contextlib.suppress(OSError):
                candidate.unlink()
                removed.append(candidate)
    return removed


def _is_stale(middle: str, candidate: Path) -> bool:
    """``middle`` is ``HOST-PID.RANDOM`` (or, before writers were marked, mkstemp's 8 characters)."""
    parts = middle.split(".")
    marked = len(parts) == 2 and _MARKED.fullmatch(parts[0]) is not None
    if not marked and not (len(parts) == 1 and len(middle) == 8):
        return False  # another file's (``letter.docx.bak``'s temporary files start the same way)
    try:
        age = time.time() - candidate.lstat().st_mtime
    except OSError:
        return False
    if not marked:
        return age > _UNMARKED_STALE_SECONDS
    host, pid = parts[0].split("-")
    if host != _host():
        return age > _OTHER_HOST_STALE_SECONDS
    if int(pid) == os.getpid():
        return False  # another thread of ours, writing now
    return not process_running(int(pid))


