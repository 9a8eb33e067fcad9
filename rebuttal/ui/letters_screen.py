"""The letters on record (F7): what the society sent, where, and what became of it; this letter's own
record when it has one. The same record as ``rebuttal letters``."""

from __future__ import annotations

import datetime as dt

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from rebuttal.record.letters import RecordedLetter


def letters_table(letters: list[RecordedLetter], today: dt.date, current: RecordedLetter | None) -> Table:
    """The letters on record, newest first: target, venue, sent, status, days since sent."""
    table = Table(expand=True, show_edge=False)
    for column in ("Target", "Venue", "Sent", "Status", "Days"):
        table.add_column(column, no_wrap=column != "Venue", justify="right" if column == "Days" else "left")
    for letter in letters:
        style = "bold" if current is not None and letter.id == current.id else None
        table.add_row(Text(letter.target.short), Text(letter.venue or "-"), letter.sent.isoformat(),
                      letter.status, str(letter.days_since_sent(today)), style=style)
    return table


def this_letter_line(current: RecordedLetter | None) -> str:
    """What the record says of the letter being edited."""
    if current is None:
        return ("This letter is not on record. Once sent: rebuttal letters add OUTLINE --sent DATE "
                "(see docs/record.md).")
    status = f"{current.status} since {current.status_on}" if current.status_on else current.status
    return f"This letter is on record as {current.id}: sent {current.sent.isoformat()}, {status}."


class LettersScreen(ModalScreen[None]):
    """The letters on record, and where this one stands."""

    BINDINGS = [Binding("escape", "dismiss", "Close", id="letters.close")]  # noqa: RUF012

    def __init__(self, letters: list[RecordedLetter], current: RecordedLetter | None, today: dt.date) -> None:
        super().__init__()
        self.letters = letters
        self.current = current
        self.today = today

    def compose(self) -> ComposeResult:
        """This letter's line, the table and a close button."""
        with Vertical(classes="dialog wide", id="letters-on-record"):
            yield Label(f"Letters on record ({len(self.letters)}) — Esc closes", classes="question")
            yield Label(this_letter_line(self.current), id="this-letter")
            with VerticalScroll():
                if self.letters:
                    yield Static(letters_table(self.letters, self.today, self.current), id="letters-table")
                else:
                    yield Static("No letters on record yet.", id="letters-table")
            with Horizontal(classes="buttons"):
                yield Button("Close (Esc)", id="close", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        self.dismiss()
