"""Zip packages from outside (edited letters, templates) read within limits, or refused in words.

A Word file is a zip, and a zip says itself how large its entries are: a 1 GB entry of
zeros fits in a megabyte (a zip bomb), and the sizes in the headers may lie. So every
entry is decompressed in pieces, counting the bytes that actually come out, and the
reading stops as soon as an entry passes :attr:`Limits.part_bytes` or all of them
:attr:`Limits.total_bytes`. An entry whose name climbs out of the package (``../``) or
starts at the root (``/``, ``C:``) is refused: such a name is never a part of a Word
file, and copied on it would reach places the letter must not. Nested zips need nothing
here: an entry is only ever read as bytes, never opened as a zip in its turn.

:func:`read_plain_zip` reads the plain packages Word, LibreOffice and rebuttal write with ``struct``
and ``zlib`` alone, for ``merge`` of an unchanged export (:mod:`rebuttal.merge.unchanged`), which
must start faster than ``zipfile`` imports; anything less plain it refuses, and the caller turns
to :func:`read_zip`.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import struct
import zlib
from collections import namedtuple

TYPE_CHECKING = False  # zipfile, pathlib and typing load when used: see read_plain_zip
if TYPE_CHECKING:
    import zipfile
    from pathlib import Path

_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class BadZip(ValueError):
    """The zip was refused; ``str(error)`` says why, in words."""


class Limits(namedtuple("Limits", "parts part_bytes total_bytes",
                        defaults=(1000, 64 * 1024 * 1024, 256 * 1024 * 1024))):
    """How much one package may hold (Word letters and templates are a few megabytes): ``parts``
    entries, ``part_bytes`` in one, ``total_bytes`` in all (uncompressed).

    ``collections.namedtuple``, not a dataclass or ``typing.NamedTuple``: this module is on the path
    of ``merge`` of an unchanged export, which must start faster than either module imports.
    """

    __slots__ = ()


DEFAULT_LIMITS = Limits()


def read_zip(source: Path | bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Every file entry of the zip (folders left out), by name, in the zip's order."""
    import zipfile

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


_END = struct.Struct("<4s4H2LH")  # end of central directory
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory entry
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # local file header
_UTF8_NAME, _UNREADABLE = 0x800, 0x1 | 0x20 | 0x40  # flag bits: UTF-8 name; encrypted or patched
_MAX_EXTRACT_VERSION = 63  # zipfile's


def read_plain_zip(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """What :func:`read_zip` gives for the file at ``path``, when it is a plain package.

    Plain: one disk, no zip64, nothing before the first entry, entries stored or deflated, none
    encrypted, each named alike in its local header and the central directory, its size and CRC as
    recorded. Those are the packages Word, LibreOffice and rebuttal write; for them this reads the
    very bytes ``zipfile`` does, with the same limits and name checks. Anything else raises
    :class:`BadZip` (a reason, not a judgement: the caller reads it with :func:`read_zip`).
    """
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > limits.total_bytes:
            raise BadZip(f"it is larger than {_mb(limits.total_bytes)}")
        data = handle.read()
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - _END.size - 0xFFFF))
    if end < 0 or end + _END.size > len(data):
        raise BadZip("no end of central directory")
    _, disk, cd_disk, on_disk, count, cd_size, cd_offset, comment = _END.unpack_from(data, end)
    if (disk, cd_disk) != (0, 0) or on_disk != count or end + _END.size + comment != len(data):
        raise BadZip("not a plain package (several disks, or bytes after its end)")
    if cd_offset + cd_size != end:  # zip64 records or bytes before the first entry
        raise BadZip("not a plain package (zip64, or bytes before the first entry)")
    if count > limits.parts:
        raise BadZip(f"it holds more than {limits.parts} entries")
    parts: dict[str, bytes] = {}
    position, total = cd_offset, 0
    for _ in range(count):
        name, flags, method, crc, size, stored, offset, position = _central_entry(data, position, end)
        if name.endswith("/"):
            continue  # a folder, as read_zip leaves out
        check_name(name)
        if name in parts:
            raise BadZip(f"entry {name} is in it twice")
        if flags & _UNREADABLE or method not in (0, 8) or size > limits.part_bytes:
            raise BadZip(f"entry {name} is not plain (encrypted, compressed otherwise, or too large)")
        parts[name] = _plain_entry(data, name, offset, method, crc, size, stored, cd_offset)
        total += size
        if total > limits.total_bytes:
            raise BadZip(f"its entries hold more than {_mb(limits.total_bytes)} uncompressed")
    if position != end:
        raise BadZip("its central directory is not as long as it says")
    return parts


def _central_entry(data: bytes, at: int, end: int) -> tuple[str, int, int, int, int, int, int, int]:
    """(name, flags, method, CRC, size, stored size, local header offset, next entry) of the entry
    of the central directory at ``at``."""
    if at + _CENTRAL.size > end:
        raise BadZip("its central directory is cut short")
    (signature, _, _, extract, _, flags, method, _, _, crc, stored, size, name_length, extra_length,
     comment_length, disk, _, _, offset) = _CENTRAL.unpack_from(data, at)
    raw_name = data[at + _CENTRAL.size : at + _CENTRAL.size + name_length]
    extra = data[at + _CENTRAL.size + name_length : at + _CENTRAL.size + name_length + extra_length]
    after = at + _CENTRAL.size + name_length + extra_length + comment_length
    if signature != b"PK\x01\x02" or after > end:
        raise BadZip("its central directory is damaged")
    if (0xFFFFFFFF in (stored, size, offset) or disk != 0 or extract > _MAX_EXTRACT_VERSION
            or _has_zip64(extra)):
        raise BadZip("an entry is not plain (zip64, or another disk)")
    return _name(raw_name, flags), flags, method, crc, size, stored, offset, after


def _name(raw: bytes, flags: int) -> str:
    """An entry's name as zipfile decodes it (ASCII, the usual, without loading the cp437 codec)."""
    if flags & _UTF8_NAME:
        return raw.decode("utf-8")
    return raw.decode("ascii") if raw.isascii() else raw.decode("cp437")


def _has_zip64(extra: bytes) -> bool:
    while len(extra) >= 4:
        kind, length = struct.unpack_from("<HH", extra)
        if kind == 0x0001:
            return True
        extra = extra[4 + length :]
    return False


def _plain_entry(data: bytes, name: str, at: int, method: int, crc: int, size: int, stored: int,
                 limit: int) -> bytes:
    """The bytes of one entry whose local header is at ``at``, checked against the central directory."""
    if at + _LOCAL.size > limit:
        raise BadZip(f"entry {name} lies outside the package")
    signature, _, _, flags, _, _, _, _, _, _, name_length, extra_length = _LOCAL.unpack_from(data, at)
    start = at + _LOCAL.size + name_length + extra_length
    raw_name = data[at + _LOCAL.size : at + _LOCAL.size + name_length]
    if signature != b"PK\x03\x04" or start + stored > limit:
        raise BadZip(f"entry {name} is damaged")
    if _name(raw_name, flags) != name:
        raise BadZip(f"entry {name} is named otherwise in its own header")
    raw = data[start : start + stored]
    if method == 0:
        content = raw
    else:
        inflate = zlib.decompressobj(-15)
        try:
            content = inflate.decompress(raw, size + 1)
        except zlib.error as error:
            raise BadZip(f"entry {name} is damaged ({_first_line(error)})") from None
        if not inflate.eof or inflate.unconsumed_tail:
            raise BadZip(f"entry {name} is not the size it says")
    if len(content) != size or zlib.crc32(content) != crc:
        raise BadZip(f"entry {name} is not the size it says, or damaged (CRC)")
    return content


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
