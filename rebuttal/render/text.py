"""Plain text: for web forms (BMJ rapid responses) and e-mail. No markup at all.

Paragraphs are separated by a blank line and the references come last,
numbered. With ``width`` > 0 lines are wrapped for e-mail and reading; a web
form wraps by itself, so ``width=0`` gives one line per paragraph (hard line
breaks pasted into a form stay in the published text). Wrapping never splits
what a reader takes as one unit: a date like ``2019 Jul 13``, ``et al``,
``doi: 10...``, ``PMID: 123`` or an author's ``Wang X`` (a line may then
run past ``width`` only by an identifier that cannot break anyway).
"""

from __future__ import annotations

import re
import textwrap

from rebuttal.model import Document, Paragraph, PointList, disclosure_line, inline_text
from rebuttal.text.printable import printable

# Spaces inside these are held with a no-break placeholder while wrapping.
_UNITS = re.compile(
    r"\b\d{4} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?: \d{1,2}\b)?"  # 2019 Jul 13
    r"|\bet al\b"
    r"|\b(?:doi|PMID|PMCID): \S+"
    r"|\b[A-Z][\w'-]+ [A-Z]{1,3}(?=[,.])"  # an author in a reference: Wang X, / Busse JW.
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"  # March 10, 2025
)
_HOLD = "\u2060"  # word joiner: not whitespace for textwrap, never in our text after printable().


def render_text(document: Document, *, width: int = 72) -> str:
    """The letter as plain text, wrapped at ``width`` columns (0: one line per paragraph)."""
    out: list[str] = []
    marker = document.marker

    def para(text: str, indent: str = "", first: str | None = None) -> None:
        out.append(wrap(text, width, indent, first))
        out.append("")

    if document.joint:  # every society on its own line, as on a joint letterhead
        out.extend(wrap(name, width) for name in document.letterhead.names)
        out.append("")
    for line in ("" if document.joint else document.letterhead.name, document.date, document.recipient):
        if line:
            para(line)
    if document.title:
        para(document.title.upper())
    if document.salutation:
        para(document.salutation)
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
    for group in document.signature_groups():
        if group.heading:
            para(group.heading)
        for signatory in group.signatories:
            # Name, role and the rest stay on their own lines, as under a signed letter.
            out.extend(wrap(line, width) for line in (signatory.display_name, *signatory.details))
            out.append("")
    disclosures = document.disclosures()
    statement = document.competing_interests.plain(marker) if document.competing_interests else ""
    if disclosures:
        para("Competing interests")
        if statement:
            para(statement)
        for name, disclosure in disclosures:
            para(disclosure_line(name, disclosure))
    elif statement:
        para("Competing interests: " + statement)
    if document.references:
        para("References")
        digits = len(str(len(document.references)))
        for reference in document.references:
            label = f"{reference.number}.".ljust(digits + 2)
            para(reference.plain(), " " * len(label), label)
    return "\n".join(out).rstrip() + "\n"


def wrap(text: str, width: int, indent: str = "", first: str | None = None) -> str:
    """One paragraph: cleaned, wrapped at ``width`` (0: one line) without splitting units."""
    text = " ".join(printable(text).split())
    if width <= 0:
        # One line per paragraph: a web form wraps it; leading spaces would only show as junk.
        return (first or "") + text
    lead = first if first is not None else indent
    held = _UNITS.sub(lambda match: match.group(0).replace(" ", _HOLD), text)
    wrapped = textwrap.fill(
        held, width=width, initial_indent=lead, subsequent_indent=indent,
        break_on_hyphens=False, break_long_words=False,
    )
    return wrapped.replace(_HOLD, " ")
