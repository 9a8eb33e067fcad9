"""The long run of the DOCX property tests: mutated edited letters (merge) and templates (build).

    python3 bench/fuzz_docx.py [CASES]

Prints, for each, how many gave a result, how many were refused with our one-line error, and
every traceback (a traceback is a bug: the suite's short run is tests/test_docx_fuzz.py).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.docx_mutations import TEMPLATE, builds_cleanly, export, merges_cleanly, mutate_package


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    rng = random.Random(20261203)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="rebuttal-fuzz-docx-") as work:
        folder = Path(work)
        for name, seed, check in (
            ("merge", export(), lambda data: merges_cleanly(data, folder / "edited.docx")),
            ("template", TEMPLATE.read_bytes(), lambda data: builds_cleanly(data, folder)),
        ):
            counts = {"report": 0, "letter": 0, "error": 0, "traceback": 0}
            start = time.perf_counter()
            for case in range(cases):
                data = mutate_package(seed, random.Random(rng.getrandbits(32)), rng.randint(1, 6))
                try:
                    counts[check(data)] += 1
                except Exception:
                    counts["traceback"] += 1
                    kept = folder.parent / f"rebuttal-fuzz-{name}-{case}.docx"
                    kept.write_bytes(data)
                    print(f"{name} case {case}: traceback (input kept as {kept})\n{traceback.format_exc()}")
            failures += counts["traceback"]
            results = counts["report"] + counts["letter"]
            print(f"{name} fuzz: {cases} cases in {time.perf_counter() - start:.1f} s: {results} results, "
                  f"{counts['error']} refused with one line, {counts['traceback']} tracebacks")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
