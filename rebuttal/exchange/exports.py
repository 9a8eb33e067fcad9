"""The outline as it was when a DOCX was exported: the base of a later three-way merge.

Every DOCX export records the SHA-256 of its outline's text (:mod:`rebuttal.exchange.record`).
The text itself is kept here, in the user state folder (``$XDG_STATE_HOME/rebuttal/exports``
on Linux), one file per text named by that digest, so that ``rebuttal merge`` can compare the
editors' DOCX with the outline *as exported*, and combine it with what the person changed
since (:mod:`rebuttal.letter.three_way`). The files are content-addressed: a text read back
is checked against its name, so a damaged or edited copy is never used as a base. The
folder holds at most :data:`KEEP` texts (the oldest go first); a letter whose base is gone
is compared with its outline as it is now, as before, and the merge says so.

When a letter's parts (:func:`rebuttal.exchange.record_values.content_digest`) were last exported from
an outline (``content/<parts digest>.<outline digest>``: its time, and the outline's number of body
items) is kept here too: ``merge`` of an
export nobody changed trusts it only if nothing it reads changed since (:mod:`rebuttal.merge.unchanged`).

Which outline files received a merge of an export (``applied/<digest>``: one resolved path a
line) is kept here too: it is what lets ``merge`` accept the same DOCX again on a copied
outline after an ``--apply`` (see :func:`rebuttal.merge.report.merge_edited`).
"""

from __future__ import annotations

import os

from rebuttal.files.digests import sha256
from rebuttal.files.user_folders import user_folder

TYPE_CHECKING = False  # pathlib loads when a Path is made: noted_export() (an unchanged merge) needs none
if TYPE_CHECKING:
    from pathlib import Path

KEEP = 500
MAX_TEXT = 4_000_000  # far above any outline's size: a file bigger than this is not ours
_HEX = frozenset("0123456789abcdef")


def exports_folder() -> Path:
    """``…/rebuttal/exports`` in the user state folder (``$XDG_STATE_HOME`` on Linux)."""
    from pathlib import Path

    return Path(_exports_name())


def _exports_name() -> str:
    return os.path.join(user_folder("state"), "exports")


def export_origin(path: Path | None) -> tuple[str, str, str]:
    """``(file name, SHA-256, text)`` of the outline being exported (for the export record, which
    carries the text when small enough), its text kept in the state folder too.

    Keeping is best effort: an export never fails because the state folder cannot be written.
    """
    if path is None:
        return "", "", ""
    try:
        data = path.read_bytes()
    except OSError:
        from rebuttal.exchange.record import outline_origin

        return (*outline_origin(path), "")
    import contextlib  # here, not at the top: noted_export() (an unchanged merge) needs none

    with contextlib.suppress(OSError):
        keep_exported(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    return path.name, sha256(data).hexdigest(), text


def keep_exported(data: bytes) -> str:
    """Keep an outline's text (its bytes) as exported; return its SHA-256."""
    from rebuttal.files.atomic import atomic_write_bytes

    digest = sha256(data).hexdigest()
    target = exports_folder() / f"{digest}.toml"
    if target.exists():
        os.utime(target)  # recently used: pruned last
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, data, field=None)
    _prune(target.parent)
    return digest


def exported_text(digest: str) -> str | None:
    """The outline's text as exported with SHA-256 ``digest``; None when not kept (or damaged)."""
    if len(digest) != 64 or not set(digest) <= _HEX:
        return None
    path = exports_folder() / f"{digest}.toml"
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT + 1)
    except OSError:
        return None
    if len(data) > MAX_TEXT or sha256(data).hexdigest() != digest:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def note_export(path: Path, outline: Path | None) -> None:
    """Remember that the DOCX at ``path`` was just exported from ``outline``: when, and what a merge
    of it unchanged would report (its body items; -1 for an undated letter, dated the day it is
    built). Nothing for any other format or a file that cannot be read back (best effort)."""
    if path.suffix.lower() != ".docx" or outline is None:
        return
    from rebuttal.exchange.record_values import content_digest
    from rebuttal.files.atomic import atomic_write_text
    from rebuttal.files.guarded_zip import BadZip, read_zip

    try:
        data = outline.read_bytes()
        target = _noted(content_digest(read_zip(path)), sha256(data).hexdigest())
        target.parent.mkdir(parents=True, exist_ok=True)
        items = _dated_items(data)
        atomic_write_text(target, f"{-1 if items is None else items}\n", field=None)
    except (BadZip, OSError):
        return
    _prune(target.parent, "*.*")


def noted_export(content: str, outline: str) -> tuple[float, int] | None:
    """``(when, body items)`` of the last export of the letter with parts of SHA-256 ``content`` from
    the outline of SHA-256 ``outline`` (items -1: undated); None when not known."""
    if {len(content), len(outline)} != {64} or not set(content + outline) <= _HEX:
        return None
    target = _noted_name(content, outline)
    try:
        with open(target, "rb") as handle:
            items = int(handle.read(32).decode("ascii").strip())
            return os.fstat(handle.fileno()).st_mtime, items
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _noted(content: str, outline: str) -> Path:
    from pathlib import Path

    return Path(_noted_name(content, outline))


def _noted_name(content: str, outline: str) -> str:
    return os.path.join(_exports_name(), "content", f"{content}.{outline}")


def _dated_items(outline: bytes) -> int | None:
    """How many body items the outline has, when the letter sets its own date (an undated one is
    dated the day it is built, so its export may differ from today's letter); else None."""
    import tomllib

    try:
        data = tomllib.loads(outline.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    letter, body = data.get("letter"), data.get("body", [])
    if not isinstance(letter, dict) or not letter.get("date") or not isinstance(body, list):
        return None
    return len(body)


def note_applied(digest: str, outline: Path) -> None:
    """Remember that the export ``digest`` was merged into ``outline`` (``merge --apply``)."""
    if len(digest) != 64 or not set(digest) <= _HEX:
        return
    from rebuttal.files.atomic import atomic_write_text
    from rebuttal.files.lock import locked

    target = exports_folder() / "applied" / digest
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with locked(target):
            known = _applied(target)
            entry = str(outline.resolve())
            if entry not in known:
                atomic_write_text(target, "".join(f"{line}\n" for line in [*known, entry]), field=None)
    except OSError:
        pass  # best effort: a later merge on a copy then asks for --force, as it did before


def was_applied(digest: str, outline: Path) -> bool:
    """True when the export ``digest`` was merged into ``outline`` before."""
    if len(digest) != 64 or not set(digest) <= _HEX:
        return False
    return str(outline.resolve()) in _applied(exports_folder() / "applied" / digest)


def _applied(path: Path) -> list[str]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT)
    except OSError:
        return []
    return [line for line in data.decode("utf-8", "replace").splitlines() if line]


def _prune(folder: Path, pattern: str = "*.toml") -> None:
    """Keep the :data:`KEEP` most recently used texts (or other files matching ``pattern``)."""
    try:
        texts = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    import contextlib

    for old in texts[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
