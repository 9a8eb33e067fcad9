"""rebuttal watch against a local server replaying MEDLINE and Crossref answers (no internet)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rebuttal.cli import main

from .conftest import EXAMPLE, FIXTURES
from .replay_server import Replay, lookup_server, replay_server

EFETCH = "/entrez/eutils/efetch.fcgi"
WATCH = FIXTURES / "watch"
SAYED = "/works/10.2147/jpr.s386879"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Replay:
    with lookup_server(monkeypatch) as replay:
        replay.answer(EFETCH, (WATCH / "efetch-watch.txt").read_text())
        replay.answer(SAYED, (WATCH / "crossref-work-10.2147_JPR.S386879.json").read_text(),
                      headers={"Content-Type": "application/json"})
        yield replay


@pytest.fixture
def library(tmp_path: Path, capsys) -> Path:
    folder = tmp_path / "society"
    folder.mkdir()
    assert main(["letters", "add", str(EXAMPLE), "--sent", "2025-03-10", "--library", str(folder)]) == 0
    capsys.readouterr()
    return folder


def run(args: list[str], capsys) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_a_retracted_reference_names_its_block_and_a_comment_on_the_target_is_reported(
        server: Replay, library: Path, capsys) -> None:
    status, out, err = run(["watch", "--library", str(library), "--today", "2026-02-01"], capsys)
    assert status == 1, err
    retraction = next(line for line in out.splitlines() if "geneen2017" in line)
    assert "RETRACTION" in retraction and "PMID: 41550003" in retraction
    assert "evidence/conservative-care-and-opioids" in retraction
    comments = [line for line in out.splitlines() if line.startswith("NEW article Wang 2025")]
    assert len(comments) == 2 and "a comment or reply published" in comments[0]
    assert "2025-03-10-wang-society-statement" in comments[0] and "PMID: 40090001" in comments[0]
    correction = next(line for line in out.splitlines() if "sayed2022" in line)
    assert "CORRECTION" in correction and "10.2147/JPR.S409876" in correction
    # efetch in one batch (16 PMIDs), with NCBI's parameters; the DOI-only reference asked of Crossref
    efetch = [seen for seen in server.seen if seen[0] == EFETCH]
    assert len(efetch) == 1 and efetch[0][1]["rettype"] == ["medline"] and efetch[0][1]["db"] == ["pubmed"]
    assert len(efetch[0][1]["id"][0].split(",")) == 15
    assert [seen[0] for seen in server.seen if seen[0].startswith("/works/")] == [SAYED]


def test_what_watch_found_is_kept_and_lint_flags_the_blocks(server: Replay, library: Path, capsys) -> None:
    assert main(["watch", "--library", str(library), "--today", "2026-02-01"]) == 1
    kept = (library / "letters" / "watch.toml").read_text()
    assert 'work = "geneen2017"' in kept and 'kind = "retraction"' in kept and "found = 2026-02-01" in kept
    capsys.readouterr()
    status, out, _err = run(["library", "lint", "--library", str(library)], capsys)
    assert status == 1
    flagged = [line for line in out.splitlines() if "geneen2017" in line]
    assert len(flagged) == 1 and "conservative-care-and-opioids.toml" in flagged[0]
    assert "retraction" in flagged[0] and ": text:" in flagged[0]
    assert any("sayed2022" in line and "correction" in line for line in out.splitlines())
    # a second watch: the comments are not new any more; the retraction still waits for the committee
    status, out, _err = run(["watch", "--library", str(library), "--today", "2026-02-02"], capsys)
    assert status == 1
    assert not [line for line in out.splitlines() if line.startswith("NEW article")]
    assert "waiting for the committee: evidence/conservative-care-and-opioids" in out
    assert (library / "letters" / "watch.toml").read_text() == kept  # nothing new to keep


def test_our_letter_and_the_recorded_reply_are_known(server: Replay, library: Path, capsys) -> None:
    assert main(["letters", "set", "2025-03-10-wang", "--status", "published", "--doi", "10.1136/bmj.r512",
                 "--reply", "40170002", "--library", str(library)]) == 0
    capsys.readouterr()
    status, out, _err = run(["watch", "--json", "--library", str(library), "--today", "2026-02-01"], capsys)
    found = json.loads(out)
    articles = {news["pmid"]: news for news in found["articles"]}
    assert articles["40090001"]["ours"] == "2025-03-10-wang-society-statement"
    assert articles["40170002"]["reply"] == "2025-03-10-wang-society-statement"
    assert not any(news["needs_attention"] for news in found["articles"])
    assert status == 1 and found["needs_attention"]  # the retracted reference still does


def test_nothing_to_report_is_exit_0(server: Replay, tmp_path: Path, capsys) -> None:
    quiet = "\n".join(line for line in (WATCH / "efetch-watch.txt").read_text().splitlines()
                      if not line.startswith(("CIN", "RIN", "      10.1002/14651858.ED000999")))
    server.answer(EFETCH, quiet)
    work = json.loads((WATCH / "crossref-work-10.2147_JPR.S386879.json").read_text())
    del work["message"]["updated-by"]
    server.answer(SAYED, json.dumps(work), headers={"Content-Type": "application/json"})
    status, out, err = run(["watch", "--library", str(tmp_path)], capsys)
    assert status == 0 and out == "", err
    assert "asked about 0 articles answered and 16 references (2 without PMID or DOI" in err
    assert "0 need attention" in err


def test_no_network_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, library: Path, capsys) -> None:
    with replay_server() as closed:
        url = closed.url
    monkeypatch.setenv("REBUTTAL_EUTILS_URL", url)
    status, out, err = run(["watch", "--library", str(library)], capsys)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "cannot reach 127.0.0.1" in err


def test_pmids_go_in_batches_of_200(server: Replay) -> None:
    from rebuttal.record.watch import ask

    pmids = [str(10_000_000 + number) for number in range(450)]
    server.answer(EFETCH, "".join(f"PMID- {pmid}\nTI  - A work.\n\n" for pmid in pmids))
    found = ask(pmids, [], max_age=None)
    assert len(found) == 450
    batches = [seen[1]["id"][0].split(",") for seen in server.seen if seen[0] == EFETCH]
    assert [len(batch) for batch in batches] == [200, 200, 50]


def test_medline_and_crossref_notices_are_read() -> None:
    from rebuttal.record.watch import crossref_notices, medline_notices

    notices = medline_notices((WATCH / "efetch-watch.txt").read_text())
    [retraction] = notices["28436583"]
    assert (retraction.kind, retraction.pmid, retraction.doi) == ("retraction", "41550003",
                                                                   "10.1002/14651858.ED000999")
    assert [n.kind for n in notices["39971346"]] == ["comment", "comment"]
    work = json.loads((WATCH / "crossref-work-10.2147_JPR.S386879.json").read_text())["message"]
    [correction] = crossref_notices(work)
    assert correction.kind == "correction" and correction.doi == "10.2147/JPR.S409876"
    assert "2023-02-07" in correction.citation
    relation = {"relation": {"has-reply": [{"id-type": "doi", "id": "10.1000/reply.1",
                                            "asserted-by": "object"}]}}
    assert [(n.kind, n.doi) for n in crossref_notices(relation)] == [("comment", "10.1000/reply.1")]


def test_the_committee_acting_clears_the_flag() -> None:
    import datetime as dt

    from rebuttal.library.stack import Block
    from rebuttal.record.notices import KeptNotice, unresolved

    notice = KeptNotice("reference", "geneen2017", "retraction", "...", found=dt.date(2026, 2, 1))
    block = Block("evidence/x", "X", "evidence", "text [@geneen2017]", approved_on="2025-03-01")
    assert unresolved(notice, block)
    assert not unresolved(notice, Block("evidence/x", "X", "evidence", "t", approved_on="2026-02-03"))
    assert not unresolved(KeptNotice("reference", "geneen2017", "update", "..."), block)
