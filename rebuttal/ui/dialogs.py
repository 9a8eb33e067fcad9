"""Modal dialogs: confirm, choose a path, edit one use of a block, write a new block, help."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select

from rebuttal.library.stack import BLOCK_KINDS
from rebuttal.render.formats import DEFAULT_FORMAT, EXPORT_FORMATS, export_format, format_of_path
from rebuttal.ui.key_order import focus_now

if TYPE_CHECKING:
    from textual.widgets import TextArea

# A callback that applies what the dialog collected: '' on success, else the message to show.
Apply = Callable[..., str]


def text_area() -> type[TextArea]:
    """Textual's TextArea, imported when a dialog first needs it (with its highlighting, ~10 ms that
    the app's first frame does not wait for)."""
    from textual.widgets import TextArea

    return TextArea


class Dialog(ModalScreen[str]):
    """A modal with Escape to cancel and a line for the error of the last attempt."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]  # noqa: RUF012

    def action_cancel(self) -> None:
        """Close without doing anything."""
        self.dismiss("")

    def show_error(self, message: str) -> None:
        """Show why the last attempt was refused (or clear it)."""
        label = self.query_one("#dialog-error", Label)
        if not message and not label.display:
            return  # nothing shown, nothing to clear (a keystroke need not lay the dialog out again)
        label.update(message)
        label.display = bool(message)

    def attempt(self, apply: Apply, *args: object) -> None:
        """Run ``apply``; close on success, otherwise show its message and stay open."""
        message = apply(*args)
        if message:
            self.show_error(message)
        else:
            self.dismiss("done")


class ConfirmScreen(ModalScreen[str]):
    """A question with a few answers; dismisses with the chosen answer's id."""

    BINDINGS = [Binding("escape", "dismiss('cancel')", "Cancel", id="confirm.cancel")]  # noqa: RUF012

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        """The question and one button per answer."""
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question")
            with Horizontal(classes="buttons"):
                for answer_id, label in self.answers:
                    variant = "default" if answer_id == "cancel" else "primary"
                    yield Button(label, id=answer_id, variant=variant, compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer."""
        self.dismiss(event.button.id or "cancel")


class PathScreen(Dialog):
    """Where to save or export; for exports, also which format."""

    def __init__(self, title: str, suggested: Path, apply: Apply, *, formats: bool, action: str = "") -> None:
        super().__init__()
        self.action_label = action or ("Export" if formats else "Save")
        self.title_text = title
        self.suggested = suggested
        self.apply = apply
        self.formats = formats

    def compose(self) -> ComposeResult:
        """Path input, format choice, buttons."""
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="question")
            yield Label("File (a relative path is taken from the current folder):")
            yield Input(str(self.suggested), id="path")
            if self.formats:
                suggested = format_of_path(self.suggested)
                with RadioSet(id="format"):
                    for fmt in EXPORT_FORMATS:
                        yield RadioButton(fmt.label, value=fmt == suggested, id=f"fmt-{fmt.name}")
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(self.action_label, id="ok", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Focus the path, hide the empty error line."""
        self.show_error("")
        focus_now(self.query_one("#path", Input))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Changing the format changes the file's extension to match."""
        fmt = export_format((event.pressed.id or "").removeprefix("fmt-") or DEFAULT_FORMAT)
        path_input = self.query_one("#path", Input)
        path_input.value = str(Path(path_input.value).with_suffix(fmt.extension))

    def chosen_format(self) -> str:
        """The format ticked, else the one the extension implies."""
        if self.formats:
            pressed = self.query_one("#format", RadioSet).pressed_button
            if pressed is not None and pressed.id:
                return pressed.id.removeprefix("fmt-")
        implied = format_of_path(Path(self.query_one("#path", Input).value))
        return implied.name if implied is not None else DEFAULT_FORMAT

    def submit(self) -> None:
        """Try to write the file."""
        value = self.query_one("#path", Input).value.strip()
        if not value:
            self.show_error("Type a file name.")
            return
        self.attempt(self.apply, Path(value).expanduser(), self.chosen_format())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path box confirms."""
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """OK or Cancel."""
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss("")


class EditScreen(Dialog):
    """Edit the heading and text of one use of a block; the library block is not changed."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="edit.apply", priority=True),
        # As in Word: Ctrl+A selects all (TextArea's own Ctrl+A goes to the line's start).
        Binding("ctrl+a", "select_all", "Select all", id="edit.select_all", priority=True),
    ]

    def action_select_all(self) -> None:
        """Select all of the focused text (the paragraph, or the heading)."""
        select_all = getattr(self.focused, "select_all", None)
        if callable(select_all):
            select_all()

    def __init__(
        self, heading: str, title: str, text: str, apply: Apply, library_text: str = "", *,
        show_title: bool = True,
    ) -> None:
        super().__init__()
        self.library_text = library_text
        self.show_title = show_title
        self.heading = heading
        self.title_value = title
        self.text_value = text
        self.apply = apply

    def compose(self) -> ComposeResult:
        """Heading input, text area, buttons."""
        with Vertical(classes="dialog wide"):
            yield Label(self.heading, classes="question")
            if self.show_title:
                yield Label("Heading:")
                yield Input(self.title_value, id="item-title", select_on_focus=False)
            yield Label("Text — **bold**, *italic*, citations [@key], placeholders {article.title}. "
                        "Ctrl+A selects all; Tab goes on to the buttons.")
            yield text_area()(self.text_value, id="item-text", soft_wrap=True)
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Apply (Ctrl+S)", id="ok", variant="primary", compact=True)
                if self.library_text:  # only a library block has text to go back to
                    yield Button("Restore the library's text", id="restore", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Start in the text, what people open the dialog for (Shift+Tab reaches the heading above)."""
        self.show_error("")
        focus_now(self.query_one("#item-text", text_area()))

    def action_apply(self) -> None:
        """Apply the edit (refused with a message when the letter would not assemble)."""
        title = self.query_one("#item-title", Input).value if self.show_title else self.title_value
        self.attempt(self.apply, self.query_one("#item-text", text_area()).text, title)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Apply, restore or cancel."""
        if event.button.id == "ok":
            self.action_apply()
        elif event.button.id == "restore":
            area = self.query_one("#item-text", text_area())
            area.text = self.library_text or area.text
        else:
            self.dismiss("")


class NewBlockScreen(Dialog):
    """Write a new block to the user's own library."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="newblock.cancel"),
        Binding("ctrl+s", "create", "Create", id="newblock.create", priority=True),
    ]

    def __init__(self, folder: Path, apply: Apply) -> None:
        super().__init__()
        self.folder = folder
        self.apply = apply

    def compose(self) -> ComposeResult:
        """The block's fields."""
        with Vertical(classes="dialog wide"):
            yield Label(f"New block, saved as a draft in {self.folder}", classes="question")
            with Horizontal(classes="row"):
                yield Input(placeholder="id: group/name, e.g. concerns/sample-size", id="block-id")
                yield Select([(kind, kind) for kind in BLOCK_KINDS], value="concern", allow_blank=False,
                             id="block-kind")
            yield Input(placeholder="Title", id="block-title")
            yield Input(placeholder="Tags, separated by commas", id="block-tags")
            yield text_area()("", id="block-text", soft_wrap=True)
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Create and add (Ctrl+S)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Start at the id."""
        self.show_error("")
        focus_now(self.query_one("#block-id", Input))

    def action_create(self) -> None:
        """Write the block (refused with a message when something is missing or wrong)."""
        tags = tuple(t.strip() for t in self.query_one("#block-tags", Input).value.split(",") if t.strip())
        self.attempt(
            self.apply,
            self.query_one("#block-id", Input).value.strip(),
            str(self.query_one("#block-kind", Select).value),
            self.query_one("#block-title", Input).value,
            self.query_one("#block-text", text_area()).text,
            tags,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Create or cancel."""
        if event.button.id == "ok":
            self.action_create()
        else:
            self.dismiss("")


class HelpScreen(ModalScreen[None]):
    """Help for the panel that had focus, and every key that works there."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,f1,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        """The help text."""
        from textual.widgets import Markdown  # with markdown-it, ~20 ms: imported when help opens

        with VerticalScroll(classes="dialog wide", id="help"):
            yield Markdown(self.text)
            yield Button("Close (Esc)", id="close", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        self.dismiss()
