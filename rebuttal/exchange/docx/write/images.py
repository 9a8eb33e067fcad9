"""The size of a logo picture, read from its header (PNG, JPEG, GIF, BMP, TIFF).

Word needs a picture's shape to draw it at the right height; the pixel size
and resolution are in the first bytes of every format Word shows.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass


class NotAnImage(ValueError):
    """The bytes are not a picture format Word can show."""


class DamagedImage(ValueError):
    """The bytes start like a picture but its header cannot be read."""


@dataclass(frozen=True)
class ImageInfo:
    """A picture's format (file extension and content type) and its size in inches."""

    extension: str
    content_type: str
    width_inches: float
    height_inches: float


def image_info(data: bytes) -> ImageInfo:
    """What Word needs to know of the picture in ``data``."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return _png(data)
        if data.startswith(b"\xff\xd8"):
            return _jpeg(data)
        if data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", data[6:10])
            return _info("gif", "image/gif", width, height)
        if data.startswith(b"BM"):
            width, height = struct.unpack("<ii", data[18:26])
            return _info("bmp", "image/bmp", width, abs(height))
        if data[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff(data)
    except (struct.error, IndexError) as error:
        raise DamagedImage(str(error) or "truncated") from None
    raise NotAnImage("not a PNG, JPEG, GIF, BMP or TIFF picture")


def _info(extension: str, content_type: str, width: int, height: int,
          dpi: tuple[float, float] = (72.0, 72.0)) -> ImageInfo:
    if width <= 0 or height <= 0:
        raise DamagedImage(f"size {width} x {height}")
    horizontal, vertical = (value if value > 0 else 72.0 for value in dpi)
    return ImageInfo(extension, content_type, width / horizontal, height / vertical)


def _png(data: bytes) -> ImageInfo:
    if data[12:16] != b"IHDR":
        raise DamagedImage("no IHDR chunk")
    width, height = struct.unpack(">II", data[16:24])
    dpi = (72.0, 72.0)
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"pHYs" and length == 9:
            x, y, unit = struct.unpack(">IIB", data[position + 8:position + 17])
            if unit == 1:  # pixels per metre
                dpi = (x * 0.0254, y * 0.0254)
            break
        if kind in (b"IDAT", b"IEND"):
            break
        position += 12 + length
    return _info("png", "image/png", width, height, dpi)


def _jpeg(data: bytes) -> ImageInfo:
    dpi = (72.0, 72.0)
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise DamagedImage("bad JPEG marker")
        marker = data[position + 1]
        if marker == 0xFF:  # padding
            position += 1
            continue
        (length,) = struct.unpack(">H", data[position + 2:position + 4])
        segment = data[position + 4:position + 2 + length]
        if marker == 0xE0 and segment.startswith(b"JFIF\x00"):
            unit, x, y = struct.unpack(">BHH", segment[7:12])
            if unit == 1:
                dpi = (float(x), float(y))
            elif unit == 2:  # dots per centimetre
                dpi = (x * 2.54, y * 2.54)
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", segment[1:5])
            return _info("jpeg", "image/jpeg", width, height, dpi)
        position += 2 + length
    raise DamagedImage("no JPEG frame header")


def _tiff(data: bytes) -> ImageInfo:
    order = "<" if data[:2] == b"II" else ">"
    (offset,) = struct.unpack(order + "I", data[4:8])
    (count,) = struct.unpack(order + "H", data[offset:offset + 2])
    size: dict[int, int] = {}
    for number in range(count):
        entry = data[offset + 2 + 12 * number: offset + 14 + 12 * number]
        tag, kind = struct.unpack(order + "HH", entry[:4])
        if tag in (256, 257):
            short = kind == 3  # SHORT, else LONG
            value = entry[8:10] if short else entry[8:12]
            size[tag] = struct.unpack(order + ("H" if short else "I"), value)[0]
    if 256 not in size or 257 not in size:
        raise DamagedImage("no TIFF image size")
    return _info("tiff", "image/tiff", size[256], size[257])
