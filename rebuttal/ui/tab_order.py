"""Tab and Shift+Tab on the main screen: from panel to panel, in one order wherever the focus is.

The panels are Library, Letter and Preview, in that order, and Tab goes on to the next one from
anywhere in a panel (the library's filter box as well as its list), so two Tabs from the library
always reach the preview, however the focus got where it is. Each panel's footer shows, beside
its own keys, where Tab goes from it (:func:`tab_binding`): the person is never left guessing which
keys work where the focus landed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

# Panel id -> (its name, the widget that takes the focus when Tab arrives), in Tab order.
PANELS: dict[str, tuple[str, str]] = {
    "library": ("Library", "#blocks"),
    "letter": ("Letter", "#items"),
    "preview": ("Preview", "#preview"),
}
_ORDER = list(PANELS)


def panel_of(widget: Widget | None) -> str:
    """The id of the panel holding ``widget`` ('' outside the panels)."""
    for node in widget.ancestors_with_self if widget is not None else ():
        if node.id in PANELS:
            return node.id
    return ""


def next_panel(panel: str, step: int) -> str:
    """The panel ``step`` Tabs (1) or Shift+Tabs (-1) away from ``panel`` (from none: the library's
    neighbours, as if the focus were in the library)."""
    here = _ORDER.index(panel) if panel in PANELS else 0
    return _ORDER[(here + step) % len(_ORDER)]


def focus_panel(screen: Screen, step: int) -> Widget | None:
    """Move the focus to the panel ``step`` away from the focused one; the widget focused (None when
    that panel is not on the screen)."""
    target = next_panel(panel_of(screen.focused), step)
    found = screen.query(PANELS[target][1])
    if not found:
        return None
    widget = found.first()
    screen.set_focus(widget)  # at once: the keys typed after Tab go to the panel it reached
    return widget


def tab_binding(panel: str) -> Binding:
    """The footer's Tab key in ``panel``, named for the panel it goes to.

    The app's own Tab binding (:data:`rebuttal.ui.key_order.FOCUS_BINDINGS`) acts first, with the same
    action; this one, a priority binding too, takes its place in the footer and the help.
    """
    name = PANELS[next_panel(panel, 1)][0]
    return Binding("tab", "app.focus_next", name, key_display="Tab", priority=True, id=f"{panel}.tab")
