"""Where the library stack lives: built-in, the user's folder, ``REBUTTAL_LIBRARY``, ``--library``.

Apart from :mod:`rebuttal.library.stack` (which loads the stack) so that finding the folders
costs no more than the standard library: ``merge`` of an unchanged export looks at them
without loading a block (:mod:`rebuttal.merge.unchanged`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

LIBRARY_ENV = "REBUTTAL_LIBRARY"


def builtin_folder() -> Path:
    """The library shipped with the package (inside a wheel, or in the source tree)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "blocks", package.parent / "blocks"):
        if candidate.is_dir():
            return candidate
    return package / "blocks"


def user_library_folder() -> Path:
    """The user's own library folder (new blocks from the app go here)."""
    from platformdirs import user_data_path

    return user_data_path("rebuttal", appauthor=False) / "library"


def library_folders(extra: Sequence[str | Path] = (), *, include_user: bool = True) -> list[Path]:
    """The stack, lowest priority first: built-in, user, REBUTTAL_LIBRARY, ``extra``."""
    folders = [builtin_folder()]
    if include_user:
        user = user_library_folder()
        if user.is_dir():
            folders.append(user)
    for entry in os.environ.get(LIBRARY_ENV, "").split(os.pathsep):
        if entry.strip():
            folders.append(Path(entry.strip()))
    folders.extend(Path(p) for p in extra)
    return folders
