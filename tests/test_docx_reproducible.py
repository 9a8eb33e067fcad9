"""The same outline gives the same DOCX, byte for byte (timestamps from the letter or SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from rebuttal.cli import main

from .conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("extra", [[], ["--comments"]], ids=["plain", "comments"])
def test_two_builds_are_byte_identical(example: Path, extra: list[str], tmp_path: Path, time_machine) -> None:
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    time_machine.move_to(dt.datetime(2031, 5, 6, 7, 8, 10, tzinfo=dt.UTC), tick=False)
    assert main(["build", str(example), "-o", str(first), *extra]) == 0
    # An hour and a few seconds on (zip times have a two-second grain): a clock-stamped file would differ.
    time_machine.shift(dt.timedelta(hours=1, seconds=7))
    assert main(["build", str(example), "-o", str(second), *extra]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_timestamps_come_from_the_letter_date(tmp_path: Path) -> None:
    target = tmp_path / "letter.docx"
    assert main(["build", str(EXAMPLES[0]), "-o", str(target)]) == 0
    with zipfile.ZipFile(target) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in archive.infolist()} == {(2025, 3, 10, 0, 0, 0)}
    assert "2025-03-10T00:00:00Z" in core


def test_source_date_epoch_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    target = tmp_path / "letter.docx"
    assert main(["build", str(EXAMPLES[0]), "-o", str(target)]) == 0
    with zipfile.ZipFile(target) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert "2023-11-14T22:13:20Z" in core
