"""Benchmark: what the ``overlap`` rule adds to ``rebuttal check`` with 1,000 letters on record.

Run:  python3 bench/bench_overlap.py [--letters 1000] [--runs 20]

Makes a library folder whose ``letters/`` holds synthetic letters built from the shipped blocks (10 to
16 blocks each, full or short wording, a few words changed so no two are alike), then prints medians,
measured side by side in one process on the example letter against the JAMA venue:

  * run_checks without letters on record, and with them (the index warm): the difference is the rule's
    cost (target: at most 0.2 s);
  * the overlap rule alone, warm;
  * the first check after the index is deleted (it is rebuilt from the letters: paid once);
  * a whole ``rebuttal check`` in a fresh process, without and with the letters (alternated), and the
    median of the differences.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import median_ms

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
sys.path.insert(0, str(ROOT))
TODAY = dt.date(2025, 3, 10)
TARGET_MS = 200.0


def make_letters(folder: Path, count: int) -> None:
    """``count`` synthetic letters on record in ``folder/letters`` (records and texts)."""
    from rebuttal.library.stack import builtin_folder, load_library

    blocks = [b for b in load_library([builtin_folder()]).blocks.values() if b.kind != "signature"]
    vocabulary = sorted({w for b in blocks for w in re.findall(r"[a-z]+", b.text)})
    letters = folder / "letters"
    letters.mkdir(parents=True)
    rng = random.Random(22)
    authors = ["Wang", "Smith", "Garcia", "Chen", "Okafor", "Novak", "Haddad", "Lindqvist"]
    for number in range(count):
        sent = dt.date(2015, 1, 1) + dt.timedelta(days=number * 3)
        chosen = rng.sample(blocks, rng.randint(10, 16))
        parts = []
        for block in chosen:
            text = block.short if block.short and rng.random() < 0.4 else block.text
            words = re.sub(r"\[@[^\]]*\]|\*+|\{[a-z_.]+\}", " ", text).split()
            for _ in range(len(words) // 40):  # a word changed here and there
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            parts.append(" ".join(words))
        name = f"{sent.isoformat()}-{authors[number % len(authors)].lower()}-{number}"
        (letters / f"{name}.txt").write_text("\n\n".join(parts) + "\n")
        (letters / f"{name}.toml").write_text(
            f'title = "Letter to the Editor"\nvenue = "bmj-rapid-response"\nsent = {sent.isoformat()}\n'
            f'status = "published"\n\n[target]\nfirst_author = "{authors[number % len(authors)]}"\n'
            f'year = "{sent.year}"\ndoi = "10.1000/synthetic.{number}"\n'
        )


def main() -> None:
    """Print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rebuttal-bench-overlap-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    try:
        run(work, options.letters, options.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, count: int, runs: int) -> None:
    from rebuttal.letter.check_overlap import overlap_rule
    from rebuttal.letter.checks import assemble_for_check, resolve_venue, run_checks
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import builtin_folder, load_library
    from rebuttal.record.overlap import index_path

    empty, recorded = work / "empty", work / "recorded"
    empty.mkdir()
    start = time.perf_counter()
    make_letters(recorded, count)
    print(f"made {count} synthetic letters in {time.perf_counter() - start:.1f} s")
    outline = load_outline(EXAMPLE)
    without = load_library([builtin_folder(), empty])
    with_letters = load_library([builtin_folder(), recorded])
    venue = resolve_venue(without, outline, "jama-letter")
    document = assemble_for_check(without, outline, today=TODAY)

    start = time.perf_counter()
    first = overlap_rule(with_letters, outline, document, venue)
    cold_ms = (time.perf_counter() - start) * 1000
    print(f"example letter: overlap {first.found}% ({first.detail[:90]}...)")

    def cold() -> None:
        index_path(with_letters.folders).unlink()
        overlap_rule(with_letters, outline, document, venue)

    figures = {
        "run_checks, no letters": median_ms(
            lambda: run_checks(without, outline, document, venue, today=TODAY), runs),
        f"run_checks, {count} letters": median_ms(
            lambda: run_checks(with_letters, outline, document, venue, today=TODAY), runs),
        "overlap rule alone (warm)": median_ms(
            lambda: overlap_rule(with_letters, outline, document, venue), runs),
        "index rebuilt (first check)": min(cold_ms, median_ms(cold, 3)),
    }
    cli = [sys.executable, "-m", "rebuttal", "check", "--venue", "jama-letter", str(EXAMPLE), "--library"]
    pairs = []
    for _ in range(runs):  # alternated, so that the machine's load falls on both alike
        times = []
        for folder in (empty, recorded):
            start = time.perf_counter()
            subprocess.run([*cli, str(folder)], cwd=ROOT, capture_output=True, check=False)
            times.append((time.perf_counter() - start) * 1000)
        pairs.append(times)
    figures["cli, no letters"] = statistics.median(pair[0] for pair in pairs)
    figures[f"cli, {count} letters"] = statistics.median(pair[1] for pair in pairs)
    figures["cli, difference per pair"] = statistics.median(pair[1] - pair[0] for pair in pairs)
    for name, value in figures.items():
        print(f"{name:30} median {value:8.1f} ms")
    added = figures[f"run_checks, {count} letters"] - figures["run_checks, no letters"]
    added_cli = figures["cli, difference per pair"]
    ratio = figures[f"run_checks, {count} letters"] / figures["run_checks, no letters"]
    verdict = "within" if added <= TARGET_MS and added_cli <= TARGET_MS else "OVER"
    print(f"added by the overlap rule: {added:.1f} ms in process (ratio {ratio:.2f}), {added_cli:.1f} ms per "
          f"`rebuttal check`; target at most {TARGET_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
