"""The main screen's footer: Textual's, its keys redrawn once however often the bindings change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

# The keys a narrow terminal leaves out first (each is in the palette, Ctrl+P, and the help, F1):
# a key cut in the middle ("^p palettet") helps nobody.
DROPPED_FIRST = ("signatories", "screen.signatories", "checks", "screen.checks", "redo", "screen.redo",
                 "undo", "screen.undo")
# Kept however narrow: help and the palette (which list every key), and where Tab goes from here.
KEPT = ("app.help", "help", "command_palette", "app.command_palette", "app.focus_next")


def _is_key(widget: Widget) -> bool:
    """Whether ``widget`` is one of the footer's keys (Textual's ``FooterKey``, not exported)."""
    return hasattr(widget, "key_display") and hasattr(widget, "action")


def _width(key: Any) -> int:
    """The columns one compact key takes: ``F2 Article`` and the gap after it."""
    return len(key.key_display) + (len(key.description) + 1 if key.description else 0) + 1


class KeysFooter(Footer):
    """Textual's footer, recomposed once for bindings that change several times before a refresh.

    Textual's footer schedules a redraw of all its keys (a recompose, then a layout: ~20 ms) each
    time the screen says its bindings changed, and at start-up that happens three times in a row
    (focus, screen resume, the library's highlight). A recompose already scheduled reads the
    bindings as they are when it runs, so another one before it would draw the same keys again.
    """

    _recompose_scheduled = False
    composed_width = 0  # the width the keys were last chosen for

    def compose(self) -> ComposeResult:
        """Textual's keys, leaving out the least needed ones when they would not fit the width."""
        widgets = list(super().compose())
        keys = [w for w in widgets if _is_key(w)]
        room = self.composed_width = self.size.width or self.app.size.width
        def fits() -> bool:
            return sum(_width(key) for key in keys) + 3 <= room  # the palette key's border and padding

        for action in DROPPED_FIRST:
            if fits():
                break
            keys = [key for key in keys if key.action != action]
        while not fits():  # then whole keys from the right, rather than one cut in the middle
            last = next((key for key in reversed(keys) if key.action not in KEPT), None)
            if last is None:
                break
            keys.remove(last)
        shown = set(map(id, keys))
        yield from (w for w in widgets if not _is_key(w) or id(w) in shown)

    def on_resize(self) -> None:
        """A new width may fit more keys, or fewer."""
        if self.composed_width and self.size.width != self.composed_width:
            self.refresh(recompose=True)

    def bindings_changed(self, screen: Screen) -> None:
        """Schedule a recompose unless one is already on its way."""
        if not self._recompose_scheduled:
            super().bindings_changed(screen)

    def call_after_refresh(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Note when the recompose is scheduled (Textual's ``bindings_changed`` schedules it here)."""
        if callback == self.recompose:
            self._recompose_scheduled = True
        return super().call_after_refresh(callback, *args, **kwargs)

    async def recompose(self) -> None:
        """Redraw the keys; a change of bindings from now on schedules the next redraw."""
        self._recompose_scheduled = False
        await super().recompose()
