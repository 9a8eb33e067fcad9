"""Plain text: for web forms (BMJ rapid responses) and e-mail. No markup at all."""

from __future__ import annotations

import textwrap

from rebuttal.model import Document, Paragraph, PointList, inline_text


def render_text(document: Document, *, width: int = 72) -> str:
    """The letter as plain text, wrapped at ``width`` columns (0: one line per paragraph)."""
    out: list[str] = []

    def para(text: str, indent: str = "", first: str | None = None) -> None:
        if width <= 0:
            out.append((first if first is not None else indent) + text)
        else:
            out.append(
                textwrap.fill(
                    text, width=width, initial_indent=first if first is not None else indent,
                    subsequent_indent=indent, break_on_hyphens=False, break_long_words=False,
                )
            )
        out.append("")

    marker = document.marker
    for line in (document.letterhead.name, document.date, document.recipient):
        if line:
            out.extend([line, ""])
    if document.title:
        out.extend([document.title.upper(), ""])
    if document.salutation:
        out.extend([document.salutation, ""])
    for section in document.body:
        if isinstance(section, Paragraph):
            para(section.plain(marker))
            continue
        assert isinstance(section, PointList)
        for point in section.points:
            label = f"{point.number}. "
            para(inline_text(point.heading, marker), " " * len(label), label)
            for paragraph in point.paragraphs:
                para(paragraph.plain(marker), " " * len(label))
    for signatory in document.signatories:
        out.append(signatory.display_name)
        if signatory.role:
            out.append(signatory.role)
        out.append("")
    if document.competing_interests is not None:
        para("Competing interests: " + document.competing_interests.plain(marker))
    if document.references:
        out.extend(["References", ""])
        digits = len(str(len(document.references)))
        for reference in document.references:
            label = f"{reference.number}.".ljust(digits + 2)
            para(reference.plain(), " " * len(label), label)
    return "\n".join(out).rstrip() + "\n"
