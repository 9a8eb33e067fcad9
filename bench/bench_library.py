"""Benchmark of a society-sized library (issue 13): 10,000 blocks against the built-in 30, side by side.

Run:  python3 bench/bench_library.py [--runs N]

Compiles the package's bytecode first, as installing a wheel does. Makes a
10,000-block library in a temporary folder (copies of the built-in
blocks with new ids, stacked over the built-in library), a fresh user cache
folder (so the index is made once, by the first ``blocks --for``, and that time is
printed too), then prints medians of, runs alternating:
* ``rebuttal build`` of the example with the built-in library and with the 10,000
  blocks, and their ratio (target <= 1.3);
* app first paint with the 10,000 blocks: from the child's first line to the first frame (as
  bench_app.py measures it), and the whole child process beside it (target <= 0.8 s);
* the library filter per keystroke over the 10,000 blocks, index alone and with the
  app's list redrawn (target <= 10 ms);
* ``rebuttal blocks --for`` the example with the 10,000 blocks (target <= 0.3 s);
* ``rebuttal build`` against ``pandoc --citeproc`` on the same letter (target ratio <= 1.0);
* the peak memory (max RSS) of every child process measured (target <= 100 MB), and of a short
  app session with the 10,000 blocks (first paint, a search, the best match added).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_app import first_paint_code  # noqa: E402  (the app's first frame, timed as bench_app.py does)

SIZE = 10_000
# A short session after the first frame, for the peak memory "throughout": a search typed into the
# filter (which builds the search index) and the best match added to the letter.
SESSION_STEPS = """
        await pilot.click("#filter")
        await pilot.press(*"heterogeneity")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()"""


def make_library(folder: Path, size: int = SIZE) -> Path:
    """``size`` block files: the built-in blocks copied under new ids (``<group>/<name>-<n>``)."""
    from rebuttal.library.stack import builtin_folder

    builtin = builtin_folder()
    sources = [p for p in sorted(builtin.rglob("*.toml"))
               if p.relative_to(builtin).parts[0] not in ("societies", "venues")]
    for number in range(size):
        source = sources[number % len(sources)]
        relative = source.relative_to(builtin)
        target = folder / relative.parent / f"{relative.stem}-{number:05}.toml"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return folder


def run_child(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, max RSS in MB, stdout) of one child process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{err.read().decode()}")
        return elapsed, usage.ru_maxrss / 1024, out.read().decode()


def rebuttal(*args: str) -> list[str]:
    """The console script beside this Python (not a PATH shim), else the module."""
    script = Path(sys.executable).parent / "rebuttal"
    head = [str(script)] if script.exists() else [sys.executable, "-m", "rebuttal"]
    return [*head, *args]


def filtering(big: Path) -> tuple[float, float]:
    """Median ms per keystroke over the real 10,000-block library: index alone, and with the list redrawn."""
    from rebuttal.app.session import Session
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.search import SearchIndex
    from rebuttal.library.stack import builtin_folder, load_library
    from rebuttal.ui.app import RebuttalApp

    library = load_library([builtin_folder(), big])
    index = SearchIndex(library.block_infos())
    queries = ("heterogeneity", "sham placebo", "hetrogen", "radio", "xyzzy")
    alone: list[float] = []
    for query in queries:
        for n in range(1, len(query) + 1):
            began = time.perf_counter()
            index.filter(query[:n])
            alone.append((time.perf_counter() - began) * 1000)
    from bench_app import refilter_times  # the same keystroke timing as bench_app.py

    app = RebuttalApp(Session(library, load_outline(EXAMPLE)), autosave_seconds=None, offer_recovery=False)
    listed = refilter_times(app, queries)
    return statistics.median(alone), statistics.median(listed)


def main() -> None:
    """Make the library, run every measurement alternately, print medians side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    # An installed wheel has its bytecode compiled by pip; an editable checkout under
    # PYTHONDONTWRITEBYTECODE=1 would otherwise compile ~50 modules on every run (~40 ms).
    import compileall

    from run import pandoc_inputs  # bench/run.py: the same letter as pandoc Markdown

    compileall.compile_dir(str(ROOT / "rebuttal"), quiet=1)

    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        big = make_library(work / "library")
        base_env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"),
                    "XDG_STATE_HOME": str(work / "state"), "XDG_DATA_HOME": str(work / "data")}
        base_env.pop("REBUTTAL_LIBRARY", None)
        big_env = {**base_env, "REBUTTAL_LIBRARY": str(big)}
        build = rebuttal("build", str(EXAMPLE), "-o", str(work / "x.docx"))
        ranked = rebuttal("blocks", "--for", str(EXAMPLE))
        paint = [sys.executable, "-c", first_paint_code()]
        session = [sys.executable, "-c", first_paint_code(SESSION_STEPS)]
        pandoc = pandoc_inputs(work)

        # A letter's build only lists the library; searching and ranking make the index, once.
        first_ranked, first_memory, _ = run_child(ranked, big_env, work)
        run_child(build, big_env, work)
        run_child(build, base_env, work)
        if pandoc:
            run_child(pandoc, base_env, work)
        names = ("built-in", "10k", "paint", "paint process", "for", "pandoc")
        figures: dict[str, list[float]] = {name: [] for name in names}
        memory = {"index made": first_memory}
        for _ in range(args.runs):
            for key, command, env in (("built-in", build, base_env), ("10k", build, big_env),
                                      ("for", ranked, big_env)):
                seconds, rss, _ = run_child(command, env, work)
                figures[key].append(seconds)
                memory[key] = max(memory.get(key, 0.0), rss)
            if pandoc:
                figures["pandoc"].append(run_child(pandoc, base_env, work)[0])
        for _ in range(max(3, args.runs // 2)):
            seconds, rss, out = run_child(paint, big_env, work)
            figures["paint"].append(float(out.split()[-1]))  # from interpreter start to the first frame
            figures["paint process"].append(seconds)  # plus interpreter start-up and Textual's exit
            memory["paint"] = max(memory.get("paint", 0.0), rss)
        memory["app session"] = run_child(session, big_env, work)[1]
        os.environ.update({k: base_env[k] for k in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME")})
        alone, listed = filtering(big)

    median = {key: statistics.median(values) if values else float("nan") for key, values in figures.items()}
    ms = {key: value * 1000 for key, value in median.items()}
    print(f"library: {SIZE:,} block files stacked over the built-in library; "
          f"{args.runs} runs each, alternating")
    print(f"first blocks --for with a new 10,000-block library (makes its index, once): {first_ranked:.2f} s")
    print(f"build, built-in library      median {ms['built-in']:7.1f} ms")
    ratio = median["10k"] / median["built-in"]
    print(f"build, 10,000 blocks         median {ms['10k']:7.1f} ms   ratio {ratio:.2f}  (target <= 1.3)")
    print(f"app first paint, 10,000      median {ms['paint']:7.1f} ms   (target <= 800 ms; "
          f"whole process with start-up and exit {ms['paint process']:.0f} ms)")
    print(f"filter per keystroke, 10,000 median {alone:7.2f} ms index alone, "
          f"{listed:.2f} ms with the list redrawn  (target <= 10 ms)")
    print(f"blocks --for, 10,000         median {ms['for']:7.1f} ms   (target <= 300 ms)")
    if pandoc:
        print(f"pandoc --citeproc            median {ms['pandoc']:7.1f} ms   rebuttal build / pandoc "
              f"{median['built-in'] / median['pandoc']:.2f}  (target <= 1.0)")
    else:
        print("pandoc not installed: no comparison")
    peak = max(memory.values())
    print("peak memory (max RSS, MB): " + ", ".join(f"{k} {v:.0f}" for k, v in memory.items())
          + f"; highest {peak:.0f}  (target <= 100 MB)")


if __name__ == "__main__":
    main()
