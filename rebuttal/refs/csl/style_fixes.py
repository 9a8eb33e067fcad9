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


# Dates citeproc-py 0.11 does not know: CSL 1.0.2's date an article was first available online
# ("Epub", "Published Online First") and the date a web page was last updated (rebuttal's own
# variable: CSL has none, yet Citing Medicine, AMA and BMJ all print it).
EXTRA_DATE_VARIABLES = ("available_date", "updated")


def teach_dates() -> None:
    """Make citeproc-py read and print :data:`EXTRA_DATE_VARIABLES` as dates.

    citeproc-py keeps one module-level list of date variables, shared by its
    JSON reader and its formatter; a variable missing from it is read as text
    and a ``cs:date`` for it fails.
    """
    import citeproc

    for name in EXTRA_DATE_VARIABLES:
        if name not in citeproc.DATES:
            citeproc.DATES.append(name)


RANGE_DELIMITER_ATTRIBUTE = "rebuttal-date-range-delimiter"


def mark_date_range_delimiter(root: Any, delimiter: str) -> None:
    """Date ranges take the style's range delimiter (a hyphen in NLM and AMA: ``2002 Aug 17-22``)."""
    root.set(RANGE_DELIMITER_ATTRIBUTE, delimiter)


def render_date_ranges_in_place() -> None:
    """Teach citeproc-py to print a date range where its differing parts stand.

    citeproc-py prints the differing parts first and the shared ones after
    (``17–22 2002 Aug``), right only for day-month-year dates. CSL prints the
    shared parts once, in their places, and the differing ones as one range:
    ``2002 Aug 17-22`` (NLM), ``August 17-22, 2002`` (AMA), ``17–22 August 2002``.
    """
    from citeproc import model
    from citeproc.source import VariableError

    original = model.Date.render_date_range
    if getattr(original, "_rebuttal_ranges", False):
        return

    def render_date_range(self: Any, date_range: Any, show_parts: Any = None, context: Any = None) -> Any:
        begin, end = date_range.begin, date_range.end
        if end.is_nil():
            return original(self, date_range, show_parts, context)
        context = self if context is None else context
        wanted = [part for part in self.iterchildren() if part.get("name") in (show_parts or ())]
        differing = {name for name in ("year", "month", "day") if begin.get(name) != end.get(name)}
        root = context.getroottree().getroot()
        delimiter = root.get(RANGE_DELIMITER_ATTRIBUTE) or "\u2013"
        pieces: list[Any] = []
        block: list[Any] = []

        def flush() -> None:
            if not block:
                return
            firsts = [part.render(begin, context) for part in block]
            suffix = block[-1].get("suffix", "")
            if firsts[-1] is not None and suffix and str(firsts[-1]).endswith(suffix):
                firsts[-1] = str(firsts[-1])[: -len(suffix)]
            lasts = [part.render(end, context) for part in block]
            joiner = context if self.is_locale_date() else self
            pieces.append(f"{joiner.join(firsts)}{delimiter}{joiner.join(lasts)}")
            block.clear()

        for part in wanted:
            if part.get("name") in differing:
                block.append(part)
                continue
            flush()
            try:
                pieces.append(part.render(begin, context))
            except VariableError:
                # A part neither date has (the month of "2007-2011"): left out, as in a single date.
                continue
        flush()
        joiner = context if self.is_locale_date() else self
        return joiner.join(pieces)

    render_date_range._rebuttal_ranges = True  # type: ignore[attr-defined]
    model.Date.render_date_range = render_date_range
