"""The README's commands run as written: the files they name are shipped, and they import and build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

from rebuttal.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = "\n".join(re.findall(r"```sh\n(.*?)```", README, flags=re.S))


def test_every_shipped_file_the_commands_name_exists() -> None:
    named = set(re.findall(r"(?<![\w/.-])((?:examples|docs|bench)/[\w./-]+)", COMMANDS + README))
    assert "examples/society-template.dotx" in named and "examples/references.ris" in named
    missing = sorted(name for name in named if not (ROOT / name.rstrip(".")).exists())
    assert missing == []


@pytest.mark.parametrize(("name", "count"), [("references.bib", 3), ("references.ris", 2)])
def test_sample_reference_files_import_cleanly(tmp_path: Path, capsys, name: str, count: int) -> None:
    assert main(["import", str(ROOT / "examples" / name), "--to", str(tmp_path)]) == 0
    assert f"added {count} to" in capsys.readouterr().err


def test_sample_pubmed_record_sets_the_article_with_every_author(tmp_path: Path) -> None:
    from rebuttal.letter.outline import load_outline

    letter = tmp_path / "letter.toml"
    shutil.copy(ROOT / "examples" / "psps-wang-2025.toml", letter)
    assert main(["import", str(ROOT / "examples" / "wang2025.nbib"), "--article", str(letter)]) == 0
    article = load_outline(letter).article
    assert len(article.authors) == 22 and article.authors[0] == "Wang, Xiaoqin"
    assert article.pmid == "39971346"


def test_sample_society_template_gives_the_letter_its_letterhead(tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    template = ROOT / "examples" / "society-template.dotx"
    assert main(["build", str(ROOT / "examples" / "psps-wang-2025.toml"), "-o", str(out),
                 "--template", str(template), "--comments"]) == 0
    header = docx.Document(str(out)).sections[0].header
    assert "SAMPLE SOCIETY OF PAIN MEDICINE" in "\n".join(p.text for p in header.paragraphs)


def test_the_commands_outputs_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text()
    for pattern in ("/letter.toml", "/*.docx", "/*.pdf", "/*.txt", "/my-library/"):
        assert pattern in ignored
