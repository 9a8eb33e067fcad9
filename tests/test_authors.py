"""Authors as people paste them (PubMed's 'Juch JNS, Maas ET', 'Family, Given; ...', one a line)."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.text.authors import not_one_person, parse_authors, printed

from .conftest import ROOT


@pytest.mark.parametrize(("pasted", "expected"), [
    ("Juch JNS, Maas ET, Ostelo RWJG", ["Juch, JNS", "Maas, ET", "Ostelo, RWJG"]),
    ("Juch, JNS; Maas, ET", ["Juch, JNS", "Maas, ET"]),
    ("Juch JNS\nMaas ET\n", ["Juch, JNS", "Maas, ET"]),
    ("Smith, John", ["Smith, John"]),
    ("Wang X, Martin G, et al", ["Wang, X", "Martin, G"]),
    ("GBD 2021 Collaborators", ["GBD 2021 Collaborators"]),
    ("Eloubeidi M.A., Helm S 2nd", ["Eloubeidi, MA", "Helm, S 2nd"]),
    ("van Dongen JM, Ostelo RWJG", ["van Dongen, JM", "Ostelo, RWJG"]),
    # PubMed ends the list with a full stop (issue 20 item 5): not part of the last name.
    ("Wang X, Glennie A, Urquhart JC.", ["Wang, X", "Glennie, A", "Urquhart, JC"]),
    ("Glennie A, Urquhart JC.", ["Glennie, A", "Urquhart, JC"]),
    ("Glennie A\nHelm S 2nd.\n", ["Glennie, A", "Helm, S 2nd"]),
])
def test_pasted_author_lists(pasted: str, expected: list[str]) -> None:
    assert parse_authors(pasted) == expected


def test_printed_as_the_reference_shows_them() -> None:
    assert printed(parse_authors("Juch JNS, Maas ET, Ostelo RWJG")) == "Juch JNS, Maas ET, Ostelo RWJG"


@pytest.mark.parametrize("name", ["Juch JNS, Maas ET, Ostelo RWJG", "Juch JNS MEOR", "Smith and Jones",
                                  "Urquhart JC.", "Urquhart., JC"])
def test_names_that_cannot_be_one_person(name: str) -> None:
    assert not_one_person(name)


def test_check_flags_an_author_that_is_several_people(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    shutil.copy(ROOT / "examples" / "psps-wang-2025.toml", outline)
    text = outline.read_text()
    start = text.index("authors = [")
    end = text.index("]", start) + 1
    outline.write_text(text[:start] + 'authors = ["Juch JNS, Maas ET, Ostelo RWJG"]' + text[end:])
    assert main(["check", str(outline), "--today", "2025-03-10"]) == 1
    out = capsys.readouterr().out
    assert "Article authors" in out and "not one person" in out


def test_the_article_form_parses_pubmed_authors(builtin_library, tmp_path: Path) -> None:
    from textual.widgets import Input, Label

    from rebuttal.ui.app import make_app

    async def run() -> None:
        app = make_app(tmp_path / "new.toml", builtin_library, autosave_seconds=None)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            app.screen.query_one("#article-authors", Input).value = "Juch JNS, Maas ET, Ostelo RWJG"
            await pilot.pause()
            shown = str(app.screen.query_one("#authors-printed", Label).render())
            assert "Will print (3 authors): Juch JNS, Maas ET, Ostelo RWJG" in shown
            _letter, _society, article, _cosigners = app.screen.collect() or (None, None, None, None)
            assert article is not None and article.authors == ["Juch, JNS", "Maas, ET", "Ostelo, RWJG"]

    asyncio.run(run())


def test_check_flags_a_family_name_ending_in_pubmeds_full_stop(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    shutil.copy(ROOT / "examples" / "psps-wang-2025.toml", outline)
    outline.write_text(outline.read_text().replace('"Busse, JW",', '"Busse, JW", "Urquhart JC.",'))
    assert main(["check", str(outline), "--today", "2025-03-10", "--json"]) == 1
    results = json.loads(capsys.readouterr().out)
    rows = results["checks"]
    [authors] = [r for r in rows if r["rule"] == "article-authors"]
    assert not authors["ok"] and "'Urquhart JC.' ends in a full stop" in authors["detail"]
