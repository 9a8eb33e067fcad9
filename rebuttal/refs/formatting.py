"""Format CSL-JSON items as reference-list entries, through the cache.

A cold call runs citeproc-py (:mod:`rebuttal.refs.csl.engine`) on the entries it
has not seen; a warm call reads them from the user cache folder and never
imports citeproc. Entries come back as spans, so DOIs and URLs stay links.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rebuttal.model import Span


def format_entries(
    style_name: str, style_path: Path, items: Sequence[dict[str, Any]], *, nlm_suffixes: bool = False,
    use_cache: bool = True,
) -> list[tuple[Span, ...]]:
    """One entry per item, in order, in the CSL style at ``style_path``."""
    from rebuttal.refs.csl.cache import EntryCache, item_hash

    cache = EntryCache(style_name, style_path, f"nlm_suffixes={nlm_suffixes}") if use_cache else None
    keys = [item_hash(item) for item in items]
    found: dict[str, tuple[Span, ...]] = {}
    if cache is not None:
        for key in keys:
            spans = cache.get(key)
            if spans is not None:
                found[key] = spans
    missing = [(key, item) for key, item in zip(keys, items, strict=True) if key not in found]
    if missing:
        from rebuttal.refs.csl.engine import format_items

        fresh = format_items(style_path, [item for _key, item in missing], nlm_suffixes=nlm_suffixes)
        for (key, _item), spans in zip(missing, fresh, strict=True):
            found[key] = spans
            if cache is not None:
                cache.put(key, spans)
        if cache is not None:
            cache.save()
    return [found[key] for key in keys]
