"""A Word file as a zip of parts: content types, relationships, and a reproducible save.

A ``.docx`` is an Open Packaging Conventions (OPC) package: XML parts in a
zip, their types in ``[Content_Types].xml``, and the links between them in
``_rels/*.rels`` files. We write the letter's parts as text ourselves (see
``wordml``), so this small model of the package is all we need; python-docx's
object model costs more to import than the rest of a build together.

A template's parts are kept byte for byte; only the parts we write change.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from rebuttal.exchange.docx.write.wordml import attr, xml_part
from rebuttal.files.guarded_xml import BadXML, check, parse
from rebuttal.files.guarded_zip import read_zip

_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
CT = "application/vnd.openxmlformats-officedocument."
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


class NotAPackage(ValueError):
    """The zip is not a Word package (no content types, no main document)."""


@dataclass
class Relationship:
    """One link from a part (or the package) to a part or an external address."""

    id: str
    type: str
    target: str
    external: bool = False


@dataclass
class Package:
    """The parts of one Word file, by name (``word/document.xml``, no leading slash)."""

    parts: dict[str, bytes] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)  # extension -> content type
    overrides: dict[str, str] = field(default_factory=dict)  # part name -> content type
    rels: dict[str, list[Relationship]] = field(default_factory=dict)  # source part ("" = package)

    @classmethod
    def read(cls, data: bytes | Path) -> Package:
        """The package in a zip: read within the zip guard's limits, every XML part parsed by the
        guarded parser (:class:`BadZip`, :class:`BadXML` or :class:`NotAPackage` when it is not one)."""
        package = cls()
        entries = read_zip(data)
        if "[Content_Types].xml" not in entries:
            raise NotAPackage("no [Content_Types].xml")
        package._read_types(entries["[Content_Types].xml"])
        for name, content in entries.items():
            if name == "[Content_Types].xml":
                continue
            folder, base = posixpath.split(name)
            try:
                if posixpath.basename(folder) == "_rels" and base.endswith(".rels"):
                    owner = posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])
                    package.rels[owner] = _read_rels(content)
                    continue
                if _is_xml(name, package.content_type(name)):
                    check(content)  # every later reading of the part then meets safe, well-formed XML
            except BadXML as error:
                raise BadXML(f"{name}: {error}") from None
            package.parts[name] = content
        if package.main_part() not in package.parts:
            raise NotAPackage("no main document part")
        return package

    def _read_types(self, data: bytes) -> None:
        try:
            root = parse(data)
        except BadXML as error:
            raise BadXML(f"[Content_Types].xml: {error}") from None
        for entry in root:
            if entry.tag == f"{{{_TYPES_NS}}}Default":
                self.defaults[entry.get("Extension", "").lower()] = entry.get("ContentType", "")
            elif entry.tag == f"{{{_TYPES_NS}}}Override":
                self.overrides[entry.get("PartName", "").lstrip("/")] = entry.get("ContentType", "")

    def keep_only_reachable(self) -> list[str]:
        """Drop every part no relationship leads to from the package (and relationships to no part);
        the names dropped. What nothing refers to, Word never shows: a template's leftovers (or a
        payload hidden in it) must not travel on in the letter."""
        reachable: set[str] = set()
        todo = [""]
        while todo:
            source = todo.pop()
            kept = []
            for rel in self.rels.get(source, []):
                if rel.external:
                    kept.append(rel)
                    continue
                target = self.target_name(source, rel)
                if target not in self.parts:
                    continue  # a link to nothing (or out of the package): dropped
                kept.append(rel)
                if target not in reachable:
                    reachable.add(target)
                    todo.append(target)
            if source in self.rels:
                self.rels[source] = kept
        dropped = [name for name in self.parts if name not in reachable]
        for name in dropped:
            del self.parts[name]
            self.overrides.pop(name, None)
        for owner in [owner for owner in self.rels if owner and owner not in reachable]:
            del self.rels[owner]
        return dropped

    # -- reading ---------------------------------------------------------------------------------
    def content_type(self, name: str) -> str:
        """The content type of part ``name``."""
        return self.overrides.get(name) or self.defaults.get(posixpath.splitext(name)[1][1:].lower(), "")

    def main_part(self) -> str:
        """The name of the main document part (``word/document.xml`` in every file Word writes)."""
        return self.related("", RT + "officeDocument") or "word/document.xml"

    def related(self, source: str, rel_type: str) -> str | None:
        """The part ``source`` links to with ``rel_type`` (the first), or None."""
        for rel in self.rels.get(source, []):
            if rel.type == rel_type and not rel.external:
                return self.target_name(source, rel)
        return None

    def relationship(self, source: str, rel_id: str) -> Relationship | None:
        """The relationship ``rel_id`` of ``source``."""
        return next((rel for rel in self.rels.get(source, []) if rel.id == rel_id), None)

    @staticmethod
    def target_name(source: str, rel: Relationship) -> str:
        """The part name a relationship of ``source`` points at."""
        if rel.target.startswith("/"):
            return rel.target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(source), rel.target))

    # -- changing --------------------------------------------------------------------------------
    def put(self, name: str, data: bytes | str, content_type: str | None = None) -> None:
        """Add or replace part ``name`` (``content_type`` overrides the extension's default)."""
        self.parts[name] = data.encode("utf-8") if isinstance(data, str) else data
        if content_type:
            self.overrides[name] = content_type

    def relate(self, source: str, rel_type: str, target: str, *, external: bool = False) -> str:
        """The id of a relationship of ``source`` to ``target`` (a part name or an address), made if new."""
        if not external:
            target = posixpath.relpath(target, posixpath.dirname(source) or ".")
        rels = self.rels.setdefault(source, [])
        for rel in rels:
            if rel.type == rel_type and rel.target == target and rel.external == external:
                return rel.id
        used = {rel.id for rel in rels}
        number = len(rels) + 1
        while f"rId{number}" in used:
            number += 1
        rels.append(Relationship(f"rId{number}", rel_type, target, external))
        return f"rId{number}"

    def unrelate(self, source: str, rel_id: str) -> None:
        """Drop relationship ``rel_id`` of ``source``, and its part when nothing else links to it."""
        rel = self.relationship(source, rel_id)
        if rel is None:
            return
        self.rels[source].remove(rel)
        if rel.external:
            return
        name = self.target_name(source, rel)
        still_used = any(
            not other.external and self.target_name(owner, other) == name
            for owner, rels in self.rels.items() for other in rels
        )
        if not still_used:
            self.parts.pop(name, None)
            self.overrides.pop(name, None)
            self.rels.pop(name, None)

    def free_name(self, pattern: str) -> str:
        """The first part name ``pattern % n`` (n = 1, 2, ...) not in use."""
        number = 1
        while pattern % number in self.parts:
            number += 1
        return pattern % number

    # -- writing ---------------------------------------------------------------------------------
    def write(self, path: Path, stamp: tuple[int, ...]) -> None:
        """Save as a zip whose every entry is dated ``stamp`` (so equal letters give equal bytes)."""
        stamp = max((*stamp[:6], 0, 0, 0, 0, 0)[:6], ZIP_EPOCH)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            def add(name: str, data: bytes) -> None:
                info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)

            add("[Content_Types].xml", self._types_xml())
            for owner in sorted(self.rels, key=lambda name: (name != "", name)):
                if owner and owner not in self.parts:
                    continue
                folder, base = posixpath.split(owner)
                add(posixpath.join(folder, "_rels", f"{base}.rels"), _rels_xml(self.rels[owner]))
            for name, data in self.parts.items():
                add(name, data)

    def _types_xml(self) -> bytes:
        extensions = {posixpath.splitext(name)[1][1:].lower() for name in self.parts} | {"rels"}
        defaults = {ext: kind for ext, kind in self.defaults.items() if ext in extensions}
        defaults.setdefault("rels", "application/vnd.openxmlformats-package.relationships+xml")
        defaults.setdefault("xml", "application/xml")
        lines = [f'<Default Extension="{attr(ext)}" ContentType="{attr(kind)}"/>'
                 for ext, kind in sorted(defaults.items())]
        lines += [f'<Override PartName="/{attr(name)}" ContentType="{attr(kind)}"/>'
                  for name, kind in sorted(self.overrides.items()) if name in self.parts]
        return _xml(f'<Types xmlns="{_TYPES_NS}">{"".join(lines)}</Types>')


def _is_xml(name: str, content_type: str) -> bool:
    return name.lower().endswith(".xml") or content_type.endswith("xml")


def _read_rels(data: bytes) -> list[Relationship]:
    root = parse(data)
    return [
        Relationship(rel.get("Id", ""), rel.get("Type", ""), rel.get("Target", ""),
                     rel.get("TargetMode", "") == "External")
        for rel in root if rel.tag == f"{{{_RELS_NS}}}Relationship"
    ]


def _rels_xml(rels: list[Relationship]) -> bytes:
    lines = [
        f'<Relationship Id="{attr(rel.id)}" Type="{attr(rel.type)}" Target="{attr(rel.target)}"'
        + (' TargetMode="External"/>' if rel.external else "/>")
        for rel in rels
    ]
    return _xml(f'<Relationships xmlns="{_RELS_NS}">{"".join(lines)}</Relationships>')


def _xml(body: str) -> bytes:
    return xml_part(body)
