"""Renderers: each turns one assembled Document into one output format.

Which formats there are, and whose writer makes each, is the table in
:mod:`rebuttal.render.formats`; ``render_to_file`` and ``render_to_text`` look
the writer up there and import it only then, so text and Markdown builds stay light.
"""

from __future__ import annotations

from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.model import Document
from rebuttal.render.formats import ExportFormat


def check_can_write(fmt: ExportFormat) -> None:
    """Raise the format's one-line error now, before any work, when its tools are missing."""
    if fmt.needs_libreoffice:
        from rebuttal.exchange.pdf import find_soffice

        find_soffice()


def render_to_text(document: Document, fmt: ExportFormat, **options: object) -> str:
    """``document`` as the text of a text format (Markdown, plain text); options it does not take are
    ignored."""
    if fmt.binary:
        raise ValueError(f"{fmt.name} is not a text format")
    return str(fmt.load_writer()(document, **_taken(fmt, options)))


def render_to_file(document: Document, path: Path, fmt: ExportFormat, **options: object) -> None:
    """Render ``document`` to ``path`` atomically in ``fmt``; options it does not take are ignored."""
    from rebuttal.files.atomic import atomic_write, atomic_write_text

    if not fmt.binary:
        atomic_write_text(path, render_to_text(document, fmt, **options))
        return
    check_can_write(fmt)
    write = fmt.load_writer()
    try:
        atomic_write(path, lambda temporary: write(document, temporary, **_taken(fmt, options)))
    except RebuttalError as error:
        raise error.located(file=path) from None  # the output, not the temporary file it was written as


def _taken(fmt: ExportFormat, options: dict[str, object]) -> dict[str, object]:
    return {name: value for name, value in options.items() if fmt.takes(name)}
