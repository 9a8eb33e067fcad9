"""Typed, located access to the fields of a TOML table.

Every loader (blocks, societies, outlines, venues) reads through
:class:`FieldReader`, so every bad value is reported the same way:
``file:line: field: message``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.text.markup import MarkupError, placeholders_in
from rebuttal.toml.source import TomlSource, dotted, find_control_character
from rebuttal.vocabulary import KNOWN_PLACEHOLDERS


def table_keys(cls: type, *, leave_out: Iterable[str] = ("id", "path")) -> tuple[str, ...]:
    """The keys a TOML table of dataclass ``cls`` may hold: its fields, in their order, less
    ``leave_out`` (what the loader takes from elsewhere: the id from the file's name, its path).

    The dataclass is the one declaration of what such a table says; the loader's allowed keys,
    the writer's key order and the app's forms follow it.
    """
    return tuple(entry.name for entry in fields(cls) if entry.name not in set(leave_out))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to ``word``, if any is near enough."""
    import difflib  # only on the error path: keep it off every build's imports

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` or an empty string."""
    guess = closest(word, candidates)
    return f" (did you mean '{guess}'?)" if guess else ""


class FieldReader:
    """Typed, located access to the fields of one TOML table."""

    def __init__(
        self,
        source: TomlSource,
        *,
        data: dict[str, Any] | None = None,
        prefix: tuple[str | int, ...] = (),
        context: str = "",
    ) -> None:
        self.source = source
        self.data = source.data if data is None else data
        self.prefix = prefix
        self.context = context

    def fail(self, key: str, message: str) -> RebuttalError:
        """An error located at ``key`` of this table."""
        return self.source.error((*self.prefix, key), message)

    def allow(self, *keys: str) -> None:
        """Reject any key not in ``keys`` (a typo must not be silently ignored)."""
        for key in self.data:
            if key not in keys:
                raise self.fail(key, f"unknown field in {self.context}{did_you_mean(key, keys)}")

    def _get(self, key: str, kind: type | tuple[type, ...], label: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise RebuttalError(
                    f"missing required field '{key}' in {self.context}",
                    file=self.source.path,
                    line=self.source.line_of(self.prefix) if self.prefix else None,
                    field=dotted((*self.prefix, key)),
                )
            return None
        value = self.data[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
            raise self.fail(key, f"must be {label}, not {type(value).__name__}")
        return value

    def text(self, key: str, *, required: bool = False) -> str:
        """A string, stripped; control characters are refused."""
        value = self._get(key, str, "a string", required)
        if value is None:
            return ""
        bad = find_control_character(value)
        if bad:
            raise self.fail(key, f"contains {bad}, which no letter can hold")
        if required and not value.strip():
            raise self.fail(key, "must not be empty")
        return value.strip()

    def markup(self, key: str, *, required: bool = False) -> str:
        """A string of inline markup, parsed once to catch mistakes early."""
        value = self.text(key, required=required)
        try:
            names = placeholders_in(value)
        except MarkupError as exc:
            raise self.fail(key, str(exc)) from None
        for name in names:
            if name not in KNOWN_PLACEHOLDERS:
                hint = did_you_mean(name, KNOWN_PLACEHOLDERS)
                raise self.fail(key, f"unknown placeholder {{{name}}}{hint}")
        return value

    def choice(self, key: str, options: Sequence[str], *, required: bool = False, default: str = "") -> str:
        """One of ``options``, or ``default`` when absent."""
        value = self.text(key, required=required)
        if not value:
            return default
        if value not in options:
            hint = did_you_mean(value, options)
            raise self.fail(key, f"'{value}' is not one of {', '.join(options)}{hint}")
        return value

    def flag(self, key: str) -> bool:
        """true or false (false when absent)."""
        return bool(self._get(key, bool, "true or false", False))

    def strings(self, key: str) -> list[str]:
        """A list of strings."""
        value = self._get(key, list, "a list of strings", False) or []
        for item in value:
            if not isinstance(item, str):
                raise self.fail(key, "must be a list of strings")
            bad = find_control_character(item)
            if bad:
                raise self.fail(key, f"contains {bad}, which no letter can hold")
        return [item.strip() for item in value]

    def version(self, key: str) -> str:
        """A version, written as a string or a number."""
        value = self._get(key, (str, int, float), "a version string", False)
        return "" if value is None else str(value)

    def date(self, key: str) -> str:
        """A TOML date or a date string, as ISO text."""
        value = self._get(key, (str, dt.date), "a date (YYYY-MM-DD)", False)
        return "" if value is None else str(value)

    def scalar(self, key: str) -> str:
        """A string or a whole number (volumes, issues, PMIDs), as text."""
        value = self._get(key, (str, int), "a string or number", False)
        if value is None:
            return ""
        if isinstance(value, str):
            return self.text(key)
        return str(value)

    def table(self, key: str) -> dict[str, Any]:
        """A sub-table (``[letter]``); an absent one reads as empty."""
        return self._get(key, dict, "a table", False) or {}

    def tables(self, key: str) -> list[dict[str, Any]]:
        """An array of tables (``[[body]]``)."""
        value = self._get(key, list, "an array of tables", False) or []
        for item in value:
            if not isinstance(item, dict):
                raise self.fail(key, "must be an array of tables ([[...]])")
        return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)
