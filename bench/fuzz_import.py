"""The long fuzz run of every import reader: mutated fixtures, 10,000 cases a format, 0 tracebacks.

Run:  python3 bench/fuzz_import.py            (--cases N, --seed S)

Each case mutates one of the import fixtures (tests/fixtures/import) with
insertions of tokens that mean something to the formats, deletions,
replacements and duplications, then imports it as ``rebuttal import`` would
read it. A case passes when it ends in items the bibliography loader
accepts (and what would be written loads again) or in our one-line
RebuttalError. Any other exception is printed with the input that caused it,
and the exit status is 1. The same property, with fewer cases, is
tests/test_import_fuzz.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.import_mutations import SEEDS, mutate, mutate_csl, seed_text  # noqa: E402
from tests.test_import_fuzz import imports_cleanly  # noqa: E402


def main() -> int:
    """Fuzz each format; return 1 when any case ended in a traceback."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="cases per format (default 10000)")
    parser.add_argument("--seed", type=int, default=12, help="random seed (default 12)")
    args = parser.parse_args()
    tracebacks = 0
    for fmt in sorted(SEEDS):
        rng = random.Random(f"{args.seed}-{fmt}")
        start, failures = time.perf_counter(), 0
        outcomes = {"items": 0, "error": 0}
        for case in range(args.cases):
            if fmt == "csl-json" and case % 2:
                text = mutate_csl(seed_text(fmt, case), rng, rng.randrange(1, 6))  # valid JSON, odd fields
            else:
                text = mutate(seed_text(fmt, case), rng, rng.randrange(1, 16))
            try:
                outcomes[imports_cleanly(text, fmt)] += 1
            except Exception:
                failures += 1
                if failures <= 3:
                    print(f"{fmt} case {case}: {text[:300]!r}", file=sys.stderr)
                    traceback.print_exc()
        tracebacks += failures
        print(f"{fmt:9} {args.cases} cases: {outcomes['items']} read, {outcomes['error']} refused "
              f"(one-line error), {failures} tracebacks  {time.perf_counter() - start:6.1f} s")
    print(f"total: {tracebacks} tracebacks")
    return 1 if tracebacks else 0


if __name__ == "__main__":
    raise SystemExit(main())
