"""Fault bench: concurrent `rebuttal import --to` into one library folder loses nothing.

Run:  python3 bench/fault_import_concurrent.py [--processes 4] [--entries 5] [--rounds 10]

Each round starts PROCESSES `rebuttal import FILE --to LIB` at once, each FILE
holding ENTRIES references no other file has (own DOI, own title), all into the
same folder LIB, which keeps what earlier rounds added. After each round it
counts the entries in LIB/references.json against what the processes were
given, and says whether every process exited 0. The library's references.json
is read, changed and written by every import; without a lock around that
(issue 19 item 1) processes overwrite each other's entries (4 processes lost 40
of 200 on main before the lock).

Target (issue 19): 4 processes x 5 entries, 10 rounds: 0 entries lost. The
cache and user folders point into a temporary folder, so nothing of yours is
touched. Exit status 1 when any entry was lost or any process failed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def entries(round_number: int, process: int, count: int) -> list[dict[str, object]]:
    """``count`` CSL-JSON items no other (round, process) has."""
    return [
        {
            "id": f"r{round_number}p{process}e{entry}",
            "type": "article-journal",
            "title": f"Study {entry} of process {process} in round {round_number}",
            "author": [{"family": f"Author{process}", "given": "A"}],
            "container-title": "Journal of Concurrency",
            "issued": {"date-parts": [[2000 + round_number]]},
            "DOI": f"10.5555/r{round_number}.p{process}.e{entry}",
        }
        for entry in range(count)
    ]


def command() -> list[str]:
    """The console script beside this Python when installed, else the module."""
    script = Path(sys.executable).parent / "rebuttal"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rebuttal"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--entries", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=10)
    options = parser.parse_args()
    lost_total = failed_total = 0
    with tempfile.TemporaryDirectory(prefix="rebuttal-concurrent-") as scratch:
        root = Path(scratch)
        env = dict(os.environ, XDG_CACHE_HOME=str(root / "cache"), XDG_DATA_HOME=str(root / "data"),
                   REBUTTAL_LIBRARY="")
        library = root / "library"
        expected: set[str] = set()
        started = time.perf_counter()
        for round_number in range(1, options.rounds + 1):
            files = []
            for process in range(options.processes):
                items = entries(round_number, process, options.entries)
                expected.update(str(item["DOI"]) for item in items)
                path = root / f"round{round_number}-process{process}.json"
                path.write_text(json.dumps(items), encoding="utf-8")
                files.append(path)
            running = [
                subprocess.Popen([*command(), "import", str(path), "--to", str(library)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                for path in files
            ]
            failures = []
            for child in running:
                _, stderr = child.communicate()
                if child.returncode != 0:
                    last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
                    failures.append(last or f"exit {child.returncode}")
            held = {item.get("DOI") for item in json.loads((library / "references.json").read_text("utf-8"))}
            lost = len(expected - held)  # all rounds so far: a later round may lose an earlier entry
            lost_total = lost
            failed_total += len(failures)
            print(f"round {round_number:2}: {options.processes} processes x {options.entries} entries; "
                  f"library holds {len(held & expected)} of {len(expected)} given so far; missing {lost}; "
                  f"failed processes {len(failures)}" + (f" ({failures[0]})" if failures else ""))
        elapsed = time.perf_counter() - started
        leftovers = sorted(path.name for path in library.iterdir() if path.name.startswith("."))
    print(f"total: {len(expected)} entries imported by {options.processes * options.rounds} processes "
          f"in {elapsed:.1f} s; lost {lost_total}; failed processes {failed_total}; "
          f"files left beside references.json: {leftovers or 'none'}")
    return 1 if lost_total or failed_total else 0


if __name__ == "__main__":
    sys.exit(main())
