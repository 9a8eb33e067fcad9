"""The command palette (Ctrl+P): every action of the app, found by typing part of its name."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from rebuttal.render.formats import EXPORT_FORMATS

# (name shown, action run, what it does). Every binding's action is here, and a few more.
PALETTE_ACTIONS: list[tuple[str, str, str]] = [
    ("Add highlighted block to the letter", "add_highlighted", "Library: the block under the cursor"),
    ("Edit text of the selected block", "edit_item", "This use only; the library is not changed"),
    ("Move selected block up", "move(-1)", "Points and citations renumber"),
    ("Move selected block down", "move(1)", "Points and citations renumber"),
    ("Remove selected block", "remove_item", "Undo with Ctrl+Z"),
    ("Duplicate selected block", "duplicate_item", "Insert a copy right after it"),
    ("Switch full/short variant", "toggle_variant", "For tight word limits"),
    ("Add a paragraph of my own…", "add_custom", "Text for this letter only, not from the library"),
    ("Join the selected paragraph to the point above", "join_point", "So the points keep counting on"),
    ("New block in my library…", "new_block", "Written as a draft TOML file"),
    ("Article and letter details…", "details", "Title, authors, journal, DOI, PMID, design"),
    ("Choose society…", "details('society')", "The society that signs"),
    ("Signatories…", "signatories", "Who signs: the society's people, disclosures, corresponding author"),
    ("Co-signing societies…", "details('cosigners')", "Other societies signing a joint letter"),
    ("Change venue…", "details('venue')", "Word and reference limits"),
    ("Change citation style…", "details('style')", "NLM, Vancouver"),
    ("Save", "save", "Write the outline (TOML)"),
    ("Save as…", "save_as", "Choose another file for the outline"),
    *((f"Export {fmt.label}…", f"export('{fmt.name}')", fmt.purpose) for fmt in EXPORT_FORMATS),
    ("Merge edited DOCX…", "merge_docx", "Review the editors' changes and comments (F6)"),
    ("Checks against the venue…", "checks", "Words, references, authors, deadline... as rebuttal check (F4)"),
    ("Make it fit: switch to short variants", "make_it_fit", "Last blocks first, until the limit is met"),
    ("Letters on record…", "letters", "What the society sent, where, and what became of it (F7)"),
    ("Undo", "undo", "Undo the last change to the letter"),
    ("Redo", "redo", "Redo what was undone"),
    ("Filter the library", "focus_filter", "Type words from titles, tags or text"),
    ("Help", "help", "Help for the focused panel"),
    ("Quit", "quit_app", "Asks first when there are unsaved changes"),
]


class RebuttalCommands(Provider):
    """Offers every action of the rebuttal app in the command palette."""

    def _keys(self) -> dict[str, str]:
        """Each action's key as the footer shows it, so the palette teaches the keys."""
        found: dict[str, str] = {}
        main = self.app.screen_stack[0]
        for node in [self.app, main, *main.walk_children()]:
            for binding in getattr(node, "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                action = binding.action.removeprefix("app.").removeprefix("screen.")
                display = binding.key_display or self.app.get_key_display(binding)
                found.setdefault(action, display)
        return found

    def _help(self, action: str, help_text: str, keys: dict[str, str]) -> str:
        key = keys.get(action)
        return f"{help_text} · key {key}" if key else help_text

    async def discover(self) -> Hits:
        """Everything, when nothing is typed yet."""
        keys = self._keys()
        for name, action, help_text in PALETTE_ACTIONS:
            yield DiscoveryHit(name, partial(self._run, action), help=self._help(action, help_text, keys))

    async def search(self, query: str) -> Hits:
        """The actions whose name matches what is typed."""
        matcher = self.matcher(query)
        keys = self._keys()
        for name, action, help_text in PALETTE_ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action),
                          help=self._help(action, help_text, keys))

    async def _run(self, action: str) -> None:
        # The actions are the main screen's (the letter's), whichever screen the palette opened over.
        await self.app.run_action(action, self.app.screen_stack[0])
