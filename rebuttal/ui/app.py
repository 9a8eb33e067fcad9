"""The rebuttal app: browse the library, assemble the letter, preview it, save and export.

The app only installs the main screen (:mod:`rebuttal.ui.main_screen`, where the letter is
edited), the global keys (help, quit) and the command palette; behaviour lives on screens.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from rebuttal.app.session import Session
from rebuttal.library.stack import Library
from rebuttal.ui.dialogs import HelpScreen
from rebuttal.ui.help import help_text
from rebuttal.ui.key_order import FOCUS_BINDINGS, KeyGate
from rebuttal.ui.main_screen import MainScreen
from rebuttal.ui.palette import RebuttalCommands


class RebuttalApp(App[None]):
    """Write a rebuttal letter from the society's approved blocks."""

    CSS_PATH = "app.tcss"
    TITLE = "rebuttal"
    COMMANDS = App.COMMANDS | {RebuttalCommands}
    BINDINGS = [  # noqa: RUF012
        Binding("f1,question_mark", "help", "Help", key_display="F1", id="app.help", show=False),
        Binding("ctrl+q", "quit_app", "Quit", id="app.quit", priority=True),
        *FOCUS_BINDINGS,
    ]

    def __init__(
        self, session: Session, *, autosave_seconds: float | None = 3.0, offer_recovery: bool = True
    ) -> None:
        super().__init__()
        self.session = session
        self.autosave_seconds = autosave_seconds
        self.offer_recovery = offer_recovery
        self.main_screen: MainScreen | None = None
        self.key_gate = KeyGate(self)

    async def on_event(self, event: events.Event) -> None:
        """Input waits while the screen it is meant for cannot take it yet (see ``ui/key_order``)."""
        if not self.key_gate.holds(event):
            await super().on_event(event)
            self.key_gate.handled(event)

    def get_default_screen(self) -> Screen[None]:
        """The main screen, editing the session's letter."""
        self.main_screen = MainScreen(self.session, autosave_seconds=self.autosave_seconds,
                                      offer_recovery=self.offer_recovery)
        return self.main_screen

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's palette commands, less its "Quit as soon as possible", which discards unsaved work
        (our "Quit" asks first)."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

    async def action_quit(self) -> None:
        """Every way out goes through the question about unsaved changes."""
        self.action_quit_app()

    def action_quit_app(self) -> None:
        """Quit, asking first when the letter has unsaved changes."""
        if self.main_screen is None:
            self.exit()
        else:
            self.main_screen.action_quit_app()

    def get_key_display(self, binding: Binding) -> str:
        """Function keys as the help and the buttons name them: ``F2`` (not ``f2``), like ``F1``."""
        display = super().get_key_display(binding)
        if re.fullmatch(r"f\d{1,2}", display):
            return display.upper()
        return display

    def action_help(self) -> None:
        """Help for the focused panel and the keys that work there."""
        self.push_screen(HelpScreen(help_text(self.screen)))

    def on_load(self) -> None:
        """No garbage collection until the first frame is shown (see ``after_first_frame``)."""
        # Start-up makes ~100,000 objects that live as long as the app (Textual's, the library's
        # summaries); the collector would walk them over and over while they are made (~80 ms).
        gc.disable()

    def on_mount(self) -> None:
        """Collect garbage again after the first frame."""
        self.call_after_refresh(self.after_first_frame)

    def after_first_frame(self) -> None:
        """Collect garbage again, with what start-up made set aside as permanent (``gc.freeze``).

        Those objects live until the app quits: later collections, and the one at exit (which
        otherwise takes ~150 ms), need not walk them again.
        """
        gc.freeze()
        gc.enable()

    def on_unmount(self) -> None:
        """The collector is on again whatever happened before the first frame."""
        gc.enable()


def make_app(path: Path | None, library: Library, *, today: dt.date | None = None,
             autosave_seconds: float | None = 3.0) -> RebuttalApp:
    """The app editing the outline at ``path`` (a new letter when the file does not exist)."""
    return RebuttalApp(Session.open(library, path, today=today), autosave_seconds=autosave_seconds)
