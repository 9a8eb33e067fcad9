"""Run citeproc-py on a CSL style and correct what it gets wrong.

citeproc-py 0.11 has a few faults that matter for medical letters; each is
corrected here, before or after the engine runs, and pinned by tests:

* localized dates (``form="text"``) ignore the locale's delimiter, so NLM
  dates run together (``2025Feb19``): we copy the delimiter onto the style;
* initials written together (``ID``, ``RJ``) are read as one name and
  shortened to ``I``: we space them out first (``I D``) so each survives;
* page ranges are elided even with letter prefixes (``S1-S127`` ->
  ``S1-27``): we format pages ourselves (:mod:`rebuttal.refs.csl.pages`);
* ``second-field-align`` is ignored, gluing the number to the entry
  (``1.Wang``): we drop the number, since every renderer numbers the list;
* a title or editors standing in for missing authors are printed twice: we drop
  the title substitute and make citeproc-py honour its record of substituted names;
* duplicate punctuation (``et al..``, ``work?.``) is not suppressed: we suppress it;
* NLM name suffixes: ``II`` is printed ``2nd`` as Citing Medicine asks;
* a bare version number (``2``) is offered worded, ``Version 2``, as rebuttal's own variable
  ``version-worded`` (NLM and AMA print it; ``version`` stays as given);
* a supplement filed as the issue (``Suppl 1``, as Crossref and Zotero give it) is moved to
  ``supplement-number``, where every style can print it: The BMJ prints no issue but does print
  the supplement (``2019;4(Suppl 1):e000858``), and AMA lowers it (``(suppl 1)``).

Output is HTML from citeproc-py's formatter, parsed back into spans so
italics and bold survive and DOIs/URLs become link spans.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from rebuttal.model import Span
from rebuttal.refs.csl import style_fixes
from rebuttal.refs.csl.pages import format_pages
from rebuttal.refs.csl.spans import entry_spans, mark_field_markup

# Stands in for the page-range delimiter so citeproc-py cannot re-split our ranges.
_RANGE_MARK = "\ue000"
_JOINED_INITIALS = re.compile(r"[A-Z]{2,4}")
NLM_SUFFIXES = {"ii": "2nd", "iii": "3rd", "iv": "4th", "jr": "Jr", "jr.": "Jr", "sr": "Sr", "sr.": "Sr"}
# rebuttal's own CSL variable: the version as NLM and AMA print it (see worded_version).
WORDED_VERSION = "version-worded"
# A version given as its number alone, with or without a "v": "2", "2.0", "v1.0.3".
_BARE_VERSION = re.compile(r"[vV]?\.?\s*(\d[\w.-]*)")
_NAME_VARIABLES = ("author", "editor", "translator", "container-author", "collection-editor")
# An issue that is only a numbered supplement: "Suppl 1", "Suppl. 2", "Supplement_1" (OUP), "suppl 10".
_SUPPLEMENT_ISSUE = re.compile(r"suppl(?:ement|\.)?[\s_]*(\d+[A-Za-z]?)", re.IGNORECASE)


class LoadedStyle:
    """A parsed CSL style with our corrections applied, plus what the item fixes need."""

    def __init__(self, path: Path) -> None:
        from citeproc import CitationStylesStyle

        style_fixes.repress_substituted_names()
        style_fixes.teach_dates()
        style_fixes.render_date_ranges_in_place()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.style = CitationStylesStyle(str(path), validate=False)
        root = self.style.root
        self.range_format = root.get("page-range-format")
        self.initializes = bool(root.xpath("//@initialize-with"))
        self.range_delimiter = style_fixes.page_range_delimiter(root)
        style_fixes.drop_bibliography_numbers(root)
        style_fixes.copy_locale_date_delimiters(root)
        style_fixes.drop_title_substitutes(root)
        style_fixes.mark_date_range_delimiter(root, self.range_delimiter)


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
            prepared[name] = mark_field_markup(prepared[name])
    if prepared.get("container-title-short") and not prepared.get("container-title"):
        # citeproc-py prints no journal at all when only the abbreviation is known.
        prepared["container-title"] = prepared["container-title-short"]
    _prepare_event(prepared)
    _prepare_supplement(prepared)
    if _date_parts(prepared.get("available-date")) == _date_parts(prepared.get("issued")):
        # An Epub date that is the issue's own date says nothing; PubMed prints none.
        prepared.pop("available-date", None)
    if prepared.get("type") == "posted-content":
        prepared["type"] = "article"  # Crossref's preprints; CSL calls them "article"
    is_article = prepared.get("type") == "article"
    if is_article and not prepared.get("container-title") and prepared.get("publisher"):
        # A preprint's server, which Zotero files as its publisher, is where every style names it.
        prepared["container-title"] = prepared.pop("publisher")
    if prepared.get("version") is not None:
        # Beside ``version``, which a style may word itself (the BMJ's "(Version v1.0.0)").
        prepared[WORDED_VERSION] = worded_version(str(prepared["version"]))
    page = str(prepared.get("page", "")).strip()
    if page:
        prepared["page"] = format_pages(page, loaded.range_format, _RANGE_MARK)
    return prepared


def worded_version(version: str) -> str:
    """A version as a reference prints it: a bare number is worded ``Version 2``; ``Release 2024AA`` stays.

    Citing Medicine and AMA both word a data set's or program's version
    ("Version 2.0."; AMA 3.15.8 "Version 2"), but a repository often gives the
    number alone ("2", "v1.0.3"), and sometimes words it already.
    """
    version = version.strip()
    bare = _BARE_VERSION.fullmatch(version)
    return f"Version {bare.group(1)}" if bare else version


def _date_parts(value: Any) -> list[list[int]] | None:
    """A CSL date's parts as numbers (``[[2025, 2, 19]]``), or None when it has none."""
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if not isinstance(parts, list):
        return None
    try:
        return [[int(part) for part in date] for date in parts if isinstance(date, list)]
    except (TypeError, ValueError):
        return None


def _prepare_event(prepared: dict[str, Any]) -> None:
    """The meeting's name under both CSL spellings; left out when the proceedings' title names it.

    CSL 1.0.2 calls it ``event-title``, 1.0.1 (and citeproc-py) ``event``. Citing
    Medicine prints a meeting after the proceedings' title only when that title
    does not already say it ("Proceedings of the 10th World Congress on Pain").
    """
    event = str(prepared.get("event-title") or prepared.get("event") or "").strip()
    prepared.pop("event-title", None)
    prepared.pop("event", None)
    container = str(prepared.get("container-title", "")).casefold()
    if event and event.casefold() not in container:
        prepared["event"] = prepared["event-title"] = event


def _prepare_supplement(prepared: dict[str, Any]) -> None:
    """A supplement given as the issue (``Suppl 1``) moved to ``supplement-number`` (``1``).

    Only an issue that is nothing but a numbered supplement moves: an issue with its own
    number (``4 Suppl 1``) or a bare ``suppl`` stays the issue, as given.
    """
    supplement = _SUPPLEMENT_ISSUE.fullmatch(str(prepared.get("issue", "")).strip())
    if supplement and not prepared.get("supplement-number"):
        prepared.pop("issue")
        prepared["supplement-number"] = supplement.group(1)


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
