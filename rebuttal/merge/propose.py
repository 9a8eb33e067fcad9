"""``merge --propose DIR``: the editors' wording of a library block as a new draft version.

Where the editors rewrote words a letter took from the library, the committee
may want them for every letter. We never change an approved block in place:
the edited wording is written as a *draft* of the same block id, version
bumped, in the folder ``DIR`` (stack it with ``--library DIR`` to use it, and
let the committee approve it). The file's header comment records who edited
it (the tracked changes' authors), when, and from which file.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.files.atomic import atomic_write_text
from rebuttal.files.lock import locked
from rebuttal.files.problems import os_error
from rebuttal.library.committee import next_version
from rebuttal.library.stack import Block, load_block
from rebuttal.merge.compare import ItemChange


@dataclass(frozen=True)
class Proposal:
    """A draft block file to write: where, and its TOML text."""

    block_id: str
    path: Path
    version: str
    text: str


def proposals(
    changes: list[ItemChange], folder: Path, docx_name: str, *, today: dt.date | None = None, design: str = ""
) -> list[Proposal]:
    """The drafts for every change that rewrites library wording; checks before anything is written.

    ``design`` is the letter's article's: the editors rewrote the wording the letter took, its
    ``[wording.<family>]`` when the block has one for that design, and the draft changes that one."""
    found: dict[str, Proposal] = {}
    for change in changes:
        block = change.block
        if block is None or not change.touches_library_wording or block.id in found:
            continue
        path = folder / f"{block.id}.toml"
        _check_replaceable(path, block.id)
        version = next_version(block.version)  # the committee's rule: a draft is the next minor
        text = _draft_text(block, change, version, docx_name, today, design)
        found[block.id] = Proposal(block.id, path, version, text)
    return list(found.values())


def write_proposals(found: list[Proposal]) -> None:
    """Write each draft atomically (creating its group folder), each under its file's lock."""
    for proposal in found:
        try:
            proposal.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise os_error(error, proposal.path.parent, doing="write", field="--propose") from None
        with locked(proposal.path):
            _check_replaceable(proposal.path, proposal.block_id)  # approved since we first looked?
            atomic_write_text(proposal.path, proposal.text, field="--propose")


def _check_replaceable(path: Path, block_id: str) -> None:
    """Refuse a file that holds the block as anything but a draft: a proposal never replaces it."""
    if path.is_file():
        existing = load_block(path, block_id)
        if existing.status != "draft":
            raise RebuttalError(
                f"holds block {block_id} with status {existing.status}; a proposal never changes "
                "it in place: choose another folder for drafts", file=path, field="--propose",
            )


def _draft_text(block: Block, change: ItemChange, version: str, docx_name: str, today: dt.date | None,
                design: str = "") -> str:
    import tomli_w

    editors = sorted({r.author for r in change.revisions if r.author}) or sorted(
        {c.author for c in change.comments if c.author}
    )
    dates = sorted(r.date[:10] for r in change.revisions if r.date)
    when = dates[-1] if dates else (today or dt.date.today()).isoformat()
    data: dict[str, object] = {"title": block.title, "kind": block.kind}
    if change.new_title is not None and change.library_title:
        data["title"] = change.new_title
    if block.tags:
        data["tags"] = list(block.tags)
    if block.summary:
        data["summary"] = block.summary
    taken = block.wording_for(design)  # the wording the letter took: its family's, or the main one
    variant = "short" if taken.short and change.variant == "short" else "full"
    new_text = change.new_text if change.new_text is not None and change.library_text else None

    def wording(text: str, short: str | None, edited: bool) -> dict[str, str]:
        rewritten = edited and variant == "full" and new_text
        fields = {"text": _wrapped(new_text) if rewritten else text.strip() + "\n"}
        short = _wrapped(new_text) if edited and variant == "short" and new_text else short
        if short:
            fields["short"] = short.strip() + "\n"
        return fields

    data.update(wording(block.text, block.short, not taken.family))
    data["version"] = version
    data["status"] = "draft"
    if block.wordings:
        data["wording"] = {w.family: wording(w.text, w.short, w.family == taken.family)
                           for w in block.wordings}
    applies = {"when": list(block.applies_when), "unless": list(block.applies_unless)}
    if any(applies.values()):
        data["applies"] = {key: value for key, value in applies.items() if value}
    header = (
        f"# Draft v{version} of {block.id}, proposed from the editors' changes in {docx_name}\n"
        f"# edited by: {', '.join(editors) or 'unknown'}; on: {when}\n"
        f"# based on: {block.id} v{block.version or '?'} ({block.status}); the approved file is unchanged.\n"
    )
    return header + tomli_w.dumps(data, multiline_strings=True)



def _wrapped(markup: str, width: int = 88) -> str:
    """Markup wrapped as the library's files are (line breaks inside a paragraph are spaces)."""
    paragraphs = [
        textwrap.fill(paragraph, width, break_long_words=False, break_on_hyphens=False)
        for paragraph in markup.split("\n\n")
    ]
    return "\n\n".join(paragraphs).strip() + "\n"
