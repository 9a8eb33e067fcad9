"""Save a Word file so that the same letter always gives the same bytes.

A letter kept in git, and a merge that reports "unchanged", only mean what
they say when two builds of one outline are identical. python-docx stamps the
current time into ``docProps/core.xml`` and into every zip entry; here both
come from the letter instead: ``SOURCE_DATE_EPOCH`` when it is set (the
reproducible-builds convention, https://reproducible-builds.org/specs/source-date-epoch/),
else the letter's own date at midnight UTC.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

from docx.document import Document as WordDocument

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def build_time(letter_date: str) -> dt.datetime:
    """The time a build stamps into the file: SOURCE_DATE_EPOCH, else the letter's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    try:
        day = dt.date.fromisoformat(letter_date)
    except ValueError:
        day = dt.date.today()
    return dt.datetime(day.year, day.month, day.day)


def save_reproducibly(word: WordDocument, path: Path, when: dt.datetime) -> None:
    """Write ``word`` to ``path`` with every zip entry and comment stamped ``when`` (no earlier than 1980)."""
    _stamp_comments(word, when)
    raw = io.BytesIO()
    word.save(raw)
    stamp = max(when.timetuple()[:6], ZIP_EPOCH)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))


def _stamp_comments(word: WordDocument, when: dt.datetime) -> None:
    """Give every Word comment the build's time (python-docx stamps the current one)."""
    from docx.oxml.ns import qn

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    for part in word.part.package.iter_parts():
        if part.partname.endswith("/comments.xml") and hasattr(part, "element"):
            for comment in part.element.iter(qn("w:comment")):
                comment.set(qn("w:date"), stamp)
