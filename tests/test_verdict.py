"""The verdict tells the truth: "Fits" only when every check passes, else the most urgent failure."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from pathlib import Path

from rebuttal.app.status import Status, letter_status
from rebuttal.letter.check_words import failure_headline
from rebuttal.letter.checks import CheckResult, Unit, assemble_for_check
from rebuttal.letter.outline import load_outline
from rebuttal.letter.urgency import URGENCY, by_urgency
from rebuttal.library.stack import Library, load_library
from rebuttal.ui.app import make_app
from rebuttal.ui.checks_screen import ChecksScreen
from rebuttal.ui.status import verdict

from .conftest import ROOT
from .ui_support import SIZE, isolated_state, screen_text  # noqa: F401 - fixture

JAMA_EXAMPLE = ROOT / "examples" / "jama-letter-wang-2025.toml"
TODAY = dt.date(2025, 3, 22)


def _late_letter(tmp_path: Path) -> Path:
    """The JAMA example (it fits every limit) dated 3 days after its due date, 2025-03-19."""
    letter = tmp_path / "late.toml"
    shutil.copy(JAMA_EXAMPLE, letter)
    letter.write_text(letter.read_text().replace("date = 2025-03-10", "date = 2025-03-22", 1))
    return letter


def _status(library: Library, path: Path) -> Status:
    outline = load_outline(path)
    document = assemble_for_check(library, outline, today=TODAY)
    return letter_status(library, outline, document, today=TODAY)


def test_a_late_letter_within_every_limit_does_not_fit(builtin_library: Library, tmp_path: Path) -> None:
    status = _status(builtin_library, _late_letter(tmp_path))
    assert status.fits  # within the word and reference limits: nothing for "Make it fit" to do
    assert not status.passes and status.most_urgent is not None and status.most_urgent.rule == "window"
    assert verdict(status) == "Late by 3 days"
    assert verdict(_status(builtin_library, JAMA_EXAMPLE)) == "Fits JAMA letter"


def test_the_most_urgent_failure_comes_first_and_the_rest_are_counted(
    builtin_library: Library, tmp_path: Path
) -> None:
    letter = _late_letter(tmp_path)
    letter.write_text(letter.read_text() + '\n[[body]]\nblock = "about/psps-profile"\n')  # a block used twice
    status = _status(builtin_library, letter)
    assert [result.rule for result in status.failures][:1] == ["window"]
    assert verdict(status).startswith("Late by 3 days (+") and verdict(status).endswith("more)")


def test_urgency_is_one_order() -> None:
    def failing(rule: str) -> CheckResult:
        return CheckResult(rule, rule.title(), False, 1, 0, Unit.BLOCKS, "x")

    results = [failing(rule) for rule in ("repeated", "placeholders", "a-new-rule", "words", "window")]
    assert [result.rule for result in by_urgency(results)] == [
        "window", "words", "placeholders", "repeated", "a-new-rule"]
    assert len(set(URGENCY)) == len(URGENCY)
    words = CheckResult("words", "Words", False, 412, 400, Unit.WORDS)
    references = CheckResult("references", "References", False, 7, 5, Unit.REFERENCES)
    assert failure_headline((words, references)) == "Over by 12 words, 2 references"
    assert failure_headline((references,)) == "Over by 2 references"
    late = CheckResult("window", "Window", False, -1, 28, Unit.DAYS_LEFT)
    assert failure_headline((late, words)) == "Late by 1 day (+1 more)"
    authors = CheckResult("authors", "Authors", False, 4, 3, Unit.AUTHORS)
    assert failure_headline((authors,)) == "Over by 1 author"
    unknown = CheckResult("disclosures", "Disclosures", False, 1, 0, Unit.AUTHORS, "no disclosure: Lindqvist")
    assert failure_headline((unknown,)) == "Disclosures: no disclosure: Lindqvist"


def test_status_line_and_checks_screen_name_the_failure(builtin_library: Library, tmp_path: Path) -> None:
    letter = _late_letter(tmp_path)

    async def run() -> None:
        app = make_app(letter, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            assert "Late by 3 days" in shown and "Fits" not in shown
            assert "Due: 3 days late (2025-03-19)" in shown
            await pilot.press("f4")
            await pilot.wait_for_scheduled_animations()
            assert isinstance(app.screen, ChecksScreen)
            assert app.screen.verdict == "Late by 3 days"
            assert "Late by 3 days" in screen_text(app)

    asyncio.run(run())
