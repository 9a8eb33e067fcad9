"""Edit a TOML file a person wrote, changing only what changed.

People keep outlines and blocks in git with their own comments, blank lines,
key order and quoting. Writing the whole file anew (tomli-w) loses all of
that, so an existing file is edited in place instead:

* the file is cut into *sections*: the text before the first table header,
  then one section per ``[table]`` / ``[[array]]`` header, each carrying the
  comment lines written directly above its header;
* a section whose data did not change is kept byte for byte;
* a changed table is edited with tomlkit, which keeps comments, order and
  quoting of the keys it does not touch;
* the items of an array of tables (``[[body]]``) are matched to the new list
  (unchanged items first, then items of the same block, then by position) and
  laid out in the new order, each with its own comments, while the blank lines
  between items stay where they were.

New files are written by tomli-w (see :func:`rebuttal.letter.outline.dump_outline`);
this module only edits files that already exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from rebuttal.toml.plain import plain_data
from rebuttal.toml.scan import Header, structure

# Tells whether a new key/value is a default the person never wrote (so it is left out).
IsDefault = Callable[[tuple[str | int, ...], Any], bool]


@dataclass
class _Section:
    """One table of the file: comment lines above its header, the header, its lines."""

    name: tuple[str, ...]
    is_array: bool
    lead: list[str] = field(default_factory=list)
    header: str = ""
    lines: list[str] = field(default_factory=list)

    def gap(self) -> list[str]:
        """The blank lines that end this section (the space before the next one)."""
        count = 0
        for line in reversed(self.lines):
            if line.strip():
                break
            count += 1
        return self.lines[len(self.lines) - count :] if count else []

    def content(self) -> list[str]:
        """The section's lines without the blank lines that end it."""
        gap = len(self.gap())
        return self.lines[: len(self.lines) - gap] if gap else list(self.lines)

    def text(self) -> str:
        return "".join(self.lead) + self.header + "".join(self.lines)


def update_toml_text(
    original: str, new_data: Mapping[str, Any], *, old_data: Mapping[str, Any] | None = None,
    is_default: IsDefault | None = None,
) -> str:
    """``original`` edited so that it holds ``new_data``; untouched parts stay byte for byte.

    ``new_data`` is plain TOML-ready data whose top-level values are tables or
    lists of tables (as outlines are). ``old_data`` is what ``original`` holds
    as the caller's model sees it (defaults filled in, text normalised), so
    only real changes count; by default the file's parsed data.
    ``is_default(path, value)`` may say that a key absent from the file holds a
    default and is to be left out.
    """
    import tomllib

    if old_data is None:
        old_data = tomllib.loads(original)
    if plain_data(old_data) == plain_data(new_data):
        return original
    preamble, sections = _split(original)
    is_table = {k: _is_table(v) for k, v in {**old_data, **new_data}.items()}
    top_new = {k: v for k, v in new_data.items() if not is_table[k]}
    top_old = {k: v for k, v in old_data.items() if not is_table[k]}
    if plain_data(top_new) != plain_data(top_old):
        # Keys before the first header (a block file's fields): edited like a table's.
        preamble = _updated_table(_Section((), False, lines=preamble.splitlines(keepends=True)),
                                  top_new, top_old, (), is_default)
    new_data = {k: v for k, v in new_data.items() if is_table[k]}
    old_data = {k: v for k, v in old_data.items() if is_table[k]}
    out: list[str] = [preamble]
    arrays_done: set[tuple[str, ...]] = set()
    written_tables: set[str] = set()
    for section in sections:
        key = section.name[0] if len(section.name) == 1 else None
        if section.is_array and key is not None:
            if section.name in arrays_done:
                continue
            arrays_done.add(section.name)
            olds = [s for s in sections if s.is_array and s.name == section.name]
            last = max(i for i, s in enumerate(sections) if s.is_array and s.name == section.name)
            out.append(_layout_array(key, olds, new_data.get(key, []), old_data.get(key, []),
                                     is_default, at_end=last == len(sections) - 1))
            continue
        if key is None:  # A dotted table such as [a.b]: outlines have none; kept as it is.
            out.append(section.text())
            continue
        if key not in new_data:
            continue  # A table the new data no longer has: dropped with its comments.
        written_tables.add(key)
        out.append(_updated_table(section, new_data[key], old_data.get(key, {}), (key,), is_default))
    text = "".join(out)
    missing = [k for k in new_data if k not in old_data and k not in written_tables]
    return _append_new(text, new_data, missing)


def _is_table(value: Any) -> bool:
    """A table, or an array of tables: what gets a header of its own."""
    if isinstance(value, Mapping):
        return True
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _split(text: str) -> tuple[str, list[_Section]]:
    """The text before the first header, and the sections (see the module docstring)."""
    lines = text.splitlines(keepends=True)
    headers = _header_lines(lines)
    if not headers:
        return text, []
    preamble_end = headers[0][0]
    sections: list[_Section] = []
    for number, (start, name, is_array) in enumerate(headers):
        end = headers[number + 1][0] if number + 1 < len(headers) else len(lines)
        sections.append(_Section(name, is_array, header=lines[start], lines=lines[start + 1 : end]))
    # Comment lines right above a header belong to that header's table.
    previous_lines = lines[:preamble_end]
    lead, rest = _take_lead(previous_lines)
    preamble = "".join(rest)
    sections[0].lead = lead
    for before, after in pairwise(sections):
        after.lead, before.lines = _take_lead(before.lines)
    return preamble, sections


def _take_lead(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split trailing comment lines (with no blank line after them) off ``lines``."""
    cut = len(lines)
    while cut > 0 and lines[cut - 1].lstrip().startswith("#"):
        cut -= 1
    if cut == 0:  # Only comments: that is the file's own header, not a table's.
        return [], lines
    return lines[cut:], lines[:cut]


def _header_lines(lines: list[str]) -> list[tuple[int, tuple[str, ...], bool]]:
    """``(index, name, is_array)`` of every table header, skipping multi-line strings."""
    return [(index, line.name, line.is_array) for index, line in structure(lines) if isinstance(line, Header)]


def _updated_table(
    section: _Section, new: Mapping[str, Any], old: Mapping[str, Any], path: tuple[str | int, ...],
    is_default: IsDefault | None,
) -> str:
    """The section with its keys set to ``new`` (tomlkit edit; untouched keys kept)."""
    if plain_data(new) == plain_data(old):
        return section.text()
    import tomlkit

    body = "".join(section.content())
    document = tomlkit.parse(body)
    _update_container(document, new, old, path, is_default)
    edited = document.as_string()
    if edited and not edited.endswith("\n"):
        edited += "\n"
    return "".join(section.lead) + section.header + edited + "".join(section.gap())


def _update_container(
    container: Any, new: Mapping[str, Any], old: Mapping[str, Any], path: tuple[str | int, ...],
    is_default: IsDefault | None,
) -> None:
    """Set ``container``'s keys to ``new``: changed keys replaced in place, others kept."""
    import tomlkit

    for key in list(old):
        if key not in new and key in container:
            del container[key]
    for key, value in new.items():
        if key in old and plain_data(old[key]) == plain_data(value):
            continue
        if key in container:
            if isinstance(value, Mapping) and isinstance(old.get(key), Mapping):
                _update_container(container[key], value, old[key], (*path, key), is_default)
                continue
            container[key] = _item_like(container[key], value)
        else:
            if is_default is not None and is_default((*path, key), value):
                continue
            container[key] = _new_item(value, tomlkit)


def _item_like(old_item: Any, value: Any) -> Any:
    """A tomlkit item for ``value`` written the way the old one was (multi-line, literal...)."""
    import tomlkit
    from tomlkit.items import String, StringType

    if isinstance(value, str) and isinstance(old_item, String):
        kind = old_item.type
        multiline = kind in (StringType.MLB, StringType.MLL) or "\n" in value
        literal = kind in (StringType.SLL, StringType.MLL) and "'" not in value
        if literal and (multiline or "\n" not in value):
            return tomlkit.string(value, literal=True, multiline=multiline)
        return tomlkit.string(value, multiline=multiline)
    if isinstance(value, list) and "\n" in getattr(old_item, "as_string", lambda: "")():
        array = tomlkit.array()
        array.extend(value)
        return array.multiline(True)  # a list written one item a line stays so
    return _new_item(value, tomlkit)


def _new_item(value: Any, tomlkit: Any) -> Any:
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    return value


def _layout_array(
    key: str, olds: list[_Section], new_items: list[Any], old_items: list[Any],
    is_default: IsDefault | None, *, at_end: bool,
) -> str:
    """The ``[[key]]`` tables for ``new_items``, reusing (and moving) the old sections."""
    match = _match_items(new_items, old_items)
    gaps = [section.gap() for section in olds] or [[]]
    between = gaps[-2] if len(gaps) >= 2 else ["\n"]
    pieces: list[str] = []
    for position, item in enumerate(new_items):
        old_index = match[position]
        if old_index is None:
            text = _render_new_table(key, item, is_default, position)
        else:
            section = olds[old_index]
            trimmed = _Section(section.name, True, section.lead, section.header, section.content())
            text = _updated_table(trimmed, item, old_items[old_index], (key, position), is_default)
        last = position == len(new_items) - 1
        if not text.endswith("\n") and not (last and at_end):
            text += "\n"
        inner = gaps[position] if position < len(gaps) - 1 else between
        gap = gaps[-1] if last else inner
        pieces.append(text + "".join(gap))
    return "".join(pieces)


def _match_items(new_items: list[Any], old_items: list[Any]) -> list[int | None]:
    """For each new item, the old item it continues (or None for a new one).

    Equal items match first (nearest old position), then items naming the same
    block, then what is left by position: so a moved item keeps its comments
    and an edited one keeps its place in the file.
    """
    used: set[int] = set()
    result: list[int | None] = [None] * len(new_items)
    plain_old = [plain_data(item) for item in old_items]
    for position, item in enumerate(new_items):
        wanted = plain_data(item)
        candidates = [i for i, old in enumerate(plain_old) if old == wanted and i not in used]
        _take_nearest(candidates, position, result, used)
    for position, item in enumerate(new_items):
        if result[position] is not None or not isinstance(item, Mapping) or "block" not in item:
            continue
        candidates = [
            i for i, old in enumerate(old_items)
            if i not in used and isinstance(old, Mapping) and old.get("block") == item["block"]
        ]
        _take_nearest(candidates, position, result, used)
    for position, item in enumerate(new_items):
        if result[position] is not None or not isinstance(item, Mapping) or "block" in item:
            continue
        # Custom text edited in place: the old custom item at the same position, if free.
        if (position < len(old_items) and position not in used and isinstance(old_items[position], Mapping)
                and "block" not in old_items[position]):
            _take_nearest([position], position, result, used)
    return result


def _take_nearest(candidates: list[int], position: int, result: list[int | None], used: set[int]) -> None:
    """Match the new item at ``position`` with the nearest of the free old ``candidates``, if any."""
    if candidates:
        chosen = min(candidates, key=lambda i: abs(i - position))
        result[position] = chosen
        used.add(chosen)


def _render_new_table(key: str, item: Mapping[str, Any], is_default: IsDefault | None, position: int) -> str:
    import tomli_w

    kept = {k: v for k, v in item.items() if is_default is None or not is_default((key, position, k), v)}
    return f"[[{key}]]\n" + tomli_w.dumps(kept, multiline_strings=True)


def _append_new(text: str, new_data: Mapping[str, Any], missing: list[str]) -> str:
    """Add tables the file did not have, before its first array of tables (or at the end)."""
    if not missing:
        return text
    import tomli_w

    addition = ""
    for key in missing:
        value = new_data[key]
        if isinstance(value, list):
            for entry in value:
                addition += f"\n[[{key}]]\n" + tomli_w.dumps(entry, multiline_strings=True)
        else:
            addition += f"\n[{key}]\n" + tomli_w.dumps(value, multiline_strings=True)
    tables = [k for k in missing if not isinstance(new_data[k], list)]
    preamble, sections = _split(text)
    first_array = next((i for i, s in enumerate(sections) if s.is_array), None)
    if tables and first_array is not None and len(tables) == len(missing):
        head = preamble + "".join(s.text() for s in sections[:first_array])
        tail = "".join(s.text() for s in sections[first_array:])
        return head.rstrip("\n") + "\n" + addition.lstrip("\n") + "\n" + tail
    if text and not text.endswith("\n"):
        text += "\n"
    return text + addition

