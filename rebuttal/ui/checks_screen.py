"""The checks screen (F4): the same rules as ``rebuttal check``, and "Make it fit"."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from rebuttal.letter.check_words import allowed_text, detail_text, found_text
from rebuttal.letter.checks import CheckResult


def checks_table(results: list[CheckResult]) -> Table:
    """The rules as a table: pass or fail, what was found, the limit, advice."""
    table = Table(expand=True, show_edge=False)
    table.add_column("", width=2)
    table.add_column("Check", no_wrap=True)
    table.add_column("Found", no_wrap=True)
    table.add_column("Limit", no_wrap=True)
    table.add_column("Details", ratio=1)
    for result in results:
        mark = ("✓", "green") if result.ok else ("✗", "bold red")
        table.add_row(mark[0], result.label, found_text(result), allowed_text(result), detail_text(result),
                      style=None if result.ok else "red")
    return table


class ChecksScreen(ModalScreen[str]):
    """Every check of the letter against its venue; dismisses with 'fit' to make it fit."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "dismiss('close')", "Close", id="checks.close"),
        Binding("f", "dismiss('fit')", "Make it fit", id="checks.fit"),
    ]

    def __init__(self, venue: str, verdict: str, results: list[CheckResult]) -> None:
        super().__init__()
        self.venue = venue
        self.verdict = verdict
        self.results = results

    def compose(self) -> ComposeResult:
        """The verdict, the table and two buttons."""
        with Vertical(classes="dialog wide", id="checks"):
            yield Label(f"Checks for {self.venue or 'no venue (F2 chooses one)'} — Esc closes",
                        classes="question")
            if self.verdict:
                yield Label(self.verdict, id="verdict")
            with VerticalScroll():
                yield Static(checks_table(self.results), id="checks-table")
            with Horizontal(classes="buttons"):
                yield Button("Make it fit: switch to short variants (f)", id="fit", variant="primary",
                             compact=True)
                yield Button("Close (Esc)", id="close", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Make it fit, or close."""
        self.dismiss(event.button.id or "close")
