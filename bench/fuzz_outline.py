"""The long run of the outline property test: 10,000 mutated outlines, 0 tracebacks expected.

    python3 bench/fuzz_outline.py [CASES]

Prints how many loaded, how many were refused with our one-line error, and every
traceback (a traceback is a bug: the suite's short run is tests/test_outline_fuzz.py).
"""

from __future__ import annotations

import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rebuttal.library.stack import builtin_folder, load_library
from tests.outline_fuzz import SEEDS, loads_cleanly, mutate


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    fixtures = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "library"
    library = load_library([builtin_folder(), fixtures])
    rng = random.Random(20261125)
    counts = {"letter": 0, "error": 0, "traceback": 0}
    start = time.perf_counter()
    for case in range(cases):
        text = mutate(SEEDS[case % len(SEEDS)], random.Random(rng.getrandbits(32)), rng.randint(1, 12))
        try:
            counts[loads_cleanly(text, library)] += 1
        except Exception:
            counts["traceback"] += 1
            print(f"case {case}: traceback\n{traceback.format_exc()}\n--- input ---\n{text[:2000]}\n")
    seconds = time.perf_counter() - start
    print(f"outline fuzz: {cases} cases in {seconds:.1f} s: {counts['letter']} letters, "
          f"{counts['error']} refused with one line, {counts['traceback']} tracebacks")
    return 1 if counts["traceback"] else 0


if __name__ == "__main__":
    sys.exit(main())
