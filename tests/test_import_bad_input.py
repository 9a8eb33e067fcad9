"""Bad input: an import never leaves a library that loaded unable to load.

CSL items in the wrong shape are repaired when they have one meaning and
refused otherwise (file, entry and line; exit 2; nothing written).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.library.stack import builtin_folder, load_library


def write_csl(tmp_path: Path, items: list[dict]) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(items, indent=2), encoding="utf-8")
    return path


def test_a_date_string_and_a_single_author_string_are_repaired(tmp_path: Path) -> None:
    source = write_csl(tmp_path, [
        {"id": "x1", "title": "One", "issued": "July 2019", "author": "Smith, J"},
        {"id": "x2", "title": "Two", "issued": {"raw": "13 Jul 2019"}, "author": ["Doe, Jane"]},
    ])
    library = tmp_path / "lib"
    assert main(["import", str(source), "--to", str(library)]) == 0
    first, second = json.loads((library / "references.json").read_text(encoding="utf-8"))
    assert first["issued"] == {"date-parts": [[2019, 7]]}
    assert first["author"] == [{"family": "Smith", "given": "J"}]
    assert second["issued"] == {"date-parts": [[2019, 7, 13]]}
    assert second["author"] == [{"family": "Doe", "given": "Jane"}]
    loaded = load_library([builtin_folder(), library])  # the library still loads
    assert loaded.bibliography.get("x1")["title"] == "One"


@pytest.mark.parametrize(
    ("item", "where", "message"),
    [
        ({"author": "Smith, J and Doe, K"}, "author:", "'Smith, J and Doe, K' is not a list of names"),
        ({"issued": "sometime soon"}, "issued:", "entry 'x1': 'sometime soon' is not a date"),
        ({"issued": {"season": 2}}, "issued:", "entry 'x1' has an 'issued' that is not a date"),
        ({"author": [{"given": "J"}]}, "author:", "entry 'x1' has an author without 'family' or 'literal'"),
        ({"title": ["a", "list"]}, "title:", "entry 'x1' has a title that is not text"),
        ({"volume": {"n": 1}}, "volume:", "entry 'x1' has a 'volume' that is not text"),
    ],
)
def test_what_has_no_single_meaning_is_refused_and_nothing_written(
    tmp_path: Path, capsys, item: dict, where: str, message: str
) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    before = json.dumps([{"id": "old", "title": "Old", "type": "book"}], indent=2) + "\n"
    (library / "references.json").write_text(before, encoding="utf-8")
    source = write_csl(tmp_path, [{"id": "fine", "title": "Fine"}, {"id": "x1", "title": "T", **item}])
    assert main(["import", str(source), "--to", str(library)]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert f"export.json:7: {where}" in error and message in error  # file, line of the entry, field
    assert (library / "references.json").read_text(encoding="utf-8") == before


def test_the_loader_reads_what_it_could_not_before(tmp_path: Path) -> None:
    from rebuttal.refs.bibliography import load_bibliography

    path = tmp_path / "references.json"
    path.write_text(json.dumps([{"id": "a", "title": "No year", "type": "webpage"},
                                {"id": "b", "container-title": "Doklady", "volume": "90", "page": "521"},
                                {"id": "c", "title": "Bad", "issued": "July 2019"}]), encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_bibliography(path)
    assert "entry 'c' has an 'issued' that is not a date" in str(caught.value)  # no traceback: our error
    assert type(caught.value).__name__ == "RebuttalError"
