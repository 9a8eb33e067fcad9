"""The main screen's footer: Textual's, its keys redrawn once however often the bindings change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer, recomposed once for bindings that change several times before a refresh.

    Textual's footer schedules a redraw of all its keys (a recompose, then a layout: ~20 ms) each
    time the screen says its bindings changed, and at start-up that happens three times in a row
    (focus, screen resume, the library's highlight). A recompose already scheduled reads the
    bindings as they are when it runs, so another one before it would draw the same keys again.
    """

    _recompose_scheduled = False

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
