"""One writer at a time: an OS file lock around every read-modify-write of a shared file.

Use it around the whole of a change, from the read to the atomic write::

    from rebuttal.files.lock import locked

    with locked(path):              # waits for any other rebuttal changing `path`
        data = read(path)
        atomic_write_text(path, changed(data))

Everything that changes a file other processes may change too takes this lock: a library's
``references.json`` (``import --to``), block files (``library approve``, ``merge --propose``),
an outline (``import --article``, ``merge --apply``, ``library update``, the app's save) and
recorded letters. Two ``import --to`` into one folder then run one after the other, and neither
loses the other's entries.

How: the lock is ``fcntl.flock`` on a sidecar file, ``.NAME.lock`` beside ``NAME`` (beside the
file a symbolic link points to, as the atomic write writes through links). Not the
file itself: an atomic write replaces the file's inode (:mod:`rebuttal.files.atomic`), so a
lock on the old inode would not stop the next writer. The sidecar is removed when the lock is
released, so nothing is left in folders people keep in git. Removing it races with a waiter
that opened the same sidecar before it went: that waiter then holds a lock on a file no longer
at the path. So after taking the lock we check that the path still names the file we locked
(same device and inode) and start again if not; the holder removes the sidecar *before*
releasing, so whoever gets the lock on a removed sidecar always sees it gone.

The lock is per thread and re-entrant: a function that takes it may call another that takes it
again for the same path (``save_outline`` inside a command that holds the outline's lock).
Other threads and processes wait, up to :data:`WAIT_SECONDS`; then one line says who to wait
for. A process killed while holding it releases it (the kernel drops ``flock`` locks with the
process); its sidecar stays and the next lock takes it over.

Where there is no ``fcntl`` (Windows) the sidecar is created exclusively instead, and one left
by a killed process is taken over once it is older than :data:`STALE_SECONDS`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from rebuttal.errors import RebuttalError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

WAIT_SECONDS = 60.0  # an import of thousands of entries takes seconds; a minute is someone stuck
STALE_SECONDS = 600.0  # Windows only: a sidecar this old belongs to a killed process
_POLL_SECONDS = (0.002, 0.05)  # first and longest pause between attempts

_held = threading.local()  # path -> how many times this thread holds it


def lock_path(path: Path) -> Path:
    """The sidecar whose lock stands for ``path``: ``.NAME.lock`` in the same folder."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path | str, *, wait: float | None = None) -> Iterator[None]:
    """Hold the lock of ``path`` (a file that may not exist yet) for the ``with`` block.

    Raises a located :class:`RebuttalError` when another process holds it for longer than
    ``wait`` seconds (default :data:`WAIT_SECONDS`), or when the sidecar cannot be created (a
    read-only folder, no permission).
    """
    key = os.path.realpath(path)  # a link and its target are one file: one lock, beside the target
    counts: dict[str, int] = _held.__dict__.setdefault("counts", {})
    if counts.get(key):
        counts[key] += 1
        try:
            yield
        finally:
            counts[key] -= 1
        return
    sidecar = lock_path(Path(key))
    handle = _acquire(sidecar, Path(path), WAIT_SECONDS if wait is None else wait)
    counts[key] = 1
    try:
        yield
    finally:
        del counts[key]
        _release(sidecar, handle)


def _acquire(sidecar: Path, path: Path, wait: float) -> int:
    deadline = time.monotonic() + wait
    pause = _POLL_SECONDS[0]
    while True:
        handle = _try_lock(sidecar, path)
        if handle is not None:
            return handle
        if time.monotonic() >= deadline:
            raise RebuttalError(
                f"another rebuttal has been changing this file for over {wait:.0f} s; wait for it to "
                f"finish, or delete {sidecar.name} if no rebuttal is running",
                file=path,
            )
        time.sleep(pause)
        pause = min(pause * 2, _POLL_SECONDS[1])


def _try_lock(sidecar: Path, path: Path) -> int | None:
    """A descriptor of the locked sidecar, or None when another holds it."""
    if fcntl is None:  # pragma: no cover - Windows
        return _try_exclusive(sidecar, path)
    while True:
        try:
            handle = os.open(sidecar, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise _cannot_lock(error, path) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(handle)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                return None
            raise _cannot_lock(error, path) from None
        try:
            same = os.path.samestat(os.fstat(handle), os.stat(sidecar))
        except FileNotFoundError:
            same = False
        if same:
            return handle
        os.close(handle)  # the holder removed it as we opened it: lock the one at the path now


def _release(sidecar: Path, handle: int) -> None:
    # Removed while still held: a waiter that then gets this lock sees the path gone and retries.
    with contextlib.suppress(OSError):
        sidecar.unlink()
    os.close(handle)


def _try_exclusive(sidecar: Path, path: Path) -> int | None:  # pragma: no cover - Windows
    try:
        return os.open(sidecar, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        with contextlib.suppress(OSError):
            if time.time() - sidecar.stat().st_mtime > STALE_SECONDS:
                sidecar.unlink()
        return None
    except OSError as error:
        raise _cannot_lock(error, path) from None


def _cannot_lock(error: OSError, path: Path) -> RebuttalError:
    from rebuttal.files.atomic import check_output_folder
    from rebuttal.files.problems import os_error

    check_output_folder(path, None)  # a folder that is not there: the same line as a write's
    return os_error(error, path, doing="write", kept=path.exists())
