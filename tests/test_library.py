"""The block library: loading, validation with locations, stacking, filtering."""

import json
from pathlib import Path

import pytest

from rebuttal.errors import RebuttalError
from rebuttal.library.search import filter_blocks
from rebuttal.library.stack import library_folders, load_library

from .conftest import FIXTURES


def _block(folder: Path, block_id: str, body: str) -> Path:
    path = folder / f"{block_id}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    return path


def test_later_folder_overrides_block_of_same_id(tmp_path: Path) -> None:
    _block(tmp_path, "concerns/alpha", 'title = "Our alpha"\nkind = "concern"\ntext = "Ours."\n')
    library = load_library([FIXTURES / "library", tmp_path])
    assert library.blocks["concerns/alpha"].title == "Our alpha"
    assert library.blocks["concerns/alpha"].path == tmp_path / "concerns" / "alpha.toml"
    assert "concerns/beta" in library.blocks


def test_environment_and_option_folders_stack_in_order(tmp_path: Path, monkeypatch) -> None:
    env_folder, cli_folder = tmp_path / "env", tmp_path / "cli"
    env_folder.mkdir()
    cli_folder.mkdir()
    monkeypatch.setenv("REBUTTAL_LIBRARY", str(env_folder))
    folders = library_folders([cli_folder])
    assert folders[-2:] == [env_folder, cli_folder]
    assert folders[0].name == "blocks"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('title = "T"\nkind = "concern"\ntext = "x\n', ":3: invalid TOML"),
        ('title = "T"\ntext = "x"\n', ": kind: missing required field 'kind' in block"),
        ('title = "T"\nkind = "concen"\ntext = "x"\n', ":2: kind: 'concen' is not one of"),
        ('title = "T"\nkind = "concern"\ntext = "x {article.nope}"\n', ":3: text: unknown placeholder"),
        ('title = "T"\nkind = "concern"\ntext = "x"\nstatus = "ok"\n', ":4: status: 'ok' is not one of"),
        (
            'title = "T"\nkind = "concern"\ntxt = "x"\n',
            ":3: txt: unknown field in block (did you mean 'text'?)",
        ),
    ],
)
def test_bad_block_files_are_located(tmp_path: Path, body: str, expected: str) -> None:
    path = _block(tmp_path, "concerns/bad", body)
    with pytest.raises(RebuttalError) as caught:
        load_library([tmp_path])
    assert str(caught.value).startswith(str(path)) and expected in str(caught.value)


def test_bibliography_errors_name_file_and_entry(tmp_path: Path) -> None:
    (tmp_path / "references.json").write_text(json.dumps([{"id": "x", "type": "book"}], indent=1))
    with pytest.raises(RebuttalError) as caught:
        load_library([tmp_path])
    assert str(caught.value) == (f"{tmp_path / 'references.json'}:3: title: entry 'x' has no title"
                                 " (nor a journal, publisher, DOI, PMID or URL to tell which work it is)")


def test_conflicting_reference_keys_across_folders(tmp_path: Path) -> None:
    item = {"id": "r1", "type": "book", "title": "Other", "issued": {"date-parts": [[2001]]}}
    (tmp_path / "references.json").write_text(json.dumps([item]))
    with pytest.raises(RebuttalError, match="'r1' is defined differently"):
        load_library([FIXTURES / "library", tmp_path])


def test_filter_ranks_title_matches_and_tolerates_typos(small_library) -> None:
    blocks = small_library.blocks.values()
    assert [b.id for b in filter_blocks(blocks, "beta")] == ["concerns/beta"]
    assert [b.id for b in filter_blocks(blocks, "meta-analysis")] == ["concerns/alpha"]
    assert [b.id for b in filter_blocks(blocks, "gmma")] == ["evidence/gamma"]
    assert [b.id for b in filter_blocks(blocks, "", kind="concern")] == ["concerns/alpha", "concerns/beta"]
    assert filter_blocks(blocks, "zzzz") == []


def test_search_index_lists_without_preparing_and_filters_as_a_fresh_index(builtin_library) -> None:
    from rebuttal.library.search import SearchIndex

    infos = builtin_library.block_infos()
    index = SearchIndex(reversed(infos))
    assert [b.id for b in index.filter("")] == sorted(info.id for info in infos)
    concerns = sorted(info.id for info in infos if info.kind == "concern")
    assert [b.id for b in index.filter(" ", kind="concern")] == concerns
    assert not index.prepared  # listing (the app's first frame) prepares nothing for searching
    typed = ["h", "he", "het", "", "hetero", "heterog", "hetrogen", "", "radio", "sham placebo"]
    for query in typed:
        assert [b.id for b in index.filter(query)] == [b.id for b in SearchIndex(infos).filter(query)], query
    assert index.prepared
