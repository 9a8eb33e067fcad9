"""What the app's helpers (saving, exporting, merging) need from the screen that edits the letter.

A protocol, so that :mod:`rebuttal.ui.letter_files` and :mod:`rebuttal.ui.docx_merge` know the
main screen only by what they use of it (no import of it, no circle).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from rebuttal.app.session import Session


class LetterEditor(Protocol):
    """The screen editing one letter: its session, and ways to change it and tell the person."""

    session: Session

    @property
    def app(self) -> App: ...

    def attempt(self, change: Callable[..., object], *args: object) -> str:
        """Run a session change; '' on success, else the message (the letter is unchanged)."""
        ...

    def act(self, change: Callable[..., object], *args: object) -> None:
        """Run a session change; a refusal becomes a notification."""
        ...

    def refresh_letter(self) -> None:
        """Show the session's letter again."""
        ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A notification (Textual's ``Widget.notify``)."""
        ...
