"""Atomic file writes: write a temporary file beside the target, then rename.

A crash, a full disk or an exception while rendering never leaves a
half-written letter or outline behind, and never damages the previous one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from rebuttal.errors import RebuttalError


def check_output_folder(path: Path, field: str = "output") -> None:
    """Raise a clear error when the folder that should receive ``path`` is missing."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RebuttalError(f"folder '{folder}' does not exist", file=path, field=field)


def atomic_write(path: Path, write: Callable[[Path], None], field: str = "output") -> None:
    """Call ``write(tmp)`` on a temporary path in the same folder, then rename it to ``path``."""
    path = Path(path)
    check_output_folder(path, field)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        if path.exists():
            # Keep the permissions people gave the file they already had.
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, field: str = "output") -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""

    def write(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())

    atomic_write(path, write, field)


def atomic_write_bytes(path: Path, data: bytes, field: str = "output") -> None:
    """Write ``data`` to ``path`` atomically."""

    def write(temporary: Path) -> None:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    atomic_write(path, write, field)
