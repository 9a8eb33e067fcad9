"""Where things are in a library folder, and which files are blocks.

A block is ``<folder>/<group>/<name>.toml`` (any depth of groups), its id
``<group>/<name>``. The top-level folders ``societies/``, ``venues/`` and ``people/``
hold profiles and ``letters/`` the record of letters sent, not blocks;
``references.json`` is the folder's bibliography. A file or folder whose name starts
with a dot (``.git``, an editor's ``.#draft.toml`` lock) is never part of the library.
Loading the library, its index and the committee's lint all list a folder through
here, so they agree on what a block is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

PROFILE_FOLDERS = ("societies", "venues", "people")
LETTERS_FOLDER = "letters"  # the society's record of letters sent (rebuttal/record/), not blocks
REFERENCES_FILE = "references.json"


def block_entries(folder: Path) -> Iterator[tuple[os.DirEntry, str]]:
    """(directory entry, block id) of every block file under ``folder``, listed by name only."""
    stack = [(str(folder), "")]
    while stack:
        directory, prefix = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir():
                    if not prefix and (name in PROFILE_FOLDERS or name == LETTERS_FOLDER):
                        continue
                    stack.append((entry.path, f"{prefix}{name}/"))
                elif prefix and name.endswith(".toml"):  # a file at the top is no block
                    yield entry, prefix + name[:-5]


def block_paths(folder: Path) -> list[tuple[Path, str]]:
    """``(path, block id)`` of every block file in ``folder``, by path."""
    return sorted((Path(entry.path), block_id) for entry, block_id in block_entries(folder))


def profile_paths(folder: Path, kind: str) -> list[Path]:
    """The profile files of one kind (``societies``, ``venues`` or ``people``) in ``folder``, by path."""
    profiles = folder / kind
    if not profiles.is_dir():
        return []
    return [path for path in sorted(profiles.rglob("*.toml"))
            if not any(part.startswith(".") for part in path.relative_to(profiles).parts)]
