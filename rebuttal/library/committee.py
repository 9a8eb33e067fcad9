"""What the approval committee needs to keep a library right: lint, approve, the version rule.

Domain code only (no output formatting beyond one-line messages): the
``rebuttal library`` command prints what these functions find.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.library.design_fit import misfits
from rebuttal.library.layout import REFERENCES_FILE, block_paths
from rebuttal.library.stack import Block, load_block
from rebuttal.model import count_words
from rebuttal.refs.article import ARTICLE_KEY
from rebuttal.refs.bibliography import Bibliography, load_bibliography
from rebuttal.text.markup import MarkupError, citation_keys_in
from rebuttal.toml.source import read_toml


@dataclass(frozen=True)
class Problem:
    """One thing lint found: where (file, line, field) and what."""

    file: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        """``file:line: field: message``, located as every error is (:class:`RebuttalError`)."""
        return str(RebuttalError(self.message, file=self.file, line=self.line, field=self.field or None))


def lint(folders: Sequence[Path]) -> list[Problem]:
    """Every problem in every block of the stack (not only the first): see ``rebuttal library lint``."""
    problems: list[Problem] = []
    bibliography = Bibliography()
    for folder in folders:
        if not folder.is_dir():
            raise RebuttalError("library folder does not exist", file=folder, field="--library")
        references = folder / REFERENCES_FILE
        if references.is_file():
            try:
                bibliography.merge(load_bibliography(references))
            except RebuttalError as error:
                problems.append(Problem(references, error.line, error.field or "", error.message))
    seen: dict[str, Path] = {}
    for folder in folders:
        for path, block_id in block_paths(folder):
            try:
                block = load_block(path, block_id)
            except RebuttalError as error:
                problems.append(Problem(path, error.line, error.field or "", error.message))
                continue
            problems.extend(_block_problems(block, path, seen.get(block_id), bibliography))
            seen[block_id] = path
    return problems


def _block_problems(
    block: Block, path: Path, earlier: Path | None, bibliography: Bibliography
) -> list[Problem]:
    source = read_toml(path)

    def problem(field: str, message: str) -> Problem:
        return Problem(path, source.line_of((field,)), field, message)

    found: list[Problem] = []
    if earlier is not None and not block.override:
        found.append(problem("override", f"the id '{block.id}' is also {earlier}; a block that replaces "
                                         "it says so with override = true"))
    for field, text in (("text", block.text), ("short", block.short or "")):
        try:
            keys = citation_keys_in(text)
        except MarkupError:
            continue
        for key in keys:
            if key != ARTICLE_KEY and key not in bibliography:
                found.append(problem(field, f"cites [@{key}], which no references.json in the library has"))
    if block.short is not None and count_words(block.short) >= count_words(block.text):
        found.append(problem("short", f"the short variant ({count_words(block.short)} words) is not shorter "
                                      f"than the text ({count_words(block.text)} words)"))
    for misfit in misfits(block):
        found.append(Problem(path, source.line_of(misfit.field), ".".join(misfit.field), misfit.message))
    if block.status == "approved":
        if not block.approved_by:
            found.append(problem("approved_by", "an approved block names who approved it"))
        if not block.approved_on:
            found.append(problem("approved_on", "an approved block says when it was approved"))
        if not block.approved_hash:
            found.append(problem("approved_hash", "no record of the approved wording; approve it again "
                                                  "(rebuttal library approve)"))
        elif block.approved_hash != block.wording_hash:
            found.append(problem("text", "the wording changed since it was approved; approve it again "
                                         "(rebuttal library approve) or restore the approved text"))
    return found


def next_version(version: str) -> str:
    """The version after ``version``: ``1.0`` -> ``1.1``, ``2`` -> ``2.1``, ``1.9`` -> ``1.10``;
    an empty version becomes ``1.0``.

    The one rule for a block's next version, used when the committee approves new wording and
    when ``merge --propose`` drafts the editors' wording. New wording of an approved block is a
    minor step (1.0 -> 1.1, as the README documents): letters record the version they use, and
    the major number is the committee's to raise by hand (``--version 2.0``) when a block's
    meaning changes, never a side effect of an edit.
    """
    if not version:
        return "1.0"
    parts = version.split(".")
    if len(parts) == 1:
        parts.append("0")
    if parts[-1].isdigit():
        parts[-1] = str(int(parts[-1]) + 1)
        return ".".join(parts)
    return version + ".1"


def approve(path: Path, block_id: str, *, by: str, version: str | None, today: dt.date) -> Block:
    """Mark the block file approved (status, who, date, version, hash), editing it in place."""
    import tomllib

    from rebuttal.files.atomic import atomic_write_text
    from rebuttal.files.lock import locked
    from rebuttal.toml.edit import update_toml_text

    with locked(path):  # the wording approved is the wording in the file when it is written
        block = load_block(path, block_id)
        original = path.read_text(encoding="utf-8")
        data = tomllib.loads(original)
        new_version = version or (next_version(block.version) if block.status == "approved"
                                  else block.version or "1.0")
        data.update(status="approved", approved_by=by, approved_on=today, version=new_version,
                    approved_hash=block.wording_hash)
        text = update_toml_text(original, data)
        atomic_write_text(path, text, field=None)
        approved = load_block(path, block_id)  # what loading will see: never write a block that cannot load
    if approved.approved_hash != approved.wording_hash:
        raise RebuttalError("the approval did not record the wording it approves", file=path)
    return approved

