"""The shortcut readers of ``merge`` of an unchanged export give what the full readers give, or refuse.

:func:`read_plain_zip` (struct and zlib) reads the very bytes :func:`read_zip` (zipfile) reads from a
plain package, and raises :class:`BadZip` for anything less plain, so that the caller turns to the
full path; :func:`custom_properties` (expat) finds the properties ElementTree finds.
"""

from __future__ import annotations

import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.exchange.record_values import custom_properties
from rebuttal.files.guarded_xml import BadXML, parse
from rebuttal.files.guarded_zip import BadZip, Limits, read_plain_zip, read_zip

from .conftest import EXAMPLE


@pytest.fixture
def export(tmp_path: Path) -> Path:
    outline = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, outline)
    exported = tmp_path / "letter.docx"
    assert main(["build", str(outline), "-o", str(exported)]) == 0
    return exported


def _rezip(source: Path, target: Path, *, method: int = zipfile.ZIP_DEFLATED, comment: bytes = b"",
           extra: dict[str, bytes] | None = None, force_zip64: bool = False) -> Path:
    """``source``'s entries written again by zipfile, with ``extra`` entries added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", method) as new:
        for info in old.infolist():
            with old.open(info) as entry, new.open(info.filename, "w", force_zip64=force_zip64) as out:
                out.write(entry.read())
        for name, data in (extra or {}).items():
            new.writestr(name, data)
        new.comment = comment
    return target


@pytest.mark.parametrize(
    "variant",
    ["as exported", "stored", "with a comment", "with a folder entry", "with a non-ASCII name",
     "zip64 in the local headers only"],
)
def test_a_plain_package_reads_as_zipfile_reads_it(export: Path, variant: str) -> None:
    target = export.with_name("again.docx")
    if variant == "as exported":
        target = export
    elif variant == "zip64 in the local headers only":  # the central directory, which counts, is plain
        _rezip(export, target, force_zip64=True)
    elif variant == "stored":
        _rezip(export, target, method=zipfile.ZIP_STORED)
    elif variant == "with a comment":
        _rezip(export, target, comment=b"made by hand")
    elif variant == "with a folder entry":
        _rezip(export, target, extra={"word/media/": b""})
    else:
        _rezip(export, target, extra={"word/media/Logó.png": b"\x89PNG" * 100})
    plain = read_plain_zip(target)
    assert plain == read_zip(target) and list(plain) == list(read_zip(target))
    assert "word/document.xml" in plain


def _patched(path: Path, old: bytes, new: bytes, *, count: int = 1) -> Path:
    data = path.read_bytes()
    assert data.count(old) >= count
    target = path.with_name("patched.docx")
    target.write_bytes(data.replace(old, new, count))
    return target


def test_what_is_not_plain_is_refused_for_the_full_reader(export: Path, monkeypatch) -> None:
    data = export.read_bytes()
    before, after, cut = (export.with_name(f"{n}.docx") for n in ("before", "after", "cut"))
    before.write_bytes(b"#!/bin/sh\n" + data)
    after.write_bytes(data + b"\0" * 10)
    cut.write_bytes(data[: len(data) // 2])
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 1)  # zip64 end records, as for 65,536 entries
    zip64 = _rezip(export, export.with_name("zip64.docx"))
    monkeypatch.undo()
    for path in (before, after, cut, zip64):
        with pytest.raises(BadZip):
            read_plain_zip(path)
    # zipfile reads two of them as they are: the full path reads those, not this shortcut
    assert read_zip(before) == read_zip(zip64) == read_plain_zip(export)


def _local_and_central(path: Path, name: bytes) -> tuple[int, int]:
    """Offsets of ``name``'s local header and central directory entry."""
    data = path.read_bytes()
    local = data.rfind(b"PK\x03\x04", 0, data.index(name))
    central = data.rfind(b"PK\x01\x02", 0, data.rindex(name))
    assert data[local + 30 : local + 30 + len(name)] == name
    assert data[central + 46 : central + 46 + len(name)] == name
    return local, central


@pytest.mark.parametrize(
    "damage",
    ["method bzip2", "encrypted", "CRC", "size", "name in its header", "twice", "too large", "too many"],
)
def test_damaged_or_unusual_entries_are_refused(export: Path, damage: str) -> None:
    name = b"word/styles.xml"
    local, central = _local_and_central(export, name)
    data = bytearray(export.read_bytes())
    limits = Limits()
    if damage == "method bzip2":
        struct.pack_into("<H", data, central + 10, 12)
        struct.pack_into("<H", data, local + 8, 12)
    elif damage == "encrypted":
        struct.pack_into("<H", data, central + 8, struct.unpack_from("<H", data, central + 8)[0] | 1)
    elif damage == "CRC":
        struct.pack_into("<L", data, central + 16, struct.unpack_from("<L", data, central + 16)[0] ^ 1)
    elif damage == "size":
        struct.pack_into("<L", data, central + 24, struct.unpack_from("<L", data, central + 24)[0] + 1)
    elif damage == "name in its header":
        data[local + 30 : local + 30 + len(name)] = b"word/stylez.xml"
    elif damage == "twice":
        other = _rezip(export, export.with_name("twice.docx"))
        with zipfile.ZipFile(other, "a") as package, pytest.warns(UserWarning, match="Duplicate"):
            package.writestr("word/styles.xml", b"<again/>")
        data = bytearray(other.read_bytes())
    elif damage == "too large":
        limits = Limits(part_bytes=1000)
    else:
        limits = Limits(parts=3)
    path = export.with_name("damaged.docx")
    path.write_bytes(bytes(data))
    with pytest.raises(BadZip):
        read_plain_zip(path, limits)


def test_names_out_of_the_package_are_refused_as_read_zip_refuses_them(export: Path) -> None:
    target = _rezip(export, export.with_name("climb.docx"), extra={"../../outside.txt": b"x"})
    with pytest.raises(BadZip, match="climbs out"):
        read_plain_zip(target)
    with pytest.raises(BadZip, match="climbs out"):
        read_zip(target)


# -- the custom properties ------------------------------------------------------------------------
def _element_tree_properties(part: bytes) -> dict[str, str]:
    return {entry.get("name", ""): "".join(entry.itertext()) for entry in parse(part)}


def test_custom_properties_read_with_expat_as_with_element_tree(export: Path) -> None:
    part = read_zip(export)["docProps/custom.xml"]
    found = custom_properties(part)
    assert found == _element_tree_properties(part)
    assert found["rebuttal.version"] and "rebuttal.content_sha256" in found
    odd = (
        b'<Properties xmlns="urn:p" xmlns:vt="urn:v">root text<property name="a">x<vt:lpwstr>A &amp; B'
        b"<!-- a comment --><![CDATA[ <c> ]]></vt:lpwstr>tail</property>between<property><vt:i4>4</vt:i4>"
        b'</property><property name="a">second</property></Properties>'
    )
    assert custom_properties(odd) == _element_tree_properties(odd) == {"a": "second", "": "4"}


def test_custom_properties_refuse_what_the_xml_guard_refuses() -> None:
    with pytest.raises(BadXML, match="document type declaration"):
        custom_properties(b'<!DOCTYPE p [<!ENTITY e "x">]><p><property name="a">&e;</property></p>')
    with pytest.raises(BadXML, match="not well-formed"):
        custom_properties(b'<p><property name="a">x</p>')
