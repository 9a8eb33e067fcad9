"""Reference formatting: citeproc-py's faults corrected, the cache, every renderer."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.model import Document
from rebuttal.refs.csl.pages import format_pages
from rebuttal.refs.styles import STYLES, get_style
from tests.conftest import EXAMPLE, ROOT


def article(**fields) -> dict:
    """A journal article with sensible defaults, overridden by ``fields``."""
    item = {
        "id": "x", "type": "article-journal", "title": "A title",
        "container-title-short": "J Test", "issued": {"date-parts": [[2020, 5]]},
        "volume": "3", "page": "10-19", "author": [{"family": "Doe", "given": "J"}],
    }
    item.update(fields)
    return item


def nlm(item: dict) -> str:
    return "".join(span.text for span in get_style("nlm").format_entry(item))


@pytest.mark.parametrize(
    ("page", "fmt", "expected"),
    [
        ("S1-S127", "minimal", "S1-S127"),
        ("S27-S208", "minimal", "S27-S208"),
        ("e328-e332", "minimal", "e328-e332"),
        ("284-290", "minimal", "284-90"),
        ("1199-1205", "minimal", "1199-205"),
        ("12-19", "minimal", "12-9"),
        ("276-86", "expanded", "276-286"),
        ("276-86", "minimal", "276-86"),
        ("321-328", "minimal-two", "321-28"),
        ("1496-1504", "chicago", "1496-1504"),
        ("107-108", "chicago", "107-8"),
        ("e079971", "minimal", "e079971"),
        ("34-36, 87-91", "minimal", "34-6, 87-91"),
        ("90-80", "minimal", "90-80"),
    ],
)
def test_page_ranges(page: str, fmt: str, expected: str) -> None:
    assert format_pages(page, fmt, "-") == expected


def test_nlm_date_parts_are_spaced() -> None:
    assert "J Test. 2025 Feb 19;3:10-9." in nlm(article(issued={"date-parts": [[2025, 2, 19]]}))
    assert "J Test. 2020 May;3:10-9." in nlm(article())
    assert "J Test. 2022;3:10-9." in nlm(article(issued={"date-parts": [[2022]]}))


def test_names_initials_suffix_and_corporate_authors() -> None:
    people = [
        {"family": "Florez", "given": "ID"}, {"family": "Williams", "given": "ACC"},
        {"family": "Wang", "given": "X"}, {"family": "Helm", "given": "S", "suffix": "II"},
        {"family": "Sterne", "given": "Jonathan A. C."}, {"literal": "GRADE Working Group"},
    ]
    text = nlm(article(author=people))
    assert text.startswith(
        "Florez ID, Williams ACC, Wang X, Helm S 2nd, Sterne JAC, GRADE Working Group. A title."
    )


def test_et_al_after_six_authors_in_nlm_three_in_ama() -> None:
    people = [{"family": f"Name{letter}", "given": "A"} for letter in "ABCDEFG"]
    assert nlm(article(author=people)).startswith(
        "NameA A, NameB A, NameC A, NameD A, NameE A, NameF A, et al. A title."
    )
    six = nlm(article(author=people[:6]))
    assert six.startswith("NameA A, NameB A, NameC A, NameD A, NameE A, NameF A. A")
    ama = "".join(span.text for span in get_style("ama").format_entry(article(author=people)))
    assert ama.startswith("NameA A, NameB A, NameC A, et al. A title.")


def test_bmj_et_al_has_one_period() -> None:
    people = [{"family": f"Name{letter}", "given": "A"} for letter in "ABCDEFG"]
    spans = get_style("bmj").format_entry(article(author=people))
    text = "".join(span.text for span in spans)
    assert "et al. A title." in text and ".." not in text
    # The BMJ prints "et al." in roman ("Liberati A, Altman DG, Tetzlaff J, et al.", BMJ 2021;372:n71).
    assert not any(span.italic and "et al" in span.text for span in spans)


def test_entries_carry_no_number(example_document: Document) -> None:
    for reference in example_document.references:
        assert not reference.plain()[0].isdigit()


@pytest.mark.cold_citation_cache
def test_warm_cache_does_not_run_citeproc(monkeypatch: pytest.MonkeyPatch) -> None:
    style = get_style("nlm")
    item = article(title="Cached once")
    first = style.format_entry(item)

    def refuse(*_args, **_kwargs):
        raise AssertionError("citeproc ran although the entry was cached")

    monkeypatch.setattr("rebuttal.refs.csl.engine.format_items", refuse)
    assert style.format_entry(dict(item, id="renamed")) == first
    with pytest.raises(AssertionError):
        style.format_entry(article(title="Not cached yet"))


def test_warm_build_never_imports_citeproc(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    command = [sys.executable, "-c", (
        "import sys; from rebuttal.cli import main; "
        f"main(['refs', {str(EXAMPLE)!r}]); print(any(m.startswith('citeproc') for m in sys.modules))"
    )]
    cold = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    warm = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, check=True)
    assert cold.stdout.splitlines()[-1] == "True"
    assert warm.stdout.splitlines()[-1] == "False"
    assert cold.stdout == warm.stdout.replace("False", "True")


@pytest.mark.cold_citation_cache
def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    from rebuttal.refs.csl.cache import cache_folder

    get_style("nlm").format_entry(article())
    for path in cache_folder().glob("nlm-*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert nlm(article()).startswith("Doe J. A title.")


def test_unknown_style_is_one_line_with_the_choices(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text(EXAMPLE.read_text(encoding="utf-8").replace('style = "nlm"', 'style = "jama"'))
    output = tmp_path / "letter.docx"
    assert main(["build", str(outline), "-o", str(output)]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert str(outline) in error and "style" in error and "unknown style 'jama'" in error
    assert ", ".join(sorted(STYLES)) in error
    assert not output.exists()


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_text_and_markdown_show_every_entry(example_document: Document) -> None:
    from rebuttal.render.markdown import render_markdown
    from rebuttal.render.text import render_text

    text = _squash(render_text(example_document, width=72))
    markdown = render_markdown(example_document)
    for reference in example_document.references:
        assert _squash(f"{reference.number}. {reference.plain()}") in text
        for span in reference.inlines:
            if span.link:
                assert f"]({span.link})" in markdown
    assert "S1-S127" in markdown and "2025 Feb 19;388:e079971" in markdown


def test_rich_shows_every_entry_with_links(example_document: Document) -> None:
    from rich.console import Console

    from rebuttal.render.rich_render import render_rich

    console = Console(file=io.StringIO(), width=400, record=True, color_system=None)
    console.print(render_rich(example_document))
    shown = _squash(console.export_text())
    for reference in example_document.references:
        assert _squash(reference.plain()) in shown


def test_docx_shows_every_entry_with_hyperlinks(example_document: Document, tmp_path: Path) -> None:
    from docx import Document as Word

    from rebuttal.render import render_to_file
    from rebuttal.render.formats import export_format

    path = tmp_path / "letter.docx"
    render_to_file(example_document, path, export_format("docx"))
    paragraphs = [_squash(p.text) for p in Word(str(path)).paragraphs]
    for reference in example_document.references:
        assert any(_squash(reference.plain()) in text for text in paragraphs), reference.key
    with zipfile.ZipFile(path) as archive:
        relations = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "https://doi.org/10.1136/bmj-2024-079971" in relations
    assert "https://www.hhs.gov/ash/advisory-committees/pain/reports/index.html" in relations


def test_superscript_marker_hugs_the_text(builtin_library, tmp_path: Path) -> None:
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline
    from rebuttal.render.markdown import render_markdown

    outline = tmp_path / "letter.toml"
    outline.write_text(EXAMPLE.read_text(encoding="utf-8").replace('style = "nlm"', 'style = "ama"'))
    document = assemble(builtin_library, load_outline(outline))
    markdown = render_markdown(document)
    assert "needed.^2,3^" in markdown and "^4-9^" in markdown  # AMA 3.6.1: after the period
    assert " ^" not in markdown


@pytest.mark.cold_citation_cache
def test_cache_file_is_json_in_user_cache(tmp_path: Path) -> None:
    from rebuttal.refs.csl.cache import cache_folder

    get_style("ama").format_entry(article(title="Stored"))
    files = list(cache_folder().glob("ama-*.json"))
    assert files and str(cache_folder()).startswith(os.environ["XDG_CACHE_HOME"])
    assert json.loads(files[0].read_text(encoding="utf-8"))


def test_superscript_in_plain_text_is_bracketed_and_not_counted(builtin_library, tmp_path: Path) -> None:
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline
    from rebuttal.render.text import render_text

    outline = tmp_path / "letter.toml"
    outline.write_text(EXAMPLE.read_text(encoding="utf-8").replace('style = "nlm"', 'style = "ama"'))
    superscript = assemble(builtin_library, load_outline(outline))
    parentheses = assemble(builtin_library, load_outline(EXAMPLE))
    assert "strategies are needed.[2,3]" in _squash(render_text(superscript, width=0))
    assert superscript.word_count() == parentheses.word_count()


def test_duplicate_key_across_stacked_libraries_is_one_line(tmp_path: Path, capsys) -> None:
    for name, title in (("one", "First title"), ("two", "Another title")):
        folder = tmp_path / name
        folder.mkdir()
        item = {"id": "shared", "type": "article-journal", "title": title, "issued": {"date-parts": [[2020]]}}
        (folder / "references.json").write_text(json.dumps([item], indent=1), encoding="utf-8")
    stack = ["--library", str(tmp_path / "one"), "--library", str(tmp_path / "two")]
    code = main(["refs", str(EXAMPLE), *stack])
    assert code == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert f"{tmp_path / 'two' / 'references.json'}:3: id=shared:" in error
    assert "'shared' is defined differently" in error


@pytest.mark.cold_citation_cache
def test_cache_keeps_what_this_build_used_when_trimming(monkeypatch: pytest.MonkeyPatch) -> None:
    from rebuttal.refs.csl import cache

    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    style = get_style("nlm")
    style.format_entries([article(title=f"Old {n}") for n in range(3)])
    style.format_entries([article(title="Old 0"), article(title="New")])
    path = next(cache.cache_folder().glob("nlm-*.json"))
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert len(kept) == 3
    assert cache.item_hash(article(title="Old 0")) in kept and cache.item_hash(article(title="New")) in kept
    assert cache.item_hash(article(title="Old 1")) not in kept


@pytest.mark.parametrize("style", ["nlm", "ama", "bmj"])
def test_no_period_after_a_question_mark(style: str) -> None:
    text = "".join(span.text for span in get_style(style).format_entry(article(title="Does it work?")))
    assert "Does it work? J Test" in text and "?." not in text


def test_particles_hyphenated_given_names_and_jr() -> None:
    people = [
        {"family": "Zundert", "non-dropping-particle": "van", "given": "Jan"},
        {"family": "Dupont", "given": "Jean-Pierre"}, {"family": "Smith", "given": "John", "suffix": "Jr."},
    ]
    assert nlm(article(author=people)).startswith("van Zundert J, Dupont JP, Smith J Jr. A title.")


def _plain(style: str, item: dict) -> str:
    return "".join(span.text for span in get_style(style).format_entry(item))


def test_substitutes_for_missing_authors_are_printed_once() -> None:
    book = {
        "id": "b", "type": "book", "title": "A book", "editor": [{"family": "Ed", "given": "A"}],
        "publisher": "Pub", "publisher-place": "City", "issued": {"date-parts": [[2019]]},
    }
    assert _plain("nlm", book) == "Ed A, editor. A book. City: Pub; 2019."
    assert _plain("ama", book) == "Ed A, ed. A Book. Pub; 2019."
    untitled_authors = article(author=[], title="Plain title")
    assert _plain("ama", untitled_authors) == "Plain title. J Test. 2020;3:10-19."
    chapter = dict(book, type="chapter", title="A chapter", author=[{"family": "Au", "given": "B"}],
                   page="10-20", **{"container-title": "A book"})
    assert _plain("nlm", chapter) == "Au B. A chapter. In: Ed A, editor. A book. City: Pub; 2019. p. 10-20."


def test_markup_inside_fields_becomes_emphasis() -> None:
    spans = get_style("nlm").format_entry(
        article(title="Decolonising <i>Staphylococcus aureus</i> carriers with CO<sub>2</sub>")
    )
    assert [span.text for span in spans if span.italic] == ["Staphylococcus aureus"]
    assert "".join(span.text for span in spans).startswith(
        "Doe J. Decolonising Staphylococcus aureus carriers with CO2. J Test."
    )
