"""Logo sizes read from picture headers, checked against python-docx's own reader."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from docx.image.image import Image

from rebuttal.exchange.docx.write.images import DamagedImage, NotAnImage, image_info

from .conftest import ROOT


def _png(width: int, height: int, ppm: tuple[int, int] | None = None) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    physical = chunk(b"pHYs", struct.pack(">IIB", *ppm, 1)) if ppm else b""
    pixels = chunk(b"IDAT", zlib.compress(b"\x00" * (1 + 3 * width) * height))
    return b"\x89PNG\r\n\x1a\n" + header + physical + pixels + chunk(b"IEND", b"")


def _jpeg(width: int, height: int, dpi: int) -> bytes:
    jfif = b"JFIF\x00\x01\x01" + struct.pack(">BHH", 1, dpi, dpi) + b"\x00\x00"
    frame = struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00"
    return (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", len(jfif) + 2) + jfif
            + b"\xff\xc0" + struct.pack(">H", len(frame) + 2) + frame + b"\xff\xd9")


def _tiff(width: int, height: int) -> bytes:
    entries = [(256, 3, 1, width), (257, 4, 1, height)]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<Hxx", value) if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\x00\x00\x00\x00"


@pytest.mark.parametrize(
    ("data", "extension", "inches"),
    [
        (_png(300, 150, ppm=(5906, 5906)), "png", (300 / 150.01, 150 / 150.01)),  # 150 dpi
        (_png(72, 36), "png", (1.0, 0.5)),
        (_jpeg(600, 300, 300), "jpeg", (2.0, 1.0)),
        (b"GIF89a" + struct.pack("<HH", 144, 72) + b"\x00" * 8, "gif", (2.0, 1.0)),
        (b"BM" + b"\x00" * 16 + struct.pack("<ii", 72, -144) + b"\x00" * 28, "bmp", (1.0, 2.0)),
        (_tiff(144, 216), "tiff", (2.0, 3.0)),
    ],
)
def test_each_format_gives_its_size(data: bytes, extension: str, inches: tuple[float, float]) -> None:
    info = image_info(data)
    assert info.extension == extension
    assert (info.width_inches, info.height_inches) == pytest.approx(inches, rel=1e-3)


def test_the_example_logo_has_the_shape_python_docx_reads(tmp_path: Path) -> None:
    logo = next((ROOT / "blocks" / "societies").glob("*.png"))
    ours, theirs = image_info(logo.read_bytes()), Image.from_file(str(logo))
    assert ours.width_inches / ours.height_inches == pytest.approx(theirs.width / theirs.height, rel=1e-3)


def test_not_a_picture_and_a_damaged_one_are_told_apart() -> None:
    with pytest.raises(NotAnImage):
        image_info(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    for damaged in (b"\x89PNG\r\n\x1a\nbroken", b"\xff\xd8\xff\xe0\x00", _png(0, 10)):
        with pytest.raises(DamagedImage):
            image_info(damaged)
