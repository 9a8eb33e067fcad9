"""Random and mutated outlines, for the property test and bench/fuzz_outline.py.

Loading an outline (and assembling it) must end in a letter or in our one-line
RebuttalError, never in a traceback: whatever a person types into the file.
"""

from __future__ import annotations

import random
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import parse_outline
from rebuttal.library.stack import Library

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    (ROOT / "examples" / "psps-wang-2025.toml").read_text(),
    (ROOT / "examples" / "jama-letter-wang-2025.toml").read_text(),
    (ROOT / "tests" / "fixtures" / "outlines" / "commented.toml").read_text(),
]
# Pieces a person (or a bad merge) might leave in a file.
TOKENS = [
    "[letter]", "[[body]]", "[article]", "[society]", "[[signatories]]", "=", '"', "'''", '"""', "[", "]",
    "{", "}", ",", "#", "\n", "2025-13-45", "2017-02-30", "2025-02", "1e400", "-0", "true", "nan",
    "block = ", "kind = ", "text = ", "title = ", "variant = ", "date = ", "authors = ", "style = ",
    "marker = ", "venue = ", "paper = ", "doi = ", "pmid = ", "[@", "{article.", "**", "\\u0000",
    "\x00", "\x7f", "é", "\ufeff", "concerns/heterogeneity", "short", "a4", "superscript", "[[body.x]]",
]


def mutate(text: str, rng: random.Random, steps: int) -> str:
    """``text`` with ``steps`` random deletions, insertions, duplications and token drops."""
    for _ in range(steps):
        if not text:
            text = rng.choice(TOKENS)
            continue
        at = rng.randrange(len(text))
        choice = rng.random()
        if choice < 0.3:
            text = text[:at] + text[at + rng.randint(1, 30):]
        elif choice < 0.6:
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif choice < 0.8:
            end = min(len(text), at + rng.randint(1, 200))
            text = text[:end] + text[at:end] + text[end:]
        else:
            lines = text.splitlines(keepends=True)
            rng.shuffle(lines)
            text = "".join(lines)
    return text


def loads_cleanly(text: str, library: Library) -> str:
    """"letter" when it loads and assembles, "error" for our one-line error; anything else raises."""
    try:
        outline = parse_outline(text, Path("fuzz.toml"))
        assemble(library, outline)
    except RebuttalError as error:
        assert "\n" not in str(error)
        return "error"
    return "letter"
