"""Markdown: for pandoc users, web pages and review in a pull request."""

from __future__ import annotations

import re

from rebuttal.model import Citation, Document, Inline, Paragraph, PointList, Span

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _inlines(inlines: tuple[Inline, ...], document: Document) -> str:
    out = []
    for inline in inlines:
        if isinstance(inline, Citation):
            marked = document.marker.printed(inline.numbers)
            out.append(f"^{marked.text}^" if marked.superscript else marked.text)  # pandoc's superscript
            continue
        out.append(_span(inline))
    return "".join(out)


def _span(span: Span) -> str:
    text = _escape(span.text)
    if span.link:
        text = f"[{text}]({span.link})"
    # Emphasis markers must hug the words: move surrounding spaces outside them.
    core = text.strip()
    if not core or not (span.bold or span.italic):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    mark = "***" if span.bold and span.italic else "**" if span.bold else "*"
    return f"{lead}{mark}{core}{mark}{trail}"


def render_markdown(document: Document) -> str:
    """The letter as CommonMark."""
    out: list[str] = []
    if document.letterhead.name:
        out += [f"**{_escape(document.letterhead.name)}**", ""]
    for line in (document.date, document.recipient):
        if line:
            out += [_escape(line), ""]
    if document.title:
        out += [f"# {_escape(document.title)}", ""]
    if document.salutation:
        out += [_escape(document.salutation), ""]
    for section in document.body:
        if isinstance(section, Paragraph):
            out += [_inlines(section.inlines, document), ""]
            continue
        assert isinstance(section, PointList)
        for point in section.points:
            label = f"{point.number}. "
            heading = _inlines(point.heading, document)
            out += [f"{label}**{heading}**" if heading else label.rstrip(), ""]
            for paragraph in point.paragraphs:
                out += [" " * len(label) + _inlines(paragraph.inlines, document), ""]
    for signatory in document.signatories:
        lines = [_escape(signatory.display_name)] + ([_escape(signatory.role)] if signatory.role else [])
        out += ["  \n".join(lines), ""]
    if document.competing_interests is not None:
        out += ["*Competing interests:* " + _inlines(document.competing_interests.inlines, document), ""]
    if document.references:
        out += ["## References", ""]
        for reference in document.references:
            out.append(f"{reference.number}. " + "".join(_span(s) for s in reference.inlines))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
