"""Benchmark of the app (issue 6): first paint, reorder -> preview, library filtering.

Run:  python3 bench/bench_app.py [--runs N]

Prints medians of:
* start to first paint with the example outline: a fresh process each run, from
  interpreter start to the first frame of the app (headless, 100x30); target < 0.6 s;
* a reorder key to the updated preview in a 40-block letter: from the key sent through
  Textual's Pilot to the first line of the new preview being drawn, and the work
  inside it laid out from scratch (session move + assembly + Rich layout of the whole
  preview, which the app avoids for unchanged paragraphs); target < 16 ms;
* library filtering of a synthetic 10,000-block library, per keystroke, typing and
  deleting queries: the search index alone, and with the library list redrawn; target < 10 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
sys.path.insert(0, str(ROOT))

FIRST_PAINT_CHILD = """
import time, asyncio, sys
start = time.perf_counter()
sys.path.insert(0, {root!r})
from pathlib import Path
from rebuttal.library.stack import library_folders, load_library
from rebuttal.ui.app import make_app
app = make_app(Path({example!r}), load_library(library_folders()), autosave_seconds=None)
async def main():
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print(time.perf_counter() - start)
asyncio.run(main())
"""
_PAINTED = "        print(time.perf_counter() - start)"


def first_paint_code(after: str = "") -> str:
    """The child's code: open the example in the app, print the seconds to its first frame, then
    run the Pilot lines ``after`` (indented as the ``async with`` block's)."""
    code = FIRST_PAINT_CHILD.replace("{root!r}", repr(str(ROOT))).replace("{example!r}", repr(str(EXAMPLE)))
    return code.replace(_PAINTED, _PAINTED + after)


def first_paint(runs: int) -> tuple[float, float]:
    """Median seconds from process start to the first frame, and in-process part of it."""
    walls, inside = [], []
    code = first_paint_code()
    env = {**os.environ, "XDG_STATE_HOME": tempfile.mkdtemp()}
    for _ in range(runs):
        began = time.perf_counter()
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                check=True)
        walls.append(time.perf_counter() - began)
        inside.append(float(result.stdout.strip().splitlines()[-1]))
    return statistics.median(walls), statistics.median(inside)


def reorder(runs: int) -> tuple[float, float]:
    """Median ms from a reorder key to the first line of the new preview drawn, and of the work alone."""
    from rich.console import Console

    from rebuttal.app.session import Session
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import library_folders, load_library
    from rebuttal.render.rich_render import render_rich
    from rebuttal.ui.app import RebuttalApp
    from rebuttal.ui.panels import PreviewPanel

    library = load_library(library_folders())
    outline = load_outline(EXAMPLE)
    outline.body = (outline.body * 3)[:40]
    keyed: list[float] = []

    painted: list[float] = []
    original = PreviewPanel.render_line

    def render_line(self: PreviewPanel, y: int):
        # The first preview line drawn after the key: the new letter is on its way to the screen.
        if not painted:
            painted.append(time.perf_counter())
        return original(self, y)

    async def drive() -> None:
        app = RebuttalApp(Session(library, outline), autosave_seconds=None, offer_recovery=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.click("#items")
            app.query_one("#items").highlighted = 20
            await pilot.pause()
            PreviewPanel.render_line = render_line  # type: ignore[method-assign]
            for number in range(runs):
                painted.clear()
                began = time.perf_counter()
                await pilot.press("left_square_bracket" if number % 2 else "right_square_bracket")
                await pilot.pause()
                if painted:
                    keyed.append((painted[0] - began) * 1000)
            PreviewPanel.render_line = original  # type: ignore[method-assign]

    asyncio.run(drive())
    session = Session(library, outline)
    console = Console(width=55, file=open(os.devnull, "w"))  # noqa: SIM115 (closed at exit)
    work = []
    for number in range(runs):
        began = time.perf_counter()
        session.move(20, -1 if number % 2 else 1)
        console.render_lines(render_rich(session.document), console.options.update_width(55))
        work.append((time.perf_counter() - began) * 1000)
    return statistics.median(keyed), statistics.median(work)


def refilter_times(app, queries) -> list[float]:
    """Milliseconds to re-filter and redraw the app's library list, per keystroke of ``queries``."""
    times: list[float] = []

    async def drive() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            from textual.widgets import Input

            box = app.query_one("#filter", Input)
            panel = app.query_one("#library")
            for query in queries:
                for n in range(1, len(query) + 1):
                    box.value = query[:n]
                    began = time.perf_counter()
                    panel.refilter()
                    times.append((time.perf_counter() - began) * 1000)

    asyncio.run(drive())
    return times


def synthetic_library(size: int = 10_000):
    """A library of ``size`` blocks with a realistic spread of words (3,000 words)."""
    from rebuttal.library.stack import Block, Library

    rng = random.Random(6)
    medical = [
        "pain", "spine", "trial", "heterogeneity", "opioid", "guideline", "network", "meta", "analysis",
        "bias", "sample", "size", "outcome", "placebo", "sham", "injection", "nerve", "radiofrequency",
        "epidural", "steroid",
    ]
    syllables = ["ka", "lo", "mi", "ter", "an", "os", "ul", "pre", "vi", "ne", "ro", "ta", "sen", "dis"]
    vocabulary = medical + ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(3000)]
    kinds = ("opening", "concern", "evidence", "closing")
    library = Library(folders=[])
    for number in range(size):
        block = Block(
            id=f"group{number % 40}/block-{number}", title=" ".join(rng.sample(vocabulary, 4)).title(),
            kind=kinds[number % 4], text=" ".join(rng.choices(vocabulary, k=80)),
            tags=tuple(rng.sample(vocabulary, 3)), status="approved",
        )
        library.blocks[block.id] = block
    return library


QUERIES = ("heterogeneity", "sham placebo", "hetrogen", "radio", "xyzzy")


def filtering() -> tuple[float, float, float]:
    """Median ms per keystroke: typing and deleting (index alone), and typing with the list redrawn."""
    from rebuttal.app.session import Session
    from rebuttal.library.search import SearchIndex
    from rebuttal.ui.app import RebuttalApp

    library = synthetic_library()
    index = SearchIndex(library.blocks.values())
    typing, deleting = [], []
    for query in QUERIES:
        typed = [query[:n] for n in range(1, len(query) + 1)]
        for text in typed:
            began = time.perf_counter()
            index.filter(text)
            typing.append((time.perf_counter() - began) * 1000)
        for text in typed[::-1][1:]:  # deleting returns to queries typed a moment ago
            began = time.perf_counter()
            index.filter(text)
            deleting.append((time.perf_counter() - began) * 1000)
    with_list = refilter_times(RebuttalApp(Session(library), autosave_seconds=None, offer_recovery=False),
                               QUERIES)
    return statistics.median(typing), statistics.median(deleting), statistics.median(with_list)


def main() -> None:
    """Run the three measurements and print medians against the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    wall, inside = first_paint(args.runs)
    print(f"first paint, example outline:       median {wall:.3f} s per process "
          f"({inside:.3f} s after interpreter start)   target < 0.6 s")
    keyed, work = reorder(max(args.runs, 30))
    print(f"reorder key -> preview, 40 blocks:   median {keyed:.1f} ms key to first new preview line, "
          f"{work:.1f} ms of work if laid out from scratch (move + assemble + Rich layout)   target < 16 ms")
    typing, deleting, listed = filtering()
    print(f"filter 10,000 blocks per keystroke:  median {typing:.2f} ms typing, {deleting:.3f} ms deleting "
          f"(index alone); {listed:.2f} ms typing with the library list redrawn   target < 10 ms")


if __name__ == "__main__":
    main()
