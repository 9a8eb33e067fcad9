"""Check a letter against a venue's rules before it goes out.

``run_checks`` returns one :class:`CheckResult` per rule, in a fixed order,
for ``rebuttal check`` (a table or JSON) and for the app's live status line.
Pure domain code: it reads the library, the outline and the assembled
document and never renders anything. A result is data (the figure found as a
number, the venue's figure, what they count); :mod:`rebuttal.letter.check_words`
turns it into the words people read, and nothing reads those words back.

"Lost citations": the library's bibliography is large and shared by
every letter, so "never cited" cannot mean "in the bibliography but not in
this letter". It means: a reference that the approved wording of a block
this letter uses cites (in the variant chosen), which the letter no longer
cites because its text was replaced in the outline. That is the case where a
citation is lost by accident; choosing a short variant that cites less is a
deliberate, approved choice and does not fail the rule.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rebuttal.letter import check_signatories
from rebuttal.letter.check_overlap import overlap_rule
from rebuttal.letter.check_result import CheckResult, Unit, rule_result
from rebuttal.letter.outline import Outline
from rebuttal.letter.venue_choice import resolve_venue
from rebuttal.library.stack import Library
from rebuttal.library.venues import Venue
from rebuttal.model import Citation, Document, Inline, Source, count_words, inline_text
from rebuttal.refs.article import ARTICLE_KEY, article_item
from rebuttal.refs.bibliography import Bibliography, same_work
from rebuttal.text.markup import MarkupError, citation_keys_in

if TYPE_CHECKING:
    pass

__all__ = [
    "BlockWords",
    "CheckResult",
    "Unit",
    "assemble_for_check",
    "block_words",
    "longest_blocks",
    "missing_keys",
    "resolve_venue",
    "run_checks",
]

REUSABLE_STATUSES = ("approved",)


@dataclass(frozen=True)
class BlockWords:
    """How many words one use of a block adds to the letter, and what a short variant would."""

    position: int
    block_id: str | None
    words: int
    variant: str = "full"
    short_words: int | None = None  # approximate; None when no short variant can be used

    @property
    def name(self) -> str:
        """The block id, or ``custom text N`` for text written in the outline."""
        return self.block_id or f"custom text {self.position + 1}"


def run_checks(
    library: Library, outline: Outline, document: Document, venue: Venue, *, today: dt.date
) -> list[CheckResult]:
    """Every rule, in a fixed order: limits first, then the letter's own consistency."""
    results = [
        _words(library, outline, document, venue),
        _limit("references", len(document.references), venue.max_references, Unit.REFERENCES,
               "over (the target article counts)"),
        check_signatories.authors(document, venue),
        _dated(outline, today),
        _window(outline, venue, today),
        _article_cited(outline, document, venue),
        _placeholders(document),
        _statuses(document),
        _uncited(library, outline, document),
        _missing(library, outline),
        _repeated(outline),
        _cited_before_published(outline, document, today),
        _wording(document),
        _article_authors(outline),
        check_signatories.disclosures(document, venue, _letter_date(outline, today)),
        overlap_rule(library, outline, document, venue),
    ]
    return [_flag_unconfirmed(result, venue) for result in results]


# Which venue figure each limit rule compares against.
_FIGURE_OF_RULE = {
    "words": "word_limit", "references": "max_references", "authors": "max_authors",
    "window": "window_days", "article": "cite_article", "disclosures": "disclosures",
    "overlap": "max_overlap",
}


def _letter_date(outline: Outline, today: dt.date) -> dt.date:
    return dt.date.fromisoformat(outline.letter.date) if outline.letter.date else today


def _flag_unconfirmed(result: CheckResult, venue: Venue) -> CheckResult:
    """Say when the limit a rule used was verified, or that the venue profile could not confirm it."""
    figure = _FIGURE_OF_RULE.get(result.rule)
    if figure is None or result.allowed is None:
        return result
    if venue.is_confirmed(figure):
        return replace(result, verified_on=venue.verified_on, as_of=venue.as_of(figure))
    return replace(result, limit_confirmed=False)


def _limit(rule: str, used: int, allowed: int | None, unit: Unit, what: str) -> CheckResult:
    if allowed is None:
        return rule_result(rule, True, used, None, unit, "no limit at this venue")
    if used <= allowed:
        return rule_result(rule, True, used, allowed, unit)
    return rule_result(rule, False, used, allowed, unit, f"{used - allowed} {what}")


def _words(library: Library, outline: Outline, document: Document, venue: Venue) -> CheckResult:
    result = _limit("words", document.word_count(), venue.word_limit, Unit.WORDS,
                    "words over (body only)")
    if result.ok:
        return result
    longest = longest_blocks(library, outline, document, count=2)
    named = ", ".join(
        f"{b.name} {b.words}" + (f" (short ~{b.short_words})" if b.short_words is not None else "")
        for b in longest
    )
    can_fit = any(b.short_words is not None for b in block_words(library, outline, document))
    advice = "; build --fit uses short variants" if can_fit else ""
    return replace(result, detail=f"{result.detail}; longest: {named}{advice}")


def block_words(library: Library, outline: Outline, document: Document) -> list[BlockWords]:
    """Words each body item adds (headings included), in reading order."""
    counts: Counter[int] = Counter()
    sources: dict[int, Source] = {}
    for section_source, inlines in _counted_inlines(document):
        counts[section_source.position] += count_words(inline_text(inlines, document.marker))
        sources[section_source.position] = section_source
    values = _placeholder_values(library, outline, document)
    found = []
    for position, source in sorted(sources.items()):
        short = None
        item = outline.body[position] if position < len(outline.body) else None
        block = library.block(source.block_id) if source.block_id else None
        design = outline.article.design
        if block and block.has_short(design) and item is not None and item.variant == "full" \
                and not item.text:
            short = count_words(_plain_markup(block.variant_text("short", design), values))
        found.append(BlockWords(position, source.block_id, counts[position], source.variant, short))
    return found


def longest_blocks(
    library: Library, outline: Outline, document: Document, *, count: int = 3
) -> list[BlockWords]:
    """The ``count`` body items with the most words, longest first."""
    ranked = sorted(block_words(library, outline, document), key=lambda b: (-b.words, b.position))
    return ranked[:count]


def _counted_inlines(document: Document) -> list[tuple[Source, tuple[Inline, ...]]]:
    """Every (source, inlines) pair the word count covers: point headings and paragraphs."""
    pairs: list[tuple[Source, tuple[Inline, ...]]] = []
    for point in document.points:
        if point.source is not None:
            pairs.append((point.source, point.heading))
    for paragraph in document.paragraphs():
        if paragraph.source is not None:
            pairs.append((paragraph.source, paragraph.inlines))
    return pairs


def _placeholder_values(library: Library, outline: Outline, document: Document) -> dict[str, str]:
    from rebuttal.letter.assemble import resolve_society
    from rebuttal.letter.placeholders import placeholder_values
    from rebuttal.letter.signing import resolve_cosigners

    return placeholder_values(outline, resolve_society(library, outline), document.date, document.paper,
                              cosigners=resolve_cosigners(library, outline))


def _plain_markup(text: str, values: dict[str, str]) -> str:
    """Markup as words: citations and emphasis removed, placeholders filled by lookup."""
    import re

    filled = re.sub(r"\{([a-z_.]+)\}", lambda m: values.get(m.group(1)) or m.group(0), text)
    return re.sub(r"\[@[^\]]*\]|\*+", " ", filled)


def _window(outline: Outline, venue: Venue, today: dt.date) -> CheckResult:
    """Days left to the due date, counted from the article date the venue counts from."""
    from rebuttal.letter.window import response_window

    window = response_window(outline, venue, today)
    if window is None:
        return rule_result("window", True, None, None, Unit.DAYS_LEFT,
                           "no response window at this venue")
    left = window.days_left
    return rule_result("window", left is not None and left >= 0, left, window.days, Unit.DAYS_LEFT,
                       window=window)


def _dated(outline: Outline, today: dt.date) -> CheckResult:
    """A letter without a date is dated the day it is built: its date and deadline change every rebuild."""
    if outline.letter.date:
        return rule_result("date", True, True, None, Unit.DATED, outline.letter.date)
    return rule_result("date", False, False, None, Unit.DATED,
                       f"no [letter] date: each build prints its own day's ({today.isoformat()} now), and "
                       "the deadline counts from it; set date = YYYY-MM-DD")


def _article_authors(outline: Outline) -> CheckResult:
    """Every author of the target article must be one person (or one group), as the reference prints it."""
    from rebuttal.text.authors import not_one_person

    wrong = [f"'{author}' {why}" for author in outline.article.authors if (why := not_one_person(author))]
    if not wrong:
        return rule_result("article-authors", True, len(outline.article.authors), None,
                           Unit.AUTHORS)
    return rule_result("article-authors", False, len(wrong), None, Unit.NOT_ONE_PERSON,
                       "; ".join(wrong) + " (F2 takes PubMed's 'Juch JNS, Maas ET' as it is)")


def _wording(document: Document) -> CheckResult:
    """Blocks kept at the wording the letter recorded while the library has moved on (not a fault)."""
    return rule_result("wording", True, len(document.notices), None, Unit.OLDER_WORDINGS,
                       "; ".join(document.notices))


def _cited_before_published(outline: Outline, document: Document, today: dt.date) -> CheckResult:
    """A letter cannot cite work published after its own date (a wrong date, or a wrong reference)."""
    letter_date = dt.date.fromisoformat(outline.letter.date) if outline.letter.date else today
    later = []
    for reference in document.references:
        parts = ((reference.item.get("issued") or {}).get("date-parts") or [[]])[0]
        try:
            issued = tuple(int(part) for part in parts[:3])
        except (TypeError, ValueError):
            continue
        if issued and issued > (letter_date.year, letter_date.month, letter_date.day)[: len(issued)]:
            later.append(f"{reference.number} ({'-'.join(f'{p:02d}' for p in issued)})")
    if not later:
        return rule_result("dates", True, 0, 0, Unit.REFERENCES)
    return rule_result("dates", False, len(later), 0, Unit.REFERENCES,
                       f"published after the letter's date {letter_date.isoformat()}: reference "
                       + ", ".join(later))


def _article_cited(outline: Outline, document: Document, venue: Venue) -> CheckResult:
    target = article_item(outline.article)
    cited = any(ARTICLE_KEY in c.keys for c in _citations(document)) or (
        target is not None and any(same_work(ref.item, target) for ref in document.references)
    )
    required = True if venue.cite_article else None
    if cited or not venue.cite_article:
        return rule_result("article", True, cited, required, Unit.CITED)
    return rule_result("article", False, False, required, Unit.CITED,
                       "this venue wants the article you answer cited: add [@article]")


def _placeholders(document: Document) -> CheckResult:
    names = ", ".join("{" + name + "}" for name in document.unresolved)
    detail = f"fill in: {names}" if names else ""
    return rule_result("placeholders", not names, len(document.unresolved), 0,
                       Unit.PLACEHOLDERS, detail)


def _statuses(document: Document) -> CheckResult:
    seen: dict[int, Source] = {}
    for source, _inlines in _counted_inlines(document):
        if source.block_id and source.status not in REUSABLE_STATUSES:
            seen.setdefault(source.position, source)
    names = ", ".join(f"{s.block_id} ({s.status or 'no status'})" for s in seen.values())
    detail = f"not approved: {names}" if names else ""
    return rule_result("status", not seen, len(seen), 0, Unit.BLOCKS, detail)


def _citations(document: Document) -> list[Citation]:
    inlines: list[Inline] = [i for _source, group in _counted_inlines(document) for i in group]
    if document.competing_interests is not None:
        inlines.extend(document.competing_interests.inlines)
    return [inline for inline in inlines if isinstance(inline, Citation)]


def _uncited(library: Library, outline: Outline, document: Document) -> CheckResult:
    cited = {key for citation in _citations(document) for key in citation.keys}
    lost: dict[str, str] = {}
    for item in outline.body:
        block = library.block(item.block) if item.block else None
        if block is None or not item.text:
            continue
        for key in _keys(block.variant_text(item.variant, outline.article.design)):
            if key not in cited:
                lost.setdefault(key, block.id)
    detail = "; ".join(f"{key} (cited by {block_id}, whose text this letter replaces)"
                       for key, block_id in lost.items())
    return rule_result("uncited", not lost, len(lost), 0, Unit.CITATION_KEYS, detail)


def missing_keys(library: Library, outline: Outline) -> dict[str, str]:
    """Citation keys in the letter's text that no bibliography holds, with where they are."""
    missing: dict[str, str] = {}
    texts = [(outline.letter.competing_interests, "letter.competing_interests")]
    for index, item in enumerate(outline.body):
        block = library.block(item.block) if item.block else None
        text = item.text or (block.variant_text(item.variant, outline.article.design) if block else "")
        texts.append((text, item.block or f"custom text {index + 1}"))
    for text, where in texts:
        for key in _keys(text):
            if key != ARTICLE_KEY and key not in library.bibliography:
                missing.setdefault(key, where)
    return missing


def _keys(text: str) -> list[str]:
    try:
        return citation_keys_in(text)
    except MarkupError:
        return []  # Assembly reports bad markup with its location.


def _missing(library: Library, outline: Outline) -> CheckResult:
    missing = missing_keys(library, outline)
    detail = "; ".join(f"[@{key}] in {where}" for key, where in missing.items())
    return rule_result("missing", not missing, len(missing), 0, Unit.CITATION_KEYS,
                       detail)


def _repeated(outline: Outline) -> CheckResult:
    uses = Counter(item.block for item in outline.body if item.block)
    twice = {block_id: n for block_id, n in uses.items() if n > 1}
    detail = ", ".join(f"{block_id} x{n}" for block_id, n in twice.items())
    return rule_result("repeated", not twice, len(twice), 0, Unit.BLOCKS, detail)


def assemble_for_check(library: Library, outline: Outline, *, today: dt.date) -> Document:
    """Assemble the letter even when some citation keys have no reference.

    Assembly refuses an unknown key; a check should report it with everything
    else, so unknown keys get a visible stand-in entry here (never saved).
    """
    from rebuttal.letter.assemble import assemble

    missing = missing_keys(library, outline)
    if missing:
        bibliography = Bibliography(dict(library.bibliography.items), dict(library.bibliography.origins))
        for key in missing:
            title = f"[missing reference {key}]"
            bibliography.items[key] = {"id": key, "type": "article-journal", "title": title}
        library = replace(library, bibliography=bibliography)
    return assemble(library, outline, today=today)
