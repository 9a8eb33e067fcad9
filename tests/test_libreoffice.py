"""Proof in a real word processor: LibreOffice lays the example DOCX out as a PDF.

Runs when ``soffice`` and ``pdftotext`` are installed. Under CI (``CI`` set;
``.ci/run`` installs both) a missing tool is a failure, not a silent skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rebuttal.exchange.docx.write import write_docx

TOOLS = ("soffice", "pdftotext", "pdfinfo")


def _require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the LibreOffice proof but {', '.join(missing)} is missing")
    pytest.skip(f"{', '.join(missing)} not installed")


def _convert(document, folder: Path, target: str, **options) -> Path:
    """Write ``document`` as DOCX in ``folder`` and let LibreOffice convert it to ``target``."""
    docx = folder / "letter.docx"
    write_docx(document, docx, **options)
    # A private profile: another soffice running on this machine must not capture the job.
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
         "--outdir", str(folder), str(docx)],
        check=True, capture_output=True, timeout=180,
    )
    result = folder / f"letter.{target}"
    assert result.is_file(), f"LibreOffice produced no {target}"
    return result


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory, builtin_library) -> Path:
    """The example letter as DOCX, converted to PDF by LibreOffice."""
    _require_tools()
    return _convert(_example(builtin_library), tmp_path_factory.mktemp("libreoffice"), "pdf")


def _example(library):
    import datetime as dt

    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import load_outline

    from .conftest import EXAMPLE

    return assemble(library, load_outline(EXAMPLE), today=dt.date(2025, 3, 10))


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


FOOTER = re.compile(r"^Page \d+ of \d+$")


def _pages(text: str) -> list[list[str]]:
    """The non-empty lines of each page (pdftotext ends each page with a form feed)."""
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    return [page for page in pages if page]


def _body(text: str) -> str:
    """The letter's text without its page furniture, the pages joined as one.

    Where a paragraph crosses a page (the fonts installed decide where), the running header and
    the "Page N of M" footer would otherwise sit in the middle of it. The running header is the
    line every page after the first starts with; no wording of it is assumed.
    """
    pages = _pages(text)
    later_firsts = {page[0] for page in pages[1:]}
    header = later_firsts.pop() if len(later_firsts) == 1 and len(pages) > 1 else None
    kept = []
    for number, page in enumerate(pages):
        lines = page[1:] if number and page[0] == header else page
        kept += [line for line in lines if not FOOTER.match(line)]
    return "\n".join(kept)


def _compact(text: str) -> str:
    # Line breaks and the hyphens LibreOffice may break at (a soft hyphen shown too) do not count.
    return re.sub(r"[\s\-‐\u00ad]+", "", text)


def test_page_furniture_is_stripped_and_a_paragraph_crossing_a_page_joined() -> None:
    text = ("Society\nFirst line of a paragraph that goes\n\nPage 1 of 2\n\f"
            "SOC · Statement\n\non to the next page.\nPage 2 of 2\n\f")
    assert _body(text) == "Society\nFirst line of a paragraph that goes\non to the next page."


def test_pdf_has_letterhead_title_and_all_points(pdf: Path, example_document) -> None:
    raw = _text(pdf)
    first_page = raw.split("\f")[0]
    text = _body(raw)
    assert "Pacific Spine and Pain Society" in first_page.splitlines()[0:3]
    assert "Statement of Concern" in first_page and "March 10, 2025" in first_page
    for point in example_document.points:
        heading = "".join(span.text for span in point.heading)
        assert re.search(rf"^{point.number}\.\s+{re.escape(heading)}$", text, re.MULTILINE), heading
    for paragraph in example_document.paragraphs():
        assert _compact(paragraph.plain(example_document.marker)) in _compact(text)


def test_pdf_has_all_fourteen_references_numbered(pdf: Path, example_document) -> None:
    text = _body(_text(pdf))
    references = text[text.rindex("References") :]
    assert len(example_document.references) == 14
    for reference in example_document.references:
        assert _compact(reference.plain()) in _compact(references), reference.number
    labels = [int(n) for n in re.findall(r"^(\d{1,2})\.(?:\s|$)", references, re.MULTILINE)]
    assert labels == list(range(1, 15))


def test_pdf_page_count_matches_the_footer(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    assert 2 <= pages <= 6  # a letter, not a pamphlet: US Letter, 11 pt
    footers = re.findall(r"Page (\d+) of (\d+)", _text(pdf))
    assert footers == [(str(n), str(pages)) for n in range(1, pages + 1)]


def test_libreoffice_reads_every_provenance_comment(builtin_library, tmp_path: Path) -> None:
    _require_tools()
    flat = _convert(_example(builtin_library), tmp_path, "fodt", comments=True).read_text(encoding="utf-8")
    notes = re.findall(r"<office:annotation\b.*?</office:annotation>", flat, re.DOTALL)
    assert len(notes) == 17
    assert sum("Library block concerns/heterogeneity v1.0 (approved)." in note for note in notes) == 1


def test_build_writes_a_pdf_through_libreoffice(tmp_path: Path) -> None:
    """rebuttal build -o letter.pdf: the DOCX letter as LibreOffice prints it."""
    from rebuttal.cli import main

    from .conftest import EXAMPLE

    _require_tools()
    target = tmp_path / "letter.pdf"
    assert main(["build", str(EXAMPLE), "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Pacific Spine and Pain Society" in text and "Heterogeneity" in text
    assert [p.name for p in tmp_path.iterdir()] == ["letter.pdf"]  # no DOCX or profile left behind


def test_pdf_without_libreoffice_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rebuttal.cli import main

    from .conftest import EXAMPLE

    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on this PATH
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path / "letter.pdf")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "needs LibreOffice" in err
    assert not (tmp_path / "letter.pdf").exists()
