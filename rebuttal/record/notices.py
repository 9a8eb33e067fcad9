"""What ``rebuttal watch`` found, kept in the library folder: ``letters/watch.toml``.

Each notice is one ``[[notice]]`` table: what it is about (a ``reference`` of the bibliography, by its
citation key, or the ``article`` a recorded letter answers, by its PMID or DOI), its kind (retraction,
correction...), the notice as the service cites it, its PMID/DOI and the day it was first found. Kept in
git with the blocks, so the whole committee sees it, and so that ``rebuttal library lint`` flags every
block citing a retracted or corrected work until the committee acts: removes the citation, or approves
the block again after the notice was found (``rebuttal library approve``), which says it has read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.library.committee import Problem
from rebuttal.library.layout import block_paths
from rebuttal.library.stack import Block, load_block
from rebuttal.record.letters import letters_folder
from rebuttal.text.markup import MarkupError, citation_keys_in
from rebuttal.toml.fields import FieldReader, table_keys
from rebuttal.toml.source import read_toml

NOTICES_FILE = "watch.toml"
ABOUT = ("reference", "article")
# Kinds of notice that make a block citing the work wrong until the committee has looked.
FLAGGING_KINDS = ("retraction", "partial retraction", "correction", "expression of concern")


@dataclass(frozen=True)
class KeptNotice:
    """One notice found by ``rebuttal watch``."""

    about: str  # "reference" or "article"
    work: str  # the citation key (a reference) or the PMID/DOI (an article answered)
    kind: str  # "retraction", "correction", "comment"...
    notice: str  # the notice as PubMed or Crossref cites it
    pmid: str = ""
    doi: str = ""
    found: dt.date | None = None

    @property
    def identity(self) -> tuple[str, str, str, str]:
        """What makes two findings the same notice (the day found aside)."""
        return (self.about, self.work, self.kind, (self.pmid or self.doi or self.notice).lower())


_FIELDS = table_keys(KeptNotice, leave_out=())


def notices_path(folder: Path) -> Path:
    return letters_folder(folder) / NOTICES_FILE


def load_notices(folders: Sequence[Path]) -> list[KeptNotice]:
    """Every notice kept in the stack's folders (a wrong field: one line naming file, line and field)."""
    notices = []
    for folder in folders:
        path = notices_path(folder)
        if not path.is_file():
            continue
        source = read_toml(path)
        reader = FieldReader(source, context="watch file")
        reader.allow("notice")
        for index, entry in enumerate(reader.tables("notice")):
            sub = FieldReader(source, data=entry, prefix=("notice", index), context="notice")
            sub.allow(*_FIELDS)
            found = sub.date("found")
            notices.append(KeptNotice(
                about=sub.choice("about", ABOUT, required=True), work=sub.text("work", required=True),
                kind=sub.text("kind", required=True), notice=sub.text("notice"), pmid=sub.scalar("pmid"),
                doi=sub.text("doi"), found=dt.date.fromisoformat(found[:10]) if found else None,
            ))
    return notices


def keep_notices(folder: Path, found: Iterable[KeptNotice]) -> list[KeptNotice]:
    """Add the notices not kept before to ``folder``'s watch file; the ones added (new to the record)."""
    import tomlkit

    from rebuttal.files.atomic import atomic_write_text
    from rebuttal.files.lock import locked

    path = notices_path(folder)
    with locked(path):
        kept = {notice.identity for notice in load_notices([folder])}
        new = []
        for notice in found:
            if notice.identity not in kept:
                kept.add(notice.identity)
                new.append(notice)
        if not new:
            return []
        if path.is_file():
            document = tomlkit.parse(path.read_text(encoding="utf-8"))
        else:
            document = tomlkit.document()
            for line in ("What `rebuttal watch` found in PubMed and Crossref: retractions, corrections...",
                         "`rebuttal library lint` flags the blocks citing a retracted or corrected work",
                         "until they no longer cite it, or are approved again after the day it was found."):
                document.add(tomlkit.comment(line))
        tables = document.get("notice")
        if tables is None:
            tables = tomlkit.aot()
            document["notice"] = tables
        for notice in new:
            table = tomlkit.table()
            for key in _FIELDS:
                value = getattr(notice, key)
                if value:
                    table[key] = value
            tables.append(table)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, tomlkit.dumps(document))
    return new


def citing_blocks(folders: Sequence[Path]) -> dict[str, list[tuple[Block, Path]]]:
    """Citation key -> the blocks (the stack's, a later folder's block of an id winning) citing it."""
    blocks: dict[str, tuple[Block, Path]] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path, block_id in block_paths(folder):
            try:
                blocks[block_id] = (load_block(path, block_id), path)
            except RebuttalError:
                continue  # lint reports a block that does not load
    citing: dict[str, list[tuple[Block, Path]]] = {}
    for block, path in blocks.values():
        for key in _keys(block.text) | _keys(block.short or ""):
            citing.setdefault(key, []).append((block, path))
    return citing


def _keys(text: str) -> set[str]:
    try:
        return set(citation_keys_in(text))
    except MarkupError:
        return set()


def unresolved(notice: KeptNotice, block: Block) -> bool:
    """Whether ``block`` still waits for the committee about ``notice`` (not approved since it was found)."""
    if notice.kind not in FLAGGING_KINDS:
        return False
    approved = str(block.approved_on or "")
    return not (approved and notice.found and approved[:10] >= notice.found.isoformat())


def notice_problems(folders: Sequence[Path]) -> list[Problem]:
    """Lint's lines for blocks citing a retracted or corrected work the committee has not acted on."""
    notices = [n for n in load_notices(folders) if n.about == "reference" and n.kind in FLAGGING_KINDS]
    if not notices:
        return []
    citing = citing_blocks(folders)
    problems = []
    for notice in notices:
        for block, path in citing.get(notice.work, []):
            if unresolved(notice, block):
                line = read_toml(path).line_of(("text",))
                when = notice.found.isoformat() if notice.found else "?"
                what = notice.notice or notice.pmid or notice.doi
                problems.append(Problem(path, line, "text", f"cites {notice.work}, which has a {notice.kind} "
                                        f"({what}; found by rebuttal watch on {when}): remove the citation, "
                                        "or approve the block again once the committee has read it"))
    return problems
