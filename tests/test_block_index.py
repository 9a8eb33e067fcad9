"""The library index: per-file updates, lazy blocks, errors never hidden, self-repair."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import rebuttal.library.stack as library_module
from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.library.index import index_folder
from rebuttal.library.stack import builtin_folder, load_library

from .conftest import ROOT

GOOD = 'title = "{title}"\nkind = "concern"\ntext = "Some words about {word}."\ntags = ["x"]\n'


def _write(folder: Path, block_id: str, title: str = "T", word: str = "bias") -> Path:
    path = folder / f"{block_id}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(GOOD.format(title=title, word=word))
    return path


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the block files parsed, in order."""
    parsed: list[str] = []
    real = library_module.load_block

    def counting(path: Path, block_id: str):
        parsed.append(block_id)
        return real(path, block_id)

    monkeypatch.setattr(library_module, "load_block", counting)
    return parsed


def test_a_second_load_parses_only_changed_files_and_used_blocks(tmp_path: Path, counted: list[str]) -> None:
    for n in range(5):
        _write(tmp_path, f"concerns/b{n}")
    first = load_library([tmp_path])
    assert sorted(counted) == [f"concerns/b{n}" for n in range(5)]
    assert len(first.blocks) == 5 and first.blocks.loaded() == {}
    counted.clear()
    changed = _write(tmp_path, "concerns/b2", title="Changed title")
    os.utime(changed, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    second = load_library([tmp_path])
    assert counted == ["concerns/b2"]
    counted.clear()
    assert second.block("concerns/b4").title == "T" and counted == ["concerns/b4"]  # parsed on use
    assert {info.id: info.title for info in second.block_infos()}["concerns/b2"] == "Changed title"
    assert counted == ["concerns/b4"]  # listing reads the index, not the files


def test_added_and_removed_files_are_seen(tmp_path: Path) -> None:
    _write(tmp_path, "concerns/a")
    load_library([tmp_path])
    _write(tmp_path, "concerns/b")
    (tmp_path / "concerns" / "a.toml").unlink()
    assert list(load_library([tmp_path]).blocks) == ["concerns/b"]


def test_a_broken_file_is_never_indexed_as_good(tmp_path: Path) -> None:
    path = _write(tmp_path, "concerns/a")
    load_library([tmp_path])
    path.write_text('title = "T"\nkind = "concen"\ntext = "x"\n')
    for _ in range(2):  # the second time, the index already knows the file failed
        with pytest.raises(RebuttalError) as caught:
            load_library([tmp_path])
        assert str(caught.value).startswith(f"{path}:2: kind: 'concen' is not one of")
    path.write_text(GOOD.format(title="Fixed", word="x"))
    assert load_library([tmp_path]).block("concerns/a").title == "Fixed"


def test_blocks_command_reports_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    _write(tmp_path, "concerns/a")
    (tmp_path / "concerns" / "b.toml").write_text('title = "T"\nkind = "concern"\n')
    assert main(["blocks", "--library", str(tmp_path)]) == 2
    assert "b.toml" in capsys.readouterr().err


def test_a_corrupt_index_rebuilds_itself(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    _write(library, "concerns/a", title="Alpha")
    index = tmp_path / "index"
    load_library([library], index_location=index)
    for database in index.glob("*.sqlite"):
        database.write_bytes(b"this is not a database" * 100)
    assert load_library([library], index_location=index).block("concerns/a").title == "Alpha"
    assert any(index.glob("*.sqlite"))


def test_deleting_the_cache_folder_loses_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["blocks", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert index_folder().is_dir()
    shutil.rmtree(index_folder().parent)
    assert main(["blocks", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == before


def test_a_locked_index_falls_back_to_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rebuttal.library.index.LOCK_WAIT_SECONDS", 0.2)
    library, index = tmp_path / "lib", tmp_path / "index"
    _write(library, "concerns/a", title="Old")
    load_library([library], index_location=index)
    (database,) = index.glob("*.sqlite")
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process writing for longer than we wait
    try:
        path = _write(library, "concerns/a", title="New")
        os.utime(path, ns=(2, 2))
        assert load_library([library], index_location=index).block("concerns/a").title == "New"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert load_library([library], index_location=index).block("concerns/a").title == "New"


def test_two_processes_at_once_leave_a_sound_index(tmp_path: Path) -> None:
    """Four real processes make and update one index at the same moment (WAL, one writer at a time)."""
    library, index = tmp_path / "lib", tmp_path / "index"
    for n in range(200):
        _write(library, f"concerns/b{n:03}", word=f"w{n}")
    script = (
        "import sys\nfrom pathlib import Path\nfrom rebuttal.library.stack import load_library\n"
        "library = load_library([Path(sys.argv[1])], index_location=Path(sys.argv[2]))\n"
        "print(len(library.blocks), len(library.block_infos()))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_number in range(2):  # a new index, then one where every file changed
        if round_number:
            for n in range(200):
                _write(library, f"concerns/b{n:03}", title=f"T{n}", word=f"v{n}")
        processes = [
            subprocess.Popen([sys.executable, "-c", script, str(library), str(index)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(4)
        ]
        results = [process.communicate(timeout=120) for process in processes]
        seen = [(p.returncode, out.split()) for p, (out, _) in zip(processes, results, strict=True)]
        assert seen == [(0, ["200", "200"])] * 4, [err for _, err in results]
    (database,) = index.glob("*.sqlite")
    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert connection.execute("SELECT count(*) FROM files").fetchone() == (200,)
    assert connection.execute("SELECT count(*) FROM files WHERE title LIKE 'T%'").fetchone() == (200,)


def test_the_stack_still_overrides_by_id(tmp_path: Path) -> None:
    _write(tmp_path, "concerns/heterogeneity", title="Our own wording")
    library = load_library([builtin_folder(), tmp_path])
    assert library.block("concerns/heterogeneity").title == "Our own wording"
    infos = {info.id: info for info in library.block_infos()}
    assert infos["concerns/heterogeneity"].title == "Our own wording"
    assert infos["concerns/heterogeneity"].path == str(tmp_path / "concerns" / "heterogeneity.toml")


def test_search_reads_wording_from_the_index_as_parsing_would(tmp_path: Path) -> None:
    """The list keeps no wording; the search stream skips overridden rows and keeps every text whole."""
    from rebuttal.library.index import BlockInfo
    from rebuttal.library.search import SearchIndex

    low, high = tmp_path / "low", tmp_path / "high"
    _write(low, "concerns/a", word="placebo")
    _write(high, "concerns/a", word="sham")  # overrides the one below
    _write(low, "concerns/b", title="Größe", word="über-heterogeneity")
    _write(low, "concerns/c", word="radiofrequency")
    _write(high, "evidence/d", word="placebo")
    library = load_library([low, high])
    infos = library.block_infos()
    assert all(isinstance(info, BlockInfo) and info.in_index is not None for info in infos)
    parsed = [BlockInfo.of(library.blocks[info.id]) for info in infos]
    for query in ("placebo", "sham", "über", "größe", "heterog", "radio", "words about", "zz"):
        from_index = [b.id for b in SearchIndex(infos).filter(query)]
        assert from_index == [b.id for b in SearchIndex(parsed).filter(query)], query
    assert [b.id for b in SearchIndex(infos).filter("placebo")] == ["evidence/d"]
    assert infos[0].search_text == parsed[0].search_text  # read back one row when asked for


def test_the_index_is_rebuilt_when_the_parsers_code_changes(tmp_path: Path, counted: list[str]) -> None:
    """The signature comes from the parser's modules themselves (their files), not from a list of
    file names that a move would leave pointing nowhere."""
    import types

    from rebuttal.library.index import BlockIndex

    _write(tmp_path / "lib", "concerns/a")
    code = tmp_path / "parser_code.py"
    code.write_text("RULE = 1\n")
    module = types.ModuleType("parser_code")
    module.__file__ = str(code)

    def open_index() -> None:
        index = BlockIndex([tmp_path / "lib"], library_module.load_block, location=tmp_path / "index",
                           parser_modules=[module])
        index.refresh()
        index.close()

    open_index()
    open_index()
    assert counted == ["concerns/a"]  # the second run trusted the first one's verdict
    code.write_text("RULE = 22\n")  # the parser's code changed
    open_index()
    assert counted == ["concerns/a", "concerns/a"]


def test_the_parser_modules_cover_the_code_a_block_file_goes_through() -> None:
    """Everything the field reader and the TOML reader import is in the index's signature."""
    from .test_architecture import _import_graph, _reachable

    covered = {module.__name__ for module in library_module.parser_modules()}
    assert all(Path(module.__file__).is_file() for module in library_module.parser_modules())
    graph = _import_graph()
    for reader in ("rebuttal.toml.fields", "rebuttal.toml.source"):
        assert {reader, *_reachable(graph, reader)} <= covered


def test_design_wordings_and_subjects_come_back_from_the_index_and_follow_edits(tmp_path: Path) -> None:
    """Ranking reads wording families and [applies] from the index: an edited file is read again."""
    from rebuttal.library.ranking import rank_library

    path = _write(tmp_path, "concerns/sham", word="sham")
    tables = '\n[wording.review]\ntext = "Review words."\n[applies]\nwhen = ["sham"]\n'
    path.write_text(path.read_text() + tables)
    location = tmp_path / ".index"
    load_library([tmp_path], index_location=location)  # fills the index
    library = load_library([tmp_path], index_location=location)
    info = library.block_infos()[0]
    assert info.in_index is not None  # read from the index, not parsed
    assert info.wordings == ("review",) and info.applies_when == ("sham",) and info.applies_unless == ()
    ranking = rank_library(library, title="A trial without it: shams none", design="meta-analysis")
    assert ranking.ranked[0].lacking == [] and ranking.ranked[0].wording == "review"
    text = path.read_text().replace('when = ["sham"]', 'unless = ["sham"]').replace("[wording.review]",
                                                                                     "[wording.trial]")
    path.write_text(text)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    library = load_library([tmp_path], index_location=location)
    info = library.block_infos()[0]
    assert info.wordings == ("trial",) and info.applies_when == () and info.applies_unless == ("sham",)
    ranking = rank_library(library, title="Sham-controlled", design="RCT")
    assert ranking.ranked[0].excluded == ["sham"] and ranking.ranked[0].wording == "trial"
    assert "not for articles about: sham" in ranking.ranked[0].reasons()
