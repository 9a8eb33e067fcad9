"""The app's start-up: what it sets up for a fast first frame and a fast exit."""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys

from rebuttal.library.stack import Library
from rebuttal.ui.app import make_app
from rebuttal.ui.footer import KeysFooter
from rebuttal.ui.panels import BlockDetail, BlockList, LibraryPanel, PreviewPanel

from .conftest import EXAMPLE, ROOT, TODAY
from .ui_support import SIZE, isolated_state, library, wait_until

__all__ = ["isolated_state", "library"]  # fixtures used by the tests below


def test_no_collection_while_starting_and_start_up_objects_frozen_after(
    library: Library, monkeypatch: object,
) -> None:
    seen: list[bool] = []
    original = LibraryPanel.__init__

    def spying_init(self: LibraryPanel, *args: object) -> None:
        seen.append(gc.isenabled())  # the library panel reads every block's summary here
        original(self, *args)

    monkeypatch.setattr(LibraryPanel, "__init__", spying_init)  # type: ignore[attr-defined]
    gc.unfreeze()

    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 10_000  # Textual's and the app's objects, set aside

    asyncio.run(run())
    assert seen == [False]
    assert gc.isenabled()


def test_the_app_module_leaves_dialog_widgets_and_the_merge_until_they_are_used() -> None:
    script = "import sys, rebuttal.ui.app\nprint(' '.join(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                            check=True)
    loaded = set(result.stdout.split())
    assert "textual.app" in loaded
    # Markdown (help), TextArea (edit dialogs) and the DOCX merge: ~40 ms the first frame does not need.
    for module in ("markdown_it", "textual.widgets._markdown", "textual.widgets._text_area", "pygments",
                   "rebuttal.merge.compare", "rebuttal.merge.report"):
        assert module not in loaded, module


def test_first_frame_shows_the_highlighted_block_and_the_letter_at_the_width_it_is_shown(
    library: Library,
) -> None:
    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            blocks = app.query_one(BlockList)
            assert blocks.has_focus
            detail = app.query_one(BlockDetail)
            assert detail.display
            highlighted = blocks.highlighted_option
            assert highlighted is not None and highlighted.id
            block = library.block(highlighted.id)
            assert block is not None and detail.border_title == block.title
            preview = app.query_one(PreviewPanel)
            # Laid out once, at the width it has with its scrollbar: no line runs past the pane.
            width = preview.scrollable_content_region.width
            assert preview.laid_out_width == width
            assert max(line.cell_length for line in preview.lines) <= width
            assert not preview.show_horizontal_scrollbar

    asyncio.run(run())


def test_footer_redraws_once_for_bindings_changed_together_and_follows_focus(
    library: Library, monkeypatch: object,
) -> None:
    redraws: list[int] = []
    original = KeysFooter.call_after_refresh

    def counting(self: KeysFooter, callback: object, *args: object, **kwargs: object) -> bool:
        # A redraw the bindings ask for is a recompose scheduled after the refresh; counted where it is
        # scheduled, since under load a late resize at start-up also recomposes the footer (on_resize), which
        # is not what this test is about (seen failing 2 == 1 with two suites at once).
        if callback == self.recompose:
            redraws.append(1)
        return original(self, callback, *args, **kwargs)

    monkeypatch.setattr(KeysFooter, "call_after_refresh", counting)  # type: ignore[attr-defined]

    def keys(app: object) -> str:
        footer = app.query_one(KeysFooter)  # type: ignore[attr-defined]
        return " ".join(str(key.description) for key in footer.query("FooterKey"))

    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            assert "Add" in keys(app) and "Duplicate" not in keys(app)
            redraws.clear()
            for _ in range(3):
                app.screen.refresh_bindings()
            await pilot.pause()
            assert len(redraws) == 1
            await pilot.press("tab")  # to the letter: its keys
            await pilot.pause()
            assert "Duplicate" in keys(app) and "Add" not in keys(app)
            await pilot.press("shift+tab")  # back to the library
            await pilot.pause()
            assert "Add" in keys(app) and "Duplicate" not in keys(app)

    asyncio.run(run())


def test_the_search_is_readied_just_after_the_first_frame(library: Library, monkeypatch: object) -> None:
    """Listing needs no search index; it is made while the person reads the first screen."""
    seen: list[tuple[bool, bool]] = []
    original = LibraryPanel.prepare_search

    def spying_prepare(self: LibraryPanel) -> None:
        # (index already prepared?, first frame shown? -- the collector is off until it is)
        seen.append((self.index.prepared, gc.isenabled()))
        original(self)

    monkeypatch.setattr(LibraryPanel, "prepare_search", spying_prepare)  # type: ignore[attr-defined]

    async def run() -> None:
        app = make_app(EXAMPLE, library, today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            index = app.query_one(LibraryPanel).index
            await wait_until(pilot, lambda: index.prepared)

    asyncio.run(run())
    assert seen == [(False, True)]  # listing prepared nothing; made once, after the first frame
