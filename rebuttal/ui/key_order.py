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
# How long keys wait for a screen to be built and take a focus of its own (a loaded machine may
# take seconds to build the F2 form); then its first widget gets them.
_PATIENCE = 100
_PATIENCE_STEP = 0.05  # seconds
_LONGEST_KEY = 1.0  # seconds a key may take to reach the app before the next one goes anyway
_HELD = (events.Key, events.Paste, events.MouseDown, events.MouseUp, events.Click)


def focus_now(widget: Widget) -> None:
    """Give ``widget`` the focus at once (``Widget.focus()`` waits behind the keys already typed);
    it is scrolled into view once laid out, as ``focus()`` does."""
    widget.screen.set_focus(widget, scroll_visible=False)
    widget.call_after_refresh(widget.scroll_visible, animate=False)


class KeyGate:
    """Takes input one key at a time, in the order it came, each once the screen can take it.

    The app calls :meth:`holds` with each event before handling it (and skips the events it
    holds), and :meth:`handled` after. A key is done when it has bubbled from the focused widget
    up to the app, where the widget's and the screen's bindings act (Ctrl+U in a text box, say):
    the keys after it wait until then, so a binding acts on the widget focused when its key was
    typed, not on one a later Tab moved to. They also wait while the active screen is not built or
    has no focus yet (a form just opened).
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self.waiting: deque[events.Event] = deque()
        self.tries = 0
        self.busy = 0  # keys forwarded and not yet done (0 or 1)
        self.current: events.Key | None = None
        # Handed back to the app's queue and not come through again yet: the input that reached the
        # app meanwhile was typed after them, and waits behind them (``overtaken``).
        self.in_flight: deque[events.Event] = deque()
        self.overtaken: deque[events.Event] = deque()
        self.key_number = 0  # which key ``busy`` stands for (a late ``_done`` of an earlier one is ignored)

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
        if self.in_flight:
            if event is not self.in_flight[0]:  # came after those handed back, reached the app before them
                self.overtaken.append(event)
                return True
            self.in_flight.popleft()
            held = self._take(event)
            if not self.in_flight:  # all back: the ones typed after them follow, in order
                self.waiting.extend(self.overtaken)
                self.overtaken.clear()
                if self.waiting:
                    self.app.call_after_refresh(self.release)
            return held
        return self._take(event)

    def _take(self, event: events.Event) -> bool:
        typed = isinstance(event, (events.Key, events.Paste))
        if not self.waiting and not self.busy and (self.ready() or not typed):
            self.current = event if isinstance(event, events.Key) else None
            return False
        self.waiting.append(event)
        if len(self.waiting) == 1 and not self.busy:
            self.tries = 0
            self.app.call_after_refresh(self.release)
        return True

    def handled(self, event: events.Event) -> None:
        """The app took ``event``: a key is followed up to the app before the next one goes."""
        if event is not self.current or self.current is None:
            return
        self.current = None
        try:
            target = self.app.focused or self.app.screen
        except Exception:
            return
        chain = list(target.ancestors_with_self)
        self.busy = 1
        self.key_number += 1
        number = self.key_number
        # If a widget on the way goes (its screen closed), the key is done anyway soon after.
        timer = self.app.set_timer(_LONGEST_KEY, lambda: self._done(number))

        def step(index: int) -> None:
            if index == len(chain):
                timer.stop()
                self._done(number)
            else:  # behind the key in this widget's queue: after it has handled (and passed on) the key
                chain[index].call_later(step, index + 1)

        step(0)

    def _done(self, number: int) -> None:
        if self.busy and number == self.key_number:  # (a key that took too long is done already)
            self.busy = 0
            self.tries = 0
            self.release()

    def release(self) -> None:
        """Hand on what waits, in order, once the screen can take it (or has waited long enough)."""
        if not self.waiting or self.busy or self.in_flight:  # (those still on their way come first)
            return
        if not self.ready():
            self.tries += 1
            if self.tries < _PATIENCE:
                self.app.set_timer(_PATIENCE_STEP, self.release)
                return
            try:  # a screen that never focused anything: its first widget takes the keys
                self.app.screen.focus_next()
            except Exception:
                self.waiting.clear()
                return
        # Back to the app's queue, in order; what comes after them waits behind them there. The
        # first goes; the others are held again behind it, one at a time.
        while self.waiting:
            event = self.waiting.popleft()
            if self.app.post_message(event):  # (not when the app is closing)
                self.in_flight.append(event)
