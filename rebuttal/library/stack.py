"""The block library: approved text blocks, society profiles and a bibliography.

A library is a stack of folders (built-in, the user's, then ``--library`` /
``REBUTTAL_LIBRARY``); a later folder overrides a block or society of the same
id. Each block is one TOML file, ``<folder>/<group>/<name>.toml``, its id
being ``<group>/<name>``. ``societies/`` holds society profiles, ``venues/``
venue profiles and ``people/`` the people who sign; ``references.json`` is CSL-JSON.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType

from rebuttal.errors import RebuttalError
from rebuttal.library.block_map import BlockMap
from rebuttal.library.folders import (  # noqa: F401 (also imported from here)
    LIBRARY_ENV,
    builtin_folder,
    library_folders,
    user_library_folder,
)
from rebuttal.library.info import BlockInfo
from rebuttal.library.layout import PROFILE_FOLDERS, REFERENCES_FILE, block_entries, profile_paths
from rebuttal.library.venues import Venue, load_venue
from rebuttal.people.entries import Person, SignatoryEntry, load_person, person_id, read_signatory_entry
from rebuttal.refs.bibliography import Bibliography, load_bibliography
from rebuttal.toml.fields import FieldReader, closest, did_you_mean, table_keys
from rebuttal.toml.source import TomlSource, read_toml
from rebuttal.vocabulary import BLOCK_KINDS, PAPER_SIZES, STATUSES

TYPE_CHECKING = False  # the index (SQLite) loads only for a whole library: a letter's commands need none
if TYPE_CHECKING:
    from rebuttal.library.index import BlockIndex


@dataclass(frozen=True)
class Wording:
    """A block's wording for one design family (``[wording.<family>]``): its text and short variant."""

    family: str
    text: str
    short: str | None = None


@dataclass(frozen=True)
class Block:
    """One reusable, versioned piece of wording."""

    id: str
    title: str
    kind: str
    text: str
    tags: tuple[str, ...] = ()
    summary: str = ""
    short: str | None = None
    version: str = ""
    status: str = "draft"
    approved_by: str = ""
    approved_on: str = ""
    approved_hash: str = ""  # "sha256:..." of the wording as approved (rebuttal library approve)
    override: bool = False  # says it replaces a block of the same id in an earlier folder
    wordings: tuple[Wording, ...] = ()  # the wording for other design families ([wording.<family>])
    applies_when: tuple[str, ...] = ()  # subjects the article should have ([applies] when)
    applies_unless: tuple[str, ...] = ()  # subjects that make the block miss ([applies] unless)
    path: Path | None = field(default=None, compare=False)

    @property
    def wording_hash(self) -> str:
        """``sha256:...`` of the title, text and short variant, white space folded.

        Stored as ``approved_hash`` when the committee approves the block, so a
        wording changed without a new approval is found (``rebuttal library lint``).
        """
        import hashlib

        texts = [self.title, self.text, self.short or ""]
        for wording in self.wordings:  # none: the hash of a block without them is as it always was
            texts += [f"wording.{wording.family}", wording.text, wording.short or ""]
        parts = [" ".join(part.split()) for part in texts]
        return "sha256:" + hashlib.sha256("\n\x1f\n".join(parts).encode("utf-8")).hexdigest()

    def wording_for(self, design: str = "") -> Wording:
        """The wording a letter about an article of ``design`` takes: its family's ``[wording.<family>]``
        when the block has one, else the main wording (``family`` "")."""
        from rebuttal.designs import family_of

        family = family_of(design)
        for wording in self.wordings:
            if family and wording.family == family:
                return wording
        return Wording("", self.text, self.short)

    def variant_text(self, variant: str, design: str = "") -> str:
        """The full text, or the short variant when asked for and present, in the wording for ``design``."""
        wording = self.wording_for(design)
        if variant == "short" and wording.short:
            return wording.short
        return wording.text

    def has_short(self, design: str = "") -> bool:
        """True when the wording for ``design`` has a short variant."""
        return bool(self.wording_for(design).short)

    @property
    def search_text(self) -> str:
        """Lower-cased text that filtering looks through."""
        texts = (self.text, *(wording.text for wording in self.wordings))
        return " ".join((self.id, self.title, " ".join(self.tags), self.summary, *texts)).lower()


@dataclass(frozen=True)
class Society:
    """A society profile: who signs and how the society describes itself."""

    id: str
    name: str
    short_name: str = ""
    description: str = ""
    member_count: str = ""
    region: str = ""
    specialties: str = ""
    paper: str = "letter"
    logo: str | None = None
    signatories: tuple[SignatoryEntry, ...] = ()  # who signs when a letter names no one
    path: Path | None = field(default=None, compare=False)


@dataclass
class Library:
    """All folders of a library stack, merged."""

    folders: list[Path]
    blocks: BlockMap = field(default_factory=BlockMap)
    societies: dict[str, Society] = field(default_factory=dict)
    venues: dict[str, Venue] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    bibliography: Bibliography = field(default_factory=Bibliography)
    index: BlockIndex | None = field(default=None, compare=False, repr=False)

    def block(self, block_id: str) -> Block | None:
        """The block called ``block_id``, or None."""
        return self.blocks.get(block_id)

    def closest_block_id(self, block_id: str) -> str | None:
        """The known id most like ``block_id`` (for 'did you mean')."""
        return closest(block_id, self.blocks)

    def by_kind(self, kind: str) -> list[Block]:
        """Blocks of one kind, sorted by id (parses them)."""
        return sorted((b for b in self.blocks.values() if b.kind == kind), key=lambda b: b.id)

    def block_infos(self) -> list[BlockInfo]:
        """Every block's summary (id, title, kind, tags, searchable text), from the index: no parsing."""
        blocks = self.blocks
        loaded = blocks.loaded() if isinstance(blocks, BlockMap) else dict(blocks)
        indexed = {}
        if self.index is not None and isinstance(blocks, BlockMap):
            unparsed = {i: p for i in blocks if i not in loaded and (p := blocks.path_of(i)) is not None}
            indexed = self.index.infos(unparsed)
        infos = []
        for block_id in blocks:
            info = indexed.get(block_id)
            infos.append(info if info is not None else BlockInfo.of(blocks[block_id]))
        return infos

    def user_folder(self) -> Path | None:
        """The last folder of the stack: where new blocks are written."""
        return self.folders[-1] if self.folders else None


def load_library(
    folders: Sequence[Path], *, index_location: Path | None = None, whole: bool = True
) -> Library:
    """Load and merge every folder of the stack; errors name file, line and field.

    ``whole`` (the app, ``blocks``, ``library``): block files go through the
    index (``rebuttal.library.index``): only files changed since the last run are
    parsed now, the rest when a block is used, and any block file that does not
    load fails the whole load with that file's own error, exactly as parsing
    every file would. Otherwise (a letter's ``build``, ``preview``, ``refs``,
    ``check``) the block files are only listed by name and each block is parsed,
    fresh from its file, when the letter uses it: a broken block the letter uses
    fails as ever, one it does not use is left to ``rebuttal library lint``, and
    a 10,000-block library costs a letter little more than the built-in one.
    """
    if whole:
        from rebuttal.library.index import BlockIndex

        index: BlockIndex | None = BlockIndex(folders, load_block, location=index_location,
                                              parser_modules=parser_modules())
        paths, failed = index.refresh()
        for path in failed:
            relative = _relative_to_stack(path, folders)
            load_block(path, relative)  # raises the file's own error, located
    else:
        index, paths = None, listed_blocks(folders)
    library = Library(folders=list(folders), blocks=BlockMap(paths, load_block), index=index)
    for folder in folders:
        for kind in PROFILE_FOLDERS:
            for path in profile_paths(folder, kind):
                if kind == "societies":
                    society = _load_society(path)
                    library.societies[society.id] = society
                elif kind == "people":
                    person = load_person(path, person_id(folder / kind, path))
                    library.people[person.id] = person
                else:
                    venue = load_venue(path)
                    library.venues[venue.id] = venue
        references = folder / REFERENCES_FILE
        if references.is_file():
            library.bibliography.merge(load_bibliography(references))
    return library


def listed_blocks(folders: Sequence[Path]) -> dict[str, str]:
    """Block id -> file of every block in the stack (later folders winning), without reading any."""
    paths: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            raise RebuttalError("library folder does not exist", file=folder)
        paths.update((block_id, entry.path) for entry, block_id in block_entries(folder))
    return paths


def _relative_to_stack(path: Path, folders: Sequence[Path]) -> str:
    for folder in reversed(folders):
        if path.is_relative_to(folder):
            return path.relative_to(folder).with_suffix("").as_posix()
    return path.stem


def parser_modules() -> tuple[ModuleType, ...]:
    """The code :func:`load_block` runs to accept a block file: the index trusts the verdicts it
    stored only while these modules are unchanged (named by import, so a moved module is still
    covered, and a renamed one fails here, loudly)."""
    from rebuttal import designs, errors, vocabulary
    from rebuttal.text import markup, printable
    from rebuttal.toml import fields, scan, source

    return (sys.modules[__name__], fields, source, scan, markup, printable, vocabulary, errors, designs)


def load_block(path: Path, block_id: str) -> Block:
    """Read and validate one block file."""
    source = read_toml(path)
    reader = FieldReader(source, context="block")
    # [wording.<family>] and [applies] tables stand for the fields they fill.
    reader.allow(*table_keys(Block, leave_out=("id", "path", "wordings", "applies_when", "applies_unless")),
                 "wording", "applies")
    kind = reader.choice("kind", BLOCK_KINDS, required=True)
    block = Block(
        id=block_id,
        title=reader.text("title", required=True),
        kind=kind,
        text=reader.markup("text", required=True),
        tags=tuple(reader.strings("tags")),
        summary=reader.text("summary"),
        short=reader.markup("short") or None,
        version=reader.version("version"),
        status=reader.choice("status", STATUSES, default="draft"),
        approved_by=reader.text("approved_by"),
        approved_on=reader.date("approved_on"),
        approved_hash=reader.text("approved_hash"),
        override=reader.flag("override"),
        wordings=_wordings(source, reader),
        path=path,
    )
    applies = FieldReader(source, data=reader.table("applies"), prefix=("applies",), context="[applies]")
    applies.allow("when", "unless")
    when, unless = tuple(applies.strings("when")), tuple(applies.strings("unless"))
    if when or unless:
        block = replace(block, applies_when=when, applies_unless=unless)
    return block


def _wordings(source: TomlSource, reader: FieldReader) -> tuple[Wording, ...]:
    """The ``[wording.<family>]`` tables, each a family of rebuttal.designs.FAMILIES with a text."""
    from rebuttal.designs import FAMILIES

    wordings = []
    for family, data in reader.table("wording").items():
        if family not in FAMILIES:
            raise reader.fail("wording", f"unknown design family '{family}'{did_you_mean(family, FAMILIES)}; "
                                         f"known: {', '.join(FAMILIES)}")
        if not isinstance(data, dict):
            raise reader.fail("wording", f"wording.{family} must be a table ([wording.{family}])")
        sub = FieldReader(source, data=data, prefix=("wording", family), context=f"[wording.{family}]")
        sub.allow("text", "short")
        wordings.append(Wording(family, sub.markup("text", required=True), sub.markup("short") or None))
    return tuple(wordings)


def _load_society(path: Path) -> Society:
    source = read_toml(path)
    reader = FieldReader(source, context="society profile")
    reader.allow(*table_keys(Society))
    signatories = [
        read_signatory_entry(source, entry, ("signatories", index))
        for index, entry in enumerate(reader.tables("signatories"))
    ]
    logo = reader.text("logo")
    return Society(
        id=path.stem,
        name=reader.text("name", required=True),
        short_name=reader.text("short_name"),
        description=reader.text("description"),
        member_count=reader.text("member_count"),
        region=reader.text("region"),
        specialties=reader.text("specialties"),
        paper=reader.choice("paper", PAPER_SIZES, default="letter"),
        logo=str((path.parent / logo).resolve()) if logo else None,
        signatories=tuple(signatories),
        path=path,
    )
