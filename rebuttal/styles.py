"""Reference styles: how a reference list entry and a citation mark look.

The built-in NLM (Vancouver) formatter needs no CSL engine; further styles
register here under a name the outline's ``letter.style`` can choose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rebuttal.fields import did_you_mean
from rebuttal.formatting import format_nlm
from rebuttal.model import Span

if TYPE_CHECKING:
    from rebuttal.outline import Outline


@dataclass(frozen=True)
class ReferenceStyle:
    """A named style: an entry formatter and the default citation marker."""

    name: str
    title: str
    format_entry: Callable[[dict[str, Any]], tuple[Span, ...]]
    marker: str = "parentheses"


STYLES: dict[str, ReferenceStyle] = {
    "nlm": ReferenceStyle("nlm", "NLM citation-sequence (Vancouver)", format_nlm),
    "vancouver": ReferenceStyle("vancouver", "Vancouver (NLM), bracketed numbers", format_nlm, "brackets"),
}


def get_style(name: str, outline: Outline | None = None) -> ReferenceStyle:
    """The style called ``name``; an error lists the known ones."""
    style = STYLES.get(name)
    if style is not None:
        return style
    message = (
        f"unknown style '{name}'{did_you_mean(name, STYLES)}; available: {', '.join(sorted(STYLES))}"
    )
    if outline is not None:
        raise outline.error(("letter", "style"), message)
    from rebuttal.errors import RebuttalError

    raise RebuttalError(message, field="style")
