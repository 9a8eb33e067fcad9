"""The Rich preview: the same document the exports are made from, for the terminal."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from rebuttal.model import Citation, Document, Inline, Paragraph, PointList, Span, disclosure_line

CITATION_STYLE = "bold cyan"
# A terminal cannot raise text, so superscript numbers are drawn with Unicode's superscript
# digits: "needed.²˒³" reads as it will be printed, not as "needed2,3".
SUPERSCRIPT = str.maketrans("0123456789,-–", "⁰¹²³⁴⁵⁶⁷⁸⁹˒⁻⁻")
UNRESOLVED_STYLE = "bold black on yellow"
# Paragraphs that repeat words of letters on record (the app's overlap marks): a tint behind the text,
# which changes nothing of the layout.
MARKED_STYLE = "on #3d3417"


def inline_text(inlines: tuple[Inline, ...], document: Document, base: str = "") -> Text:
    """Inlines as a Rich Text; citations tinted, unfilled placeholders highlighted."""
    text = Text(style=base)
    unresolved = {"{" + name + "}" for name in document.unresolved}
    for inline in inlines:
        if isinstance(inline, Citation):
            marked = document.marker.printed(inline.numbers)
            shown = marked.text.translate(SUPERSCRIPT) if marked.superscript else marked.text
            text.append(shown, style=CITATION_STYLE)
            continue
        text.append(inline.text, style=_span_style(inline, unresolved))
    return text


def _span_style(span: Span, unresolved: set[str]) -> str:
    parts = []
    if span.bold:
        parts.append("bold")
    if span.italic:
        parts.append("italic")
    if span.link:
        parts.append(f"underline link {span.link}")
    if span.text in unresolved:
        parts.append(UNRESOLVED_STYLE)
    return " ".join(parts)


def render_rich(document: Document, *, marked: frozenset[int] = frozenset()) -> RenderableType:
    """The whole letter as one Rich renderable; the body items at the outline positions ``marked`` are
    tinted (the app marks those overlapping earlier letters)."""

    def tint(text: Text, source: object) -> Text:
        if marked and getattr(source, "position", None) in marked:
            text.stylize(MARKED_STYLE)
        return text

    parts: list[RenderableType] = []
    if document.letterhead.name:
        parts.extend(Text(name, style="bold") for name in document.letterhead.names)
        if document.letterhead.tagline:
            parts.append(Text(document.letterhead.tagline, style="dim"))
        parts.append(Text(""))
    for line in (document.date, document.recipient):
        if line:
            parts += [Text(line), Text("")]
    if document.title:
        parts += [Text(document.title, style="bold underline", justify="center"), Text("")]
    if document.salutation:
        parts += [Text(document.salutation), Text("")]
    for section in document.body:
        if isinstance(section, Paragraph):
            parts += [tint(inline_text(section.inlines, document), section.source), Text("")]
            continue
        assert isinstance(section, PointList)
        for point in section.points:
            heading = Text(f"{point.number}. ", style="bold")
            heading.append_text(inline_text(point.heading, document, base="bold"))
            parts += [tint(heading, point.source), Text("")]
            for paragraph in point.paragraphs:
                text = tint(inline_text(paragraph.inlines, document), paragraph.source)
                parts += [Padding(text, (0, 0, 1, 3))]
    for group in document.signature_groups():
        if group.heading:
            parts += [Text(group.heading, style="italic"), Text("")]
        for signatory in group.signatories:
            lines = Text(signatory.display_name, style="bold")
            for line in signatory.details:
                lines.append("\n" + line, style="")
            parts += [lines, Text("")]
    disclosures = document.disclosures()
    if disclosures:
        parts += [Text("Competing interests", style="bold"), Text("")]
        if document.competing_interests is not None:
            parts += [inline_text(document.competing_interests.inlines, document), Text("")]
        parts += [Text(disclosure_line(name, disclosure)) for name, disclosure in disclosures]
        parts.append(Text(""))
    elif document.competing_interests is not None:
        statement = Text("Competing interests: ", style="italic")
        statement.append_text(inline_text(document.competing_interests.inlines, document))
        parts += [statement, Text("")]
    if document.references:
        parts += [Text("References", style="bold"), Text("")]
        # A grid gives the hanging indent: wrapped lines align with the entry.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(ratio=1)
        for reference in document.references:
            grid.add_row(f"{reference.number}.", inline_text(reference.inlines, document))
        parts.append(grid)
    return Group(*parts)
