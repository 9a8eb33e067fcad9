"""One scan of a TOML file's shape serves both located reading and in-place editing."""

from __future__ import annotations

from pathlib import Path

from rebuttal.toml.edit import update_toml_text
from rebuttal.toml.scan import Header, Key, structure
from rebuttal.toml.source import parse_toml

TEXT = '''# a block
'quoted key' = \'\'\'
[not a header]
still text\'\'\'
title = "T"

[[body]]
block = "a"
text = """
[[body]] inside a string
"""

[[body]]
block = "b"
'''


def test_headers_and_keys_are_found_and_multi_line_strings_skipped() -> None:
    found = list(structure(TEXT.splitlines()))
    assert found == [
        (1, Key("quoted key")), (4, Key("title")), (6, Header(("body",), True)), (7, Key("block")),
        (8, Key("text")), (12, Header(("body",), True)), (13, Key("block")),
    ]


def test_reading_and_editing_see_the_same_lines() -> None:
    source = parse_toml(TEXT, Path("x.toml"))
    assert source.line_of(("quoted key",)) == 2 and source.line_of(("title",)) == 5
    assert source.line_of(("body", 1, "block")) == 14
    data = source.data
    edited = update_toml_text(TEXT, {**data, "body": [data["body"][0], {"block": "c"}]})
    assert edited.count("[[body]]") == 3  # the string's "[[body]]" is text, not a table
    assert edited.endswith('[[body]]\nblock = "c"\n')
    assert edited.startswith(TEXT.split("[[body]]\nblock = \"b\"")[0])
