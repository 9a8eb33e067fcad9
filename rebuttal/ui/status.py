"""The status line: words and references against the venue's limits, what is still missing."""

from __future__ import annotations

from rich.text import Text

from rebuttal.app.session import Session


def _count(label: str, value: int, limit: int | None) -> Text:
    over = limit is not None and value > limit
    shown = f"{label} {value}" + (f"/{limit}" if limit is not None else "")
    return Text(shown, style="bold red" if over else "bold")


def status_line(session: Session) -> Text:
    """One line: counts, unresolved placeholders, venue, problems."""
    status = session.status()
    line = Text()
    line.append_text(_count("Words", status.words, status.word_limit))
    line.append("  ")
    line.append_text(_count("Refs", status.references, status.reference_limit))
    verdict = status.verdict
    if verdict:
        line.append(f"  {verdict}", style="bold green" if status.fits else "bold red")
    if status.window:
        line.append(f"  Due: {status.window}")
    venue = session.outline.letter.venue
    line.append(f"  Venue: {venue}" if venue else "  Venue: none (F2)", style="dim" if not venue else "")
    if session.error:
        line.append(f"  ⚠ {session.error}", style="bold red")
    elif status.unresolved:
        names = ", ".join("{" + name + "}" for name in status.unresolved)
        line.append(f"  To fill in: {names}", style="black on yellow")
    elif session.body:
        line.append("  All placeholders filled", style="green")
    for failed in status.failed_checks:
        if status.window and failed.startswith("Window"):
            continue  # the deadline is shown once, above
        line.append(f"  ✗ {failed}", style="bold red")
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line
