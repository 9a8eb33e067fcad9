"""The main screen: library and letter on the left, block text and preview on the right.

It edits one letter through :class:`rebuttal.app.session.Session`: keys and clicks
call the session's operations, and after every change the panels show the
session's outline and its one assembled Document (the same the exports are made
from). Refused changes and failures are notifications, never crashes. The keys that change
the letter are its base's, :class:`rebuttal.ui.letter_actions.LetterActions`; saving and
exporting are :class:`rebuttal.ui.letter_files.LetterFiles`, merging an edited DOCX
:class:`rebuttal.ui.docx_merge.DocxMerge`, Tab from panel to panel :mod:`rebuttal.ui.tab_order`.
"""

from __future__ import annotations

import time
from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from rebuttal.app.session import Session
from rebuttal.errors import RebuttalError
from rebuttal.letter.assemble import unknown_blocks
from rebuttal.library.design_fit import wording_label
from rebuttal.model import Letterhead
from rebuttal.render.formats import DEFAULT_FORMAT
from rebuttal.render.rich_render import render_rich
from rebuttal.ui.dialogs import HelpScreen
from rebuttal.ui.docx_merge import DocxMerge
from rebuttal.ui.footer import KeysFooter
from rebuttal.ui.help import help_text
from rebuttal.ui.key_order import focus_now
from rebuttal.ui.letter_actions import LetterActions
from rebuttal.ui.letter_files import LetterFiles
from rebuttal.ui.panels import BlockDetail, BlockList, LetterList, LetterPanel, LibraryPanel, PreviewPanel
from rebuttal.ui.status import status_line
from rebuttal.ui.tab_order import focus_panel


class MainScreen(LetterActions):
    """Edit one letter: pick blocks from the library, arrange them, preview, save and export.

    The file and history keys have priority, so that a text box (the library filter's Ctrl+E
    "end of line", say) never swallows them; dialogs, being other screens, keep their own
    Ctrl+S and Ctrl+Z.
    """

    BINDINGS = [  # noqa: RUF012
        # Help first: the footer cuts from the right in a narrow terminal, and help must stay.
        Binding("f1", "app.help", "Help", key_display="F1", priority=True, id="main.help"),
        Binding("f2", "details", "Article", priority=True, id="main.details"),
        Binding("f3", "signatories", "Signatories", priority=True, id="main.signatories"),
        Binding("ctrl+s", "save", "Save", priority=True, id="main.save"),
        Binding("ctrl+e", "export('docx')", "Export", priority=True, id="main.export"),
        Binding("ctrl+z", "undo", "Undo", priority=True, id="main.undo"),
        Binding("ctrl+y", "redo", "Redo", priority=True, id="main.redo"),
        Binding("f4", "checks", "Checks", priority=True, id="main.checks"),
        Binding("ctrl+n", "new_block", "New block", id="main.new_block", show=False),
        Binding("f6", "merge_docx", "Merge edited DOCX", id="main.merge", show=False),
        Binding("f7", "letters", "Letters on record", id="main.letters", show=False),
        Binding("slash", "focus_filter", "Filter library", show=False, id="main.filter"),
    ]

    def __init__(self, session: Session, *, autosave_seconds: float | None = 3.0,
                 offer_recovery: bool = True) -> None:
        super().__init__()
        self.session = session
        self.selected = 0
        self.autosave_seconds = autosave_seconds
        self.offer_recovery = offer_recovery
        self.files = LetterFiles(self)
        self.merge = DocxMerge(self)
        self._last_click: tuple[str, float] = ("", 0.0)
        self._design = _ranked_fields(session.outline.article)

    def compose(self) -> ComposeResult:
        """Library and letter on the left, block text and preview on the right, status below."""
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield LibraryPanel(self.session)
                yield LetterPanel()
            with Vertical(id="right"):
                yield BlockDetail()
                yield PreviewPanel()
        yield Static(id="status")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        """Show the letter, start autosaving, offer an autosaved version if one is waiting."""
        self.call_after_refresh(self._after_first_frame)
        self.refresh_letter()
        focus_now(self.query_one(BlockList))
        self.call_after_refresh(self.show_library_block)
        if self.autosave_seconds:
            self.set_interval(self.autosave_seconds, self.files.autosave)
        if self.offer_recovery:  # who else has it open, then an autosave a crash left
            self.call_after_refresh(self.files.open_letter)
        for error in unknown_blocks(self.session.library, self.session.outline):  # as the CLI says it
            self.notify(str(error), title="Unknown block", severity="error", timeout=20)
        if not self.session.body:
            self.notify("Press F2 to describe the article you answer, then pick blocks in the Library "
                        "and press Enter. F1 shows help.", title="A new letter", timeout=10)

    def on_unmount(self) -> None:
        """The window is closed (a quit, or the app ended otherwise)."""
        self.files.close()

    def _after_first_frame(self) -> None:
        # Soon after, while the person reads the first screen, ready the search for the first keystroke.
        self.set_timer(0.3, self.query_one(LibraryPanel).prepare_search)

    def on_screen_suspend(self) -> None:
        """A dialog opens over the screen: the preview shows behind it, not the block pane."""
        self.query_one(BlockDetail).display = False

    def on_screen_resume(self) -> None:
        """Back from a dialog: the block pane shows again if the library has focus."""
        self.call_after_refresh(self.show_library_block)

    # -- showing the letter ------------------------------------------------------------------
    def refresh_letter(self) -> None:
        """Redraw the letter list, the preview and the status line from the session."""
        session = self.session
        # An undo can leave the selection past the end of a shorter letter.
        self.selected = max(0, min(self.selected, len(session.body) - 1))
        self.query_one(LetterList).show(session, self.selected)
        if session.document is not None:
            self.query_one(PreviewPanel).show(render_rich(session.document, marked=self.overlap_marks()))
        else:
            self.query_one(PreviewPanel).show(Text(session.error, style="bold red"))
        self.query_one("#status", Static).update(status_line(session))
        if self.query_one(LetterList).has_focus:
            self.reveal_selected()
        panel = self.query_one(LetterPanel)
        name = session.path.name if session.path else "not saved yet"
        mark = " (read only)" if session.read_only else " ●" if session.dirty else ""
        panel.border_title = f"Letter — {name}{mark}"
        count = len(session.body)
        panel.border_subtitle = f"{count} block" + ("" if count == 1 else "s")
        if _ranked_fields(session.outline.article) != self._design:  # the library's ranking follows
            self._design = _ranked_fields(session.outline.article)
            self.query_one(LibraryPanel).refilter()

    def overlap_marks(self) -> frozenset[int]:
        """The letter's items sharing words with letters on record (tinted in the preview)."""
        from rebuttal.app.record import overlapping_positions

        session = self.session
        if session.document is None:
            return frozenset()
        try:
            return overlapping_positions(session.library, session.outline, session.document)
        except RebuttalError:
            return frozenset()  # a damaged record: `rebuttal letters` names it; the preview goes on

    def action_letters(self) -> None:
        """The letters on record, and this letter's status if it is one of them (F7)."""
        import datetime as dt

        from rebuttal.app.record import letters_on_record, record_of
        from rebuttal.ui.letters_screen import LettersScreen

        try:
            letters = letters_on_record(self.session.library)
        except RebuttalError as error:
            self.notify(str(error), title="Letters on record", severity="error")
            return
        today = self.session.today or dt.date.today()
        self.app.push_screen(LettersScreen(letters, record_of(letters, self.session.outline), today))

    def reveal_selected(self) -> None:
        """Scroll the preview to where the selected block of the letter starts."""
        document = self.session.document
        if document is None:
            return
        for point in document.points:
            if point.source and point.source.position == self.selected:
                heading = "".join(getattr(inline, "text", "") for inline in point.heading)
                self.query_one(PreviewPanel).reveal(f"{point.number}. {heading}"[:24])
                return
        for paragraph in document.paragraphs():
            if paragraph.source and paragraph.source.position == self.selected:
                # The first words: a line break can only come after a few of them.
                self.query_one(PreviewPanel).reveal(" ".join(paragraph.plain().split()[:3]))
                return

    def show_block(self, block_id: str) -> None:
        """Show a library block in the detail pane, filled in from this letter."""
        block = self.session.library.block(block_id)
        if block is None or not self.query(BlockDetail):  # (or quitting: the panes are gone)
            return
        document = self.session.preview_block(block)
        if isinstance(document, str):
            body: object = Text(document, style="red")
        else:
            alone = replace(
                document, letterhead=Letterhead(""), date="", recipient="", title="", salutation="",
                signatories=(), competing_interests=None,
            )
            body = render_rich(alone)
        approved = f" by {block.approved_by}" if block.approved_by else ""
        # Which of its wordings this letter takes (trial wording, main wording), or that it is not
        # written for the article's design at all.
        wording = wording_label(block, self.session.outline.article.design)
        shown = f" · {wording}" if wording else ""  # before the approval: a narrow border cuts the end
        meta = f"{block.id} v{block.version or '?'}{shown} · {block.status}{approved}"
        self.query_one(BlockDetail).show(block.title, body, meta)  # type: ignore[arg-type]

    def focus_next(self, selector: object = "*") -> Widget | None:  # type: ignore[override]
        """Tab: the next panel (Library, Letter, Preview, Library...) from anywhere in a panel."""
        return focus_panel(self, 1) if selector == "*" else super().focus_next(selector)  # type: ignore[arg-type]

    def focus_previous(self, selector: object = "*") -> Widget | None:  # type: ignore[override]
        """Shift+Tab: the panel before, in the same order."""
        return focus_panel(self, -1) if selector == "*" else super().focus_previous(selector)  # type: ignore[arg-type]

    def on_descendant_focus(self) -> None:
        """The focus moved: the block pane shows while the library has it."""
        self.show_library_block()

    def show_library_block(self) -> None:
        """The block pane shows while the library has focus; the preview has the room otherwise."""
        if not self.query(BlockDetail):  # quitting: the panes are gone
            return
        focused = self.focused
        in_library = focused is not None and any(a.id == "library" for a in focused.ancestors_with_self)
        self.query_one(BlockDetail).display = in_library
        blocks = self.query_one(BlockList)
        if in_library and blocks.highlighted_option is not None and blocks.highlighted_option.id:
            self.show_block(blocks.highlighted_option.id)

    @on(OptionList.OptionHighlighted, "#items")
    def _letter_cursor_moved(self, event: OptionList.OptionHighlighted) -> None:
        """Follow the letter's cursor: it is the selected item."""
        if self.session.body:
            self.selected = event.option_index
            if event.option_list.has_focus:
                self.reveal_selected()

    @on(OptionList.OptionHighlighted, "#blocks")
    def _library_cursor_moved(self, event: OptionList.OptionHighlighted) -> None:
        """Show the library block under the cursor."""
        if event.option.id:
            self.show_block(event.option.id)

    @on(OptionList.OptionSelected, "#blocks")
    def _library_block_clicked(self, event: OptionList.OptionSelected) -> None:
        """A second click on the same library block adds it (mouse users' Enter)."""
        if not event.option.id:
            return
        previous, when = self._last_click
        now = time.monotonic()
        self._last_click = (event.option.id, now)
        if previous == event.option.id and now - when < 1.5:
            self._add(event.option.id)

    @on(BlockList.AddRequested)
    def _add_requested(self, message: BlockList.AddRequested) -> None:
        """Add the chosen block after the selected item of the letter."""
        self._add(message.block_id)

    def action_focus_filter(self) -> None:
        """Go to the library's filter box, its text selected so typing starts a new search."""
        box = self.query_one("#filter", Input)
        focus_now(box)  # the text typed right after / goes into the box
        box.select_all()

    # -- checks (imported when first asked for) ----------------------------------------------
    def action_checks(self) -> None:
        """The venue's rules, as ``rebuttal check`` reports them, and "Make it fit"."""
        from rebuttal.ui.checks_screen import show_checks

        show_checks(self)

    def action_make_it_fit(self) -> None:
        """Switch blocks to their short variants, last first, until the letter fits (Ctrl+Z undoes)."""
        from rebuttal.ui.checks_screen import make_it_fit

        make_it_fit(self)

    # -- files (LetterFiles, DocxMerge) --------------------------------------------------------
    def action_save(self) -> None:
        """Save the outline (asks for a file the first time)."""
        self.files.save()

    def action_save_as(self) -> None:
        """Save the outline to a file chosen now."""
        self.files.save_as()

    def action_export(self, fmt: str = DEFAULT_FORMAT) -> None:
        """Export the letter to a file chosen now."""
        self.files.export(fmt)

    def action_merge_docx(self) -> None:
        """Merge an edited DOCX: choose it, review its changes, apply the accepted ones."""
        self.merge.start(self.files.exported)

    def action_quit_app(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        self.files.quit()

    def action_help(self) -> None:
        """Help for the focused panel and the keys that work there."""
        self.app.push_screen(HelpScreen(help_text(self)))


def _ranked_fields(article: object) -> tuple:
    """The article's fields the library ranks blocks by."""
    names = ("title", "abstract", "keywords", "design", "authors", "date")
    return tuple(str(getattr(article, name)) for name in names)
