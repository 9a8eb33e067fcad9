"""The approval committee's tools on a library kept in a temporary git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import load_library

from .conftest import FIXTURES, TODAY

ALPHA = '''# The committee's wording for alpha. Keep this comment.
title = "Alpha Concern"
kind = "concern"
tags = ["meta-analysis"]
text = "Alpha cites one [@r1]."   # the approved sentence
short = "Alpha [@r1]."
version = "1.0"
status = "draft"
'''


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A society library in git: the fixture library with alpha as a draft, committed."""
    folder = tmp_path / "society"
    shutil.copytree(FIXTURES / "library", folder)
    (folder / "concerns" / "alpha.toml").write_text(ALPHA)
    _git(folder, "init", "-q")
    _git(folder, "config", "user.email", "committee@example.org")
    _git(folder, "config", "user.name", "Committee")
    _git(folder, "add", ".")
    _git(folder, "commit", "-q", "-m", "library")
    return folder


def _lib(folder: Path) -> list[str]:
    return ["--library", str(folder)]


def _sent_at_first_approval(repo: Path, tmp_path: Path, *, design: str = "") -> tuple[Path, Path]:
    """Alpha approved (v1.0) and committed, and a letter that recorded that version (about an
    article of ``design``, when given): alpha's file and the letter's outline."""
    alpha = repo / "concerns" / "alpha.toml"
    assert main(["library", "approve", "concerns/alpha", "--by", "C", *_lib(repo)]) == 0
    _git(repo, "commit", "-qam", "approve alpha 1.0")
    text = (FIXTURES / "outlines" / "small.toml").read_text().replace(
        'block = "concerns/alpha"', 'block = "concerns/alpha"\nversion = "1.0"  # as sent')
    if design:
        text = text.replace('design = "meta-analysis"', f'design = "{design}"')
    outline = tmp_path / "letter.toml"
    outline.write_text(text)
    return alpha, outline


def test_approve_writes_status_date_version_and_hash_keeping_comments(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alpha = repo / "concerns" / "alpha.toml"
    assert main(["library", "approve", "concerns/alpha", "--by", "Advocacy Committee",
                 "--today", "2025-03-01", *_lib(repo)]) == 0
    text = alpha.read_text()
    assert text.startswith("# The committee's wording for alpha. Keep this comment.\n")
    assert 'text = "Alpha cites one [@r1]."   # the approved sentence' in text
    assert 'status = "approved"' in text and 'approved_by = "Advocacy Committee"' in text
    assert "approved_on = 2025-03-01" in text and 'version = "1.0"' in text  # a draft's first approval
    assert 'approved_hash = "sha256:' in text
    capsys.readouterr()
    main(["library", "lint", *_lib(repo)])
    assert "alpha.toml" not in capsys.readouterr().out  # (the fixture's other blocks have their own issues)
    # Approving again bumps the version.
    assert main(["library", "approve", "concerns/alpha", "--by", "Board", "--today", "2025-04-01",
                 *_lib(repo)]) == 0
    assert 'version = "1.1"' in alpha.read_text()


def test_lint_finds_every_problem_with_file_line_and_field(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "approve", "concerns/alpha", "--by", "C", *_lib(repo)]) == 0
    alpha = repo / "concerns" / "alpha.toml"
    alpha.write_text(alpha.read_text().replace("Alpha cites one", "Alpha now cites"))  # not re-approved
    (repo / "concerns" / "gamma2.toml").write_text(
        'title = "G"\nkind = "concern"\ntext = "Short [@nosuch]."\n'
        'short = "Much longer than the text itself."\n'
        'status = "approved"\n'
    )
    (repo / "concerns" / "broken.toml").write_text('title = "B"\nkind = "concer"\ntext = "x"\n')
    other = tmp_path / "coalition"
    (other / "concerns").mkdir(parents=True)
    (other / "concerns" / "beta.toml").write_text('title = "Beta"\nkind = "concern"\ntext = "Beta."\n')
    capsys.readouterr()
    assert main(["library", "lint", *_lib(repo), *_lib(other)]) == 1
    out = capsys.readouterr().out.splitlines()
    joined = "\n".join(out)
    assert f"{alpha}:5: text: the wording changed since it was approved" in joined
    assert f"{repo}/concerns/gamma2.toml:3: text: cites [@nosuch]" in joined
    assert f"{repo}/concerns/gamma2.toml:4: short: the short variant" in joined
    assert "gamma2.toml" in joined and "approved_by: an approved block names who approved it" in joined
    assert f"{repo}/concerns/broken.toml:2: kind: 'concer' is not one of" in joined
    assert f"{other}/concerns/beta.toml: override: the id 'concerns/beta' is also" in joined
    assert all(line.startswith(("/",)) for line in out)
    assert main(["library", "lint", "--library", str(tmp_path / "nope")]) == 2


def test_a_letter_keeps_the_wording_it_recorded_until_updated(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alpha, outline = _sent_at_first_approval(repo, tmp_path)
    # The committee approves new wording.
    alpha.write_text(alpha.read_text().replace("Alpha cites one [@r1].", "Alpha, revised, cites one [@r1]."))
    assert main(["library", "approve", "concerns/alpha", "--by", "C", *_lib(repo)]) == 0
    _git(repo, "commit", "-qam", "alpha 1.1")

    library = load_library([repo])
    document = assemble(library, load_outline(outline), today=TODAY)
    text = "\n".join(p.plain() for p in document.paragraphs())
    assert "Alpha cites one" in text and "revised" not in text
    assert document.notices and "keeps v1.0; the library now has v1.1" in document.notices[0]
    capsys.readouterr()
    assert main(["build", str(outline), *_lib(repo), "-o", str(tmp_path / "l.txt")]) == 0
    assert "note: body[2] concerns/alpha: the letter keeps v1.0" in capsys.readouterr().err

    assert main(["library", "usage", str(outline), *_lib(repo)]) == 1
    assert "OLDER wording: library has v1.1" in capsys.readouterr().out
    assert main(["library", "diff", "concerns/alpha", *_lib(repo)]) == 0
    assert "text: [-Alpha-] {+Alpha, revised,+} cites one [@r1]." in capsys.readouterr().out

    before = outline.read_text()
    assert main(["library", "update", str(outline), *_lib(repo)]) == 0
    assert "{+Alpha, revised,+}" in capsys.readouterr().out
    after = outline.read_text()
    assert after == before.replace('version = "1.0"  # as sent', 'version = "1.1"  # as sent')
    text = "\n".join(p.plain() for p in assemble(load_library([repo]), load_outline(outline)).paragraphs())
    assert "revised" in text


def test_a_recorded_version_the_history_lacks_is_refused(repo: Path, tmp_path: Path) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text((FIXTURES / "outlines" / "small.toml").read_text().replace(
        'block = "concerns/alpha"', 'block = "concerns/alpha"\nversion = "0.9"'))
    with pytest.raises(RebuttalError, match=r"body\[2\]\.version: concerns/alpha v0.9 is not in the library"):
        assemble(load_library([repo]), load_outline(outline))


def test_an_outline_without_versions_builds_the_current_wording(repo: Path) -> None:
    document = assemble(load_library([repo]), load_outline(FIXTURES / "outlines" / "small.toml"))
    assert document.notices == ()


def test_adding_a_block_in_the_app_records_its_version(builtin_library) -> None:
    from rebuttal.app.session import Session

    session = Session(builtin_library)
    session.add_block("concerns/heterogeneity")
    assert session.body[0].version == builtin_library.block("concerns/heterogeneity").version == "1.0"


def test_the_builtin_library_lints_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "lint"]) == 0


@pytest.mark.parametrize(("version", "after"), [
    ("1.0", "1.1"), ("2", "2.1"), ("1.9", "1.10"), ("1.2.9", "1.2.10"), ("", "1.0"), ("1.0a", "1.0a.1"),
])
def test_one_version_rule_for_approving_and_proposing(tmp_path: Path, version: str, after: str) -> None:
    """Approving new wording and drafting the editors' wording step a block's version alike: a minor
    step (the README's 1.0 -> 1.1), whatever form the version has."""
    from rebuttal.library.committee import next_version
    from rebuttal.merge.compare import ItemChange
    from rebuttal.merge.propose import proposals

    assert next_version(version) == after
    path = tmp_path / "library" / "concerns" / "alpha.toml"
    path.parent.mkdir(parents=True)
    path.write_text(ALPHA.replace('version = "1.0"', f'version = "{version}"' if version else ""))
    block = load_library([tmp_path / "library"]).block("concerns/alpha")
    assert block is not None and block.version == version
    change = ItemChange(1, "alpha", block=block, new_text="Alpha now cites one [@r1].", library_text=True)
    (draft,) = proposals([change], tmp_path / "drafts", "edited.docx")
    assert draft.version == after and f'version = "{after}"' in draft.text


def test_a_letter_kept_at_an_older_version_keeps_the_wording_its_design_took_then(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial wording approved later is not the wording of a letter that recorded the version before."""
    alpha, outline = _sent_at_first_approval(repo, tmp_path, design="randomised trial")
    alpha.write_text(alpha.read_text().replace('tags = ["meta-analysis"]', 'tags = ["meta-analysis", "RCT"]')
                     + '\n[wording.trial]\ntext = "Alpha, for one trial [@r1]."\nshort = "Alpha, trial."\n')
    assert main(["library", "approve", "concerns/alpha", "--by", "C", *_lib(repo)]) == 0
    _git(repo, "commit", "-qam", "alpha 1.1: a trial wording")

    document = assemble(load_library([repo]), load_outline(outline), today=TODAY)
    text = "\n".join(p.plain() for p in document.paragraphs())
    assert "Alpha cites one" in text and "for one trial" not in text  # v1.0 had no trial wording
    capsys.readouterr()
    assert main(["library", "diff", "concerns/alpha", *_lib(repo)]) == 0
    assert "wording.trial.text: {+Alpha, for one trial [@r1].+}" in capsys.readouterr().out
    assert main(["library", "update", str(outline), *_lib(repo)]) == 0
    assert "[-Alpha cites-] {+Alpha, for+} one {+trial+} [@r1]." in capsys.readouterr().out  # main -> trial
    text = "\n".join(p.plain() for p in assemble(load_library([repo]), load_outline(outline)).paragraphs())
    assert "Alpha, for one trial" in text
