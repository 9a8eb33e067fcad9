"""What the operating system refused, as one line naming the file and what to do.

A full disk, a read-only file system, a missing permission, a folder where a file should be:
every write and read that meets one raises :func:`os_error`'s :class:`RebuttalError`, and the
command line's last-resort handler (:mod:`rebuttal.cli`) words any it did not expect the same way.
"""

from __future__ import annotations

import errno
from pathlib import Path

from rebuttal.errors import RebuttalError

# errno -> what happened, what to do (for a write; a read has its own advice below).
_ADVICE: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "free some space and try again"),
    errno.EDQUOT: ("the disk quota is used up", "free some space and try again"),
    errno.EROFS: ("the file system is read-only", "write to another folder"),
    errno.EACCES: ("permission denied", "check the permissions of the file and its folder, or use another"),
    errno.EPERM: ("not permitted", "check the permissions of the file and its folder, or use another"),
    errno.EISDIR: ("is a folder", "name a file (e.g. a name inside that folder)"),
    errno.ENOTDIR: ("a part of the path is not a folder", "check the path"),
    errno.ENOENT: ("no such file or folder", "check the path"),
    errno.ENAMETOOLONG: ("the name is too long", "choose a shorter name"),
    errno.EMFILE: ("too many open files", "close other programs and try again"),
    errno.EIO: ("an input/output error (a failing disk or a lost network drive)", "try another folder"),
    errno.ETXTBSY: ("the file is in use", "close the program using it and try again"),
    errno.EBUSY: ("the file is in use", "close the program using it and try again"),
}


def os_error(error: OSError, path: Path | str | None = None, *, doing: str = "write",
             field: str | None = None, kept: bool | None = None) -> RebuttalError:
    """``error`` as one located line: ``FILE: cannot write: the disk is full; free some space...``.

    ``path`` is the file the person named (the error's own file name is used when there is none:
    a temporary file is never what people know). ``kept`` says the old file is still there, whole.
    """
    where = path if path is not None else error.filename
    what, advice = _ADVICE.get(error.errno or 0, (_reason(error), "check the path and try again"))
    if doing == "read" and error.errno in (errno.EACCES, errno.EPERM):
        advice = "check the file's permissions"
    message = f"cannot {doing}: {what}; {advice}"
    if kept:
        message += " (the existing file is unchanged)"
    return RebuttalError(message, file=where, field=field)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error) or type(error).__name__).rstrip(".").lower()
