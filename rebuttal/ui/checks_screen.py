"""The checks screen (F4): the same rules as ``rebuttal check``, and "Make it fit"."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from rebuttal.app.session import ChangeRefused
from rebuttal.letter.check_words import allowed_text, detail_text, found_text
from rebuttal.letter.checks import CheckResult
from rebuttal.ui.editor import LetterEditor
from rebuttal.ui.status import verdict


def show_checks(editor: LetterEditor) -> None:
    """Open the checks screen for the editor's letter; its "Make it fit" button fits the letter."""
    session = editor.session

    def answered(answer: str | None) -> None:
        if answer == "fit":
            make_it_fit(editor)

    checks = ChecksScreen(session.outline.letter.venue, verdict(session.status()), session.check_results())
    editor.app.push_screen(checks, answered)


def make_it_fit(editor: LetterEditor) -> None:
    """Switch blocks to their short variants, last first, until the letter fits (Ctrl+Z undoes)."""
    session = editor.session
    try:
        changes = session.make_it_fit()
    except ChangeRefused as refused:
        editor.notify(str(refused), title="Nothing to fit", severity="warning")
        return
    editor.refresh_letter()
    status = session.status()
    editor.notify(f"Switched {len(changes)} blocks to their short variants. {verdict(status)}. "
                  "Ctrl+Z undoes it.", title="Make it fit",
                  severity="information" if status.fits else "warning")


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
