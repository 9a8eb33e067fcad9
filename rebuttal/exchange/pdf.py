"""PDF, for portals and board members: the DOCX letter converted by LibreOffice.

The PDF is the Word letter as LibreOffice lays it out (headless ``soffice
--convert-to pdf``), so it shows exactly what the editors will open. Without
LibreOffice installed it is one clear error; every other format still works.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
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
        run_soffice(command, env={**os.environ, "HOME": str(folder)}, timeout=TIMEOUT_SECONDS)
        produced = folder / "letter.pdf"
        if not produced.is_file():
            raise RebuttalError("LibreOffice could not convert the letter to PDF")
        shutil.copyfile(produced, path)


def run_soffice(command: list[str], *, env: dict[str, str], timeout: float) -> None:
    """Run LibreOffice in a process group of its own, and end the whole group if it overruns.

    ``soffice`` is a launcher: the work is done by ``soffice.bin``, its child. Killing only
    the launcher on a timeout (what ``subprocess.run`` does) would leave ``soffice.bin``
    running on, orphaned, at full CPU; so the launcher starts a new session and on a timeout
    (or Ctrl+C) every process of that session's group is killed.
    """
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise RebuttalError(f"LibreOffice did not finish the PDF in {timeout:g} s") from None
    except BaseException:  # Ctrl+C: LibreOffice must not run on either
        _kill_group(process)
        raise


def _kill_group(process: subprocess.Popen) -> None:
    """Kill every process in ``process``'s group, while its leader is still unreaped (so the group
    id cannot have passed to anyone else), then reap the leader."""
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone already
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
