"""Venue profiles: the shipped journals, located errors, stacking, resolving, preferred style."""

import json
from pathlib import Path

import pytest

from rebuttal.errors import RebuttalError
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import Outline, load_outline, parse_outline
from rebuttal.letter.venue_choice import resolve_venue, venue_style_and_marker
from rebuttal.library.stack import Library, builtin_folder, load_library
from rebuttal.library.venues import NO_VENUE, load_venue

from .conftest import ROOT, TODAY

SHIPPED = {
    "bmj-rapid-response": (600, None, None, None),
    "bmj-letter": (300, None, None, 28),
    "jama-letter": (400, 5, 3, 28),
    "nejm-correspondence": (175, 5, 3, 21),
    "annals-letter": (400, 5, 3, 28),
}


def test_every_required_venue_ships_with_its_figures_and_sources(builtin_library: Library) -> None:
    for venue_id, (words, refs, authors, window) in SHIPPED.items():
        venue = builtin_library.venues[venue_id]
        assert (venue.word_limit, venue.max_references, venue.max_authors, venue.window_days) == (
            words, refs, authors, window,
        ), venue_id
    lancet = builtin_library.venues["lancet-correspondence"]
    assert lancet.window_days == 14
    assert lancet.is_confirmed("word_limit") and lancet.is_confirmed("window_days")
    assert not lancet.is_confirmed("marker")
    statement = builtin_library.venues["society-statement"]
    assert (statement.word_limit, statement.max_references, statement.window_days) == (None, None, None)
    for venue in builtin_library.venues.values():
        assert venue.sources and all(source.title for source in venue.sources), venue.id
    assert builtin_library.venues["jama-letter"].cite_article


def _venue_file(tmp_path: Path, text: str, name: str = "journal") -> Path:
    folder = tmp_path / "lib" / "venues"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ('name = "J"\nword_limit = "400"\n', 2, "word_limit", "whole number"),
        ('name = "J"\n\nmax_references = 2.5\n', 3, "max_references", "whole number"),
        ('name = "J"\nwindow_days = 0\n', 2, "window_days", "at least 1"),
        ('name = "J"\ncite_article = "yes"\n', 2, "cite_article", "true or false"),
        ('name = "J"\nmarker = "stars"\n', 2, "marker", "not one of"),
        ('name = "J"\nstyle = "chicago"\n', 2, "style", "not one of"),
        ('name = "J"\nword_limt = 400\n', 2, "word_limt", "did you mean 'word_limit'"),
        ('name = "J"\nunconfirmed = ["words"]\n', 2, "unconfirmed", "not a figure"),
        ('word_limit = 400\n', None, "name", "missing required field"),
        ('name = "J"\n[[sources]]\nurl = "https://x"\n', 2, "sources[1].title", "missing"),
    ],
)
def test_a_bad_venue_file_names_file_line_and_field(
    tmp_path: Path, text: str, line: int | None, field: str, words: str
) -> None:
    path = _venue_file(tmp_path, text)
    with pytest.raises(RebuttalError) as caught:
        load_library([path.parent.parent])
    error = caught.value
    assert error.file == str(path) and error.field == field and words in error.message
    if line is not None:
        assert error.line == line
    assert str(error).startswith(f"{path}:")


def test_a_later_library_folder_overrides_a_venue(tmp_path: Path) -> None:
    path = _venue_file(tmp_path, 'name = "Our JAMA"\nword_limit = 350\n', name="jama-letter")
    library = load_library([builtin_folder(), path.parent.parent])
    assert library.venues["jama-letter"].word_limit == 350
    assert library.venues["jama-letter"].max_references is None  # the whole profile is replaced
    assert "nejm-correspondence" in library.venues


def test_resolve_venue_by_option_by_outline_or_none(
    builtin_library: Library, example_outline: Outline
) -> None:
    assert resolve_venue(builtin_library, example_outline, "jama-letter").id == "jama-letter"
    assert resolve_venue(builtin_library, example_outline, None).id == "society-statement"
    example_outline.letter.venue = ""
    assert resolve_venue(builtin_library, example_outline, None) is NO_VENUE


def test_an_unknown_venue_lists_the_known_ones(builtin_library: Library, example_outline: Outline) -> None:
    with pytest.raises(RebuttalError) as caught:
        resolve_venue(builtin_library, example_outline, "jama")
    message = str(caught.value)
    assert "unknown venue 'jama'" in message and "--venue" in message
    assert all(name in message for name in builtin_library.venues)
    text = (ROOT / "examples" / "psps-wang-2025.toml").read_text().replace(
        'venue = "society-statement"', 'venue = "lancet"'
    )
    outline = parse_outline(text, Path("letter.toml"))
    with pytest.raises(RebuttalError) as caught:
        resolve_venue(builtin_library, outline, None)
    line = text.splitlines().index('venue = "lancet"') + 1
    assert str(caught.value).startswith(f"letter.toml:{line}: letter.venue: unknown venue 'lancet'")


def _outline_with(letter_lines: str) -> Outline:
    text = f'[letter]\nvenue = "jama-letter"\n{letter_lines}\n[society]\nid = "psps"\n' \
        '[[body]]\nblock = "opening/statement-of-concern"\n'
    return parse_outline(text, Path("x.toml"))


def test_the_venue_style_and_marker_apply_only_where_the_outline_sets_none(builtin_library: Library) -> None:
    assert venue_style_and_marker(builtin_library, _outline_with("")) == ("ama", "superscript")
    chosen = _outline_with('style = "nlm"\nmarker = "brackets"')
    assert venue_style_and_marker(builtin_library, chosen) == ("nlm", "brackets")
    document = assemble(builtin_library, _outline_with(""), today=TODAY)
    assert document.marker.superscript
    assert not assemble(builtin_library, chosen, today=TODAY).marker.superscript


def test_venue_file_loads_on_its_own(tmp_path: Path) -> None:
    path = _venue_file(tmp_path, 'name = "J"\nword_limit = 250\nunconfirmed = ["word_limit"]\n')
    venue = load_venue(path)
    assert (venue.id, venue.word_limit, venue.is_confirmed("word_limit")) == ("journal", 250, False)
    assert load_outline(ROOT / "examples" / "jama-letter-wang-2025.toml").letter.venue == "jama-letter"


NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def _said(number: int, quote: str) -> bool:
    """The quote states ``number``: as digits, as a word ("three (3)"), or as weeks for a window."""
    words = quote.lower()
    return str(number) in words or NUMBER_WORDS.get(number, "?") in words


def test_every_shipped_limit_is_quoted_or_marked_unconfirmed(builtin_library: Library) -> None:
    """The register: a dated file, and each limit backed by a quote that states it (or marked)."""
    for venue in builtin_library.venues.values():
        if venue.id == "society-statement":
            continue
        assert venue.verified_on, venue.id
        assert venue.is_register, venue.id
        for figure in ("word_limit", "max_references", "max_authors", "window_days"):
            value = getattr(venue, figure)
            if value is None or not venue.is_confirmed(figure):
                continue
            quotes = [source.quote for source in venue.sources_for(figure)]
            assert quotes, (venue.id, figure)
            stated = value // 7 if figure == "window_days" else value
            assert any(_said(stated, quote) for quote in quotes), (venue.id, figure, value)
        for source in venue.sources:
            assert not source.supports or source.quote, (venue.id, source.title)


def test_the_register_says_which_date_jama_counts_from(builtin_library: Library) -> None:
    jama = builtin_library.venues["jama-letter"]
    assert jama.window_from == "print"
    assert any("publication in print" in source.quote for source in jama.sources_for("window_from"))
    for venue_id in ("lancet-correspondence", "nejm-correspondence", "annals-letter"):
        assert builtin_library.venues[venue_id].window_from == "", venue_id  # not stated by the journal
    assert builtin_library.venues["bmj-letter"].is_confirmed("word_limit")
    assert not builtin_library.venues["bmj-letter"].is_confirmed("window_days")  # 2003's figure only


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('name = "J"\nwindow_from = "issue"\n', "window_from", "not one of print, online"),
        ('name = "J"\nverified_on = "last week"\n', "verified_on", "not a date"),
        ('name = "J"\n[[sources]]\ntitle = "T"\nsupports = ["word_limit"]\n', "sources[1].supports",
         "needs the journal's sentence in 'quote'"),
        ('name = "J"\n[[sources]]\ntitle = "T"\nquote = "q"\nsupports = ["word_limt"]\n',
         "sources[1].supports", "did you mean 'word_limit'"),
        ('name = "J"\n[[sources]]\ntitle = "T"\nquote = "q"\nas_of = "2020-13"\n', "sources[1].as_of",
         "not a date"),
    ],
)
def test_register_fields_are_checked_with_their_place(tmp_path: Path, text: str, field: str,
                                                     words: str) -> None:
    with pytest.raises(RebuttalError) as caught:
        load_venue(_venue_file(tmp_path, text))
    assert field in str(caught.value) and words in str(caught.value)


def test_a_limit_no_quote_backs_is_unconfirmed(tmp_path: Path) -> None:
    venue = load_venue(_venue_file(tmp_path, (
        'name = "J, letter"\nword_limit = 250\nmax_authors = 4\nverified_on = 2026-12-03\n'
        '[[sources]]\ntitle = "T"\nquote = "no longer than 250 words"\nsupports = ["word_limit"]\n'
        'as_of = "2020-01"\n'
    )))
    assert venue.is_confirmed("word_limit") and not venue.is_confirmed("max_authors")
    assert (venue.journal, venue.verified_on, venue.as_of("word_limit")) == ("J", "2026-12-03", "2020-01")


def test_rebuttal_venues_lists_every_venue_with_its_limits_and_date(capsys) -> None:
    from rebuttal.cli import main

    assert main(["venues", "--json"]) == 0
    listed = {venue["id"]: venue for venue in json.loads(capsys.readouterr().out)}
    assert set(listed) >= set(SHIPPED) | {"lancet-correspondence", "society-statement"}
    jama = listed["jama-letter"]
    assert (jama["journal"], jama["word_limit"], jama["max_references"], jama["max_authors"]) == (
        "JAMA", 400, 5, 3)
    assert (jama["window_days"], jama["window_from"], jama["verified_on"]) == (28, "print", "2026-12-03")
    assert all(source["quote"] for source in jama["sources"] if source["supports"])
    assert listed["annals-letter"]["unconfirmed"] == ["max_authors", "cite_article"]
    assert main(["venues"]) == 0
    table = " ".join(capsys.readouterr().out.split())
    assert "28 days from print" in table and "14 days (date not stated)" in table and "3*" in table
