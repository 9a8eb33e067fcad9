"""The three panels of the main screen: the library (``library_panel``), the letter, the preview.

Each panel only shows what the session holds and posts the person's intent
(add this block, move that item) to the app, which changes the session.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from rebuttal.app.session import Session
from rebuttal.toml.fields import did_you_mean
from rebuttal.ui.library_panel import LETTER_KEYS, BlockList, LibraryPanel, suits_design
from rebuttal.ui.tab_order import PANELS, tab_binding

__all__ = [
    "BlockDetail", "BlockList", "LetterList", "LetterPanel", "LibraryPanel", "PreviewPanel", "suits_design",
]


# The Letter panel's keys, pressed in the Preview: what each does there (the preview has no selection).
PREVIEW_LETTER_KEYS = {**LETTER_KEYS, "enter": "edits the selected block",
                       "delete": "removes the selected block"}


def _cache_key(part: object) -> tuple | None:
    """What a preview part's laid-out lines depend on; None when it cannot be told cheaply."""
    if isinstance(part, Text):
        spans = tuple((span.start, span.end, str(span.style)) for span in part.spans)
        return ("text", part.plain, str(part.style), part.justify, spans)
    if isinstance(part, Padding):
        inner = _cache_key(part.renderable)
        padding = (part.top, part.right, part.bottom, part.left)
        return ("padding", padding, inner) if inner is not None else None
    return None


class LetterList(OptionList):
    """The letter's items in reading order; keys move, remove, duplicate and edit them."""

    HELP = (
        "**Letter.** The blocks of your letter in reading order. Consecutive concerns become numbered "
        "points; points and citation numbers renumber themselves as you move things. "
        "**Enter** edits the text of this use of the block (the library keeps its wording), "
        "**[** / **]** (or shift+↑/↓) move it, **Delete** removes it, **d** duplicates it, "
        "**v** switches between the full and short variant, **t** adds a paragraph of your own. "
        "**Ctrl+Z** undoes any change."
    )
    BINDINGS = [  # noqa: RUF012
        tab_binding("letter"),  # the footer names where Tab goes from here
        Binding("enter", "screen.edit_item", "Edit", key_display="Enter", id="letter.edit"),
        Binding("left_square_bracket,shift+up", "screen.move(-1)", "Move up", key_display="[",
                id="letter.up"),
        Binding("right_square_bracket,shift+down", "screen.move(1)", "Move down", key_display="]",
                id="letter.down"),
        Binding("delete,x", "screen.remove_item", "Remove", key_display="del", id="letter.remove"),
        Binding("d", "screen.duplicate_item", "Duplicate", id="letter.duplicate"),
        Binding("v", "screen.toggle_variant", "Short/full", id="letter.variant"),
        Binding("t", "screen.add_custom", "Own text", id="letter.custom"),
        Binding("j", "screen.join_point", "Join point above", show=False, id="letter.join"),
    ]

    def show(self, session: Session, selected: int | None) -> None:
        """List the letter's items, marking point numbers, variants and edits."""
        points = {}
        if session.document is not None:
            points = {p.source.position: p.number for p in session.document.points if p.source}
        options = []
        for index, item in enumerate(session.body):
            block = session.block_of(item)
            kind = block.kind if block else item.kind
            row = Text(no_wrap=True, overflow="ellipsis")
            row.append(f"{index + 1:>2} ", style="dim")
            label = f"point {points[index]}" if index in points else kind
            if block is None and item.block:  # a typo in the outline: name it, and the likely id
                hint = did_you_mean(item.block, session.library.blocks)
                row.append(f"⚠ unknown block '{item.block}'{hint}", style="bold red")
                options.append(Option(row, id=f"item-{index}"))
                continue
            if block is None:
                label = "own text"  # written for this letter, not from the library
            row.append(f"{label:<10} ", style="magenta" if block is None else "cyan")
            if item.part_of_point:
                row.append("↳ ", style="cyan")  # continues the point above
            elif session.restarts_numbering(index):
                # The documented rule surprises people: say so where it happens, first, and how to change it.
                row.append("⚠ restarts numbering (j joins) ", style="bold yellow")
            # Markers before the title: a long title is cut at the right and must not take them along.
            if item.variant == "short":
                row.append("[short] ", style="yellow")
            if block is not None and (item.text or item.title):
                row.append("[edited] ", style="magenta")
            row.append(session.item_title(item))
            if item.notes:  # editors' comments kept by a merge; Enter shows them
                row.append(f" [{len(item.notes)} note{'s' * (len(item.notes) > 1)}]", style="green")
            options.append(Option(row, id=f"item-{index}"))
        if not options:
            options.append(Option(
                Text("Empty: pick a block above, press Enter", style="dim"),
                disabled=True,
            ))
        self.set_options(options)
        if session.body:
            self.highlighted = max(0, min(selected or 0, len(session.body) - 1))


class LetterPanel(Vertical):
    """The letter's outline."""

    HELP = LetterList.HELP

    def __init__(self) -> None:
        super().__init__(id="letter")
        self.border_title = "Letter"

    def compose(self) -> ComposeResult:
        """The item list."""
        yield LetterList(id="items")


class BlockDetail(VerticalScroll):
    """The highlighted library block, as it would read in this letter.

    Never focused (the mouse wheel scrolls it): it shows while the library has the focus, and Tab
    goes from the library to the letter (``ui/tab_order``).
    """

    can_focus = False

    def __init__(self) -> None:
        super().__init__(id="block-detail")
        self.border_title = "Block"

    def compose(self) -> ComposeResult:
        """One Static holding the block's text."""
        yield Static(id="block-text")

    def show(self, title: str, body: RenderableType, meta: str) -> None:
        """Show a block: its title in the border, its filled-in text, its status line."""
        self.border_title = title
        self.border_subtitle = meta
        self.query_one("#block-text", Static).update(body)
        self.scroll_home(animate=False)


class PreviewPanel(ScrollView):
    """The whole letter as the exports will contain it.

    The letter is laid out by Rich once per change at the pane's width and kept
    as lines; a frame then only copies the visible lines (Textual's line API),
    so a 40-block letter redraws within a frame after every key.
    """

    HELP = (
        "**Preview.** The assembled letter, exactly what Save and Export produce (same document). "
        "Scroll with the arrow keys, Page Up/Down, Home/End or the mouse wheel. Unfilled placeholders "
        "are highlighted in yellow: fill them in with **F2** (article and letter details). The letter's "
        "keys (**Enter**, **[** / **]**, **Delete**...) work in the Letter panel: **Shift+Tab** goes there."
    )
    BINDINGS = [  # noqa: RUF012
        tab_binding("preview"),  # the footer names where Tab goes from here
        # One key of each pair is shown, named for both: the footer has no room for four.
        Binding("down", "scroll_down", "Scroll", key_display="↑↓", id="preview.down"),
        Binding("up", "scroll_up", "Scroll up", show=False, id="preview.up"),
        Binding("pagedown", "page_down", "Page", key_display="PgUp PgDn", id="preview.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="preview.page_up"),
        Binding("home", "scroll_home", "Top", show=False, id="preview.top"),
        Binding("end", "scroll_end", "Bottom", show=False, id="preview.bottom"),
    ]

    def __init__(self) -> None:
        super().__init__(id="preview")
        self.border_title = "Preview"
        self.can_focus = True
        self.renderable: RenderableType = Text("")
        self._lines: list[Strip] = []
        self._width = 0
        self._cache: dict[tuple, list[Strip]] = {}

    def on_key(self, event: Key) -> None:
        """The Letter panel's keys say where they work instead of doing nothing."""
        key = event.key if event.key in ("enter", "delete") else event.character or ""
        does = PREVIEW_LETTER_KEYS.get(key)
        if does:
            shown = {"enter": "Enter", "delete": "Delete"}.get(key, key)
            letter = PANELS["letter"][0]
            self.notify(f"{shown} {does} in the {letter} panel: press Shift+Tab to go there.",
                        title="Not here")
            event.stop()

    def show(self, body: RenderableType) -> None:
        """Replace the letter shown (keeping the scroll position)."""
        self.renderable = body
        self._layout()

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return  # Not laid out yet; on_resize lays the letter out.
        if width != self._width:
            self._cache.clear()
        self._width = width
        console = self.app.console
        options = console.options.update_width(width)
        parts = self.renderable.renderables if isinstance(self.renderable, Group) else [self.renderable]
        lines: list[Strip] = []
        seen: dict[tuple, list[Strip]] = {}
        for part in parts:
            key = _cache_key(part)
            strips = self._cache.get(key) if key is not None else None
            if strips is None:
                strips = [Strip(line) for line in console.render_lines(part, options, pad=False)]
            if key is not None:
                seen[key] = strips
            lines.extend(strips)
        # Keep only what this letter uses: a moved point's paragraphs are found again next time.
        self._cache = seen
        self._lines = lines
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    @property
    def lines(self) -> list[Strip]:
        """The letter as laid out, line by line (also the lines scrolled out of view)."""
        return list(self._lines)

    @property
    def laid_out_width(self) -> int:
        """The width the letter was last laid out at."""
        return self._width

    def reveal(self, start: str) -> None:
        """Scroll so the first line beginning with ``start`` is in view (the selected block)."""
        wanted = " ".join(start.split())
        if not wanted:
            return
        for number, line in enumerate(self._lines):
            if " ".join(line.text.split()).startswith(wanted):
                top, height = self.scroll_offset.y, self.scrollable_content_region.height
                if not top <= number < top + height - 2:
                    self.scroll_to(y=max(0, number - 1), animate=False)
                return

    def on_resize(self) -> None:
        """Lay the letter out again at the new width."""
        if self.scrollable_content_region.width != self._width:
            self._layout()

    def render_line(self, y: int) -> Strip:
        """One visible line of the laid-out letter."""
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        return self._lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
