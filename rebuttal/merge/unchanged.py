"""``merge`` of an export nobody changed, recognised without parsing the letter.

Reading an edited letter means python-docx (and lxml), whose import alone takes longer than
the whole merge. An export carries the SHA-256 of its letter parts as written
(:func:`rebuttal.exchange.record_values.content_digest`); when the DOCX still has exactly those parts,
the outline is byte for byte the one exported, and nothing the comparison also reads changed
since this letter was last exported (the library folders, the day for an undated letter, the
rebuttal version: the state folder keeps when each letter was exported,
:func:`rebuttal.exchange.exports.note_export`),
the full comparison can only say "no change". :func:`unchanged_items` then counts the items and
:func:`unchanged_report` words them as :func:`rebuttal.merge.report.describe` would (both say
them through :mod:`rebuttal.merge.summary`); in any doubt it gives None and the merge takes
the full path. The package is read with the guarded zip reader and the guarded XML
parser (the standard library's), as the full reader checks it first anyway.

It runs before the command line is parsed (:mod:`rebuttal.cli`), so it imports as little as it can:
no ``pathlib``, ``zipfile``, ``hashlib``, ElementTree or platformdirs (each costs milliseconds, all
together more than reading the letter); ``bench/bench_startup.py`` times it against pandoc.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from rebuttal import __version__
from rebuttal.exchange.docx.names import CUSTOM_PROPERTIES_PART
from rebuttal.exchange.record_values import content_digest, custom_properties, recorded_values
from rebuttal.files.digests import sha256
from rebuttal.merge.summary import headline, summary_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_SKIP_FOLDERS = frozenset({".git", "__pycache__"})


def unchanged_items(
    edited: str | Path, outline: str | Path, library: Sequence[str | Path] = ()
) -> int | None:
    """How many body items an unchanged export ``edited`` of ``outline`` holds (``library``: the
    ``--library`` folders), all of them unchanged; None when that is not certain."""
    from rebuttal.files.guarded_xml import BadXML
    from rebuttal.files.guarded_zip import BadZip, read_plain_zip

    try:
        parts = read_plain_zip(edited)  # an export is plain; anything else is not one unchanged
        with open(outline, "rb") as handle:
            outline_data = handle.read()
        if CUSTOM_PROPERTIES_PART not in parts:
            return None
        values = recorded_values(custom_properties(parts[CUSTOM_PROPERTIES_PART]))
    except (BadZip, BadXML, OSError, ValueError):
        return None  # the full path says what is wrong, in its own words
    content, exported = values.get("content_sha256", ""), values.get("outline_sha256", "")
    if (not content or "items" not in values or values.get("version") != __version__
            or content != content_digest(parts) or sha256(outline_data).hexdigest() != exported):
        return None
    from rebuttal.exchange.exports import noted_export

    noted = noted_export(content, exported)
    if noted is None or noted[1] < 0 or _changed_since(library, noted[0]):
        return None
    return noted[1]


def unchanged_report(edited: str | Path, outline: str | Path, count: int) -> list[str]:
    """describe()'s lines for a report whose ``count`` body items are unchanged, no note, no comment
    (the files named as given)."""
    return [headline(edited, outline), summary_line(False, {"unchanged": count})]


def answer_if_unchanged(edited: str | Path, outline: str | Path, library: Sequence[str | Path] = ()) -> bool:
    """Print the report of an export nobody changed and return True; False, printing nothing, when
    it may have changed (the full merge then reads it)."""
    count = unchanged_items(edited, outline, library)
    if count is None:
        return False
    print("\n".join(unchanged_report(edited, outline, count)))
    sys.stdout.flush()
    return True


def _changed_since(library: Sequence[str | Path], when: float) -> bool:
    """True when any file of the library stack (blocks, profiles, venues) changed after ``when``."""
    from rebuttal.library.folders import library_folder_names

    for folder in library_folder_names(library):
        for top, folders, files in os.walk(folder):
            folders[:] = [f for f in folders if f not in _SKIP_FOLDERS]
            for name in files:
                try:
                    if os.stat(os.path.join(top, name)).st_mtime > when:
                        return True
                except OSError:
                    return True
    return False
