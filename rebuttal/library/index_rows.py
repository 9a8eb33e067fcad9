"""The index's tables: what a row holds of a block file, and how a block becomes a row and a row
a :class:`BlockInfo` again.

Tuples of words (tags, wording families, [applies] subjects) are stored as one text each,
joined by :data:`SEP`; :func:`file_row` joins them and :func:`info_of` splits them, here only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from rebuttal.errors import RebuttalError
from rebuttal.library.block_map import Parse
from rebuttal.library.info import BlockInfo

SCHEMA_VERSION = 2  # 2: wording families and [applies] subjects per block
SEP = "\x1f"
INFO_COLUMNS = "block_id, title, kind, tags, summary, short, version, status, path, wordings, applies"
FAILED = "SELECT path FROM files WHERE error IS NOT NULL"
INSERT_FTS = "INSERT INTO fts (rowid, title, summary, tags, text) VALUES (?,?,?,?,?)"


class FileRow(NamedTuple):
    """One row of the ``files`` table, as written (the columns of ``INSERT_FILE``)."""

    path: str
    block_id: str
    size: int
    mtime_ns: int
    error: str | None
    title: str = ""
    kind: str = ""
    tags: str = ""
    summary: str = ""
    short: int = 0
    version: str = ""
    status: str = ""
    search_text: str = ""
    wordings: str = ""  # the families of its [wording.<family>] tables, SEP between them
    applies: str = ""  # [applies]: "when:<subject>" and "unless:<subject>", SEP between them


INSERT_FILE = (f"INSERT INTO files ({', '.join(FileRow._fields)}) "
               f"VALUES ({', '.join('?' * len(FileRow._fields))})")


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    rowid INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, block_id TEXT NOT NULL,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, error TEXT,
    title TEXT, kind TEXT, tags TEXT, summary TEXT, short INTEGER, version TEXT, status TEXT,
    search_text TEXT, wordings TEXT, applies TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, summary, tags, text, tokenize = 'porter unicode61'
);
"""


def file_row(parse: Parse, path: str, block_id: str, size: int, mtime: int) -> tuple[FileRow, str]:
    """The file's row and the text FTS indexes (a file that fails to load: its error)."""
    try:
        block = parse(Path(path), block_id)
    except RebuttalError as error:
        return FileRow(path, block_id, size, mtime, str(error)), ""
    applies = [*(f"when:{s}" for s in block.applies_when), *(f"unless:{s}" for s in block.applies_unless)]
    text = "\n\n".join((block.text, *(wording.text for wording in block.wordings)))
    return FileRow(path, block_id, size, mtime, None, block.title, block.kind, SEP.join(block.tags),
                   block.summary, int(bool(block.short)), block.version, block.status,
                   block.search_text, SEP.join(w.family for w in block.wordings),
                   SEP.join(applies)), text


def info_of(row: Any, block_id: str, index: Any) -> BlockInfo:
    """The :class:`BlockInfo` of a ``files`` row read with :data:`INFO_COLUMNS` (its text left in
    ``index``, read when asked for)."""
    applies = [entry.split(":", 1) for entry in filter(None, row["applies"].split(SEP))]
    return BlockInfo(
        block_id, row["title"], row["kind"], tuple(filter(None, row["tags"].split(SEP))),
        row["summary"], bool(row["short"]), row["version"], row["status"], row["path"], None,
        index, wordings=tuple(filter(None, row["wordings"].split(SEP))),
        applies_when=tuple(subject for how, subject in applies if how == "when"),
        applies_unless=tuple(subject for how, subject in applies if how == "unless"))


def tags_text(row: FileRow) -> str:
    """The tags as FTS indexes them: words between spaces."""
    return row.tags.replace(SEP, " ")
