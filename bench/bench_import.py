"""Benchmark: `rebuttal import` of real BibTeX exports.

Run:  python3 bench/bench_import.py [--runs N]

Two files from the import corpus (tests/fixtures/corpus): the first 1,000
entries of the 7,166-entry Zotero export, and the whole export. For each it
prints the median wall time of

* the whole command, ``rebuttal import FILE --to DIR`` into an empty folder,
  in a fresh process each run (as a user runs it: start-up, library, reading,
  checks, writing references.json);
* reading alone, in-process (the reader, LaTeX decoding and the import policy);
* bibtexparser 2.x reading the same text, with and without its LaTeX-decoding
  middleware, when it is installed (a yardstick, not a dependency).

Targets (issue 12): 1,000 entries <= 1 s, the 7,166-entry export <= 3 s (the
whole command's median). Runs alternate between the measurements so all see
the same machine.
"""

from __future__ import annotations

import argparse
import lzma
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZOTERO = ROOT / "tests" / "fixtures" / "corpus" / "bib" / "bbt_zotero_7166.bib.xz"
TARGETS = {"zotero-1000.bib": 1.0, "zotero-7166.bib": 3.0}
sys.path.insert(0, str(ROOT))


def first_entries(text: str, count: int) -> str:
    """The text up to the ``count + 1``-th entry (entries start with ``@`` at a line start)."""
    starts = [match.start() for match in re.finditer(r"^@", text, flags=re.MULTILINE)]
    return text[: starts[count]] if len(starts) > count else text


def command_run(path: Path, work: Path, run: int) -> float:
    """Wall time of one ``rebuttal import`` in a fresh process, into an empty folder."""
    target = work / f"lib-{path.stem}-{run}"
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"), XDG_DATA_HOME=str(work / "data"))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rebuttal", "import", str(path), "--to", str(target)],
                          env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"rebuttal import failed: {done.stderr.strip()}")
    return elapsed


def reading_run(path: Path) -> float:
    """Wall time of reading the file in-process (reader, decoding, policy)."""
    from rebuttal.refs.importers import latex, read_import

    latex._decode.cache_clear()  # each run decodes from scratch, as a fresh process does
    latex.latex_to_text.cache_clear()
    start = time.perf_counter()
    read_import(path)
    return time.perf_counter() - start


def bibtexparser_runs() -> dict[str, Callable[[str], object]]:
    """bibtexparser 2.x readers (plain, and decoding LaTeX) when installed."""
    try:
        import bibtexparser
        from bibtexparser import middlewares
    except ImportError:
        return {}
    if not hasattr(bibtexparser, "parse_string"):
        return {}  # bibtexparser 1.x has another interface
    return {
        "bibtexparser 2.x": lambda text: bibtexparser.parse_string(text),
        "bibtexparser 2.x + LaTeX decoding": lambda text: bibtexparser.parse_string(
            text, append_middleware=[middlewares.LatexDecodingMiddleware()]),
    }


def main() -> int:
    """Print the medians; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    args = parser.parse_args()
    full = lzma.decompress(ZOTERO.read_bytes()).decode("utf-8")
    others = bibtexparser_runs()
    missed = False
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        files = {"zotero-1000.bib": first_entries(full, 1000), "zotero-7166.bib": full}
        for name, text in files.items():
            path = work / name
            path.write_text(text, encoding="utf-8")
            samples: dict[str, list[float]] = {"command": [], "reading": [], **{key: [] for key in others}}
            for run in range(args.runs):
                samples["command"].append(command_run(path, work, run))
                samples["reading"].append(reading_run(path))
                for key, parse in others.items():
                    start = time.perf_counter()
                    parse(text)
                    samples[key].append(time.perf_counter() - start)
            entries = text.count("\n@") + text.startswith("@")
            target = TARGETS[name]
            command = statistics.median(samples["command"])
            missed |= command > target
            print(f"{name} ({entries} entries, {len(text) / 1e6:.1f} MB), median of {args.runs}:")
            print(f"  rebuttal import (whole command)    {command:6.2f} s   target <= {target:.0f} s  "
                  f"ratio {command / target:.2f}  {'ok' if command <= target else 'MISSED'}")
            reading = statistics.median(samples["reading"])
            print(f"  reading in-process                 {reading:6.2f} s")
            for key in others:
                other = statistics.median(samples[key])
                print(f"  {key:34} {other:6.2f} s   ours/theirs (reading) {reading / other:.2f}")
    if not others:
        print("(bibtexparser 2.x is not installed: no yardstick)")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
