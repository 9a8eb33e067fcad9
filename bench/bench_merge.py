"""Benchmark: ``rebuttal merge`` of the example's export.

Run:  python3 bench/bench_merge.py [--runs N]

Prints medians of
  * command: ``rebuttal merge letter.docx psps-wang-2025.toml`` in a fresh process
    each run, as a person waits for it (target: median <= 0.5 s);
  * read + merge, warm: ``read_docx`` and ``merge_edited`` in one process, for the
    unchanged export, for an edited one (tracked changes, a comment, a retyped
    paragraph found by similarity), and with ``--force`` (every paragraph mapped by
    text alone, the slowest path), side by side with their ratio to the first.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import median_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
TARGET = 0.5
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def export(folder: Path) -> tuple[Path, Path, Path]:
    """The example outline copied to ``folder``, its export, and an edited copy of the export."""
    import docx
    import word_edits as edits

    from rebuttal.exchange.docx.write import write_docx
    from rebuttal.exchange.record import outline_origin
    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import builtin_folder, load_library

    outline = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, outline)
    exported = folder / "letter.docx"
    write_docx(assemble(load_library([builtin_folder()]), load_outline(outline)), exported,
               origin=outline_origin(outline))
    word = docx.Document(str(exported))
    edits.track_delete(word, "markedly heterogeneous", "markedly ", "Editor")
    edits.comment(word, "which calls into question", "pooled results", "Board", "Cite I²?")
    edits.retype(word, "Nothing in the analysis allows", "Nothing in the analysis lets a reader confirm "
                 "that the procedures studied were performed correctly.")
    edited = folder / "edited.docx"
    word.save(str(edited))
    return outline, exported, edited


def main() -> int:
    """Measure and print the medians; exit 1 when the command misses its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    from rebuttal.exchange.docx.read import read_docx
    from rebuttal.letter.outline import load_outline
    from rebuttal.library.stack import builtin_folder, load_library
    from rebuttal.merge.report import merge_edited

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        outline, exported, edited = export(folder)
        command = [sys.executable, "-m", "rebuttal", "merge", str(exported), str(outline)]
        subprocess.run(command, check=True, capture_output=True)  # warm-up: the citation cache
        cold = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
            cold.append(time.perf_counter() - start)
        library = load_library([builtin_folder()])
        warm: dict[str, list[float]] = {}
        for label, path, force in (
            ("unchanged export", exported, False),
            ("edited export", edited, False),
            ("edited, --force", edited, True),
        ):
            samples = []
            for _ in range(args.runs * 2):
                start = time.perf_counter()
                merge_edited(read_docx(path), library, load_outline(outline), force=force)
                samples.append(time.perf_counter() - start)
            warm[label] = samples
    print(f"merge of {EXAMPLE.name}'s export ({args.runs} runs)")
    verdict = "OK" if statistics.median(cold) <= TARGET else "OVER TARGET"
    print(f"  command (fresh process)        median {median_text(cold)}  target <= {TARGET:.1f} s: {verdict}")
    base = statistics.median(warm["unchanged export"])
    for label, samples in warm.items():
        ratio = statistics.median(samples) / base
        print(f"  read + merge, {label:<17}median {median_text(samples)}  x{ratio:.2f}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    raise SystemExit(main())
