"""Markdown: for pandoc users, web pages and review in a pull request."""

from __future__ import annotations

import re

from rebuttal.model import Citation, Document, Inline, Paragraph, PointList, Span, disclosure_line

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
    if document.letterhead.names:  # a joint letter names every society, one per line
        out += ["  \n".join(f"**{_escape(name)}**" for name in document.letterhead.names), ""]
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
    for group in document.signature_groups():
        if group.heading:
            out += [f"*{_escape(group.heading)}*", ""]
        for signatory in group.signatories:
            lines = [_escape(line) for line in (signatory.display_name, *signatory.details)]
            out += ["  \n".join(lines), ""]
    disclosures = document.disclosures()
    competing = document.competing_interests
    statement = _inlines(competing.inlines, document) if competing is not None else ""
    if disclosures:
        out += ["## Competing interests", ""] + ([statement, ""] if statement else [])
        out += [_escape(disclosure_line(name, disclosure)) + "  " for name, disclosure in disclosures]
        out[-1] = out[-1].rstrip()
        out.append("")
    elif statement:
        out += ["*Competing interests:* " + statement, ""]
    if document.references:
        out += ["## References", ""]
        for reference in document.references:
            out.append(f"{reference.number}. " + "".join(_span(s) for s in reference.inlines))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
