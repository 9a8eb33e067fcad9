"""Benchmark: DOCX rendering of the example letter.

Run:  python3 bench/bench_docx.py [--runs N]

Prints medians of
  * render: ``write_docx`` of the assembled example, in one warm process
    (layout, styles, numbering, letterhead with logo, save);
  * render --comments: the same with a Word comment per block;
  * cold: importing python-docx plus the first render, in a fresh process each
    run (what ``rebuttal build -o x.docx`` pays on top of a Markdown build).
The whole ``rebuttal build`` is measured by bench/run.py; the build target
is ~0.16 s median, so these figures should stay a small part of it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import median_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
sys.path.insert(0, str(ROOT))



def cold_script(out: Path) -> str:
    """A fresh process that assembles the example, then times import + first DOCX render."""
    return (
        f"import sys, time\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        "from rebuttal.letter.assemble import assemble\n"
        "from rebuttal.library.stack import builtin_folder, load_library\n"
        "from rebuttal.letter.outline import load_outline\n"
        f"document = assemble(load_library([builtin_folder()]), load_outline(Path({str(EXAMPLE)!r})))\n"
        "start = time.perf_counter()\n"
        "from rebuttal.exchange.docx.write import write_docx\n"
        f"write_docx(document, Path({str(out)!r}))\n"
        "print(time.perf_counter() - start)\n"
    )


def example_document():
    """The example letter, assembled once."""
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import builtin_folder, load_library

    return assemble(load_library([builtin_folder()]), load_outline(EXAMPLE))


def main() -> None:
    """Measure and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    from rebuttal.exchange.docx.write import write_docx

    document = example_document()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "letter.docx"
        write_docx(document, out)  # warm-up: imports, the logo file in the page cache
        results = {}
        for label, options in (("render", {}), ("render --comments", {"comments": True})):
            samples = []
            for _ in range(args.runs):
                start = time.perf_counter()
                write_docx(document, out, **options)
                samples.append(time.perf_counter() - start)
            results[label] = samples
        cold = []
        script = cold_script(out)
        for _ in range(max(5, args.runs // 3)):
            result = subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            )
            cold.append(float(result.stdout.strip()))
        results["cold (import + render)"] = cold
        size = out.stat().st_size
    print(f"DOCX of {EXAMPLE.name}: {len(document.points)} points, {len(document.references)} references")
    for label, samples in results.items():
        print(f"  {label:<24} median {median_text(samples)}")
    print(f"  file size                {size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
