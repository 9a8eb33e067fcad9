"""Entries read per corpus file: our readers beside bibtexparser 2.x and rispy, when installed.

Run:  python3 bench/corpus_compare.py

For each file of tests/fixtures/corpus: the entries our import keeps and skips
(and its reading time), and the entries bibtexparser 2.x (BibTeX) or rispy
(RIS) return, with their failed blocks. Neither library is a dependency of
rebuttal; a column is left out when its library is not installed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_import_corpus import EXPECTED, FORMATS, corpus_text  # noqa: E402


def theirs(name: str, text: str) -> str:
    """What bibtexparser 2.x or rispy make of ``text``, as a short cell."""
    fmt = FORMATS[Path(name).suffix]
    try:
        if fmt == "bibtex":
            import bibtexparser

            library = bibtexparser.parse_string(text)
            return f"bibtexparser {len(library.entries)} ({len(library.failed_blocks)} failed)"
        if fmt == "ris":
            import rispy

            return f"rispy {len(rispy.loads(text))}"
    except ImportError:
        return "-"
    except Exception as error:  # a yardstick that fails is reported, not fatal
        return f"{type(error).__name__}"
    return "-"


def main() -> int:
    """Print one line per corpus file."""
    from rebuttal.refs.importers import import_text

    print(f"{'file':42} {'ours: kept/skipped':>18} {'time':>7}  other reader")
    for name, *_ in EXPECTED:
        text = corpus_text(name)
        start = time.perf_counter()
        result = import_text(text, Path(name), FORMATS[Path(name).suffix])
        elapsed = time.perf_counter() - start
        ours = f"{len(result.items)}/{len(result.skipped)}"
        print(f"{name:42} {ours:>18} {elapsed:6.2f}s  {theirs(name, text)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
