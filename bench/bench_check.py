"""Benchmark: the check rules and fitting, on the example letter.

Run:  python3 bench/bench_check.py [--runs N]

Prints medians (warm, one process) of
  * run_checks: every rule on an assembled letter (what the app's status line
    pays after each edit, on top of assembly);
  * check: assemble_for_check + run_checks (what `rebuttal check` does after loading);
  * fit to 400 words: fit_to_limit with the JAMA limit (re-assembles once per switch);
  * cli: a whole `rebuttal check --venue jama-letter` in a fresh process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

from timing import median_ms

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
sys.path.insert(0, str(ROOT))

from rebuttal.letter.checks import assemble_for_check, run_checks  # noqa: E402
from rebuttal.letter.fit import fit_to_limit  # noqa: E402
from rebuttal.letter.outline import load_outline  # noqa: E402
from rebuttal.letter.venue_choice import resolve_venue  # noqa: E402
from rebuttal.library.stack import builtin_folder, load_library  # noqa: E402

TODAY = dt.date(2025, 3, 10)


def main() -> None:
    """Print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    library = load_library([builtin_folder()])
    outline = load_outline(EXAMPLE)
    venue = resolve_venue(library, outline, "jama-letter")
    document = assemble_for_check(library, outline, today=TODAY)
    figures = {
        "run_checks": median_ms(lambda: run_checks(library, outline, document, venue, today=TODAY), runs),
        "check": median_ms(
            lambda: run_checks(
                library, outline, assemble_for_check(library, outline, today=TODAY), venue, today=TODAY
            ),
            runs,
        ),
        "fit to 400 words": median_ms(
            lambda: fit_to_limit(library, outline, 400, today=TODAY), max(3, runs // 4)
        ),
        "cli (fresh process)": median_ms(
            lambda: subprocess.run(
                [sys.executable, "-m", "rebuttal", "check", "--venue", "jama-letter", str(EXAMPLE)],
                cwd=ROOT, capture_output=True, check=False,
            ),
            max(3, runs // 4),
        ),
    }
    for name, value in figures.items():
        print(f"{name:22} median {value:8.1f} ms")


if __name__ == "__main__":
    main()
