"""Letters on record (rebuttal letters add / list / set) and the overlap rule against them."""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

import pytest

from rebuttal.cli import main

from .conftest import EXAMPLE, ROOT

SIX_BLOCKS = ("about/psps-profile", "about/pain-care-complexity", "concerns/heterogeneity",
              "evidence/burden-of-chronic-pain", "closing/body-of-evidence", "closing/research-expertise")
HEAD = """[letter]
title = "Letter to the Editor"
date = 2025-06-02
recipient = "The Editor"
venue = "bmj-rapid-response"

[society]
id = "psps"

[article]
title = "Radiofrequency denervation for chronic low back pain: a randomised trial"
authors = ["Juch, JNS", "Maas, ET"]
journal = "JAMA"
date = 2025-05-20
doi = "10.1001/jama.2025.00001"
"""
OWN_WORDS = [
    "Our members read this trial with interest, and we write to ask the authors about the pragmatic design "
    "they chose, in which the comparison group received exercise therapy alone.",
    "Patients were enrolled from outpatient clinics after a diagnostic block, yet the report does not say "
    "how many screened patients were excluded, nor why, which matters for readers deciding whom it "
    "applies to.",
    "We would welcome the outcome data at twelve months, split by the level treated, so that clinicians can "
    "judge whether the effect they observed persists beyond the first follow-up visit.",
]


def run(args: list[str], capsys) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "society-library"
    folder.mkdir()
    return folder


@pytest.fixture
def recorded(library: Path, capsys) -> Path:
    status, _out, err = run(["letters", "add", str(EXAMPLE), "--sent", "2025-03-10",
                             "--library", str(library)], capsys)
    assert status == 0, err
    return library


def _outline(tmp_path: Path, blocks: tuple[str, ...] = (), texts: list[str] | None = None) -> Path:
    body = "".join(f'\n[[body]]\nblock = "{block}"\n' for block in blocks)
    body += "".join(f'\n[[body]]\ntext = """{text}"""\n' for text in texts or [])
    path = tmp_path / "second.toml"
    path.write_text(HEAD + body)
    return path


def test_add_then_list_shows_the_example_letter(recorded: Path, capsys) -> None:
    status, out, _err = run(["letters", "--library", str(recorded), "--today", "2025-04-09"], capsys)
    assert status == 0
    line = next(line for line in out.splitlines() if line.startswith("2025-03-10"))
    assert line.split() == ["2025-03-10-wang-society-statement", "Wang", "2025", "society-statement",
                            "2025-03-10", "sent", "30"]
    status, out, _err = run(["letters", "--json", "--library", str(recorded), "--today", "2025-04-09"],
                            capsys)
    [letter] = json.loads(out)
    assert letter["target"]["first_author"] == "Wang" and letter["target"]["year"] == "2025"
    assert letter["sent"] == "2025-03-10" and letter["status"] == "sent" and letter["days_since_sent"] == 30


def test_the_record_holds_the_frozen_outline_the_text_and_the_docx_hash(recorded: Path, tmp_path: Path,
                                                                        capsys) -> None:
    folder = recorded / "letters"
    record = tomllib.loads((folder / "2025-03-10-wang-society-statement.toml").read_text())
    assert record["target"]["pmid"] == "39971346" and record["venue"] == "society-statement"
    frozen = tomllib.loads((folder / "2025-03-10-wang-society-statement.outline.toml").read_text())
    from rebuttal.library.stack import builtin_folder, load_library

    shipped = load_library([builtin_folder()])
    assert frozen["body"] and all(item["version"] == shipped.block(item["block"]).version
                                  for item in frozen["body"])
    assert "# The Pacific Spine and Pain Society's statement of concern" in (
        folder / "2025-03-10-wang-society-statement.outline.toml").read_text()  # the comments kept
    assert "Pacific Spine and Pain Society is a multidisciplinary" in (
        folder / "2025-03-10-wang-society-statement.txt").read_text()
    built = tmp_path / "built.docx"
    assert main(["build", str(EXAMPLE), "-o", str(built)]) == 0
    assert record["docx_sha256"] == hashlib.sha256(built.read_bytes()).hexdigest()
    # --docx takes the file as sent
    sent = tmp_path / "as-sent.docx"
    sent.write_bytes(b"edited by the journal office")
    assert main(["letters", "add", str(EXAMPLE), "--sent", "2025-03-11", "--venue", "bmj-letter",
                 "--docx", str(sent), "--library", str(recorded)]) == 0
    other = tomllib.loads((folder / "2025-03-11-wang-bmj-letter.toml").read_text())
    assert other["docx_sha256"] == hashlib.sha256(b"edited by the journal office").hexdigest()


def test_letters_are_not_blocks(recorded: Path, capsys) -> None:
    status, out, _err = run(["blocks", "--library", str(recorded)], capsys)
    assert status == 0 and "letters/" not in out and "wang-society-statement" not in out


def test_set_moves_the_status_on_and_keeps_the_file(recorded: Path, capsys) -> None:
    path = recorded / "letters" / "2025-03-10-wang-society-statement.toml"
    assert main(["letters", "set", "2025-03-10-wang", "--status", "published", "--doi",
                 "https://doi.org/10.1136/bmj.r512", "--reply", "PMID: 40111222", "--library", str(recorded),
                 "--today", "2025-04-02"]) == 0
    text = path.read_text()
    assert text.startswith("# A letter on record")
    record = tomllib.loads(text)
    assert record["status"] == "published" and str(record["status_on"]) == "2025-04-02"
    assert record["doi"] == "10.1136/bmj.r512" and record["reply"] == "40111222"
    assert record["target"]["first_author"] == "Wang"


@pytest.mark.parametrize(("args", "says"), [
    (["set", "nosuch", "--status", "accepted"], "no recorded letter is 'nosuch'"),
    (["set", "2025"], "nothing to set"),
    (["set", "2025", "--doi", "not-a-doi"], "--doi"),
])
def test_bad_input_is_one_line_and_exit_2(recorded: Path, capsys, args: list[str], says: str) -> None:
    status, _out, err = run(["letters", *args, "--library", str(recorded)], capsys)
    assert status == 2 and says in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("args", "says"), [
    (["set", "2025", "--status", "nonsense"], "invalid choice"),
    (["add", str(EXAMPLE), "--sent", "10 March"], "is not a date"),
])
def test_bad_arguments_are_refused_by_the_parser(recorded: Path, capsys, args: list[str], says: str) -> None:
    with pytest.raises(SystemExit) as done:
        main(["letters", *args, "--library", str(recorded)])
    assert done.value.code == 2 and says in capsys.readouterr().err


def test_a_letter_reusing_six_blocks_overlaps_the_first_by_at_least_30_percent(
        recorded: Path, tmp_path: Path, capsys) -> None:
    second = _outline(tmp_path, SIX_BLOCKS, OWN_WORDS[:1])
    status, out, _err = run(["check", str(second), "--json", "--library", str(recorded)], capsys)
    rule = next(check for check in json.loads(out)["checks"] if check["rule"] == "overlap")
    assert rule["found"] >= 30 and rule["allowed"] == 15 and not rule["ok"], rule
    assert "Wang 2025, sent 2025-03-10" in rule["detail"]
    assert status == 1
    status, out, _err = run(["letters", "overlap", str(second), "--library", str(recorded)], capsys)
    assert status == 1
    assert "about/psps-profile" in out and "Wang 2025, sent 2025-03-10" in out
    assert "short variant" in out  # the blocks have short variants the letter does not use
    assert "This letter draws on the society's statement of concern of 10 March 2025 on Wang 2025." in out


def test_a_letter_in_its_own_words_overlaps_nothing(recorded: Path, tmp_path: Path, capsys) -> None:
    own = _outline(tmp_path, (), OWN_WORDS)
    status, out, _err = run(["check", str(own), "--json", "--library", str(recorded)], capsys)
    rule = next(check for check in json.loads(out)["checks"] if check["rule"] == "overlap")
    assert rule["found"] == 0 and rule["ok"] and "shared with" not in rule["detail"]
    status, out, _err = run(["letters", "overlap", str(own), "--library", str(recorded)], capsys)
    assert status == 0 and "nothing shared" in out


def test_a_letter_does_not_overlap_its_own_record(recorded: Path, capsys) -> None:
    _status, out, _err = run(["check", str(EXAMPLE), "--json", "--library", str(recorded)], capsys)
    rule = next(check for check in json.loads(out)["checks"] if check["rule"] == "overlap")
    assert rule["found"] == 0, rule


def test_the_venue_sets_max_overlap(recorded: Path, tmp_path: Path, capsys) -> None:
    venues = recorded / "venues"
    venues.mkdir()
    (venues / "bmj-rapid-response.toml").write_text('name = "Lenient"\nmax_overlap = 90\n')
    second = _outline(tmp_path, SIX_BLOCKS, OWN_WORDS)
    _status, out, _err = run(["check", str(second), "--json", "--library", str(recorded)], capsys)
    rule = next(check for check in json.loads(out)["checks"] if check["rule"] == "overlap")
    assert rule["ok"] and rule["allowed"] == 90 and rule["found"] > 30


def test_the_index_follows_the_record_and_survives_damage(recorded: Path, tmp_path: Path, capsys) -> None:
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.check_overlap import letter_segments
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import library_folders, load_library
    from rebuttal.record.overlap import find_overlap, index_path

    folders = library_folders([recorded])
    second = load_outline(_outline(tmp_path, SIX_BLOCKS))
    segments = letter_segments(assemble(load_library(folders), second))
    assert find_overlap(folders, segments).percent > 30
    index_path(folders).write_bytes(b"not a database" * 100)  # damaged: rebuilt
    assert find_overlap(folders, segments).percent > 30
    for path in (recorded / "letters").glob("2025-03-10-wang-society-statement.*"):
        path.unlink()  # the record gone: the index forgets it
    assert find_overlap(folders, segments).percent == 0
    status, _out, err = run(["letters", "add", str(ROOT / "examples" / "jama-letter-wang-2025.toml"),
                            "--sent", "2025-03-20", "--library", str(recorded)], capsys)
    assert status == 0, err
    overlap = find_overlap(folders, segments)
    assert [shared.letter.id for shared in overlap.by_letter] == ["2025-03-20-wang-jama-letter"]


def test_library_usage_counts_letters_on_record(recorded: Path, tmp_path: Path, capsys) -> None:
    status, out, err = run(["library", "usage", "--library", str(recorded)], capsys)
    assert status == 0, err
    assert ("2025-03-10-wang-society-statement.outline.toml (on record: Wang 2025, sent 2025-03-10, sent):"
            in out)
    assert "  evidence/conservative-care-and-opioids: 1" in out
    assert "(and 1 letters on record)" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    status, _out, err = run(["library", "usage", "--library", str(empty)], capsys)
    assert status == 2 and "no letters" in err


def test_the_frozen_outline_rebuilds_the_text_as_recorded(recorded: Path, tmp_path: Path) -> None:
    folder = recorded / "letters"
    rebuilt = tmp_path / "rebuilt.txt"
    assert main(["build", str(folder / "2025-03-10-wang-society-statement.outline.toml"), "-o", str(rebuilt),
                 "--library", str(recorded)]) == 0
    assert rebuilt.read_text() == (folder / "2025-03-10-wang-society-statement.txt").read_text()
