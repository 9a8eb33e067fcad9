"""The keys that change the letter on the main screen: add, move, remove, edit, undo...

:class:`LetterActions` is the main screen's base (:class:`rebuttal.ui.main_screen.MainScreen`):
each action calls one operation of the session (:class:`rebuttal.app.session.Session`) on the
selected item; a refusal is a notification, never a crash, and the screen shows the letter again
after every change (``refresh_letter``, the main screen's).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from rebuttal.app.session import ChangeRefused, Session
from rebuttal.errors import RebuttalError
from rebuttal.letter.assemble import unknown_block_error
from rebuttal.letter.outline import Article, LetterInfo, SocietyChoice
from rebuttal.library.new_block import NewBlock, write_user_block
from rebuttal.library.stack import user_library_folder
from rebuttal.ui.dialogs import EditScreen, NewBlockScreen
from rebuttal.ui.forms import DetailsScreen
from rebuttal.ui.panels import BlockList, LibraryPanel


class LetterActions(Screen[None]):
    """The actions that change the letter, on the item selected in the Letter panel (``selected``)."""

    session: Session
    selected: int

    def refresh_letter(self) -> None:
        """Show the session's letter again (the main screen draws its panels)."""
        raise NotImplementedError

    def attempt(self, change: Callable[..., object], *args: object) -> str:
        """Run a session change; '' on success, else the message (the letter is unchanged)."""
        try:
            result = change(*args)
        except (ChangeRefused, RebuttalError, OSError) as error:
            return str(error)
        if isinstance(result, int) and not isinstance(result, bool):
            self.selected = result
        self.refresh_letter()
        return ""

    def act(self, change: Callable[..., object], *args: object) -> None:
        """Run a change from a key; a refusal becomes a notification."""
        message = self.attempt(change, *args)
        if message:
            self.notify(message, title="Not done", severity="error")

    def _add(self, block_id: str) -> None:
        at = self.selected + 1 if self.session.body else 0
        self.act(self.session.add_block, block_id, at)

    def action_add_highlighted(self) -> None:
        """Add the library block under the cursor."""
        self.query_one(BlockList).action_add()

    def action_move(self, delta: int) -> None:
        """Move the selected item up (-1) or down (1)."""
        self.act(self.session.move, self.selected, delta)

    def action_remove_item(self) -> None:
        """Remove the selected item."""
        self.act(self.session.remove, self.selected)
        if self.session.body:
            self.notify("Removed. Ctrl+Z brings it back.", timeout=2)

    def action_duplicate_item(self) -> None:
        """Insert a copy of the selected item after it."""
        self.act(self.session.duplicate, self.selected)

    def action_toggle_variant(self) -> None:
        """Switch the selected item between full and short text."""
        self.act(self.session.toggle_variant, self.selected)

    def action_edit_item(self) -> None:
        """Edit the text of the selected use of a block."""
        session = self.session
        if not session.body:
            self.notify("The letter is empty: add a block from the Library first.", severity="warning")
            return
        index = self.selected
        item = session.body[index]
        heading = f"Edit “{session.item_title(item)}” in this letter only (the library keeps its text)"
        if item.notes:  # the editors' comments a merge kept on this item
            heading += "\nEditors' notes:\n" + "\n".join(f"• {note}" for note in item.notes)
        block = session.block_of(item)
        if block is None and item.block:  # a typo in the outline: nothing to edit, say what is wrong
            self.notify(str(unknown_block_error(session.library, session.outline, index)),
                        title="Unknown block", severity="error")
            return
        title = item.title or (block.title if block else "")
        library_text = block.variant_text(item.variant, session.outline.article.design) if block else ""

        def apply(text: str, new_title: str) -> str:
            return self.attempt(session.edit_item, index, text, new_title)

        kind = block.kind if block else item.kind
        self.app.push_screen(EditScreen(heading, title, session.original_text(index), apply, library_text,
                                        show_title=kind == "concern"))

    def action_add_custom(self) -> None:
        """Write a paragraph for this letter only (not from the library), after the selected block."""
        session = self.session
        at = self.selected + 1 if session.body else 0

        def apply(text: str, _title: str) -> str:
            return self.attempt(session.add_custom, "evidence", text, at)

        heading = "A paragraph of your own, for this letter only (not from the library)"
        self.app.push_screen(EditScreen(heading, "", "", apply, show_title=False))

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

    def action_undo(self) -> None:
        """Undo the last change to the letter."""
        label = self.session.undo()
        self.refresh_letter()
        self.notify(f"Undone: {label}" if label else "Nothing to undo.", timeout=2)

    def action_redo(self) -> None:
        """Redo the last undone change."""
        label = self.session.redo()
        self.refresh_letter()
        self.notify(f"Redone: {label}" if label else "Nothing to redo.", timeout=2)

    def action_details(self, focus: str = "") -> None:
        """Open the article and letter form."""

        def apply(letter: LetterInfo, society: SocietyChoice, article: Article,
                  cosigners: list[SocietyChoice]) -> str:
            return self.attempt(self.session.update_details, letter, society, article, "edit details",
                                cosigners)

        self.app.push_screen(DetailsScreen(self.session.library, self.session.outline, apply, focus))

    def action_signatories(self) -> None:
        """Who signs: people of the society, a new person, order, corresponding author, disclosures."""
        from rebuttal.ui.signatories_screen import SignatoriesScreen

        self.app.push_screen(SignatoriesScreen(self))

    def action_new_block(self) -> None:
        """Write a new block to the user's library and add it to the letter."""

        def apply(block_id: str, kind: str, title: str, text: str, tags: tuple[str, ...]) -> str:
            try:
                block = write_user_block(self.session.library, NewBlock(block_id, kind, title, text, tags))
            except (RebuttalError, OSError) as error:
                return str(error)
            self.query_one(LibraryPanel).reindex()
            self.notify(f"Saved the block to {block.path}", title="New block")
            self._add(block.id)
            return ""

        self.app.push_screen(NewBlockScreen(user_library_folder(), apply))
