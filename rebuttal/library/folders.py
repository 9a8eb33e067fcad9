"""Where the library stack lives: built-in, the user's folder, ``REBUTTAL_LIBRARY``, ``--library``.

Apart from :mod:`rebuttal.library.stack` (which loads the stack) so that finding the folders
costs no more than the standard library: ``merge`` of an unchanged export looks at them
without loading a block (:mod:`rebuttal.merge.unchanged`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from rebuttal.files.user_folders import user_folder

TYPE_CHECKING = False  # pathlib loads when a Path is made: library_folder_names() needs none
if TYPE_CHECKING:
    from pathlib import Path

LIBRARY_ENV = "REBUTTAL_LIBRARY"


def builtin_folder() -> Path:
    """The library shipped with the package (inside a wheel, or in the source tree)."""
    from pathlib import Path

    return Path(_builtin_name())


def _builtin_name() -> str:
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for candidate in (os.path.join(package, "blocks"), os.path.join(os.path.dirname(package), "blocks")):
        if os.path.isdir(candidate):
            return candidate
    return os.path.join(package, "blocks")


def user_library_folder() -> Path:
    """The user's own library folder (new blocks from the app go here)."""
    from pathlib import Path

    return Path(_user_name())


def _user_name() -> str:
    return os.path.join(user_folder("data"), "library")


def library_folders(extra: Sequence[str | Path] = (), *, include_user: bool = True) -> list[Path]:
    """The stack, lowest priority first: built-in, user, REBUTTAL_LIBRARY, ``extra``."""
    from pathlib import Path

    return [Path(name) for name in library_folder_names(extra, include_user=include_user)]


def library_folder_names(extra: Sequence[str | Path] = (), *, include_user: bool = True) -> list[str]:
    """:func:`library_folders` as path strings (without loading pathlib)."""
    folders = [_builtin_name()]
    if include_user:
        user = _user_name()
        if os.path.isdir(user):
            folders.append(user)
    for entry in os.environ.get(LIBRARY_ENV, "").split(os.pathsep):
        if entry.strip():
            folders.append(entry.strip())
    folders.extend(os.fspath(p) for p in extra)
    return folders
