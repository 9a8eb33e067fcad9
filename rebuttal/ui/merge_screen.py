"""Merge an edited DOCX in the app: choose the file, review each change, accept or reject, apply.

F6 (or "Merge edited DOCX…" in the palette, :mod:`rebuttal.ui.docx_merge`) asks
for the editors' file and compares it with the letter as it is in the app
(``rebuttal.merge``, the same as ``rebuttal merge``). The review screen lists the changed items, each with its
word diff, tracked changes and comments, all accepted to begin with; Space
rejects or accepts the highlighted one. Applying is one session change, so the
preview follows at once and Ctrl+Z undoes the whole merge.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from rebuttal.ui.key_order import focus_now

if TYPE_CHECKING:
    from rebuttal.merge.compare import ItemChange  # the merge is imported when one is asked for
    from rebuttal.merge.report import MergeReport


def change_row(change: ItemChange, kept: bool = True) -> Text:
    """One change as a row of the review list: kept or rejected, where, which item, what happened.

    Kept and rejected are said in words too, not by the tick's colour alone.
    """
    where = f"#{change.position + 1} " if change.position is not None else ""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("✓ kept      " if kept else "✗ rejected  ", style="green" if kept else "red")
    text.append(f"{where}{change.label}", style="bold")
    text.append(f"  {change.status}", style="magenta" if change.edited or change.added else "cyan")
    extras = [
        f"{n} {name}{'s' * (n != 1 and name == 'comment')}"
        for n, name in ((len(change.revisions), "tracked"), (len(change.comments), "comment"))
        if n
    ]
    if extras:
        text.append(f"  ({', '.join(extras)})", style="dim")
    return text


def change_detail(change: ItemChange) -> Text:
    """The highlighted change in full: its diff, tracked changes with authors, comments."""
    text = change_row(change)
    text.no_wrap = False
    if change.edited or change.added:
        text.append("\n\n")
        _append_diff(text, change.after if change.added else change.diff())
    if change.touches_library_wording:
        text.append("\n\nchanges a library block's wording (the library is not changed)", style="yellow")
    if change.moved:
        text.append(f"\n\nmoved: now after {change.now_after}", style="cyan")
    if change.deleted:
        text.append("\n\n")
        text.append(change.before, style="red strike")
    for revision in change.revisions:
        text.append(f"\n\ntracked: {revision.kind} by {revision.author or 'unknown'}: ", style="dim")
        text.append(" ".join(revision.text.split()), style="dim")
    for comment in change.comments:
        on = f" on “{comment.anchor}”" if comment.anchor else ""
        text.append(f"\n\ncomment by {comment.author or 'unknown'}{on}: ", style="green")
        text.append(comment.text)
    return text


def _append_diff(text: Text, diff: str) -> None:
    """``[-old-]`` in red and struck through, ``{+new+}`` in green."""
    import re

    position = 0
    for match in re.finditer(r"\[-(.*?)-\]|\{\+(.*?)\+\}", diff):
        text.append(diff[position : match.start()])
        if match.group(1) is not None:
            text.append(match.group(1), style="red strike")
        else:
            text.append(match.group(2), style="green underline")
        position = match.end()
    text.append(diff[position:])


class MergeReviewScreen(ModalScreen[str]):
    """The editors' changes, one per row, each to accept (ticked) or reject."""

    DEFAULT_CSS = """
    MergeReviewScreen { align: center middle; }
    #merge-changes { height: auto; max-height: 40%; }
    #merge-detail { height: 1fr; border-top: solid $primary-darken-2; padding: 0 1; }
    """
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="merge.cancel"),
        Binding("ctrl+s", "apply", "Apply accepted", id="merge.apply", priority=True),
    ]

    def __init__(self, report: MergeReport, apply: Callable[[list[ItemChange]], str]) -> None:
        super().__init__()
        self.report = report
        self.apply = apply
        self.changes = [change for change in report.changes if change.changed]

    def compose(self) -> ComposeResult:
        """Heading, the list of changes, buttons."""
        name = Path(self.report.docx).name
        with Vertical(classes="dialog wide"):
            yield Label(
                f"Changes in {name}: {len(self.changes)} item{'' if len(self.changes) == 1 else 's'}. "
                "Space accepts or rejects the highlighted "
                "one; Ctrl+S applies the accepted ones (Ctrl+Z undoes the merge).",
                classes="question",
            )
            for note in self.report.notes:
                yield Label(f"Note: {note}", classes="error")
            yield SelectionList[int](
                *(Selection(change_row(change), index, True) for index, change in enumerate(self.changes)),
                id="merge-changes",
            )
            with VerticalScroll(id="merge-detail"):
                yield Static(change_detail(self.changes[0]) if self.changes else "", id="merge-detail-text")
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Apply accepted (Ctrl+S)", id="ok", variant="primary", compact=True)
                yield Button("Accept all", id="all", compact=True)
                yield Button("Reject all", id="none", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Start in the list."""
        self.query_one("#dialog-error", Label).display = False
        focus_now(self.query_one(SelectionList))

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        """Show the highlighted change in full below the list."""
        change = self.changes[event.selection.value]
        self.query_one("#merge-detail-text", Static).update(change_detail(change))
        self.query_one("#merge-detail", VerticalScroll).scroll_home(animate=False)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        """Say on each row whether it is kept or rejected now."""
        choices = self.query_one(SelectionList)
        ticked = set(choices.selected)
        for index, change in enumerate(self.changes):
            choices.replace_option_prompt_at_index(index, change_row(change, index in ticked))

    def accepted(self) -> list[ItemChange]:
        """The changes ticked now."""
        return [self.changes[index] for index in self.query_one(SelectionList).selected]

    def action_apply(self) -> None:
        """Apply the accepted changes; a refusal stays on screen."""
        message = self.apply(self.accepted())
        if message:
            label = self.query_one("#dialog-error", Label)
            label.update(message)
            label.display = True
        else:
            self.dismiss("done")

    def action_cancel(self) -> None:
        """Close without changing the letter."""
        self.dismiss("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Apply, accept all, reject all or cancel."""
        choices = self.query_one(SelectionList)
        if event.button.id == "ok":
            self.action_apply()
        elif event.button.id == "all":
            choices.select_all()
        elif event.button.id == "none":
            choices.deselect_all()
        else:
            self.dismiss("")
