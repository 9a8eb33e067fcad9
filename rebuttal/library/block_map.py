"""Block id -> Block for a library stack, each block file parsed the first time it is asked for.

A letter's build reads the dozen blocks it uses, not the library's thousands; the index
(:mod:`rebuttal.library.index`) says which file holds which block without parsing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

Parse = Callable[[Path, str], Any]  # reads one block file (its path, the block id it holds)


class BlockMap(MutableMapping):
    """Block id -> Block, parsing each file the first time its block is asked for."""

    def __init__(self, paths: dict[str, str] | None = None, parse: Parse | None = None) -> None:
        self._paths: dict[str, str | Path] = dict(paths or {})
        self._loaded: dict[str, Any] = {}
        self._parse = parse

    def __getitem__(self, block_id: str) -> Any:
        block = self._loaded.get(block_id)
        if block is None:
            path = self._paths[block_id]  # KeyError for an unknown id, as a dict does
            assert self._parse is not None
            block = self._loaded[block_id] = self._parse(Path(path), block_id)
        return block

    def __setitem__(self, block_id: str, block: Any) -> None:
        self._loaded[block_id] = block
        if block.path is not None:
            self._paths[block_id] = str(block.path)

    def __delitem__(self, block_id: str) -> None:
        if block_id not in self:
            raise KeyError(block_id)
        self._paths.pop(block_id, None)
        self._loaded.pop(block_id, None)

    def __contains__(self, block_id: object) -> bool:
        return block_id in self._paths or block_id in self._loaded

    def __iter__(self) -> Iterator[str]:
        yield from self._paths
        yield from (block_id for block_id in self._loaded if block_id not in self._paths)

    def __len__(self) -> int:
        return len(self._paths) + sum(1 for block_id in self._loaded if block_id not in self._paths)

    def get(self, block_id: str, default: Any = None) -> Any:
        """The block, parsed now if need be, or ``default``."""
        return self[block_id] if block_id in self else default  # noqa: SIM401 (Mapping.get is this)

    def path_of(self, block_id: str) -> str | None:
        """The file a block comes from (as a string), without parsing it."""
        path = self._paths.get(block_id)
        return str(path) if path is not None else None

    def loaded(self) -> dict[str, Any]:
        """The blocks parsed (or set) so far."""
        return self._loaded
