"""``notes`` on a body item: loaded, validated with its line, written back."""

from __future__ import annotations

from pathlib import Path

import pytest

from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import dump_outline, parse_outline

OUTLINE = """\
[letter]
title = "Letter"

[[body]]
block = "concerns/heterogeneity"
notes = ["Jane Roe (2025-03-12) on “pooled”: cite I²"]
"""


def test_notes_load_and_save_back() -> None:
    outline = parse_outline(OUTLINE, Path("letter.toml"))
    assert outline.body[0].notes == ["Jane Roe (2025-03-12) on “pooled”: cite I²"]
    again = parse_outline(dump_outline(outline), Path("letter.toml"))
    assert again.body[0].notes == outline.body[0].notes
    assert "notes" not in dump_outline(parse_outline(OUTLINE.replace('notes = ["', "# ").replace('"]', ""),
                                                     Path("letter.toml")))


def test_notes_must_be_a_list_of_strings() -> None:
    with pytest.raises(RebuttalError) as error:
        parse_outline(OUTLINE.replace('notes = ["', 'notes = "').replace('"]', '"'), Path("letter.toml"))
    assert str(error.value).startswith("letter.toml:6: ") and "notes" in str(error.value)
