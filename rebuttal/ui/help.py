"""The help screen's text (F1): the focused panel's help, its keys, and the keys that work everywhere."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from rebuttal.ui.tab_order import PANELS, panel_of

GETTING_STARTED = (
    "**Getting started.** Press **F2** to describe the article you answer and choose the society "
    "(and any co-signing societies) and venue; **F3** chooses who signs, with their disclosures. "
    "In the **Library** (left, top) type to filter and press **Enter** to add a block; "
    "in the **Letter** (left, bottom) move, edit and remove blocks. **Tab** goes Library, Letter, "
    "Preview and round again (**Shift+Tab** back; the footer's Tab key names where), "
    "**Ctrl+S** saves the outline, **Ctrl+E** exports Word, PDF, Markdown or text, **Ctrl+Z** undoes, "
    "**Ctrl+P** lists every command, **Ctrl+Q** quits."
)

# Textual's own scrolling keys (arrows, Page Up...): every panel has them; the help lists this app's keys.
GENERIC_ACTIONS = frozenset({"scroll_up", "scroll_down", "scroll_left", "scroll_right", "scroll_home",
                             "scroll_end", "page_up", "page_down", "page_left", "page_right"})


def help_text(screen: Screen) -> str:
    """Markdown: help for the panel focused on ``screen``, its keys, and the keys that work everywhere."""
    focused: Widget | None = screen.focused
    panel_help = next((getattr(w, "HELP", "") for w in (focused.ancestors_with_self if focused else ())
                       if getattr(w, "HELP", "")), "")
    # One row per action, all its keys together ("[ or shift+↑"), this app's keys first.
    keys: dict[str, list[str]] = {}
    described: dict[str, str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if (not binding.description or binding.system or binding.action == "command_palette"
                or binding.action in GENERIC_ACTIONS):
            continue
        action = binding.action.removeprefix("app.").removeprefix("screen.")
        shown = keys.setdefault(action, [])
        displays = [binding.key_display] if binding.key_display else []
        displays += [screen.app.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(",")]
        for display in displays:
            if display.lower() not in {d.lower() for d in shown}:
                shown.append(display)
        # Tab's footer entry names the panel it goes to: "Letter" says more as "Go to the Letter".
        described.setdefault(action, f"Go to the {binding.description}" if action == "focus_next"
                             and binding.description in {name for name, _ in PANELS.values()}
                             else binding.description)
    rows = ["| Key | Does |", "| --- | --- |"]
    rows += [f"| {' or '.join(keys[action])} | {described[action]} |" for action in keys]
    rows.append("| ^p | Command palette: every action by name, with its key |")
    title = f"# Help — {panel_name(focused)}  (Esc closes)"
    return "\n\n".join([title, panel_help, GETTING_STARTED, "## Keys here", "\n".join(rows)])


def panel_name(focused: Widget | None) -> str:
    """The name of the panel holding ``focused`` ("rebuttal" outside the panels)."""
    panel = panel_of(focused)
    return PANELS[panel][0] if panel else "rebuttal"
