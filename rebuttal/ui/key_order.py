"""Keys reach the widget that had focus when each was typed, however fast they come.

A terminal delivers keys typed quickly, pasted, or sent while the app is busy, together; Textual
takes them from the app's queue one after the other and forwards each to the widget focused *at
that moment*. Three things moved the focus later than the keys that followed them:

* Tab is a binding of the screen: it is acted on only when the key has bubbled up from the
  focused field, after the app has already forwarded the keys typed after it to that field
  (``AAA`` Tab ``2026-12-01`` gave a title ``AAA2026-12-01``). Here Tab and Shift+Tab are app
  bindings with priority: the focus moves when the app takes the key, before the next one.
* ``Widget.focus()`` is carried out later (it queues the change behind the keys already waiting):
  a dialog focusing its first field, ``/`` going to the library's filter. :func:`focus_now`
  moves the focus at once, for the app's own keys.
* A screen just opened has no focus until it is built: keys typed meanwhile went to the screen
  and were lost. :class:`KeyGate` holds keys and pastes (and the clicks after them) while the
  active screen is not built yet or has no focus, and hands them on, in order, once it has.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

# Focus moves when the app takes the key, not when it comes back up from the focused widget.
FOCUS_BINDINGS = [
    Binding("tab", "app.focus_next", "Next", show=False, priority=True, id="app.focus_next"),
    Binding("shift+tab", "app.focus_previous", "Previous", show=False, priority=True,
            id="app.focus_previous"),
]
# Refreshes to wait for a screen to take a focus of its own; then its first widget gets it.
_PATIENCE = 8
_HELD = (events.Key, events.Paste, events.MouseDown, events.MouseUp, events.Click)


def focus_now(widget: Widget) -> None:
    """Give ``widget`` the focus at once (``Widget.focus()`` waits behind the keys already typed);
    it is scrolled into view once laid out, as ``focus()`` does."""
    widget.screen.set_focus(widget, scroll_visible=False)
    widget.call_after_refresh(widget.scroll_visible, animate=False)


class KeyGate:
    """Holds input while the active screen cannot take it yet; hands it on in the order it came.

    The app calls :meth:`holds` with each event before handling it, and skips the events it holds.
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self.waiting: deque[events.Event] = deque()
        self.tries = 0

    def ready(self) -> bool:
        """Whether keys can go where the person sees the focus: a built screen with a focus."""
        try:
            screen = self.app.screen
        except Exception:
            return False
        if not screen.is_mounted:
            return False
        return self.app.focused is not None or not screen.focus_chain

    def holds(self, event: events.Event) -> bool:
        """True when ``event`` is kept for later (it will come back through the app's queue)."""
        if not isinstance(event, _HELD) or event.is_forwarded:
            return False
        if not self.waiting and (self.ready() or not isinstance(event, (events.Key, events.Paste))):
            return False
        self.waiting.append(event)
        if len(self.waiting) == 1:
            self.tries = 0
            self.app.call_after_refresh(self.release)
        return True

    def release(self) -> None:
        """Hand on what waits, in order, once the screen can take it (or has waited long enough)."""
        if not self.waiting:
            return
        if not self.ready():
            self.tries += 1
            if self.tries < _PATIENCE:
                self.app.call_after_refresh(self.release)
                return
            try:  # a screen that never focused anything: its first widget takes the keys
                self.app.screen.focus_next()
            except Exception:
                self.waiting.clear()
                return
        # Back to the app's queue, in order; what comes after them waits behind them there. One
        # that finds the screen unready again (F2 opening a form) is held again, with its followers.
        while self.waiting:
            self.app.post_message(self.waiting.popleft())
