"""Run every benchmark, one after the other, and print their figures.

Run:  python3 bench/all.py

Each script prints its own medians and targets; running them in sequence (not
in parallel) keeps them from competing for the machine's cores.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPTS = [
    "run.py", "bench_references.py", "bench_docx.py", "bench_check.py", "bench_app.py", "bench_import.py",
    "bench_merge.py", "bench_startup.py", "bench_lookup.py", "bench_library.py", "bench_relevance.py",
    "bench_overlap.py", "fault_import_concurrent.py", "fault_lookup.py",
]


def main() -> int:
    """Run each benchmark script; return non-zero if one failed."""
    here = Path(__file__).resolve().parent
    failed = 0
    for name in SCRIPTS:
        print(f"== {name}", flush=True)
        failed |= subprocess.run([sys.executable, str(here / name)], check=False).returncode != 0
        print(flush=True)
    return int(failed)


if __name__ == "__main__":
    raise SystemExit(main())
