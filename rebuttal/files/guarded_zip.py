"""Zip packages from outside (edited letters, templates) read within limits, or refused in words.

A Word file is a zip, and a zip says itself how large its entries are: a 1 GB entry of
zeros fits in a megabyte (a zip bomb), and the sizes in the headers may lie. So every
entry is decompressed in pieces, counting the bytes that actually come out, and the
reading stops as soon as an entry passes :attr:`Limits.part_bytes` or all of them
:attr:`Limits.total_bytes`. An entry whose name climbs out of the package (``../``) or
starts at the root (``/``, ``C:``) is refused: such a name is never a part of a Word
file, and copied on it would reach places the letter must not. Nested zips need nothing
here: an entry is only ever read as bytes, never opened as a zip in its turn.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class BadZip(ValueError):
    """The zip was refused; ``str(error)`` says why, in words."""


class Limits(NamedTuple):
    """How much one package may hold (Word letters and templates are a few megabytes).

    A named tuple, not a dataclass: this module is on the path of ``merge`` of an unchanged export,
    which must start faster than ``dataclasses`` imports.
    """

    parts: int = 1000
    part_bytes: int = 64 * 1024 * 1024
    total_bytes: int = 256 * 1024 * 1024


DEFAULT_LIMITS = Limits()


def read_zip(source: Path | bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Every file entry of the zip (folders left out), by name, in the zip's order."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if len(infos) > limits.parts:
                raise BadZip(f"it holds {len(infos)} entries, more than {limits.parts}")
            for info in infos:
                check_name(info.filename)
                if info.file_size > limits.part_bytes:
                    raise BadZip(f"entry {info.filename} is {_mb(info.file_size)} uncompressed, "
                                 f"more than {_mb(limits.part_bytes)}")
            if sum(info.file_size for info in infos) > limits.total_bytes:
                raise BadZip(f"its entries hold more than {_mb(limits.total_bytes)} uncompressed")
            parts: dict[str, bytes] = {}
            total = 0
            for info in infos:
                data = _read_entry(archive, info, limits.part_bytes)
                total += len(data)
                if total > limits.total_bytes:
                    raise BadZip(f"its entries hold more than {_mb(limits.total_bytes)} uncompressed")
                if info.filename in parts:
                    raise BadZip(f"entry {info.filename} is in it twice")
                parts[info.filename] = data
            return parts
    except BadZip:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as error:
        raise BadZip(f"a damaged zip ({_first_line(error)})") from None
    except RuntimeError as error:  # an encrypted entry
        raise BadZip(f"an entry cannot be read ({_first_line(error)})") from None
    except NotImplementedError as error:  # a compression method Python lacks
        raise BadZip(f"an entry cannot be read ({_first_line(error)})") from None


def check_name(name: str) -> None:
    """Refuse an entry name that is absolute or climbs out of the package."""
    if not name or "\x00" in name or "\\" in name:
        raise BadZip(f"entry name {name!r} is not a package part name")
    if name.startswith("/") or _DRIVE.match(name):
        raise BadZip(f"entry {name} has an absolute name")
    if ".." in name.split("/") or posixpath.normpath(name).startswith(".."):
        raise BadZip(f"entry {name} climbs out of the package (..)")


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    pieces, size = [], 0
    with archive.open(info) as entry:
        while True:
            piece = entry.read(_CHUNK)
            if not piece:
                break
            size += len(piece)
            if size > limit:  # the header lied about the size
                raise BadZip(f"entry {info.filename} is more than {_mb(limit)} uncompressed")
            pieces.append(piece)
    return b"".join(pieces)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _first_line(error: BaseException) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:120]
