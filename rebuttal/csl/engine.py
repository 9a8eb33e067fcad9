"""Run citeproc-py on a CSL style and correct what it gets wrong.

citeproc-py 0.11 has a few faults that matter for medical letters; each is
corrected here, before or after the engine runs, and pinned by tests:

* localized dates (``form="text"``) ignore the locale's delimiter, so NLM
  dates run together (``2025Feb19``): we copy the delimiter onto the style;
* initials written together (``ID``, ``RJ``) are read as one name and
  shortened to ``I``: we space them out first (``I D``) so each survives;
* page ranges are elided even with letter prefixes (``S1-S127`` ->
  ``S1-27``): we format pages ourselves (:mod:`rebuttal.csl.pages`);
* ``second-field-align`` is ignored, gluing the number to the entry
  (``1.Wang``): we drop the number, since every renderer numbers the list;
* a title or editors standing in for missing authors are printed twice: we drop
  the title substitute and make citeproc-py honour its record of substituted names;
* duplicate punctuation (``et al..``, ``work?.``) is not suppressed: we suppress it;
* NLM name suffixes: ``II`` is printed ``2nd`` as Citing Medicine asks.

Output is HTML from citeproc-py's formatter, parsed back into spans so
italics and bold survive and DOIs/URLs become link spans.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rebuttal.csl.pages import format_pages
from rebuttal.model import Span

CSL_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
# Stands in for the page-range delimiter so citeproc-py cannot re-split our ranges.
_RANGE_MARK = "\ue000"
_DOUBLED = re.compile(r"(?<![.])([.?!])\.(?![.])")
_URL = re.compile(r"(https?://\S+)")
# Rich text inside CSL-JSON fields (<i>Staphylococcus</i>) would be escaped by citeproc-py;
# it travels through as private-use marks instead and becomes emphasis again afterwards.
_ITALIC_ON, _ITALIC_OFF, _BOLD_ON, _BOLD_OFF = "\ue001", "\ue002", "\ue003", "\ue004"
_FIELD_MARKUP = (
    (re.compile(r"<(i|em)>"), _ITALIC_ON), (re.compile(r"</(i|em)>"), _ITALIC_OFF),
    (re.compile(r"<(b|strong)>"), _BOLD_ON), (re.compile(r"</(b|strong)>"), _BOLD_OFF),
    (re.compile(r"</?(span|sup|sub)\b[^>]*>"), ""),
)
_MARKS = re.compile("([\ue001-\ue004])")
_JOINED_INITIALS = re.compile(r"[A-Z]{2,4}")
NLM_SUFFIXES = {"ii": "2nd", "iii": "3rd", "iv": "4th", "jr": "Jr", "jr.": "Jr", "sr": "Sr", "sr.": "Sr"}
_NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor")


class LoadedStyle:
    """A parsed CSL style with our corrections applied, plus what the item fixes need."""

    def __init__(self, path: Path) -> None:
        from citeproc import CitationStylesStyle

        _repress_substituted_names()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.style = CitationStylesStyle(str(path), validate=False)
        root = self.style.root
        self.range_format = root.get("page-range-format")
        self.initializes = bool(root.xpath("//@initialize-with", namespaces=CSL_NS))
        self.range_delimiter = _page_range_delimiter(root)
        _drop_bibliography_numbers(root)
        _copy_locale_date_delimiters(root)
        _drop_title_substitutes(root)


@lru_cache(maxsize=8)
def load_style(path: Path) -> LoadedStyle:
    """Parse the style at ``path`` once per process."""
    return LoadedStyle(path)


def format_items(
    path: Path, items: Sequence[dict[str, Any]], *, nlm_suffixes: bool = False
) -> list[tuple[Span, ...]]:
    """Format each CSL-JSON item as one bibliography entry (without its number)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    loaded = load_style(path)
    prepared = [prepare_item(item, loaded, f"item{index}", nlm_suffixes) for index, item in enumerate(items)]
    with warnings.catch_warnings():
        # citeproc-py warns about every CSL variable it does not know (PMCID, available-date).
        warnings.simplefilter("ignore")
        source = CiteProcJSON(prepared)
        bibliography = CitationStylesBibliography(loaded.style, source, formatter.html)
        for entry in prepared:
            bibliography.register(Citation([CitationItem(entry["id"])]))
        # A numeric style lists entries in citation order, which is the order registered.
        html_entries = [str(entry) for entry in bibliography.bibliography()]
    delimiter = loaded.range_delimiter
    return [
        entry_spans(html.replace(_RANGE_MARK, delimiter), item)
        for html, item in zip(html_entries, items, strict=True)
    ]


def prepare_item(item: dict[str, Any], loaded: LoadedStyle, key: str, nlm_suffixes: bool) -> dict[str, Any]:
    """A copy of ``item`` that citeproc-py formats correctly (see the module notes)."""
    prepared = {name: value for name, value in item.items() if value not in (None, "", [])}
    prepared["id"] = key
    for variable in _NAME_VARIABLES:
        if isinstance(prepared.get(variable), list):
            people = prepared[variable]
            prepared[variable] = [_prepare_name(person, loaded, nlm_suffixes) for person in people]
    for name in ("title", "container-title", "container-title-short", "collection-title"):
        if isinstance(prepared.get(name), str) and "<" in prepared[name]:
            for pattern, mark in _FIELD_MARKUP:
                prepared[name] = pattern.sub(mark, prepared[name])
    if prepared.get("container-title-short") and not prepared.get("container-title"):
        # citeproc-py prints no journal at all when only the abbreviation is known.
        prepared["container-title"] = prepared["container-title-short"]
    page = str(prepared.get("page", "")).strip()
    if page:
        prepared["page"] = format_pages(page, loaded.range_format, _RANGE_MARK)
    return prepared


def _prepare_name(person: Any, loaded: LoadedStyle, nlm_suffixes: bool) -> Any:
    if not isinstance(person, dict):
        return person
    person = dict(person)
    given = str(person.get("given", "")).strip()
    if loaded.initializes and _JOINED_INITIALS.fullmatch(given):
        person["given"] = " ".join(given)
    suffix = str(person.get("suffix", "")).strip()
    if nlm_suffixes and suffix:
        person["suffix"] = NLM_SUFFIXES.get(suffix.lower(), suffix)
    return person


def _page_range_delimiter(root: Any) -> str:
    """The style's ``page-range-delimiter`` term, else an en dash (the CSL default)."""
    terms = root.xpath("//cs:term[@name='page-range-delimiter']/text()", namespaces=CSL_NS)
    return str(terms[0]) if terms else "–"


def _drop_bibliography_numbers(root: Any) -> None:
    """Remove the citation number from the bibliography layout: renderers number entries."""
    for node in root.xpath("cs:bibliography//cs:text[@variable='citation-number']", namespaces=CSL_NS):
        node.getparent().remove(node)


def _repress_substituted_names() -> None:
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


def _drop_title_substitutes(root: Any) -> None:
    """No title in place of missing authors: citeproc-py would print the title twice.

    CSL suppresses a substituted variable later on; citeproc-py does not, so an
    AMA entry without authors read ``Title. Title. JAMA...``. In numeric styles the
    title comes right after the authors anyway, so dropping the substitute is exact.
    """
    for node in root.xpath(
        "//cs:substitute/cs:text[@variable='title' or contains(@macro, 'title')]", namespaces=CSL_NS
    ):
        node.getparent().remove(node)


def _copy_locale_date_delimiters(root: Any) -> None:
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


class _SpanParser(HTMLParser):
    """citeproc-py's HTML (``<i>``, ``<b>``, ``<sup>``...) back into styled text runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Span] = []
        self._italic = 0
        self._bold = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._italic += tag in ("i", "em")
        self._bold += tag in ("b", "strong")

    def handle_endtag(self, tag: str) -> None:
        self._italic -= tag in ("i", "em") and self._italic > 0
        self._bold -= tag in ("b", "strong") and self._bold > 0

    def handle_data(self, data: str) -> None:
        self.runs.append(Span(data, bold=self._bold > 0, italic=self._italic > 0))


def entry_spans(html: str, item: dict[str, Any]) -> tuple[Span, ...]:
    """Parse one entry's HTML into spans; the item's DOI and URL become links."""
    parser = _SpanParser()
    parser.feed(html)
    parser.close()
    runs = merge_spans(_single_periods(_field_emphasis(parser.runs)))
    # The URL first: a DOI inside a printed URL must stay part of that link.
    url = str(item.get("URL", "")).strip()
    if url:
        runs = _link(runs, url, url)
    doi = str(item.get("DOI", "")).strip()
    if doi:
        runs = _link(runs, doi, f"https://doi.org/{doi}")
    return tuple(merge_spans(runs))


def _link(runs: list[Span], text: str, target: str) -> list[Span]:
    """Split the first unlinked run containing ``text`` so ``text`` is its own link span."""
    out: list[Span] = []
    done = False
    for run in runs:
        at = -1 if done or run.link else run.text.find(text)
        if at < 0:
            out.append(run)
            continue
        before, after = run.text[:at], run.text[at + len(text) :]
        for piece, link in ((before, None), (text, target), (after, None)):
            if piece:
                out.append(Span(piece, run.bold, run.italic, link))
        done = True
    return out


def _field_emphasis(runs: list[Span]) -> list[Span]:
    """Turn the private-use marks of field markup back into emphasis (italic in italic is roman)."""
    out: list[Span] = []
    italic = bold = False
    for run in runs:
        for piece in _MARKS.split(run.text):
            if piece in (_ITALIC_ON, _ITALIC_OFF):
                italic = piece == _ITALIC_ON
            elif piece in (_BOLD_ON, _BOLD_OFF):
                bold = piece == _BOLD_ON
            elif piece:
                out.append(Span(piece, run.bold or bold, run.italic != italic, run.link))
    return out


def _single_periods(runs: list[Span]) -> list[Span]:
    """Drop a period after terminal punctuation (``et al..``, ``work?.``), even across spans.

    CSL asks engines to suppress such duplicate punctuation; citeproc-py does not.
    URLs are left alone.
    """
    out: list[Span] = []
    for run in runs:
        pieces = _URL.split(run.text)
        # split() with a group keeps the URLs at odd positions.
        text = "".join(
            piece if index % 2 else _DOUBLED.sub(r"\1", piece) for index, piece in enumerate(pieces)
        )
        after_stop = bool(out) and out[-1].text.endswith((".", "?", "!"))
        if after_stop and text.startswith(".") and not text.startswith(".."):
            text = text[1:]
        out.append(Span(text, run.bold, run.italic, run.link))
    return out


def merge_spans(runs: list[Span]) -> list[Span]:
    """Join neighbouring spans that look the same."""
    merged: list[Span] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if last is not None and (last.bold, last.italic, last.link) == (run.bold, run.italic, run.link):
            merged[-1] = Span(last.text + run.text, last.bold, last.italic, last.link)
        else:
            merged.append(run)
    return merged
