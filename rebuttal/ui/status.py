"""The status line: words and references against the venue's limits, what is still missing."""

from __future__ import annotations

from rich.text import Text

from rebuttal.app.session import Session, Status
from rebuttal.letter.check_words import failure_headline, found_text


def _count(label: str, value: int, limit: int | None) -> Text:
    over = limit is not None and value > limit
    shown = f"{label} {value}" + (f"/{limit}" if limit is not None else "")
    return Text(shown, style="bold red" if over else "bold")


def verdict(status: Status) -> str:
    """``Fits NEJM correspondence`` only when every check passes; else the most urgent failure
    (``Late by 3 days``, ``Over by 423 words, 9 references``); '' without a venue."""
    if status.checked:
        if status.failures:
            return failure_headline(status.failures)
        if status.problem or not (status.has_limits or status.window is not None):
            return ""  # a venue without limits (a society's own statement): nothing to fit
        return f"Fits {status.venue_name}" if status.venue_name else "Fits"
    over = []
    if status.words_over:
        over.append(f"{status.words_over} words")
    if status.references_over:
        over.append(f"{status.references_over} reference" + ("s" if status.references_over > 1 else ""))
    if over:
        return "Over by " + ", ".join(over)
    if not status.has_limits:
        return ""
    return f"Fits {status.venue_name}" if status.venue_name else "Fits"


def status_line(session: Session) -> Text:
    """One line: counts, unresolved placeholders, venue, problems."""
    status = session.status()
    line = Text()
    line.append_text(_count("Words", status.words, status.word_limit))
    line.append("  ")
    line.append_text(_count("Refs", status.references, status.reference_limit))
    said = verdict(status)
    if said:
        good = status.passes if status.checked else status.fits
        line.append(f"  {said}", style="bold green" if good else "bold red")
    if status.window is not None:
        due = status.window.window.due if status.window.window is not None else None
        line.append(f"  Due: {found_text(status.window)}" + (f" ({due.isoformat()})" if due else ""))
    venue = session.outline.letter.venue
    line.append(f"  Venue: {venue}" if venue else "  Venue: none (F2)", style="dim" if not venue else "")
    if session.error:
        line.append(f"  ⚠ {session.error}", style="bold red")
    elif status.unresolved:
        names = ", ".join("{" + name + "}" for name in status.unresolved)
        line.append(f"  To fill in: {names}", style="black on yellow")
    elif session.body:
        line.append("  All placeholders filled", style="green")
    if status.problem:
        line.append(f"  ✗ {status.problem}", style="bold red")
    for failed in status.failed:
        if failed is status.window or failed is status.most_urgent:
            continue  # the deadline and the verdict's failure are shown once, above
        line.append(f"  ✗ {failed.label} {found_text(failed)}", style="bold red")
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line
