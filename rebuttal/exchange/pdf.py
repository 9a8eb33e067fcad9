"""PDF, for portals and board members: the DOCX letter converted by LibreOffice.

The PDF is the Word letter as LibreOffice lays it out (headless ``soffice
--convert-to pdf``), so it shows exactly what the editors will open. Without
LibreOffice installed it is one clear error; every other format still works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.model import Document

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 180


def find_soffice() -> str:
    """The LibreOffice program, or a RebuttalError saying how to get it."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise RebuttalError(
        "PDF output needs LibreOffice, which is not installed (Debian/Ubuntu: sudo apt install "
        "libreoffice-writer-nogui; macOS: brew install --cask libreoffice); or build .docx",
        field="output",
    )


def write_pdf(document: Document, path: Path, **docx_options: object) -> None:
    """Write ``document`` as a PDF at ``path`` (through a DOCX and LibreOffice).

    ``path`` is written directly: ``rebuttal.render.render_to_file`` makes the export atomic
    and names the output in an error.
    """
    from rebuttal.exchange.docx.write import write_docx

    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="rebuttal-pdf-") as work:
        folder = Path(work)
        letter = folder / "letter.docx"
        write_docx(document, letter, **docx_options)  # type: ignore[arg-type]
        # A profile of its own: a LibreOffice the person has open must not take the job.
        profile = (folder / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(folder), str(letter)]
        try:
            subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False,
                           env={**os.environ, "HOME": str(folder)})
        except subprocess.TimeoutExpired:
            raise RebuttalError(f"LibreOffice did not finish the PDF in {TIMEOUT_SECONDS} s") from None
        produced = folder / "letter.pdf"
        if not produced.is_file():
            raise RebuttalError("LibreOffice could not convert the letter to PDF")
        shutil.copyfile(produced, path)
