"""TOML data as plain Python values, for comparing two versions of a person's file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


def plain_data(value: Any) -> Any:
    """``value`` with tomlkit items unwrapped, tables as dicts, arrays as lists and dates as ISO text.

    Two readings of one file compare equal whichever reader (tomllib, tomlkit) made them and
    whether a date was kept as a date or written as text.
    """
    if hasattr(value, "unwrap"):
        value = value.unwrap()
    if isinstance(value, Mapping):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value
