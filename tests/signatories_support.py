"""What the signatory tests share: the joint example, a library with extra files, an outline."""

from __future__ import annotations

from pathlib import Path

from rebuttal.library.stack import Library, builtin_folder, load_library

from .conftest import ROOT

JOINT = ROOT / "examples" / "jama-joint-letter-wang-2025.toml"
BOTH = ("Pacific Spine and Pain Society", "Great Lakes Interventional Spine Society")
DISCLOSURES = (
    "Anna Kowalski: Consulting fees from Nevro Corp; member of an advisory board for Medtronic.",
    "Chinwe Okafor: Research support to her institution from the National Institutes of Health; "
    "speaker fees from Boston Scientific.",
)


def flat_text(text: str) -> str:
    """The text with every run of white space made one space (lines wrap where a renderer likes)."""
    return " ".join(text.split())


def library_with(tmp_path: Path, files: dict[str, str]) -> Library:
    """The built-in library with a later folder holding ``files`` (name -> text) over it."""
    folder = tmp_path / "lib"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_library([builtin_folder(), folder])


def outline_file(tmp_path: Path, text: str, name: str = "letter.toml") -> Path:
    """An outline written to ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


LETTER = """[letter]
title = "T"
date = 2025-03-10
venue = "{venue}"

[society]
id = "psps"

[[body]]
text = "Hello from {{societies.names}}."
"""


# -- people --------------------------------------------------------------------------------------
