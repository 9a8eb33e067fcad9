"""An index of a library stack's block files, kept in the user cache folder.

One SQLite file per stack of folders (the stack's paths name it) holds a row
per block file: its path, size and modification time, whether it loaded, and
what listing, filtering and ranking need (title, kind, tags, summary, the
lower-cased searchable text), plus an FTS5 table over title, summary, tags and
text for BM25 ranking. A run stats every file, parses only those whose size or
time changed, and leaves the full blocks to be parsed when they are used.

The index is disposable: a missing, stale (other schema or parser) or corrupt
file rebuilds itself; when the cache cannot be written (read-only, or another
process holds the write lock for long) the same tables are built in memory.
A file that failed to load is recorded as failed, never as a good block: the
library re-reads it and raises the file's own error. WAL journal, and writes
in ``BEGIN IMMEDIATE`` transactions so that two processes never interleave.

This module does not know what a block is beyond its attributes: the library
hands it the function that parses one file. The tables and their rows are
:mod:`rebuttal.library.index_rows`; the lazy block id -> block mapping the
library keeps is :mod:`rebuttal.library.block_map`.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.library import index_rows, layout
from rebuttal.library.block_map import Parse
from rebuttal.library.index_rows import (
    FAILED,
    INFO_COLUMNS,
    INSERT_FILE,
    INSERT_FTS,
    SCHEMA,
    SCHEMA_VERSION,
    file_row,
    info_of,
    tags_text,
)
from rebuttal.library.info import BlockInfo
from rebuttal.library.layout import block_entries

__all__ = ["BlockIndex", "BlockInfo", "index_folder"]

# How long to wait for another process's write. It parses before it takes the lock, so it holds
# the lock only to store rows, a fraction of the parsing time; parsing everything again in memory,
# the fallback, would take longer than waiting.
LOCK_WAIT_SECONDS = 15.0


def index_folder() -> Path:
    """Where indexes live: the user cache folder (disposable)."""
    from rebuttal.files.user_folders import user_folder

    return Path(user_folder("cache")) / "index"


def block_files(folder: Path) -> Iterator[tuple[str, str, int, int]]:
    """(path, block id, size, mtime_ns) of every block file under ``folder``."""
    for entry, block_id in block_entries(folder):
        stat = entry.stat()
        yield entry.path, block_id, stat.st_size, stat.st_mtime_ns


def parser_signature(modules: Iterable[ModuleType]) -> str:
    """Changes when the code that validates blocks changes, so old verdicts are not trusted.

    Taken from the modules themselves (their files' size and time), never from file names:
    a module that moves is still the module the parser imports.
    """
    from rebuttal import __version__

    parts = [__version__, str(SCHEMA_VERSION)]
    for module in (*modules, sys.modules[__name__], index_rows, layout):
        path = Path(module.__file__ or "")
        try:
            stat = path.stat()
            parts.append(f"{module.__name__}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(module.__name__)
    return "|".join(parts)


class BlockIndex:
    """The index of one stack of folders; ``refresh`` brings it up to date with the files."""

    def __init__(self, folders: Iterable[Path], parse: Parse, *, location: Path | None = None,
                 parser_modules: Iterable[ModuleType] = ()) -> None:
        """``parse`` reads one block file; ``parser_modules`` are the code it runs (see
        :func:`parser_signature`): the index's verdicts are trusted while they are unchanged."""
        self.folders = [Path(folder) for folder in folders]
        self.parse = parse
        self.parser_modules = tuple(parser_modules)
        key = "\n".join(str(folder.resolve()) for folder in self.folders)
        name = hashlib.sha256(key.encode()).hexdigest()[:20] + ".sqlite"
        self.path: Path | None = (location or index_folder()) / name
        self.connection: sqlite3.Connection | None = None
        self.in_memory = False

    # -- opening -------------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        signature = parser_signature(self.parser_modules)
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return self._open_file(self.path, signature)
            except sqlite3.DatabaseError:  # corrupt or unreadable: start again once
                self._discard()
                try:
                    return self._open_file(self.path, signature)
                except (sqlite3.Error, OSError):
                    pass
            except OSError:
                pass
        return self._open_memory(signature)

    def _open_file(self, path: Path, signature: str) -> sqlite3.Connection:
        connection = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
        connection.row_factory = sqlite3.Row
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._prepare(connection, signature)
        except BaseException:
            connection.close()
            raise
        return connection

    def _open_memory(self, signature: str) -> sqlite3.Connection:
        self.in_memory = True
        connection = sqlite3.connect(":memory:", isolation_level=None)
        connection.row_factory = sqlite3.Row
        self._prepare(connection, signature)
        return connection

    def _prepare(self, connection: sqlite3.Connection, signature: str) -> None:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        stored = None
        if version == SCHEMA_VERSION:
            row = connection.execute("SELECT value FROM meta WHERE key = 'parser'").fetchone()
            stored = row["value"] if row else None
        if version == SCHEMA_VERSION and stored == signature:
            return
        with _immediate(connection):
            for table in ("meta", "files", "fts"):
                connection.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in filter(str.strip, SCHEMA.split(";")):
                connection.execute(statement)
            connection.execute("INSERT INTO meta VALUES ('parser', ?)", (signature,))
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _discard(self) -> None:
        if self.path is None:
            return
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(str(self.path) + suffix).unlink()

    # -- refreshing ----------------------------------------------------------------------------
    def refresh(self) -> tuple[dict[str, str], list[Path]]:
        """Bring the index up to date: (block id -> file, later folders winning; files that fail)."""
        try:
            return self._refresh()
        except sqlite3.DatabaseError as error:
            return self._fall_back(error)

    def _fall_back(self, error: sqlite3.DatabaseError) -> tuple[dict[str, str], list[Path]]:
        """Locked past the timeout by another writer, or damaged or overwritten under us (while
        refreshing or reading): the same work, in memory (a locked index is another process's,
        and stays; a damaged one goes). The index is a cache: nothing is lost."""
        if self.connection is not None:
            self.connection.close()
        locked = isinstance(error, sqlite3.OperationalError) and "locked" in str(error)
        if not self.in_memory and not locked:
            self._discard()
        self.connection = self._open_memory(parser_signature(self.parser_modules))
        return self._refresh()

    def _read(self, query: str, values: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """The rows of ``query``; an index damaged or overwritten since the refresh is rebuilt."""
        assert self.connection is not None, "refresh() first"
        try:
            return self.connection.execute(query, values).fetchall()
        except sqlite3.DatabaseError as error:
            self._fall_back(error)
            return self.connection.execute(query, values).fetchall()

    def _refresh(self) -> tuple[dict[str, str], list[Path]]:
        if self.connection is None:
            self.connection = self._open()
        connection = self.connection
        on_disk: list[tuple[str, str, int, int]] = []
        for folder in self.folders:
            if not folder.is_dir():
                raise RebuttalError("library folder does not exist", file=folder)
            on_disk.extend(sorted(block_files(folder)))
        # The last run's listing, one value: when nothing changed, no row needs reading.
        row = connection.execute("SELECT value FROM meta WHERE key = 'snapshot'").fetchone()
        snapshot = marshal.loads(row["value"]) if row else None
        if snapshot is not None and snapshot[0] == on_disk:
            failed_paths = snapshot[1]
        else:
            failed_paths = self._update(connection, on_disk)
        paths = {block_id: path for path, block_id, _, _ in on_disk}
        return paths, [Path(path) for path in failed_paths]

    def _update(self, connection: sqlite3.Connection, on_disk: list[tuple[str, str, int, int]]) -> list[str]:
        """Parse what changed, write it and a new snapshot; the paths of files that failed to load."""
        known = {row["path"]: (row["size"], row["mtime_ns"]) for row in
                 connection.execute("SELECT path, size, mtime_ns FROM files")}
        seen = set()
        changed = []
        for path, block_id, size, mtime in on_disk:
            seen.add(path)
            if known.get(path) != (size, mtime):
                changed.append((path, block_id, size, mtime))
        gone = [path for path in known if path not in seen]
        return self._write(connection, changed, gone, on_disk)

    def _write(
        self, connection: sqlite3.Connection, changed: list, gone: list[str], on_disk: list,
    ) -> list[str]:
        rows = [file_row(self.parse, *entry) for entry in changed]  # parse before taking the write lock
        with _immediate(connection):
            for path in [*gone, *(entry[0] for entry in changed)]:
                found = connection.execute("SELECT rowid FROM files WHERE path = ?", (path,)).fetchone()
                if found:
                    connection.execute("DELETE FROM files WHERE rowid = ?", found)
                    connection.execute("DELETE FROM fts WHERE rowid = ?", found)
            for row, text in rows:
                cursor = connection.execute(INSERT_FILE, row)
                if row.error is None:
                    values = (cursor.lastrowid, row.title, row.summary, tags_text(row), text)
                    connection.execute(INSERT_FTS, values)
            failing = {path for (path,) in connection.execute(FAILED)}
            failed = [path for path, _, _, _ in on_disk if path in failing]
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('snapshot', ?)",
                               (marshal.dumps((on_disk, failed)),))
        return failed

    # -- reading -------------------------------------------------------------------------------
    def infos(self, paths: dict[str, str]) -> dict[str, BlockInfo]:
        """Summaries of the blocks at ``paths`` (id -> file), read from the index."""
        wanted = {path: block_id for block_id, path in paths.items()}
        found = {}
        for row in self._read(f"SELECT {INFO_COLUMNS} FROM files WHERE error IS NULL"):
            block_id = wanted.get(row["path"])
            if block_id == row["block_id"]:
                found[block_id] = info_of(row, block_id, self)
        return found

    def search_text_of(self, path: str) -> str:
        """The searchable text of the block file at ``path`` ("" when the index has none)."""
        rows = self._read("SELECT search_text FROM files WHERE path = ?", (path,))
        return rows[0]["search_text"] if rows else ""

    def search_texts(self) -> Iterator[sqlite3.Row]:
        """Rows of ``block_id``, ``path`` and ``search_text`` of every good file, by block id (code point
        order), as read. An index damaged under us is rebuilt, and reading goes on where it was."""
        assert self.connection is not None, "refresh() first"
        query = ("SELECT block_id, path, search_text FROM files WHERE error IS NULL AND (block_id, path) > "
                 "(?, ?) ORDER BY block_id, path")
        last = ("", "")
        try:
            for row in self.connection.execute(query, last):
                last = (row["block_id"], row["path"])
                yield row
        except sqlite3.DatabaseError as error:
            self._fall_back(error)
            yield from self.connection.execute(query, last)

    def bm25(self, match: str, weights: tuple[float, float, float, float]) -> list[sqlite3.Row]:
        """Rows of ``path``, ``block_id`` and ``score`` of good blocks matching an FTS5 query, in no
        order; a higher score is better."""
        query = (
            "SELECT files.path AS path, files.block_id AS block_id, -bm25(fts, ?, ?, ?, ?) AS score FROM fts "
            "JOIN files ON files.rowid = fts.rowid WHERE fts MATCH ?"  # unordered: the caller adds scores up
        )
        return self._read(query, (*weights, match))

    def close(self) -> None:
        """Close the database (the library keeps it open for the run otherwise)."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


@contextlib.contextmanager
def _immediate(connection: sqlite3.Connection) -> Iterator[None]:
    """One ``BEGIN IMMEDIATE`` transaction (the write lock taken at once, so two processes never
    interleave): committed when the block ends, rolled back when it raises."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
