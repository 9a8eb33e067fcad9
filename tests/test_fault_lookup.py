"""Look-ups against hostile or broken servers (issue 19 item 7): one line, bounded, nothing bad cached.

Each server misbehaves as tests/replay_server.py plays it: a captive portal's page,
another record, a trickle, a gzip bomb, an endless body, a 429, bytes that are not
UTF-8, JSON nested thousands deep.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.refs import lookup, web

from .conftest import FIXTURES, ROOT
from .replay_server import Replay, gzip_bomb, lookup_server

RECORDED = FIXTURES / "lookup"
EFETCH = "/entrez/eutils/efetch.fcgi"
DOI = "10.1136/bmj-2024-079971"
CROSSREF_PATH = f"/works/{DOI}/transform/application/vnd.citationstyles.csl+json"
PORTAL = "<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head><body>Sign in</body></html>"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Replay:
    with lookup_server(monkeypatch) as replay:
        yield replay


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    target = tmp_path / "letter.toml"
    shutil.copy(ROOT / "examples" / "jama-letter-wang-2025.toml", target)
    return target


def _cached() -> list[Path]:
    folder = lookup.cache_folder()
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_a_captive_portal_page_is_not_kept_and_the_retry_gets_the_record(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.answer(EFETCH, PORTAL, headers={"Content-Type": "text/html; charset=utf-8"})
    server.answer(EFETCH, (RECORDED / "efetch-39971346.txt").read_text(), then=True)
    before = outline.read_bytes()
    assert main(["import", "--pmid", "39971346", "--article", str(outline)]) == 2
    assert "answered with a web page" in _one_line(capsys)
    assert outline.read_bytes() == before and _cached() == []
    assert main(["import", "--pmid", "39971346", "--article", str(outline)]) == 0
    assert 'pmid = "39971346"' in outline.read_text() and len(server.seen) == 2
    assert len(_cached()) == 1


def test_an_html_page_without_its_content_type_is_recognised(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.answer(CROSSREF_PATH, PORTAL, headers={"Content-Type": "application/json"})
    assert main(["import", "--doi", DOI, "--article", str(outline)]) == 2
    assert "web page" in _one_line(capsys) and _cached() == []


def test_another_record_is_not_kept(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.loads((RECORDED / "crossref-10.1136_bmj-2024-079971.json").read_text())
    server.answer(CROSSREF_PATH, json.dumps({**record, "DOI": "10.1000/other"}))
    assert main(["import", "--doi", DOI, "--article", str(outline)]) == 2
    assert "another work (DOI 10.1000/other)" in _one_line(capsys) and _cached() == []
    server.answer(CROSSREF_PATH, json.dumps(record))
    assert main(["import", "--doi", DOI, "--article", str(outline)]) == 0
    assert len(server.seen) == 2


def test_a_medline_answer_without_the_pmid_is_not_kept(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.answer(EFETCH, (RECORDED / "efetch-39971346.txt").read_text())
    assert main(["import", "--pmid", "12345", "--article", str(outline)]) == 2
    assert "no record for PMID 12345" in _one_line(capsys) and _cached() == []
    server.answer(EFETCH, "Error occurred: the backend is down\n")
    assert main(["import", "--pmid", "39971346", "--article", str(outline)]) == 2
    assert "not MEDLINE text" in _one_line(capsys) and _cached() == []


def test_a_bad_answer_kept_by_an_older_version_is_asked_for_again(server: Replay, outline: Path) -> None:
    server.answer(EFETCH, PORTAL)
    with pytest.raises(Exception):  # noqa: B017 - only to learn the cache file's name
        lookup.fetch_pubmed(["39971346"])
    server.answer(EFETCH, (RECORDED / "efetch-39971346.txt").read_text())
    lookup.fetch_pubmed(["39971346"])
    (kept,) = _cached()
    kept.write_text(PORTAL, encoding="utf-8")  # what the cache held before answers were checked
    assert main(["import", "--pmid", "39971346", "--article", str(outline)]) == 0
    assert len(server.seen) == 3 and "PMID- 39971346" in kept.read_text()


def test_a_trickling_server_ends_at_the_deadline(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "DEADLINE_SECONDS", 1.0)
    server.answer(EFETCH, (RECORDED / "efetch-39971346.txt").read_text(), trickle=0.1)  # ~10 minutes
    started = time.monotonic()
    assert main(["import", "--pmid", "39971346", "--article", str(outline)]) == 2
    elapsed = time.monotonic() - started
    assert "did not answer within 1 s" in _one_line(capsys)
    assert elapsed < 5 and _cached() == []


def test_a_slow_first_byte_ends_at_the_deadline_too(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "DEADLINE_SECONDS", 0.5)
    server.answer(EFETCH, "PMID- 1\n", delay=3)  # each read is within httpx's timeout; the whole is not
    started = time.monotonic()
    assert main(["import", "--pmid", "1", "--article", str(outline)]) == 2
    elapsed = time.monotonic() - started
    assert "did not answer within 0.5 s" in _one_line(capsys) and elapsed < 2


def test_a_body_larger_than_any_record_is_refused_unread(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "MAX_BODY_BYTES", 1024 * 1024)
    server.answer(CROSSREF_PATH, b"[" + b" " * (2 * 1024 * 1024) + b"]")
    assert main(["import", "--doi", DOI, "--article", str(outline)]) == 2
    assert "sent more than 1 MB" in _one_line(capsys) and _cached() == []


def test_an_endless_chunked_body_stops_at_the_cap(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web, "MAX_BODY_BYTES", 1024 * 1024)
    server.answer(CROSSREF_PATH, b"x" * 65536, endless=True)
    assert main(["import", "--doi", DOI, "--article", str(outline)]) == 2
    assert "sent more than 1 MB" in _one_line(capsys) and _cached() == []


def test_a_gzip_bomb_is_inflated_only_up_to_the_cap(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = gzip_bomb(100 * 1024 * 1024)  # 100 MB of zeros in about 100 kB
    server.answer(CROSSREF_PATH, bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        assert main(["import", "--doi", DOI, "--article", str(outline)]) == 2
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"sent more than {web.MAX_BODY_BYTES // 2**20} MB" in _one_line(capsys)
    assert peak < 3 * web.MAX_BODY_BYTES  # never the 100 MB the bomb holds


def test_a_gzipped_record_is_read(server: Replay, outline: Path) -> None:
    import gzip

    record = (RECORDED / "crossref-10.1136_bmj-2024-079971.json").read_bytes()
    server.answer(CROSSREF_PATH, gzip.compress(record), headers={"Content-Encoding": "gzip"})
    assert main(["import", "--doi", DOI, "--article", str(outline)]) == 0


@pytest.mark.parametrize(("retry_after", "words"), [("120", "try again in 2 minutes"),
                                                    ("30", "try again in 30 seconds"),
                                                    ("", "try again in a minute")])
def test_retry_after_is_in_the_message(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str], retry_after: str, words: str
) -> None:
    headers = {"Retry-After": retry_after} if retry_after else {}
    server.answer(CROSSREF_PATH, "slow down", status=429, headers=headers)
    assert main(["import", "--doi", DOI, "--article", str(outline)]) == 2
    assert words in _one_line(capsys)


def test_retry_after_as_a_date() -> None:
    now = dt.datetime(2025, 3, 12, 9, 0, 0, tzinfo=dt.UTC)
    assert web.retry_after("Wed, 12 Mar 2025 09:03:00 GMT", now) == 180
    assert web.retry_after("Wed, 12 Mar 2025 08:00:00 GMT", now) == 0
    assert web.retry_after("soon", now) is None


def test_bytes_that_are_not_utf8_are_refused_not_replaced(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = (RECORDED / "efetch-39971346.txt").read_bytes().replace(b"Wang", b"W\xff\xfeng", 1)
    server.answer(EFETCH, record, headers={"Content-Type": "text/plain; charset=UTF-8"})
    before = outline.read_bytes()
    assert main(["import", "--pmid", "39971346", "--article", str(outline)]) == 2
    assert "not utf-8 text" in _one_line(capsys)
    assert outline.read_bytes() == before and _cached() == []


def test_a_declared_charset_is_honoured(server: Replay, outline: Path) -> None:
    record = (RECORDED / "efetch-39971346.txt").read_text().replace("Wang, Xiaoqin", "Wång, Xiaoqin")
    server.answer(EFETCH, record.encode("latin-1", "replace"),
                  headers={"Content-Type": "text/plain; charset=ISO-8859-1"})
    assert main(["import", "--pmid", "39971346", "--article", str(outline)]) == 0
    assert "Wång" in outline.read_text(encoding="utf-8")


def test_deeply_nested_crossref_json_is_refused_and_not_kept(
    server: Replay, outline: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.answer(CROSSREF_PATH, f'{{"DOI": "{DOI}", "x": {"[" * 5000}{"]" * 5000}}}')
    assert main(["import", "--doi", DOI, "--article", str(outline)]) == 2
    assert "nested too deeply" in _one_line(capsys) and _cached() == []
