"""Fault bench: `rebuttal import --doi/--pmid` against hostile servers, at full size and real time.

Run:  python3 bench/fault_lookup.py [--skip-trickle]

The tests (tests/test_fault_lookup.py) play these servers small and fast; this
plays them as issue 19 found them, each against `rebuttal import` in a fresh
process, with the defaults (a 30 s deadline, a 10 MB cap):

* a server trickling its answer a byte every 2 s (about 40 minutes for the
  record): the time until the one line (target: within 45 s);
* a gzip bomb inflating to 1 GB, a 200 MB body, an endless chunked body: the
  time and the process's peak memory (max RSS) until the one line;
* a captive portal's HTML page, then the real record: the first run's line, and
  whether the second run (the retry) imports the record.

Exit status 1 when a run does not end in one line with exit status 2 (or the
retry fails), or the trickle takes 45 s or more.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "jama-letter-wang-2025.toml"
RECORDED = ROOT / "tests" / "fixtures" / "lookup"
DOI = "10.1136/bmj-2024-079971"
CROSSREF_PATH = f"/works/{DOI}/transform/application/vnd.citationstyles.csl+json"
EFETCH = "/eutils/efetch.fcgi"
PORTAL = "<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head><body>Sign in</body></html>"


def rebuttal() -> list[str]:
    script = Path(sys.executable).parent / "rebuttal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rebuttal"]


def run(arguments: list[str], env: dict[str, str]) -> tuple[int, str, float, float]:
    """Exit status, stderr, seconds and the peak memory (MB) of one `rebuttal` process."""
    started = time.perf_counter()
    child = subprocess.Popen([*rebuttal(), *arguments], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not every child's
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    return child.returncode, stderr.strip(), elapsed, usage.ru_maxrss / 1024


def serve(case: str) -> None:
    """Play one hostile server until stdin closes (run in its own process, so that the bodies it
    holds do not count in the peak memory of the `rebuttal` processes the bench starts)."""
    from tests.replay_server import gzip_bomb, replay_server

    record = (RECORDED / "crossref-10.1136_bmj-2024-079971.json").read_bytes()
    replies = {
        "trickle": dict(body=record, trickle=2.0),
        "bomb": dict(body=gzip_bomb(1024**3), headers={"Content-Encoding": "gzip"}),
        "large": dict(body=b"[" + b" " * (200 * 1024**2) + b"]"),
        "endless": dict(body=b"x" * 65536, endless=True),
    }
    with replay_server() as replay:
        if case == "portal":
            replay.answer(EFETCH, PORTAL, headers={"Content-Type": "text/html"})
            replay.answer(EFETCH, (RECORDED / "efetch-39971346.txt").read_bytes(), then=True)
        else:
            replay.answer(CROSSREF_PATH, **replies[case])  # type: ignore[arg-type]
        print(replay.url, flush=True)
        sys.stdin.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-trickle", action="store_true", help="leave out the 30-45 s trickle")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve(options.serve)
        return 0
    good = True
    cases = [("trickle", "trickle, a byte every 2 s"), ("bomb", "gzip bomb, 1 GB inflated"),
             ("large", "200 MB body"), ("endless", "endless chunked body")]
    if options.skip_trickle:
        cases = cases[1:]
    with tempfile.TemporaryDirectory(prefix="rebuttal-fault-lookup-") as scratch:
        work = Path(scratch)
        outline = work / "letter.toml"
        shutil.copy(EXAMPLE, outline)
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data")}
        for case, name in cases:
            with _server(case, env) as url:
                env.update(REBUTTAL_EUTILS_URL=f"{url}/eutils", REBUTTAL_CROSSREF_URL=url)
                status, stderr, seconds, peak = run(["import", "--doi", DOI, "--article", str(outline)], env)
            one_line = status == 2 and len(stderr.splitlines()) == 1
            if not one_line or (case == "trickle" and seconds >= 45):
                good = False
            print(f"{name:26} exit {status}, {seconds:5.1f} s, peak {peak:4.0f} MB: {stderr}")
        with _server("portal", env) as url:
            env.update(REBUTTAL_EUTILS_URL=f"{url}/eutils", REBUTTAL_CROSSREF_URL=url)
            by_pmid = ["import", "--pmid", "39971346", "--article", str(outline)]
            status, stderr, seconds, _ = run(by_pmid, env)
            print(f"{'captive portal page':26} exit {status}, {seconds:5.1f} s: {stderr}")
            retry, retry_err, seconds, _ = run(by_pmid, env)
            print(f"{'then the retry':26} exit {retry}, {seconds:5.1f} s: {retry_err}")
        good = good and status == 2 and retry == 0 and 'pmid = "39971346"' in outline.read_text()
    print("all as expected" if good else "NOT as expected")
    return 0 if good else 1


@contextlib.contextmanager
def _server(case: str, env: dict[str, str]) -> Iterator[str]:
    server = subprocess.Popen([sys.executable, __file__, "--serve", case], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    assert server.stdout is not None and server.stdin is not None
    try:
        yield server.stdout.readline().strip()
    finally:
        server.stdin.close()
        server.wait()


if __name__ == "__main__":
    raise SystemExit(main())
