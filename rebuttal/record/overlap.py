"""How much of a letter stands in word runs shared with the society's recorded letters.

:func:`find_overlap` takes the letter as segments (one per paragraph or heading, each with a key the
caller chooses: the outline position) and answers with the share of its words standing in runs of
:data:`~rebuttal.record.shingles.RUN_WORDS` words shared with the recorded letters (all of them together,
as a similarity report's score counts), the share per recorded letter, and the shared passages.

The recorded letters' runs are kept in an index in the user cache folder (sqlite: run hash -> letter),
so a check reads only the runs of the letter at hand, whatever the number of letters on record. The index
is disposable: it is brought up to date from the ``letters/`` folders whenever a letter's files changed
(their size and time), and rebuilt when missing or damaged.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from array import array
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rebuttal.record.letters import RECORD_NAME, letters_folder, load_letter
from rebuttal.record.shingles import RUN_WORDS, covered, run_hashes, words

DEFAULT_MAX_OVERLAP = 15  # percent; see docs/record.md for where journals draw the line
_SCHEMA = 3
_CHUNK = 500  # hashes per query (well under sqlite's limit on bound values)


@dataclass(frozen=True)
class LetterRef:
    """A recorded letter as the index knows it (enough to name it, without reading its record)."""

    id: str
    title: str
    sent: str
    target: str  # "Wang 2025"
    target_ids: tuple[str, ...]  # its DOI and PMID, to know a record of the letter at hand
    venue: str

    def named(self) -> str:
        return f"{self.target}, sent {self.sent}"


@dataclass(frozen=True)
class Shared:
    """What one recorded letter shares with the letter checked."""

    letter: LetterRef
    words: int
    percent: float


@dataclass(frozen=True)
class Passage:
    """A run of shared words inside one segment of the letter checked."""

    key: Hashable  # the segment's key, as the caller gave it
    start: int  # word positions within the segment
    end: int
    text: str  # the words, as compared
    letters: tuple[str, ...]  # ids of the recorded letters holding it


@dataclass(frozen=True)
class Overlap:
    """The letter's overlap with the record."""

    total_words: int
    shared_words: int
    by_letter: tuple[Shared, ...] = ()  # the letters asked about in detail, most shared first
    passages: tuple[Passage, ...] = field(default=())
    more: int = 0  # letters sharing runs too, beyond those in ``by_letter``

    @property
    def percent(self) -> float:
        return 100.0 * self.shared_words / self.total_words if self.total_words else 0.0


def index_path(folders: Sequence[Path]) -> Path:
    """The index of a library stack (one per set of folders), in the user cache folder."""
    from rebuttal.files.user_folders import user_folder

    key = hashlib.sha256("\n".join(str(Path(f).resolve()) for f in folders).encode()).hexdigest()[:16]
    return Path(user_folder("cache")) / "overlap" / f"{key}.sqlite"


def find_overlap(folders: Sequence[Path], segments: Sequence[tuple[Hashable, str]], *,
                 exclude_target: Sequence[str] = (), venue: str = "", detail: int | None = None) -> Overlap:
    """The overlap of ``segments`` with the letters recorded in ``folders``.

    A record of this very letter (same target article, by DOI or PMID, and same venue) is left out:
    a letter does not overlap its own record. ``detail``: how many letters (those sharing the most runs)
    get their exact share and passages (None: all; the check rule asks for 3, so that its cost stays
    that of the union and a count whatever the number of letters).
    """
    on_disk = _scan(folders)
    seg_words = [(key, words(text)) for key, text in segments] if on_disk else []
    flat = [word for _key, found in seg_words for word in found]
    total = len(flat)
    if total < RUN_WORDS or not on_disk:  # nothing to compare: no index opened or made
        return Overlap(total, 0)
    hashes = run_hashes(flat)
    own = {ident.lower() for ident in exclude_target if ident}
    with _Index(index_path(folders)) as index:
        index.refresh(on_disk)
        hits = index.lookup(hashes)
        skip = index.numbers_of(venue, own) if venue and own else set()
        runs: Counter[int] = Counter()
        starts_hit = []
        for start, value in enumerate(hashes):
            holders = hits.get(value)
            if holders is not None:
                runs.update(holders)
                starts_hit.append((start, holders))
        for number in skip:
            runs.pop(number, None)
        if not runs:
            return Overlap(total, 0)
        chosen = [number for number, _count in runs.most_common(detail)]
        refs = index.refs(chosen)
    union = covered((start for start, holders in starts_hit if not skip or set(holders) - skip), total)
    marks = {number: covered((start for start, holders in starts_hit if number in holders), total)
             for number in chosen}
    shared = sorted((Shared(refs[number], m.count(1), 100.0 * m.count(1) / total)
                     for number, m in marks.items()), key=lambda s: (-s.words, s.letter.id))
    by_id = {refs[number].id: m for number, m in marks.items()}
    return Overlap(total, union.count(1), tuple(shared), tuple(_passages(seg_words, union, by_id)),
                   more=len(runs) - len(chosen))


def _scan(folders: Sequence[Path]) -> dict[str, tuple[str, str]]:
    """Every letter record of the stack and its stamp (size and time of its record and its text), read
    with one directory listing per folder."""
    found: dict[str, tuple[Path, str]] = {}
    for folder in folders:
        try:
            entries = {entry.name: entry for entry in os.scandir(letters_folder(folder))}
        except (FileNotFoundError, NotADirectoryError):
            continue
        for name, entry in entries.items():
            stem = name[:-5]
            if not name.endswith(".toml") or not RECORD_NAME.match(stem):
                continue
            parts = []
            for each in (entry, entries.get(stem + ".txt")):
                try:
                    info = each.stat() if each is not None else None
                except OSError:
                    info = None
                parts.append(f"{info.st_size}:{info.st_mtime_ns}" if info else "-")
            found[stem] = (entry.path, " ".join(parts))
    return found


def _passages(seg_words: list[tuple[Hashable, list[str]]], union: bytearray,
              marks_by_letter: dict[str, bytearray]) -> list[Passage]:
    passages = []
    offset = 0
    for key, found in seg_words:
        position = 0
        while position < len(found):
            if not union[offset + position]:
                position += 1
                continue
            end = position
            while end < len(found) and union[offset + end]:
                end += 1
            letters = tuple(sorted(lid for lid, marks in marks_by_letter.items()
                                   if any(marks[offset + position:offset + end])))
            passages.append(Passage(key, position, end, " ".join(found[position:end]), letters))
            position = end
        offset += len(found)
    return passages


class _Index:
    """The sqlite index: letters (number, id, stamp, how to name it, its runs) and, for each run hash,
    the numbers of the letters holding it (a packed array: one row per run, read in one query)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None

    def __enter__(self) -> _Index:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:
            self._discard()
            self.db = self._open()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.db is not None:
            self.db.close()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != _SCHEMA:
            db.executescript(
                "DROP TABLE IF EXISTS letters; DROP TABLE IF EXISTS runs;"
                "CREATE TABLE letters (number INTEGER PRIMARY KEY, id TEXT UNIQUE, stamp TEXT, title TEXT,"
                " sent TEXT, target TEXT, target_ids TEXT, venue TEXT, runs BLOB);"
                "CREATE TABLE runs (hash INTEGER PRIMARY KEY, letters BLOB);"
                f"PRAGMA user_version = {_SCHEMA};"
            )
        return db

    def _discard(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

    def refresh(self, on_disk: dict[str, tuple[str, str]]) -> None:
        """Bring the index up to date with the records on disk."""
        try:
            self._refresh(on_disk)
        except sqlite3.DatabaseError:  # damaged under us: it is a cache, start again
            assert self.db is not None
            self.db.close()
            self._discard()
            self.db = self._open()
            self._refresh(on_disk)

    def _refresh(self, on_disk: dict[str, tuple[str, str]]) -> None:
        db = self.db
        assert db is not None
        known = {row[0]: (row[1], row[2]) for row in db.execute("SELECT id, number, stamp FROM letters")}
        gone = [lid for lid, (_number, stamp) in known.items() if on_disk.get(lid, (None, None))[1] != stamp]
        new = [lid for lid, (_path, stamp) in on_disk.items() if known.get(lid, (None, None))[1] != stamp]
        if not gone and not new:
            return
        added: dict[int, list[int]] = {}
        removed: dict[int, set[int]] = {}
        with db:
            for lid in gone:
                number = known[lid][0]
                (blob,) = db.execute("SELECT runs FROM letters WHERE number = ?", (number,)).fetchone()
                for value in _unpack("q", blob):
                    removed.setdefault(value, set()).add(number)
                db.execute("DELETE FROM letters WHERE number = ?", (number,))
            for lid in new:
                letter = load_letter(Path(on_disk[lid][0]))
                hashes = sorted(set(run_hashes(words(letter.text()))))
                ids = " ".join(ident.lower() for ident in (letter.target.doi, letter.target.pmid) if ident)
                cursor = db.execute(
                    "INSERT INTO letters (id, stamp, title, sent, target, target_ids, venue, runs)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (letter.id, on_disk[lid][1], letter.title, letter.sent.isoformat(), letter.target.short,
                     ids, letter.venue, array("q", hashes).tobytes()))
                number = cursor.lastrowid
                assert number is not None
                for value in hashes:
                    added.setdefault(value, []).append(number)
            self._update_runs(added, removed)

    def _update_runs(self, added: dict[int, list[int]], removed: dict[int, set[int]]) -> None:
        db = self.db
        assert db is not None
        touched = sorted(set(added) | set(removed))
        current = self.lookup(touched)
        rows, empty = [], []
        for value in touched:
            holders = [n for n in current.get(value, ()) if n not in removed.get(value, ())]
            holders += added.get(value, [])
            if holders:
                rows.append((value, array("i", holders).tobytes()))
            else:
                empty.append((value,))
        db.executemany("INSERT OR REPLACE INTO runs VALUES (?, ?)", rows)
        db.executemany("DELETE FROM runs WHERE hash = ?", empty)

    def lookup(self, hashes: Sequence[int]) -> dict[int, array]:
        """The numbers of the letters holding each of ``hashes`` (only hashes some letter holds)."""
        db = self.db
        assert db is not None
        found: dict[int, array] = {}
        unique = sorted(set(hashes))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for value, blob in db.execute(f"SELECT hash, letters FROM runs WHERE hash IN ({marks})", chunk):
                found[value] = _unpack("i", blob)
        return found

    def numbers_of(self, venue: str, target_ids: set[str]) -> set[int]:
        """The letters on record of this target (by DOI or PMID) at this venue."""
        db = self.db
        assert db is not None
        rows = db.execute("SELECT number, target_ids FROM letters WHERE venue = ?", (venue,))
        return {number for number, ids in rows if target_ids & set(ids.split())}

    def refs(self, numbers: Sequence[int]) -> dict[int, LetterRef]:
        """How to name the letters ``numbers``."""
        db = self.db
        assert db is not None
        marks = ",".join("?" * len(numbers))
        rows = db.execute(f"SELECT number, id, title, sent, target, target_ids, venue FROM letters"
                          f" WHERE number IN ({marks})", list(numbers))
        return {row[0]: LetterRef(row[1], row[2], row[3], row[4], tuple(row[5].split()), row[6])
                for row in rows}


def _unpack(code: str, blob: bytes) -> array:
    values = array(code)
    values.frombytes(blob)
    return values
