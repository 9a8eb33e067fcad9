"""Word diffs for people: ``the pooled [-results-]{+estimates+} and``.

The committee reads a block's change between versions with every word shown;
a merge report shows the editors' change with a few words of context.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def word_diff(before: str, after: str, context: int | None = 4) -> str:
    """``... the pooled [-results-]{+estimates+} and ...``: the changed words, ``context`` unchanged
    words either side of each change (``None``: every word shown)."""
    old, new = before.split(), after.split()
    pieces: list[str] = []
    opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = old[i1:i2]
            if context is not None and len(words) > 2 * context:
                head = words[:context] if number > 0 else []
                tail = words[-context:] if number < len(opcodes) - 1 else []
                words = [*head, "…", *tail]
            pieces.extend(words)
            continue
        if i2 > i1:
            pieces.append("[-" + " ".join(old[i1:i2]) + "-]")
        if j2 > j1:
            pieces.append("{+" + " ".join(new[j1:j2]) + "+}")
    return " ".join(pieces)
