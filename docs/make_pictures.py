"""Make the README's pictures: the app on the shipped example, and the exported letter's first page.

Run:  .venv/bin/python docs/make_pictures.py

Writes ``docs/app.svg`` (Textual's own SVG screenshot, taken through Pilot with
the example open, the first concern highlighted) and ``docs/letter-page-1.png``
(``rebuttal build -o letter.pdf``, which converts the DOCX with LibreOffice, then
poppler's ``pdftoppm`` for the first page). Needs LibreOffice and poppler for
the PNG. Run it again after a change to the app or the DOCX, and look at both.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"
TODAY = dt.date(2025, 3, 10)  # the example's response window is still open
SIZE = (132, 38)


async def app_screenshot(target: Path) -> None:
    """The app on the example, in the letter panel, as an SVG."""
    from rebuttal.library.stack import builtin_folder, load_library
    from rebuttal.ui.app import make_app

    library = load_library([builtin_folder()])  # the built-in library only, not this machine's own folder
    app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "down")  # into the letter, onto its first concern
        await pilot.pause(0.5)
        app.save_screenshot(filename=target.name, path=str(target.parent))


def letter_first_page(target: Path) -> None:
    """The example built as a PDF (through LibreOffice), its first page as a PNG."""
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        raise SystemExit("letter picture: needs LibreOffice (soffice) and poppler (pdftoppm)")
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "letter.pdf"
        subprocess.run([sys.executable, "-m", "rebuttal", "build", str(EXAMPLE), "-o", str(pdf)], check=True)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(target.with_suffix(""))],
            check=True,
        )


def main() -> int:
    """Write both pictures under docs/."""
    asyncio.run(app_screenshot(DOCS / "app.svg"))
    print(f"wrote {DOCS / 'app.svg'}")
    letter_first_page(DOCS / "letter-page-1.png")
    print(f"wrote {DOCS / 'letter-page-1.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
