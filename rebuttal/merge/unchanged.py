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
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from rebuttal import __version__
from rebuttal.exchange.docx.names import CUSTOM_PROPERTIES_PART
from rebuttal.exchange.record_values import content_digest, recorded_values
from rebuttal.merge.summary import headline, summary_line

_SKIP_FOLDERS = frozenset({".git", "__pycache__"})


def unchanged_items(edited: Path, outline: Path, library: Sequence[Path] = ()) -> int | None:
    """How many body items an unchanged export ``edited`` of ``outline`` holds (``library``: the
    ``--library`` folders), all of them unchanged; None when that is not certain."""
    from rebuttal.files.guarded_xml import BadXML, parse
    from rebuttal.files.guarded_zip import BadZip, read_zip

    try:
        parts = read_zip(edited)
        outline_data = outline.read_bytes()
        if CUSTOM_PROPERTIES_PART not in parts:
            return None
        root = parse(parts[CUSTOM_PROPERTIES_PART])
        values = recorded_values({e.get("name", ""): "".join(e.itertext()) for e in root})
    except (BadZip, BadXML, OSError, ValueError):
        return None  # the full path says what is wrong, in its own words
    content, exported = values.get("content_sha256", ""), values.get("outline_sha256", "")
    if (not content or "items" not in values or values.get("version") != __version__
            or content != content_digest(parts) or hashlib.sha256(outline_data).hexdigest() != exported):
        return None
    from rebuttal.exchange.exports import noted_export

    noted = noted_export(content, exported)
    if noted is None or noted[1] < 0 or _changed_since(library, noted[0]):
        return None
    return noted[1]


def unchanged_report(edited: Path, outline: Path, count: int) -> list[str]:
    """describe()'s lines for a report whose ``count`` body items are unchanged, no note, no comment."""
    return [headline(edited, outline), summary_line(False, {"unchanged": count})]


def _changed_since(library: Sequence[Path], when: float) -> bool:
    """True when any file of the library stack (blocks, profiles, venues) changed after ``when``."""
    from rebuttal.library.folders import library_folders

    for folder in library_folders(library):
        for top, folders, files in os.walk(folder):
            folders[:] = [f for f in folders if f not in _SKIP_FOLDERS]
            for name in files:
                try:
                    if os.stat(os.path.join(top, name)).st_mtime > when:
                        return True
                except OSError:
                    return True
    return False
