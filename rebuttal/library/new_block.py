"""Writing a new block to the user's own library folder (from the app).

The block is written as TOML (tomli-w) through an atomic rename into
``library.user_library_folder()``, which every later run — the app and
``rebuttal build`` — stacks on top of the built-in library. New blocks are
drafts: a committee approves them later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.files.atomic import atomic_write_text
from rebuttal.library.layout import PROFILE_FOLDERS
from rebuttal.library.stack import BLOCK_KINDS, Block, Library, load_block, user_library_folder
from rebuttal.text.markup import MarkupError, parse_text

BLOCK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")


@dataclass
class NewBlock:
    """What a person fills in to create a block."""

    id: str
    kind: str
    title: str
    text: str
    tags: tuple[str, ...] = ()
    short: str = ""


def block_problem(library: Library, new: NewBlock) -> tuple[str, str] | None:
    """``(field, message)`` for the first thing wrong with ``new``, else None."""
    if not BLOCK_ID.match(new.id):
        return "id", "an id is group/name in lower case, e.g. concerns/sample-size"
    if new.id.split("/")[0] in (*PROFILE_FOLDERS, "references"):
        return "id", f"'{new.id.split('/')[0]}' is reserved; choose another group"
    if new.id in library.blocks:
        return "id", f"the library already has a block '{new.id}'"
    if new.kind not in BLOCK_KINDS:
        return "kind", f"choose one of: {', '.join(BLOCK_KINDS)}"
    if not new.title.strip():
        return "title", "a block needs a title"
    if not new.text.strip():
        return "text", "a block needs text"
    for name, value in (("text", new.text), ("short", new.short)):
        try:
            parse_text(value)
        except MarkupError as error:
            return name, str(error)
    return None


def write_user_block(library: Library, new: NewBlock, folder: Path | None = None) -> Block:
    """Write ``new`` to the user's library folder, add it to ``library``; the loaded block."""
    import tomli_w

    problem = block_problem(library, new)
    if problem:
        raise RebuttalError(problem[1], field=problem[0])
    folder = folder or user_library_folder()
    path = folder / f"{new.id}.toml"
    data: dict[str, object] = {"title": new.title.strip(), "kind": new.kind}
    if new.tags:
        data["tags"] = list(new.tags)
    data["text"] = new.text.strip() + "\n"
    if new.short.strip():
        data["short"] = new.short.strip() + "\n"
    data.update(version="0.1", status="draft")
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, tomli_w.dumps(data, multiline_strings=True))
    block = load_block(path, new.id)
    library.blocks[block.id] = block
    if folder not in library.folders:
        library.folders.append(folder)
    return block
