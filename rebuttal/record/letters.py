"""Letters on record: one TOML file per letter sent, in a library folder's ``letters/``.

A letter recorded as ``2025-03-10-wang-society-statement`` is three files, kept in git with the blocks:

- ``letters/2025-03-10-wang-society-statement.toml``: the record (what was sent, where, when, its status);
- ``letters/2025-03-10-wang-society-statement.outline.toml``: the outline as sent, every block pinned to
  the version it used, so the letter can be rebuilt word for word;
- ``letters/2025-03-10-wang-society-statement.txt``: the text as built (what the overlap rule compares).

The record names the target article (first author, year, title, journal, DOI, PMID), the venue, the sent
date, the SHA-256 of the DOCX sent and a status from :data:`rebuttal.vocabulary.LETTER_STATUSES`;
``rebuttal letters set`` moves the status on and notes the letter's own DOI and the authors' reply.
Every write is atomic and holds the file's lock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.library.layout import LETTERS_FOLDER
from rebuttal.refs.article import Article
from rebuttal.text.authors import split_author
from rebuttal.toml.fields import FieldReader, table_keys
from rebuttal.toml.source import read_toml
from rebuttal.vocabulary import LETTER_STATUSES

RECORD_FIELDS = ("title", "venue", "sent", "status", "status_on", "docx_sha256", "outline", "text", "doi",
                 "reply", "target")
RECORD_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$")


@dataclass(frozen=True)
class Target:
    """The article a letter answers, as the record names it."""

    first_author: str = ""
    year: str = ""
    title: str = ""
    journal: str = ""
    doi: str = ""
    pmid: str = ""

    @property
    def short(self) -> str:
        """``Wang 2025``: how the list names it."""
        return " ".join(part for part in (self.first_author, self.year) if part) or "(no article)"

    @classmethod
    def of(cls, article: Article) -> Target:
        """The target of an outline's ``[article]``."""
        first = split_author(article.authors[0])[0] if article.authors else ""
        return cls(first, article.date[:4], article.title, article.journal_abbrev or article.journal,
                   article.doi, article.pmid)


TARGET_FIELDS = table_keys(Target, leave_out=())


@dataclass(frozen=True)
class RecordedLetter:
    """One letter on record (see the module's docstring for its files)."""

    id: str
    path: Path
    title: str
    venue: str
    sent: dt.date
    status: str
    target: Target
    docx_sha256: str = ""
    status_on: str = ""
    doi: str = ""  # the letter's own DOI, once published
    reply: str = ""  # the authors' reply: a PMID or a DOI

    @property
    def outline_path(self) -> Path:
        return self.path.with_name(f"{self.id}.outline.toml")

    @property
    def text_path(self) -> Path:
        return self.path.with_name(f"{self.id}.txt")

    def text(self) -> str:
        """The text as built when it was recorded ('' when the file is missing)."""
        try:
            return self.text_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def days_since_sent(self, today: dt.date) -> int:
        return (today - self.sent).days

    def named(self) -> str:
        """``Wang 2025, sent 2025-03-10``: how messages name the letter."""
        return f"{self.target.short}, sent {self.sent.isoformat()}"


def letters_folder(folder: Path) -> Path:
    """Where a library folder keeps its letters."""
    return folder / LETTERS_FOLDER


def record_folder(folders: Sequence[Path]) -> Path:
    """Where new records (and what ``rebuttal watch`` finds) go: the top folder of the stack, never the
    library shipped with rebuttal (then the user's own library folder)."""
    from rebuttal.library.stack import builtin_folder, user_library_folder

    top = folders[-1] if folders else None
    if top is None or Path(top).resolve() == builtin_folder().resolve():
        return user_library_folder()
    return Path(top)


def record_paths(folders: Sequence[Path]) -> list[Path]:
    """Every letter record of the stack's folders (``letters/<date>-<name>.toml``), by name."""
    paths: dict[str, Path] = {}
    for folder in folders:
        letters = letters_folder(folder)
        if not letters.is_dir():
            continue
        for path in letters.glob("*.toml"):
            if RECORD_NAME.match(path.stem):
                paths[path.stem] = path  # a later folder's record of the same id wins, as blocks do
    return [paths[name] for name in sorted(paths)]


def load_letters(folders: Sequence[Path]) -> list[RecordedLetter]:
    """Every recorded letter of the stack, newest sent first."""
    letters = [load_letter(path) for path in record_paths(folders)]
    return sorted(letters, key=lambda letter: (letter.sent, letter.id), reverse=True)


def load_letter(path: Path) -> RecordedLetter:
    """Read one record; a wrong field is one line naming file, line and field."""
    source = read_toml(path)
    reader = FieldReader(source, context="letter record")
    reader.allow(*RECORD_FIELDS)
    target = reader.table("target")
    sub = FieldReader(source, data=target, prefix=("target",), context="letter record's target")
    sub.allow(*TARGET_FIELDS)
    sent = reader.date("sent")
    if not sent:
        raise RebuttalError("missing required field 'sent' in letter record", file=path, field="sent")
    return RecordedLetter(
        id=path.stem, path=path, title=reader.text("title"), venue=reader.text("venue"),
        sent=dt.date.fromisoformat(sent[:10]),
        status=reader.choice("status", LETTER_STATUSES, required=True),
        target=Target(*(sub.scalar(name) for name in TARGET_FIELDS)),
        docx_sha256=reader.text("docx_sha256"), status_on=reader.date("status_on"), doi=reader.text("doi"),
        reply=reader.scalar("reply"),
    )


def letter_id(sent: dt.date, target: Target, venue: str, taken: Sequence[str] = ()) -> str:
    """``2025-03-10-wang-society-statement``; ``-2``, ``-3``... when that is taken."""
    words = [target.first_author, venue or "letter"]
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(w for w in words if w).lower()).strip("-") or "letter"
    base = f"{sent.isoformat()}-{slug}"
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    return name


def add_letter(folder: Path, *, outline_text: str, text: str, docx_sha256: str, title: str, venue: str,
               sent: dt.date, target: Target) -> RecordedLetter:
    """Record a sent letter in ``folder``'s ``letters/``: the record, the frozen outline, the text.

    The outline and the text are written first and the record last: a record is only ever there with
    the files it names.
    """
    import tomlkit

    from rebuttal.files.atomic import atomic_write_text
    from rebuttal.files.lock import locked

    letters = letters_folder(folder)
    letters.mkdir(parents=True, exist_ok=True)
    with locked(letters / "letters"):  # choosing a free id and taking it: one writer at a time
        taken = [path.stem for path in letters.glob("*.toml")]
        name = letter_id(sent, target, venue, taken)
        path = letters / f"{name}.toml"
        record = tomlkit.document()
        record.add(tomlkit.comment(f"A letter on record (rebuttal letters add); its outline as sent is "
                                   f"{name}.outline.toml, its text as built {name}.txt."))
        values = {"title": title, "venue": venue, "sent": sent, "status": LETTER_STATUSES[0],
                  "docx_sha256": docx_sha256}
        for key, value in values.items():
            if value:
                record[key] = value
        table = tomlkit.table()
        for key in TARGET_FIELDS:
            value = getattr(target, key)
            if value:
                table[key] = value
        record["target"] = table
        atomic_write_text(letters / f"{name}.outline.toml", outline_text)
        atomic_write_text(letters / f"{name}.txt", text)
        atomic_write_text(path, tomlkit.dumps(record))
    return load_letter(path)


def find_letter(folders: Sequence[Path], letter: str) -> RecordedLetter:
    """The recorded letter called ``letter`` (its id, or a unique start of it)."""
    letters = load_letters(folders)
    exact = [found for found in letters if found.id == letter]
    matches = exact or [found for found in letters if found.id.startswith(letter)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(found.id for found in letters[:5]) or "none recorded"
    what = "more than one letter starts with" if matches else "no recorded letter is"
    raise RebuttalError(f"{what} '{letter}' (letters: {known})", field="ID")


def set_status(record: RecordedLetter, *, status: str | None = None, doi: str | None = None,
               reply: str | None = None, today: dt.date) -> RecordedLetter:
    """Change a record's status (and the letter's DOI, the reply) in place, comments and order kept."""
    import tomlkit

    from rebuttal.files.atomic import atomic_write_text
    from rebuttal.files.lock import locked

    if status is not None and status not in LETTER_STATUSES:
        raise RebuttalError(f"'{status}' is not a status; statuses: {', '.join(LETTER_STATUSES)}",
                            field="--status")
    with locked(record.path):
        document = tomlkit.parse(record.path.read_text(encoding="utf-8"))
        if status is not None and document.get("status") != status:
            document["status"] = status
            document["status_on"] = today
        if doi:
            document["doi"] = doi
        if reply:
            document["reply"] = reply
        atomic_write_text(record.path, tomlkit.dumps(document))
    return load_letter(record.path)
