"""Loading, the index and the committee's lint agree on which files of a library folder are blocks."""

from __future__ import annotations

from pathlib import Path

from rebuttal.library.committee import lint
from rebuttal.library.layout import block_paths
from rebuttal.library.stack import load_library

BLOCK = 'title = "T"\nkind = "concern"\ntext = "Words."\n'


def test_one_rule_for_what_is_a_block(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    for name in ("concerns/a.toml", "concerns/deep/b.toml", "loose.toml", "concerns/.#a.toml",
                 ".hidden/c.toml", "concerns/.old/d.toml", "societies/s.toml", "venues/v.toml"):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BLOCK)
    wanted = ["concerns/a", "concerns/deep/b"]
    assert [block_id for _, block_id in block_paths(folder)] == wanted  # profiles are no blocks
    for kind in ("societies", "venues"):  # (nor are these valid profiles: the library would refuse them)
        (folder / kind / f"{kind[0]}.toml").unlink()
    assert sorted(load_library([folder], index_location=tmp_path / "index").blocks) == wanted
    assert sorted(load_library([folder], whole=False).blocks) == wanted
    (folder / "concerns" / ".#a.toml").write_text("broken = [")  # an editor's lock file: not a block
    (folder / "loose.toml").write_text("broken = [")
    assert lint([folder]) == []
    assert sorted(load_library([folder], index_location=tmp_path / "index").blocks) == wanted
