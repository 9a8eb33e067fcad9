"""The app's checking and helping actions: the checks screen, "Make it fit", joining a paragraph
to the point above, and the help text. A mixin of :class:`rebuttal.ui.app.RebuttalApp`, kept apart
so each module stays small; it uses the app's ``session``, ``attempt`` and ``refresh_letter``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widget import Widget

from rebuttal.app.session import ChangeRefused

if TYPE_CHECKING:
    from rebuttal.ui.app import RebuttalApp

    _Base = RebuttalApp
else:
    _Base = object

GETTING_STARTED = (
    "**Getting started.** Press **F2** to describe the article you answer and choose the society "
    "and venue. In the **Library** (left, top) type to filter and press **Enter** to add a block; "
    "in the **Letter** (left, bottom) move, edit and remove blocks. **Tab** moves between panels, "
    "**Ctrl+S** saves the outline, **Ctrl+E** exports a Word file, **Ctrl+Z** undoes, "
    "**Ctrl+P** lists every command, **Ctrl+Q** quits."
)


class LetterActions(_Base):
    """Checks (F4), Make it fit, Join the point above (j) and the help text (F1)."""

    def action_checks(self) -> None:
        """The venue's rules, as ``rebuttal check`` reports them, and "Make it fit"."""
        from rebuttal.ui.checks_screen import ChecksScreen
        from rebuttal.ui.status import verdict

        status = self.session.status()
        venue = self.session.outline.letter.venue

        def answered(answer: str | None) -> None:
            if answer == "fit":
                self.action_make_it_fit()

        self.push_screen(ChecksScreen(venue, verdict(status), self.session.check_results()), answered)

    def action_make_it_fit(self) -> None:
        """Switch blocks to their short variants, last first, until the letter fits (Ctrl+Z undoes)."""
        try:
            changes = self.session.make_it_fit()
        except ChangeRefused as refused:
            self.notify(str(refused), title="Nothing to fit", severity="warning")
            return
        from rebuttal.ui.status import verdict

        self.refresh_letter()
        status = self.session.status()
        self.notify(f"Switched {len(changes)} blocks to their short variants. {verdict(status)}. "
                    "Ctrl+Z undoes it.", title="Make it fit",
                    severity="information" if status.fits else "warning")

    def action_join_point(self) -> None:
        """Make the selected paragraph part of the point above it, so the numbering runs on (or undo that)."""
        if not self.session.body:
            self.notify("The letter is empty.", severity="warning")
            return
        index = self.selected
        message = self.attempt(self.session.toggle_part_of_point, index)
        if message:
            self.notify(message, title="Not done", severity="warning")
            return
        self.selected = index
        self.refresh_letter()
        joined = self.session.body[index].part_of_point
        self.notify("Part of the point above now: the points keep counting on." if joined
                    else "A paragraph of its own again: the points after it start at 1.", timeout=4)

    def help_text(self) -> str:
        """Markdown: the focused panel's help, its keys, and the keys that work everywhere."""
        focused: Widget | None = self.focused
        panel_help = next((getattr(w, "HELP", "") for w in (focused.ancestors_with_self if focused else ())
                           if getattr(w, "HELP", "")), "")
        # One row per action, all its keys together ("[ or shift+↑"), this app's keys first.
        keys: dict[str, list[str]] = {}
        described: dict[str, str] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.system or binding.action == "command_palette":
                continue
            action = binding.action.removeprefix("app.")
            shown = keys.setdefault(action, [])
            displays = [binding.key_display] if binding.key_display else []
            displays += [self.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(",")]
            for display in displays:
                if display.lower() not in {d.lower() for d in shown}:
                    shown.append(display)
            described.setdefault(action, binding.description)
        rows = ["| Key | Does |", "| --- | --- |"]
        rows += [f"| {' or '.join(keys[action])} | {described[action]} |" for action in keys]
        rows.append("| ^p | Command palette: every action by name, with its key |")
        title = f"# Help — {self._panel_name(focused)}  (Esc closes)"
        return "\n\n".join([title, panel_help, GETTING_STARTED, "## Keys here", "\n".join(rows)])

    @staticmethod
    def _panel_name(focused: Widget | None) -> str:
        for widget in focused.ancestors_with_self if focused else ():
            if widget.id in ("library", "letter", "preview"):
                return {"library": "Library", "letter": "Letter", "preview": "Preview"}[widget.id]
        return "rebuttal"
