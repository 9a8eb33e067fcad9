"""Benchmark: formatting the example letter's 14 references, cold and warm.

Run: ``python bench/bench_references.py`` (prints medians; ``--runs N``).

* in-process: ``format_entries`` with an empty cache (citeproc-py runs,
  style parsed) and with a warm cache (no citeproc at all);
* whole commands, each in a fresh process: ``rebuttal refs`` and
  ``rebuttal build -o letter.txt`` with an empty cache and a warm one;
* the yardstick: pandoc ``--citeproc`` on the same 14 references with the
  same CSL style, when pandoc is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import median_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
sys.path.insert(0, str(ROOT))


def time_in_process(runs: int, cache_root: Path) -> tuple[list[float], list[float]]:
    """Cold (empty cache, style not yet parsed) and warm formatting of the 14 cited items."""
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import builtin_folder, load_library
    from rebuttal.refs.csl import engine
    from rebuttal.refs.styles import get_style

    document = assemble(load_library([builtin_folder()]), load_outline(EXAMPLE))
    items = [reference.item for reference in document.references]
    style = get_style("nlm")
    cold, warm = [], []
    for run in range(runs):
        os.environ["XDG_CACHE_HOME"] = str(cache_root / f"in-process-{run}")
        engine.load_style.cache_clear()
        start = time.perf_counter()
        style.format_entries(items)
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        style.format_entries(items)
        warm.append(time.perf_counter() - start)
    return cold, warm


def time_command(command: list[str], runs: int, cache_root: Path, *, cold: bool, cwd: Path) -> list[float]:
    """Wall time of ``command`` in fresh processes, with an empty or a warm reference cache."""
    samples = []
    cache_root.mkdir(parents=True, exist_ok=True)
    cache_root = Path(tempfile.mkdtemp(dir=cache_root))  # Nothing shared with other measurements.
    for run in range(runs + 1):
        env = dict(os.environ, XDG_CACHE_HOME=str(cache_root / (f"cold-{run}" if cold else "warm")))
        start = time.perf_counter()
        subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
        if run or cold:  # The first warm run only fills the cache.
            samples.append(time.perf_counter() - start)
    return samples[:runs]


def pandoc_command(folder: Path) -> list[str] | None:
    """pandoc --citeproc over the same 14 references and the same NLM style."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import builtin_folder, load_library
    from rebuttal.refs.styles import get_style

    document = assemble(load_library([builtin_folder()]), load_outline(EXAMPLE))
    items = [dict(reference.item, id=reference.key) for reference in document.references]
    (folder / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    cites = "; ".join(f"@{item['id']}" for item in items)
    (folder / "letter.md").write_text(f"Text [{cites}].\n", encoding="utf-8")
    return [
        pandoc, "--citeproc", "--csl", str(get_style("nlm").csl_path),
        "--bibliography", str(folder / "refs.json"), str(folder / "letter.md"),
        "-t", "plain", "-o", str(folder / "out.txt"),
    ]


def main() -> None:
    """Print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        cold, warm = time_in_process(runs, root)
        print(f"format 14 entries, in process, cold cache : {median_text(cold, spread=False)}")
        print(f"format 14 entries, in process, warm cache : {median_text(warm, spread=False)}")
        rebuttal = [sys.executable, "-m", "rebuttal"]
        for label, args in (("rebuttal refs          ", ["refs", str(EXAMPLE)]),
                            ("rebuttal build -o .txt ", ["build", str(EXAMPLE), "-o", str(root / "l.txt")])):
            for state in ("cold", "warm"):
                samples = time_command(rebuttal + args, runs, root, cold=state == "cold", cwd=ROOT)
                print(f"{label}, {state} cache    : {median_text(samples, spread=False)}")
        command = pandoc_command(root)
        if command is None:
            print("pandoc --citeproc                         :  (pandoc not installed)")
        else:
            samples = time_command(command, runs, root, cold=True, cwd=ROOT)
            print(f"pandoc --citeproc, same 14 refs and style : {median_text(samples, spread=False)}")


if __name__ == "__main__":
    main()
