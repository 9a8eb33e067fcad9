"""The Signatories screen (F3): who signs the letter, for which society, with what disclosure.

Type a name to find someone of the society's people and Enter adds them; Ctrl+N adds a new
person written into the letter. On the list: ``[`` ``]`` reorder, Delete removes, ``c`` marks
the corresponding author, Enter edits the disclosure. Every change is one undoable change of
the session (:mod:`rebuttal.app.signatories`), saved with the letter like any other.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from rebuttal.people.entries import SignatoryEntry
from rebuttal.ui.dialogs import Dialog
from rebuttal.ui.editor import LetterEditor

NEW_PERSON_FIELDS = [  # (field, label, hint)
    ("name", "Name", "e.g. Maria Lindqvist (required)"),
    ("degrees", "Degrees", "e.g. MD, PhD"),
    ("role", "Role", "e.g. President, Pacific Spine and Pain Society"),
    ("affiliation", "Affiliation", "e.g. Department of Anesthesiology, Coastal University"),
    ("email", "E-mail", "e.g. name@example.org"),
    ("disclosure", "Disclosure", "competing interests, e.g. None declared."),
    ("disclosure_date", "Disclosure date", "YYYY-MM-DD: when it was last brought up to date"),
    ("society", "Signs for", "a society profile id of this letter (empty: the lead society)"),
]


class SignatoryList(OptionList):
    """The letter's signatories; the keys act on the highlighted one."""

    BINDINGS = [  # noqa: RUF012
        Binding("enter", "screen.disclosure", "Disclosure", key_display="Enter", id="signatories.disclosure"),
        Binding("left_square_bracket,shift+up", "screen.move(-1)", "Move up", key_display="[",
                id="signatories.up"),
        Binding("right_square_bracket,shift+down", "screen.move(1)", "Move down", key_display="]",
                id="signatories.down"),
        Binding("delete,x", "screen.remove", "Remove", key_display="del", id="signatories.remove"),
        Binding("c", "screen.corresponding", "Corresponding", id="signatories.corresponding"),
    ]


class SignatoriesScreen(Dialog):
    """Choose and order who signs; mark the corresponding author; edit disclosures."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Close", id="signatories.close"),
        Binding("ctrl+n", "new_person", "New person", id="signatories.new", priority=True),
        Binding("ctrl+z", "undo", "Undo", id="signatories.undo", priority=True),
        Binding("ctrl+y", "redo", "Redo", id="signatories.redo", priority=True),
    ]

    def __init__(self, editor: LetterEditor) -> None:
        super().__init__()
        self.editor = editor
        self.session = editor.session

    def compose(self) -> ComposeResult:
        """The signatories, then the people to add from as you type."""
        with Vertical(classes="dialog wide", id="signatories-dialog"):
            yield Label("Signatories — [ ] reorder · Del remove · c corresponding author · "
                        "Enter disclosure · Ctrl+N new person · Ctrl+Z undo · Esc close", classes="question")
            yield SignatoryList(id="signatories")
            yield Label("Add someone of the society's people: type a name, Enter adds", classes="section")
            yield Input(placeholder="Type a name, role or affiliation", id="find-person", compact=True)
            yield OptionList(id="people")
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("New person (Ctrl+N)", id="new", compact=True)
                yield Button("Close (Esc)", id="close", compact=True)

    def on_mount(self) -> None:
        """Show the lists; typing starts a search."""
        self.show_error("")
        self.show()
        self.query_one("#find-person", Input).focus()

    # -- showing ------------------------------------------------------------------------------
    def show(self, selected: int | None = None) -> None:
        """Redraw both lists from the session."""
        rows = self.query_one(SignatoryList)
        keep = rows.highlighted if selected is None else selected
        rows.clear_options()
        entries = self.session.signatories.entries()
        resolved = self.session.document.signatories if self.session.document else ()
        for number, entry in enumerate(entries):
            shown = resolved[number] if len(resolved) == len(entries) else None
            rows.add_option(Option(self._row(number, entry, shown)))
        if entries:
            rows.highlighted = max(0, min(keep or 0, len(entries) - 1))
        self._show_people(self.query_one("#find-person", Input).value)
        rows.border_title = f"{len(entries)} signing" if entries else "Nobody signs yet: add someone below"

    def _row(self, number: int, entry: SignatoryEntry, shown: object) -> str:
        name = getattr(shown, "display_name", "") or self.session.signatories.name_of(entry)
        parts = [f"{number + 1}. {name}"]
        society = getattr(shown, "society", "")
        if society and self.session.document is not None and self.session.document.joint:
            parts.append(f"for {society}")
        if entry.corresponding:
            parts.append("corresponding author")
        if getattr(shown, "group", False):
            parts.append("group (not an author)")
        else:
            disclosure, _date = self.session.signatories.disclosure_of(number)
            parts.append(f"disclosure: {disclosure}" if disclosure else "NO DISCLOSURE")
        return " · ".join(parts)

    def _show_people(self, typed: str) -> None:
        people = self.query_one("#people", OptionList)
        people.clear_options()
        signing = {entry.person for entry in self.session.signatories.entries()}
        for person in self.session.signatories.people(typed):
            if person.id in signing:
                continue
            about = ", ".join(part for part in (person.degrees, person.role) if part)
            people.add_option(Option(f"{person.name}" + (f" — {about}" if about else ""), id=person.id))
        if people.option_count:
            people.highlighted = 0

    # -- changing ------------------------------------------------------------------------------
    def _do(self, change: Callable[..., object], *args: object) -> object:
        """Run a session change; refresh the letter and the lists, or show why it was refused."""
        result: list[object] = []
        message = self.editor.attempt(lambda: result.append(change(*args)))
        self.show_error(message)
        self.editor.refresh_letter()
        value = result[0] if result else None
        self.show(value if isinstance(value, int) and not isinstance(value, bool) else None)
        return value

    @on(Input.Changed, "#find-person")
    def _typed(self, event: Input.Changed) -> None:
        self._show_people(event.value)

    @on(Input.Submitted, "#find-person")
    def _add_typed(self) -> None:
        people = self.query_one("#people", OptionList)
        if people.highlighted is None:
            self.show_error("Nobody of the society's people matches: Ctrl+N adds a new person.")
            return
        self._add(people.get_option_at_index(people.highlighted).id)

    @on(OptionList.OptionSelected, "#people")
    def _add_chosen(self, event: OptionList.OptionSelected) -> None:
        self._add(event.option.id)

    def _add(self, person_id: str | None) -> None:
        if person_id:
            self._do(self.session.signatories.add_person, person_id)
            self.query_one("#find-person", Input).value = ""

    def _selected(self) -> int | None:
        return self.query_one(SignatoryList).highlighted

    def action_move(self, delta: int) -> None:
        """Move the highlighted signatory up (-1) or down (1)."""
        if (index := self._selected()) is not None:
            self._do(self.session.signatories.move, index, delta)

    def action_remove(self) -> None:
        """Remove the highlighted signatory (Ctrl+Z brings them back)."""
        if (index := self._selected()) is not None:
            self._do(self.session.signatories.remove, index)

    def action_corresponding(self) -> None:
        """Make the highlighted signatory the corresponding author (or no longer)."""
        if (index := self._selected()) is not None:
            self._do(self.session.signatories.toggle_corresponding, index)
            self.query_one(SignatoryList).highlighted = index

    def action_disclosure(self) -> None:
        """Edit the highlighted signatory's disclosure of competing interests, in this letter."""
        index = self._selected()
        if index is None:
            return
        text, date = self.session.signatories.disclosure_of(index)
        name = self.session.signatories.name_of(self.session.signatories.entries()[index])

        def apply(values: dict[str, str]) -> str:
            message = self.editor.attempt(self.session.signatories.set_disclosure, index,
                                          values["disclosure"], values["disclosure_date"])
            if not message:
                self.show(index)
            return message

        fields = [("disclosure", "Disclosure", text, "competing interests, e.g. None declared."),
                  ("disclosure_date", "Dated", date, "YYYY-MM-DD")]
        self.app.push_screen(FieldsScreen(f"Disclosure of {name} (printed with the name)", fields, apply))

    def action_new_person(self) -> None:
        """Add a new person, written into this letter."""

        def apply(values: dict[str, str]) -> str:
            entry = SignatoryEntry(**values)
            result: list[object] = []
            message = self.editor.attempt(lambda: result.append(self.session.signatories.add_new(entry)))
            if not message:
                self.show(result[0] if result else None)  # type: ignore[arg-type]
            return message

        typed = self.query_one("#find-person", Input).value.strip()
        fields = [(name, label, typed if name == "name" else "", hint)
                  for name, label, hint in NEW_PERSON_FIELDS]
        self.app.push_screen(FieldsScreen("A new signatory, for this letter", fields, apply))

    def action_undo(self) -> None:
        """Undo the last change to the letter."""
        label = self.session.undo()
        self.editor.refresh_letter()
        self.show()
        self.notify(f"Undone: {label}" if label else "Nothing to undo.", timeout=2)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        label = self.session.redo()
        self.editor.refresh_letter()
        self.show()
        self.notify(f"Redone: {label}" if label else "Nothing to redo.", timeout=2)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """New person or close."""
        if event.button.id == "new":
            self.action_new_person()
        else:
            self.dismiss("")


class FieldsScreen(Dialog):
    """A few labelled text fields; Ctrl+S applies (the dialog stays open with the reason if refused)."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="fields.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="fields.apply", priority=True),
    ]

    def __init__(self, heading: str, fields: list[tuple[str, str, str, str]],
                 apply: Callable[[dict[str, str]], str]) -> None:
        super().__init__()
        self.heading = heading
        self.fields = fields
        self.apply = apply

    def compose(self) -> ComposeResult:
        """The heading, one row per field, the error line and the buttons."""
        with Vertical(classes="dialog wide"):
            yield Label(self.heading + " — Ctrl+S apply, Esc cancel", classes="question")
            for name, label, value, hint in self.fields:
                yield Horizontal(Label(label, classes="field-label"),
                                 Input(value, placeholder=hint, id=f"field-{name}", compact=True,
                                       select_on_focus=False),
                                 classes="field-row")
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Apply (Ctrl+S)", id="ok", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        """Start at the first field."""
        self.show_error("")
        self.query(Input).first().focus()

    def values(self) -> dict[str, str]:
        """Each field's text, by field name."""
        return {name: self.query_one(f"#field-{name}", Input).value.strip() for name, *_ in self.fields}

    def action_apply(self) -> None:
        """Apply; close when it was accepted."""
        self.attempt(self.apply, self.values())

    def on_input_submitted(self) -> None:
        """Enter in a field applies too."""
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Apply or cancel."""
        if event.button.id == "ok":
            self.action_apply()
        else:
            self.dismiss("")
