"""Renderers: each turns one assembled Document into one output format.

``render_to_file`` picks the renderer by format name; the DOCX writer is only
imported when a DOCX is asked for, so text and Markdown builds stay light.
"""

from __future__ import annotations

from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.model import Document

FORMATS = {".docx": "docx", ".pdf": "pdf", ".md": "md", ".markdown": "md", ".txt": "txt", ".text": "txt"}


def format_for(path: Path | None, requested: str | None) -> str:
    """The output format: the one asked for, else the one the file name implies."""
    if requested:
        return requested
    if path is None:
        return "docx"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise RebuttalError(
            f"cannot tell the format from '{path.suffix or path.name}'; use --format docx, pdf, md or txt",
            file=path,
            field="output",
        )
    return fmt


def render_text_format(document: Document, fmt: str, *, width: int = 72) -> str:
    """Render to a text format (``md`` or ``txt``)."""
    if fmt == "md":
        from rebuttal.render.markdown import render_markdown

        return render_markdown(document)
    from rebuttal.render.text import render_text

    return render_text(document, width=width)


def render_to_file(document: Document, path: Path, fmt: str, **options: object) -> None:
    """Render ``document`` to ``path`` atomically in format ``fmt``."""
    from rebuttal.files.atomic import atomic_write, atomic_write_text

    if fmt == "docx":
        from rebuttal.exchange.docx.write import write_docx

        atomic_write(path, lambda temporary: write_docx(document, temporary, **options))
    elif fmt == "pdf":
        from rebuttal.exchange.pdf import write_pdf

        write_pdf(document, path, **options)
    else:
        width = int(options.get("width", 72))  # type: ignore[arg-type]
        atomic_write_text(path, render_text_format(document, fmt, width=width))
