"""Benchmark: `rebuttal import --pmid` with its answer cached, against importing the same record from a file.

Run:  python3 bench/bench_lookup.py [--runs N]

A local server replays PubMed's recorded answer (tests/replay_server.py), so
no run needs the internet. Each run is a fresh process, as a person runs it:
`rebuttal import --pmid 39971346 --article letter.toml` with the answer in the
user cache folder (the first, uncached look-up is timed once, apart), and
`rebuttal import wang2025.nbib --article letter.toml`, the same record read
from a file, alternating so both see the same machine.
Target (issue 12): a cached --pmid look-up, median <= 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from timing import timed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
RECORD = ROOT / "tests" / "fixtures" / "import" / "wang2025.nbib"
RECORDED = ROOT / "tests" / "fixtures" / "lookup" / "efetch-39971346.txt"  # PubMed's answer
TARGET_SECONDS = 0.3
sys.path.insert(0, str(ROOT))


def rebuttal() -> list[str]:
    """The console script beside this Python when installed, else the module."""
    script = Path(sys.executable).parent / "rebuttal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rebuttal"]


def main() -> int:
    """Print the medians and their ratio; exit 1 when the target is missed."""
    from tests.replay_server import replay_server

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        outline = work / "letter.toml"
        shutil.copy(EXAMPLE, outline)
        with replay_server() as replay:
            replay.answer("/eutils/efetch.fcgi", RECORDED.read_text(encoding="utf-8"))
            env = {
                **os.environ, "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data"),
                "REBUTTAL_EUTILS_URL": f"{replay.url}/eutils", "REBUTTAL_CROSSREF_URL": replay.url,
            }
            lookup = [*rebuttal(), "import", "--pmid", "39971346", "--article", str(outline)]
            from_file = [*rebuttal(), "import", str(RECORD), "--article", str(outline)]
            uncached = timed(lookup, env=env)
            asked = len(replay.seen)
            cached_times, file_times = [], []
            for _ in range(runs):
                cached_times.append(timed(lookup, env=env))
                file_times.append(timed(from_file, env=env))
            if len(replay.seen) != asked:
                raise SystemExit("a cached look-up asked the server again")
    cached, read = statistics.median(cached_times), statistics.median(file_times)
    print(f"import --pmid, first (uncached, local replay server): {uncached * 1000:7.1f} ms")
    print(f"import --pmid, cached, median of {runs}:               {cached * 1000:7.1f} ms "
          f"(target <= {TARGET_SECONDS * 1000:.0f} ms)")
    print(f"import wang2025.nbib (same record from a file), median: {read * 1000:7.1f} ms")
    print(f"ratio cached look-up / file import:                   {cached / read:7.2f}")
    return 0 if cached <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
