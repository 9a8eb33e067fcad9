"""The article's two dates and the response window: which date counts, the due date, an undated letter."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.letter.check_words import detail_text
from rebuttal.letter.checks import assemble_for_check, run_checks
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library
from rebuttal.library.venues import Venue
from rebuttal.refs.article import Article, article_from_item, article_item
from rebuttal.refs.importers import import_text

from .conftest import ROOT
from .ui_support import isolated_state  # noqa: F401 - fixture

JAMA_EXAMPLE = ROOT / "examples" / "jama-letter-wang-2025.toml"
MEDLINE_TWO_DATES = """PMID- 40000001
TI  - A trial of something.
FAU - Lindqvist, Anna
AU  - Lindqvist A
DP  - 2025 Feb 19
PHST- 2024/11/02 00:00 [received]
PHST- 2025/01/10 00:00 [epublish]
JT  - The BMJ
TA  - BMJ
LID - 10.1136/bmj-2025-000001 [doi]
"""


def _window(library: Library, outline_path: Path, venue: str, *, online: str, printed: str,
            letter: str = "2025-03-10") -> str:
    outline = load_outline(outline_path)
    outline.article.date, outline.article.date_online, outline.letter.date = printed, online, letter
    document = assemble_for_check(library, outline, today=dt.date(2026, 12, 3))
    results = run_checks(library, outline, document, library.venues[venue], today=dt.date(2026, 12, 3))
    return detail_text(next(result for result in results if result.rule == "window"))


def test_imported_online_and_print_dates_give_a_jama_letter_its_due_date(tmp_path: Path, capsys) -> None:
    """Done when: online 2025-01-10, print 2025-02-19, a JAMA letter dated 2025-03-10 is due 2025-03-19."""
    outline = tmp_path / "jama.toml"
    shutil.copy(JAMA_EXAMPLE, outline)
    record = tmp_path / "article.nbib"
    record.write_text(MEDLINE_TWO_DATES)
    assert main(["import", str(record), "--article", str(outline)]) == 0
    saved = load_outline(outline)
    assert (saved.article.date, saved.article.date_online) == ("2025-02-19", "2025-01-10")
    assert "date_online = 2025-01-10" in outline.read_text()
    capsys.readouterr()
    main(["check", str(outline), "--json"])
    window = next(c for c in json.loads(capsys.readouterr().out)["checks"] if c["rule"] == "window")
    assert (window["due"], window["counted_from"], window["counted_from_date"]) == (
        "2025-03-19", "print", "2025-02-19")
    assert window["ok"] and window["found"] == 9 and window["letter_dated"] is True
    assert window["detail"].startswith("due 2025-03-19, 28 days from print publication 2025-02-19 "
                                       "(online 2025-01-10)")


def test_a_venue_that_does_not_say_counts_from_the_earlier_date(builtin_library: Library) -> None:
    said = _window(builtin_library, JAMA_EXAMPLE, "nejm-correspondence", online="2025-01-10",
                   printed="2025-02-19")
    assert said.startswith("due 2025-01-31, 21 days from online publication 2025-01-10 (print 2025-02-19)")
    assert "does not say which date counts" in said


def test_print_counting_venue_without_a_print_date_asks_for_it(builtin_library: Library) -> None:
    said = _window(builtin_library, JAMA_EXAMPLE, "jama-letter", online="2025-01-10", printed="")
    assert said.startswith("the date it counts from is missing: fill in article.date (the print date)")


def test_one_date_is_counted_from_as_publication(builtin_library: Library) -> None:
    said = _window(builtin_library, JAMA_EXAMPLE, "lancet-correspondence", online="", printed="2025-02")
    assert said.startswith("due 2025-02-15, 14 days from publication 2025-02")
    assert "no day given: counted from its first day" in said


def test_an_online_counting_venue_uses_the_online_date(builtin_library: Library) -> None:
    library = replace(builtin_library,
                      venues={"online": Venue(id="online", name="J", window_days=28, window_from="online")})
    said = _window(library, JAMA_EXAMPLE, "online", online="2025-01-10", printed="2025-02-19")
    assert said.startswith("due 2025-02-07, 28 days from online publication 2025-01-10 (print 2025-02-19)")


def test_a_letter_without_a_date_is_named(builtin_library: Library, tmp_path: Path, capsys) -> None:
    said = _window(builtin_library, JAMA_EXAMPLE, "jama-letter", online="2025-01-10", printed="2025-02-19",
                   letter="")
    assert "no letter.date: days left counted to today, 2026-12-03" in said
    outline = tmp_path / "undated.toml"
    outline.write_text(JAMA_EXAMPLE.read_text().replace("date = 2025-03-10\n", "", 1))
    assert load_outline(outline).letter.date == ""
    main(["check", str(outline), "--today", "2025-03-12", "--json"])
    by_rule = {check["rule"]: check for check in json.loads(capsys.readouterr().out)["checks"]}
    assert "no letter.date: days left counted to today, 2025-03-12" in by_rule["window"]["detail"]
    assert by_rule["window"]["letter_dated"] is False
    assert not by_rule["date"]["ok"] and "no [letter] date" in by_rule["date"]["detail"]  # named there too


@pytest.mark.parametrize(
    ("text", "fmt", "printed", "online"),
    [
        (MEDLINE_TWO_DATES, "medline", "2025-02-19", "2025-01-10"),
        (MEDLINE_TWO_DATES.replace("PHST- 2025/01/10 00:00 [epublish]\n", "DEP - 20250111\n"), "medline",
         "2025-02-19", "2025-01-11"),
        (json.dumps({"DOI": "10.1/x", "type": "journal-article", "title": "T",
                     "issued": {"date-parts": [[2025, 1, 10]]},
                     "published-online": {"date-parts": [[2025, 1, 10]]},
                     "published-print": {"date-parts": [[2025, 2, 19]]}}),
         "csl-json", "2025-02-19", "2025-01-10"),
        # Online first, not yet in an issue: Crossref's "issued" is the online date, and no print date.
        (json.dumps({"DOI": "10.1/x", "type": "journal-article", "title": "T",
                     "issued": {"date-parts": [[2025, 1, 10]]},
                     "published-online": {"date-parts": [[2025, 1, 10]]}}), "csl-json", "", "2025-01-10"),
        ("TY  - JOUR\nTI  - T\nT2  - BMJ\nPY  - 2025\nDA  - 2025/02/19/\nET  - 2025/01/10\nER  - \n", "ris",
         "2025-02-19", "2025-01-10"),
        ("TY  - BOOK\nTI  - T\nPY  - 2025\nET  - 2nd\nER  - \n", "ris", "2025", ""),  # ET is an edition
        ("@article{a, title={T}, journal={BMJ}, year={2025}, month={feb}}", "bibtex", "2025-02", ""),
    ],
)
def test_imports_fill_both_dates(text: str, fmt: str, printed: str, online: str) -> None:
    result = import_text(text, Path(f"x.{fmt}"), fmt)
    article = article_from_item(result.items[0])
    assert (article.date, article.date_online) == (printed, online)


def test_the_article_item_keeps_both_dates() -> None:
    article = Article(title="T", date="2025-02-19", date_online="2025-01-10")
    item = article_item(article)
    assert item is not None
    assert item["issued"] == {"date-parts": [[2025, 2, 19]]}
    assert item["available-date"] == {"date-parts": [[2025, 1, 10]]}
    back = article_from_item(item)
    assert (back.date, back.date_online) == ("2025-02-19", "2025-01-10")


def test_a_bad_online_date_is_located(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "bad.toml"
    text = JAMA_EXAMPLE.read_text().replace("[article]\n", '[article]\ndate_online = "2025-13"\n', 1)
    outline.write_text(text)
    assert main(["check", str(outline)]) == 2
    err = capsys.readouterr().err
    assert "article.date_online" in err and "'2025-13' is not a date" in err


def test_the_article_form_takes_the_online_date_and_the_status_counts_from_print(
    builtin_library: Library, tmp_path: Path
) -> None:
    """F2: the online date beside the issue date; a bad one is named; JAMA's due date follows print."""
    import asyncio

    from textual.widgets import Input

    from rebuttal.library.stack import load_library
    from rebuttal.ui.app import make_app
    from rebuttal.ui.forms import DetailsScreen

    from .ui_support import screen_text, type_text

    letter = tmp_path / "jama.toml"
    shutil.copy(JAMA_EXAMPLE, letter)

    async def run() -> None:
        app = make_app(letter, load_library(builtin_library.folders), today=dt.date(2025, 3, 10),
                       autosave_seconds=None)
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            form = app.screen
            assert isinstance(form, DetailsScreen)
            online = form.query_one("#article-date_online", Input)
            online.focus()
            await type_text(pilot, "2025-13")
            await pilot.pause()
            problem = form.query_one("#article-date_online-problem")
            assert problem.display and "is not a date" in str(problem.render())
            online.value = ""
            await type_text(pilot, "2025-01-10")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, DetailsScreen)
            assert app.session.outline.article.date_online == "2025-01-10"
            assert "Fits JAMA letter" in screen_text(app)
            assert "Due: 9 days left (2025-03-19)" in screen_text(app)  # from print, 2025-02-19

    asyncio.run(run())
