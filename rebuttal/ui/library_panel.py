"""The library panel: the filter box over the blocks, grouped by kind, ranked for the article.

Shows the best matches of each kind rather than every block (Textual's lists slow
down with thousands of rows); Enter adds the highlighted block to the letter.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from rebuttal.app.session import Session
from rebuttal.designs import family_of
from rebuttal.library.search import SearchIndex
from rebuttal.library.stack import BLOCK_KINDS, Block
from rebuttal.ui.tab_order import tab_binding

SHOWN_PER_KIND = 20  # the best matches of each kind; more rows only slow typing, the filter narrows
STARRED_PER_KIND = 3  # ★ on the best-ranked blocks of each kind that are written for the article


def suits_design(block: Block, design: str) -> bool:
    """True when the block is written for the article's design: a tag names it or its family."""
    from rebuttal.designs import written_for

    return bool(written_for(block.tags, design))


class BlockList(OptionList):
    """The library's blocks, grouped by kind; Enter adds the highlighted one to the letter."""

    HELP = (
        "**Library.** Every block the society may use, grouped by kind. Blocks written for the "
        "article's design (or its family) come first in their group; the best of them are marked ★, and "
        "a block with its own wording for the design says so (trial wording). Blocks about a subject the "
        "article lacks (a sham, when its abstract has none) come after them. Start typing to filter by "
        "title, tag or text; press **Enter** (or click twice) to add the highlighted block to the "
        "letter, after the block selected in the Letter panel."
    )
    BINDINGS = [  # noqa: RUF012 (Textual reads this class attribute)
        tab_binding("library"),  # the footer names where Tab goes from here
        # "Enter", not "⏎": some terminals draw that glyph two cells wide and the footer shifts.
        Binding("enter", "add", "Add", key_display="Enter", id="library.add"),
        Binding("slash", "screen.focus_filter", "Filter", show=False, id="library.filter"),
    ]

    class AddRequested(Message):
        """The person asked for ``block_id`` to be added to the letter."""

        def __init__(self, block_id: str) -> None:
            super().__init__()
            self.block_id = block_id

    def action_add(self) -> None:
        """Add the highlighted block."""
        if self.highlighted is not None:
            option = self.get_option_at_index(self.highlighted)
            if option.id:
                self.post_message(self.AddRequested(option.id))

    def on_key(self, event: Key) -> None:
        """Typing a letter while the list has focus goes to the filter box; the Letter's keys say
        where they work instead of turning into filter text."""
        filter_box = self.screen.query_one("#filter", Input)
        if event.is_printable and event.character and self.screen.focused is filter_box:
            # The rest of a burst (a fast typist, a paste, tmux) that an earlier letter began:
            # the keys reached this list before the focus moved, but belong in the box.
            filter_box.insert_text_at_cursor(event.character)
            event.stop()
            return
        if event.character in LETTER_KEYS:
            self.notify(f"{event.character} {LETTER_KEYS[event.character]} in the Letter panel: press Tab "
                        "to go there (or type in the filter box to search for it).", title="Not here")
            event.stop()
            return
        if event.is_printable and event.character and event.character not in "/?":
            self.screen.set_focus(filter_box)  # now: focus() would wait until after the burst
            filter_box.insert_text_at_cursor(event.character)
            event.stop()


# Keys of the Letter panel that people press in the Library: what each does there.
LETTER_KEYS = {
    "[": "moves the selected block up", "]": "moves the selected block down",
    "t": "adds a paragraph of your own", "v": "switches the selected block's short/full variant",
    "d": "duplicates the selected block",
}


class LibraryPanel(Vertical):
    """Filter box over the block list."""

    HELP = BlockList.HELP
    BINDINGS = [tab_binding("library")]  # noqa: RUF012 (the filter box's footer says where Tab goes too)

    def __init__(self, session: Session) -> None:
        super().__init__(id="library")
        self.session = session
        self.index = SearchIndex(session.library.block_infos())
        self._last_query = ""
        self._ranking: tuple[tuple, dict[str, int]] | None = None
        self._fitting: set[str] = set()  # ranked blocks written for the article's design that fit it
        self.border_title = "Library"

    def compose(self) -> ComposeResult:
        """The filter box and the list."""
        yield Input(placeholder="Filter… (Enter adds)", id="filter", select_on_focus=False)
        yield BlockList(id="blocks")

    def on_mount(self) -> None:
        """Fill the list."""
        self.refilter()

    def prepare_search(self) -> None:
        """Ready the search index before the first keystroke needs it (~0.1 s for 10,000 blocks)."""
        self.index.prepare()

    def reindex(self) -> None:
        """Rebuild the search index (after a block was written to the library)."""
        self.index = SearchIndex(self.session.library.block_infos())
        self._ranking = None
        self.refilter()

    def ranked_places(self) -> tuple[str, dict[str, int]]:
        """(label, block id -> place) ranked for the article; empty until its title is filled in."""
        from rebuttal.library.ranking import article_label, rank_blocks_for

        article = self.session.outline.article
        key = (article.title, article.abstract, tuple(article.keywords), article.design,
               tuple(article.authors), article.date)
        if not article.title.strip():
            return "", {}
        if self._ranking is None or self._ranking[0] != key:
            label = article_label(article.authors, article.date, article.title)
            ranking = rank_blocks_for(
                self.session.library, self.index.blocks(), title=article.title, abstract=article.abstract,
                keywords=article.keywords, design=article.design,
            )
            self._ranking = (key, {"": label} | {r.info.id: place for place, r in enumerate(ranking.ranked)
                                                  if r.score > 0})
            self._fitting = {r.info.id for r in ranking.ranked if r.design and r.tier == 0}
        places = dict(self._ranking[1])
        return places.pop(""), places

    def on_input_changed(self, event: Input.Changed) -> None:
        """Filter on every keystroke."""
        if event.input.id == "filter":
            self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter box adds the first (or highlighted) match."""
        option = self.query_one(BlockList).highlighted_option
        if option is not None and option.id:
            self.post_message(BlockList.AddRequested(option.id))

    def on_key(self, event: Key) -> None:
        """Down from the filter box moves into the list; Esc clears the filter."""
        filter_box = self.query_one("#filter", Input)
        if event.key == "down" and filter_box.has_focus:
            self.query_one(BlockList).focus()
            event.stop()
        elif event.key == "escape" and filter_box.value:
            filter_box.value = ""
            filter_box.focus()
            event.stop()

    def refilter(self) -> None:
        """Show the blocks matching the filter, by kind, design-suited first."""
        query = self.query_one("#filter", Input).value
        found = self.index.filter(query)
        design = self.session.outline.article.design
        label, places = self.ranked_places()
        if places and not query:  # the best matches first, then the rest by id
            found.sort(key=lambda b: places.get(b.id, len(places)))
        rank = {block.id: position for position, block in enumerate(found)}
        groups: dict[str, list[Block]] = {kind: [] for kind in BLOCK_KINDS}
        counts: dict[str, int] = {}
        for block in found:
            counts[block.kind] = counts.get(block.kind, 0) + 1
            if counts[block.kind] <= SHOWN_PER_KIND:
                groups.setdefault(block.kind, []).append(block)
        options: list[Option | None] = []
        for kind, blocks in groups.items():
            if not blocks:
                continue
            blocks.sort(key=lambda b: (not suits_design(b, design), rank[b.id] if query or places else b.id))
            by_place = sorted(blocks, key=lambda b: places.get(b.id, len(places)))[:STARRED_PER_KIND]
            # ★ only on blocks written for the article's design that fit it (never one whose subject
            # the article lacks), among the best ranked when there is a ranking.
            best = ({b.id for b in by_place if b.id in places and b.id in self._fitting} if places
                    else {b.id for b in blocks if suits_design(b, design)})
            options.append(Option(Text(f"{kind} ({counts[kind]})", style="bold"), disabled=True))
            options.extend(Option(_block_row(b, b.id in best, design), id=b.id) for b in blocks)
            if counts[kind] > len(blocks):
                hidden = counts[kind] - len(blocks)
                options.append(Option(f"  … {hidden} more: type to narrow", disabled=True))
        if not found:
            options.append(Option(f"No block matches '{query}'", disabled=True))
        blocks_list = self.query_one(BlockList)
        previous = blocks_list.highlighted_option.id if blocks_list.highlighted_option else None
        blocks_list.set_options(options)
        ids = [o.id if o is not None else None for o in options]
        # A new query highlights its best match (Enter adds it); otherwise keep the cursor.
        wanted = found[0].id if found and query != self._last_query else previous
        self._last_query = query
        if wanted and wanted in ids:
            blocks_list.highlighted = ids.index(wanted)
        else:
            blocks_list.highlighted = next((i for i, o in enumerate(ids) if o), None)
        subtitle = f"{len(found)} of {len(self.session.library.blocks)}" if query else ""
        self.border_subtitle = " · ".join(filter(None, (subtitle, label and f"ranked for {label}")))


def _block_row(block: Block, starred: bool, design: str = "") -> Text:
    row = Text(no_wrap=True, overflow="ellipsis")
    row.append("★ " if starred else "  ", style="yellow")
    row.append(block.title)
    # A parsed block holds Wordings, the index's summary their family names.
    families = {getattr(wording, "family", wording) for wording in getattr(block, "wordings", ())}
    family = family_of(design)
    if family and family in families:  # the letter takes the block's own wording for this design
        row.append(f"  {family} wording", style="cyan")
    row.append(f"  {block.status}", style="green" if block.status == "approved" else "magenta")
    if block.short:
        row.append(" +short", style="dim")
    if block.tags:
        row.append("  " + ", ".join(block.tags), style="dim italic")
    return row
