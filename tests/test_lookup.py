"""rebuttal import --pmid / --doi against a local server replaying recorded answers."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.letter.outline import load_outline

from .conftest import FIXTURES, ROOT
from .replay_server import Replay, lookup_server, replay_server
from .ui_support import wait_until

RECORDED = FIXTURES / "lookup"
EFETCH = "/entrez/eutils/efetch.fcgi"
DOI = "10.1136/bmj-2024-079971"
CROSSREF_PATH = f"/works/{DOI}/transform/application/vnd.citationstyles.csl+json"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Replay:
    with lookup_server(monkeypatch) as replay:
        yield replay


def _outline(tmp_path: Path) -> Path:
    target = tmp_path / "letter.toml"
    shutil.copy(ROOT / "examples" / "jama-letter-wang-2025.toml", target)
    return target


def test_pmid_sets_the_article_with_ncbi_parameters(server: Replay, tmp_path: Path) -> None:
    server.answer(EFETCH, (RECORDED / "efetch-39971346.txt").read_text())
    target = _outline(tmp_path)
    assert main(["import", "--pmid", "39971346", "--article", str(target)]) == 0
    article = load_outline(target).article
    assert article.pmid == "39971346" and article.doi == DOI
    assert article.authors[0] == "Wang, Xiaoqin"
    path, query, headers = server.seen[0]
    assert path == EFETCH
    assert query["db"] == ["pubmed"] and query["id"] == ["39971346"] and query["rettype"] == ["medline"]
    assert query["tool"] == ["rebuttal"] and query["email"]
    assert headers["User-Agent"].startswith("rebuttal/")


def test_several_pmids_in_one_request_to_a_library_folder(server: Replay, tmp_path: Path) -> None:
    server.answer(EFETCH, (RECORDED / "efetch-two.txt").read_text())
    folder = tmp_path / "society"
    assert main(["import", "--pmid", "32503359", "33990113", "--to", str(folder)]) == 0
    items = json.loads((folder / "references.json").read_text())
    assert sorted(item["PMID"] for item in items) == ["32503359", "33990113"]
    assert len(server.seen) == 1 and server.seen[0][1]["id"] == ["32503359,33990113"]


def test_doi_from_crossref(server: Replay, tmp_path: Path) -> None:
    server.answer(CROSSREF_PATH, (RECORDED / "crossref-10.1136_bmj-2024-079971.json").read_text())
    folder = tmp_path / "society"
    assert main(["import", "--doi", f"https://doi.org/{DOI}", "--to", str(folder)]) == 0
    (item,) = json.loads((folder / "references.json").read_text())
    assert item["DOI"] == DOI and item["container-title"] == "BMJ"
    assert item["issued"] == {"date-parts": [[2025, 2, 19]]}
    assert main(["build", str(ROOT / "examples" / "psps-wang-2025.toml"), "--library", str(folder),
                 "-o", str(tmp_path / "x.txt")]) == 0  # the library still loads


def test_answers_are_cached(server: Replay, tmp_path: Path) -> None:
    server.answer(EFETCH, (RECORDED / "efetch-39971346.txt").read_text())
    target = _outline(tmp_path)
    assert main(["import", "--pmid", "39971346", "--article", str(target)]) == 0
    server.answers.clear()  # the service is gone: the cache answers
    assert main(["import", "--pmid", "39971346", "--article", str(target)]) == 0
    assert len(server.seen) == 1


@pytest.mark.parametrize(("status", "words"), [(404, "not found"), (429, "Too Many Requests"),
                                              (500, "answered 500")])
def test_service_errors_are_one_line_and_write_nothing(
    server: Replay, tmp_path: Path, capsys: pytest.CaptureFixture[str], status: int, words: str
) -> None:
    server.answer(CROSSREF_PATH, "{}", status=status)
    target = _outline(tmp_path)
    before = target.read_bytes()
    assert main(["import", "--doi", DOI, "--article", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and "Traceback" not in err
    assert target.read_bytes() == before


def test_a_pmid_pubmed_does_not_know(
    server: Replay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.answer(EFETCH, (RECORDED / "efetch-39971346.txt").read_text())
    folder = tmp_path / "society"
    assert main(["import", "--pmid", "39971346", "99999999", "--to", str(folder)]) == 2
    assert "no record for PMID 99999999" in capsys.readouterr().err
    assert not folder.exists()


def test_no_network_and_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    monkeypatch.setenv("REBUTTAL_EUTILS_URL", f"http://127.0.0.1:{closed}")
    target = _outline(tmp_path)
    assert main(["import", "--pmid", "39971346", "--article", str(target)]) == 2
    assert "cannot reach 127.0.0.1" in capsys.readouterr().err
    with replay_server() as slow:
        slow.answer(EFETCH, "PMID- 1\n", delay=1.5)
        monkeypatch.setenv("REBUTTAL_EUTILS_URL", slow.url + "/entrez/eutils")
        monkeypatch.setattr("rebuttal.refs.web.TIMEOUT_SECONDS", 0.3)
        assert main(["import", "--pmid", "1", "--article", str(target)]) == 2
    assert "did not answer" in capsys.readouterr().err


def test_bad_identifiers_are_refused_before_any_request(
    server: Replay, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "--pmid", "12x"]) == 2
    assert main(["import", "--doi", "not-a-doi"]) == 2
    assert server.seen == []
    assert "is not a PubMed ID" in capsys.readouterr().err


def test_the_article_form_looks_the_pmid_up(server: Replay, builtin_library, tmp_path: Path) -> None:
    """F2, type the PMID, Ctrl+L: the article fields fill in from PubMed."""
    import asyncio

    from textual.widgets import Input

    from rebuttal.ui.app import make_app
    from rebuttal.ui.forms import DetailsScreen

    # The recorded answer, with two author keywords (OT) as PubMed gives them for many records.
    record = (RECORDED / "efetch-39971346.txt").read_text()
    record = record.replace("\nAB  - ", "\nOT  - Low back pain\nOT  - Sham\nAB  - ", 1)
    assert "OT  - Sham" in record
    server.answer(EFETCH, record)

    async def run() -> None:
        from textual.widgets import TextArea

        app = make_app(tmp_path / "new.toml", builtin_library, autosave_seconds=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, DetailsScreen)
            app.screen.query_one("#article-pmid", Input).value = "39971346"
            await pilot.press("ctrl+l")
            await wait_until(pilot, lambda: app.screen.query_one("#article-title", Input).value)
            assert app.screen.query_one("#article-title", Input).value.startswith("Common interventional")
            assert app.screen.query_one("#article-doi", Input).value == DOI
            # Ctrl+L fills the abstract and the keywords too: the ranking needs them.
            assert app.screen.query_one("#article-keywords", Input).value == "Low back pain; Sham"
            abstract = app.screen.query_one("#article-abstract", TextArea).text
            assert abstract.startswith("OBJECTIVE: To determine the benefits and harms of common")
            await pilot.press("ctrl+s")
            await pilot.pause()
            article = app.session.outline.article
            assert article.keywords == ["Low back pain", "Sham"] and article.abstract == abstract

    asyncio.run(run())
