"""Corrections applied to a parsed CSL style (and to citeproc-py itself) before formatting.

Each one answers a citeproc-py 0.11 fault; see :mod:`rebuttal.refs.csl.engine` for the list.
"""

from __future__ import annotations

from typing import Any

CSL_NS = {"cs": "http://purl.org/net/xbiblio/csl"}


def page_range_delimiter(root: Any) -> str:
    """The style's ``page-range-delimiter`` term, else an en dash (the CSL default)."""
    terms = root.xpath("//cs:term[@name='page-range-delimiter']/text()", namespaces=CSL_NS)
    return str(terms[0]) if terms else "–"


def drop_bibliography_numbers(root: Any) -> None:
    """Remove the citation number from the bibliography layout: renderers number entries."""
    for node in root.xpath("cs:bibliography//cs:text[@variable='citation-number']", namespaces=CSL_NS):
        node.getparent().remove(node)


def repress_substituted_names() -> None:
    """Teach citeproc-py to print names used as a substitute only once.

    CSL: names that stood in for missing authors (a book's editors) are not
    repeated later. citeproc-py records them but only ``cs:text`` checks the
    record, so NLM printed ``Ed A, editor. A book. Ed A, editor.``. This wraps
    ``Names.process`` once per process to check the same record.
    """
    from citeproc import model

    original = model.Names.process
    if getattr(original, "_rebuttal_repression", False):
        return

    def process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        try:
            repressed = (context if context is not None else self).get_layout().repressed.get(self.tag, [])
        except (AttributeError, IndexError):
            repressed = []
        hidden = {name for entry in repressed if entry for name in entry.split()}
        wanted = set((self.get("variable") or "").split())
        inside_substitute = self.getparent() is not None and self.getparent().tag.endswith("substitute")
        if hidden and wanted and wanted <= hidden and not inside_substitute:
            return None
        return original(self, item, names_context=names_context, context=context, **kwargs)

    process._rebuttal_repression = True  # type: ignore[attr-defined]
    model.Names.process = process


def drop_title_substitutes(root: Any) -> None:
    """No title in place of missing authors: citeproc-py would print the title twice.

    CSL suppresses a substituted variable later on; citeproc-py does not, so an
    AMA entry without authors read ``Title. Title. JAMA...``. In numeric styles the
    title comes right after the authors anyway, so dropping the substitute is exact.
    """
    for node in root.xpath(
        "//cs:substitute/cs:text[@variable='title' or contains(@macro, 'title')]", namespaces=CSL_NS
    ):
        node.getparent().remove(node)


def copy_locale_date_delimiters(root: Any) -> None:
    """Give each localized ``cs:date`` its locale's delimiter (citeproc-py joins with none)."""
    for date in root.xpath("//cs:date[@form][not(@delimiter)]", namespaces=CSL_NS):
        if date.xpath("ancestor::cs:locale", namespaces=CSL_NS):
            continue
        try:
            localized = date.get_date(date.get("form"))
        except (AttributeError, IndexError, KeyError):
            continue
        delimiter = localized.get("delimiter") if localized is not None else None
        if delimiter:
            date.set("delimiter", delimiter)
