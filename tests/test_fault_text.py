"""Text no file can hold, data nested too deeply, a search index overwritten in use (issue 19 items 3, 6).

What the DOCX writer drops (U+0001, U+FFFE, a lone surrogate) never reaches an
outline or library that must load again: imports remove it naming the entry,
loaders refuse it naming file, line and field, the app drops it; what is
exported is what ``merge`` compares. TOML, JSON or YAML hundreds of levels deep
is one line, not a RecursionError; a damaged cache is rebuilt.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import builtin_folder, load_library

from .conftest import EXAMPLE


def _err(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.strip().splitlines()


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    target = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, target)
    return target


def test_a_control_character_from_bibtex_never_reaches_the_outline(
    tmp_path: Path, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.bib"
    source.write_text("@article{bad2020,\n  title = {A title with \x01 control},\n  author = {Smith, John},\n"
                      "  journal = {J Test},\n  year = {2020}\n}\n", encoding="utf-8")
    assert main(["import", str(source), "--article", str(outline)]) == 1
    assert (f"rebuttal: {source}:1: title: entry 'bad2020': holds a control character (U+0001), which no "
            "letter can hold; imported without it") in _err(capsys)
    assert load_outline(outline).article.title == "A title with control"
    assert main(["build", str(outline), "-o", str(tmp_path / "letter.txt")]) == 0


def test_json_noncharacters_and_lone_surrogates_are_removed_at_import(
    tmp_path: Path, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "refs.json"
    source.write_text('[{"id": "s1", "type": "article-journal", "title": "Half \\ud800 a pair",'
                      ' "author": [{"family": "W\\ufffeang"}], "issued": {"date-parts": [[2020]]}}]')
    library = tmp_path / "library"
    assert main(["import", str(source), "--to", str(library)]) == 1
    err = _err(capsys)
    assert any("title: entry 's1': holds half of a surrogate pair (U+D800)" in line for line in err)
    assert any("author: entry 's1': holds a noncharacter (U+FFFE)" in line for line in err)
    (item,) = json.loads((library / "references.json").read_text(encoding="utf-8"))
    assert item["title"] == "Half a pair" and item["author"] == [{"family": "Wang"}]
    assert load_library([library]).bibliography.get("s1") is not None


@pytest.mark.parametrize(("written", "words"), [
    ("\\uFFFE", "contains a noncharacter (U+FFFE), which no letter can hold"),
    ("\\u0090", "contains a control character (U+0090)"),
    ("\\u0001", "contains a control character (U+0001)"),
])
def test_an_outline_holding_what_no_letter_can_hold_is_refused_where_it_is(
    outline: Path, written: str, words: str
) -> None:
    lines = outline.read_text().count("\n")
    with outline.open("a") as handle:
        handle.write(f'\n[[body]]\ntext = "Custom words {written} here."\n')
    with pytest.raises(RebuttalError) as caught:
        load_outline(outline)
    assert str(caught.value).startswith(f"{outline}:{lines + 3}: body[18].text: {words}")


def test_a_noncharacter_in_a_reference_is_compared_as_exported(
    tmp_path: Path, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The DOCX drops U+FFFE from the reference list; the merge's frame must not see an edit there."""
    library = tmp_path / "library"
    library.mkdir()
    (library / "references.json").write_text(json.dumps([{
        "id": "odd2020", "type": "article-journal", "title": "Odd \ufffe title", "container-title": "J Test",
        "author": [{"family": "Smith", "given": "J"}], "issued": {"date-parts": [[2020]]}}]))
    with outline.open("a") as handle:
        handle.write('\n[[body]]\ntext = "Custom words cite this [@odd2020]."\n')
    exported = tmp_path / "letter.docx"
    assert main(["build", str(outline), "--library", str(library), "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["merge", str(exported), str(outline), "--library", str(library)]) == 0
    out = capsys.readouterr().out
    assert "no change: 18 unchanged" in out and "edited outside the body" not in out


def test_a_lone_surrogate_in_a_library_is_one_located_line(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "references.json").write_text('[\n{"id": "s1", "type": "book", "title": "T",\n'
                                             ' "author": [{"family": "Sm\\udc00ith"}]}\n]')
    with pytest.raises(RebuttalError) as caught:
        load_library([library])
    assert str(caught.value) == (f"{library / 'references.json'}:2: author: entry 's1' has an author holding "
                                 "half of a surrogate pair (U+DC00), which no file can hold")


def test_the_app_drops_what_no_letter_can_hold(outline: Path, builtin_library: object) -> None:
    from rebuttal.app.session import Session

    session = Session.open(builtin_library, outline)  # type: ignore[arg-type]
    session.add_custom("evidence", "Pasted \x01text\ufffe from a PDF\x0b.")
    session.set_letter_field("title", "A \x02title")
    session.save()
    saved = load_outline(outline)
    assert saved.body[-1].text == "Pasted text from a PDF." and saved.letter.title == "A title"


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(("name", "text", "words"), [
    ("deep.json", '[{"id": "a", "title": "T", "x": ' + _nested(5000) + "}]",
     "invalid CSL-JSON: nested too deeply"),
    ("deep990.json", '[{"id": "a", "title": "T", "x": ' + _nested(990) + "}]",
     "invalid CSL-JSON: nested too deeply"),
    ("deep.yaml", "- id: a\n  title: " + _nested(600) + "\n", "invalid CSL-YAML: nested too deeply"),
])
def test_imports_nested_too_deeply_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, words: str
) -> None:
    source = tmp_path / name
    source.write_text(text)
    assert main(["import", str(source), "--to", str(tmp_path / "library")]) == 2
    assert _err(capsys) == [f"rebuttal: {source}: {words}"]
    assert not (tmp_path / "library" / "references.json").exists()


def test_an_outline_or_block_nested_too_deeply_is_one_line(
    tmp_path: Path, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with outline.open("a") as handle:
        handle.write(f"\n[deep]\nx = {_nested(600)}\n")
    assert main(["build", str(outline), "-o", str(tmp_path / "x.txt")]) == 2
    assert _err(capsys) == [f"rebuttal: {outline}: invalid TOML: nested too deeply (arrays or tables "
                            "hundreds of levels deep)"]
    library = tmp_path / "library"
    (library / "concerns").mkdir(parents=True)
    (library / "concerns" / "deep.toml").write_text(f'title = "T"\nkind = "concern"\nx = {_nested(600)}\n')
    assert main(["blocks", "--library", str(library)]) == 2
    assert "deep.toml: invalid TOML: nested too deeply" in _err(capsys)[-1]


@pytest.mark.cold_citation_cache
def test_a_damaged_citation_cache_is_rebuilt(tmp_path: Path, outline: Path) -> None:
    from rebuttal.refs.csl.cache import cache_folder

    assert main(["build", str(outline), "-o", str(tmp_path / "first.txt")]) == 0
    for cached in cache_folder().glob("*.json"):
        cached.write_text(_nested(100_000))
    assert main(["build", str(outline), "-o", str(tmp_path / "second.txt")]) == 0
    assert (tmp_path / "first.txt").read_text() == (tmp_path / "second.txt").read_text()


def _overwrite(index_folder: Path) -> None:
    """What another program does to the index under us: its files, every byte, replaced in place (not
    shortened: sqlite maps the ``-shm`` file into memory, and a shorter one is a crash, SIGBUS)."""
    for path in index_folder.iterdir():
        with path.open("r+b") as handle:
            handle.write(b"\xde\xad" * (path.stat().st_size // 2))


def test_a_search_index_overwritten_in_use_is_rebuilt(tmp_path: Path) -> None:
    from rebuttal.library.ranking import rank_blocks_for
    from rebuttal.library.search import filter_blocks

    sound = load_library([builtin_folder()], index_location=tmp_path / "sound")
    expected = [info.id for info in filter_blocks(sound.block_infos(), "bias")]
    infos = sound.block_infos()
    ranked = [entry.info.id for entry in rank_blocks_for(sound, infos, title="spine pain").ranked]
    index = tmp_path / "index"
    library = load_library([builtin_folder()], index_location=index)  # the app has started...
    _overwrite(index)  # ...and another program overwrites its index before the first search
    infos = library.block_infos()
    assert [info.id for info in filter_blocks(infos, "bias")] == expected
    assert [entry.info.id for entry in rank_blocks_for(library, infos, title="spine pain").ranked] == ranked


class _Failing:
    """A connection whose first query fails after ``rows`` rows, as a file overwritten mid-read does."""

    def __init__(self, real: object, rows: int) -> None:
        self.real, self.rows = real, rows

    def execute(self, *args: object) -> object:
        import sqlite3

        def rows() -> object:
            for count, row in enumerate(self.real.execute(*args)):  # type: ignore[attr-defined]
                if count == self.rows:
                    raise sqlite3.DatabaseError("database disk image is malformed")
                yield row
        return rows()

    def close(self) -> None:
        self.real.close()  # type: ignore[attr-defined]


def test_reading_the_index_goes_on_where_it_was_after_a_rebuild(tmp_path: Path) -> None:
    library = load_library([builtin_folder()], index_location=tmp_path / "index")
    index = library.index
    assert index is not None
    whole = [(row["block_id"], row["path"]) for row in index.search_texts()]
    index.connection = _Failing(index.connection, rows=7)  # type: ignore[assignment]
    assert [(row["block_id"], row["path"]) for row in index.search_texts()] == whole
    assert index.in_memory and len(whole) == 30
