"""citeproc-py's HTML output back into spans: emphasis, links and tidy punctuation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from rebuttal.model import Span

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


def mark_field_markup(text: str) -> str:
    """``<i>x</i>`` inside a field -> private-use marks citeproc-py leaves alone."""
    for pattern, mark in _FIELD_MARKUP:
        text = pattern.sub(mark, text)
    return text


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
