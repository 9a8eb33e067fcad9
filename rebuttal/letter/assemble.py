"""Assembly: library + outline -> one :class:`~rebuttal.model.Document`.

This is the only place where blocks become a letter: variants are chosen,
placeholders filled from the fixed field table, points numbered, and
citations numbered in order of first appearance (a reused reference keeps
its number). Every renderer then draws the same document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import DEFAULT_TITLE, BodyItem, Outline
from rebuttal.letter.placeholders import authors_short, placeholder_values
from rebuttal.letter.signing import resolve_cosigners, resolve_signatories, society_of
from rebuttal.letter.venue_choice import venue_style_and_marker
from rebuttal.library.stack import Block, Library, Society
from rebuttal.library.venues import NO_VENUE
from rebuttal.model import (
    Citation,
    Document,
    Inline,
    Letterhead,
    Paragraph,
    Point,
    PointList,
    Reference,
    Section,
    Source,
    Span,
)
from rebuttal.refs.article import ARTICLE_KEY, article_item
from rebuttal.refs.bibliography import same_work
from rebuttal.refs.styles import get_style
from rebuttal.text.citations import CitationMarker
from rebuttal.text.markup import Cite, MarkupError, Placeholder, Run, Token, parse_paragraph, parse_text
from rebuttal.toml.fields import did_you_mean


def assemble(library: Library, outline: Outline, *, today: dt.date | None = None) -> Document:
    """Build the letter that ``outline`` describes from ``library``."""
    society = resolve_society(library, outline)
    cosigners = resolve_cosigners(library, outline)
    paper = outline.letter.paper or (society.paper if society else "letter")
    letter_date = outline.letter.date or (today or dt.date.today()).isoformat()
    values = placeholder_values(outline, society, letter_date, paper, cosigners=cosigners)
    # The venue's preferred style and marker apply where the outline sets none.
    style_name, marker_name = venue_style_and_marker(library, outline)
    try:
        style = get_style(style_name)
    except RebuttalError as error:
        raise outline.error(("letter", "style"), error.message) from None
    marker = CitationMarker.named(marker_name or style.marker)
    builder = _Builder(library, outline, values, superscript=marker.superscript)

    body: list[Section] = []
    points: list[Point] = []
    design = outline.article.design  # picks each block's wording: [wording.<family>] or its main
    for index, item in enumerate(outline.body):
        block = builder.block_for(item, index)
        kind = block.kind if block else item.kind
        source = _source(item, block, index)
        text = item.text or (block.variant_text(item.variant, design) if block else "")
        paragraphs = builder.paragraphs(text, source, ("body", index, "text" if item.text else "block"))
        if item.part_of_point and points and kind != "concern":
            # Continues the point before: its paragraphs join that point, the numbering runs on.
            last = points[-1]
            points[-1] = replace(last, paragraphs=(*last.paragraphs, *paragraphs))
            continue
        if kind == "concern":
            title = item.title or (block.title if block else "")
            heading = builder.inlines_of(title, ("body", index, "title")) if title else ()
            points.append(Point(len(points) + 1, heading, tuple(paragraphs), source))
            continue
        if points:
            body.append(PointList(tuple(points)))
            points = []
        body.extend(paragraphs)
    if points:
        body.append(PointList(tuple(points)))

    venue = library.venues.get(outline.letter.venue, NO_VENUE)
    competing = None
    if outline.letter.competing_interests:
        inlines = builder.inlines_of(
            outline.letter.competing_interests, ("letter", "competing_interests")
        )
        competing = Paragraph(inlines)

    # One batch: a warm cache answers all entries at once, a cold one runs citeproc once.
    entries = style.format_entries(list(builder.cited.values()))
    cited = zip(builder.cited.items(), entries, strict=True)
    references = tuple(
        Reference(number, key, entry, item) for number, ((key, item), entry) in enumerate(cited, start=1)
    )
    article = outline.article
    return Document(
        title=outline.letter.title or DEFAULT_TITLE,
        letterhead=_letterhead(society, cosigners),
        date=values["letter.date"],
        issued=letter_date,
        recipient=outline.letter.recipient,
        salutation=outline.letter.salutation,
        body=tuple(body),
        signatories=resolve_signatories(library, outline, society, cosigners, venue),
        competing_interests=competing,
        references=references,
        marker=marker,
        paper=paper,
        subject=_subject(outline),
        keywords=tuple(k for k in ("rebuttal", outline.letter.title, article.journal, article.design) if k),
        unresolved=tuple(builder.unresolved),
        notices=tuple(builder.notices),
    )


def resolve_society(library: Library, outline: Outline) -> Society | None:
    """The outline's society profile with its per-letter overrides, or None."""
    choice = outline.society
    if not choice.id:
        if not choice.overrides.get("name"):
            return None
        return Society(id="", **{k: v for k, v in choice.overrides.items()})
    return society_of(library, outline, choice, ("society",))



def unknown_block_error(library: Library, outline: Outline, index: int) -> RebuttalError:
    """The located error for body item ``index`` naming a block the library lacks (with a 'did you mean')."""
    block_id = outline.body[index].block
    hint = did_you_mean(block_id, library.blocks)
    return outline.error(("body", index, "block"), f"unknown block '{block_id}'{hint}")


def unknown_blocks(library: Library, outline: Outline) -> list[RebuttalError]:
    """One error per body item naming an unknown block: what the CLI prints, for the app to show too."""
    return [unknown_block_error(library, outline, index) for index, item in enumerate(outline.body)
            if item.block and library.block(item.block) is None]

@dataclass
class _Builder:
    """Turns markup into inlines for one letter, numbering citations as it goes."""

    library: Library
    outline: Outline
    values: dict[str, str]
    cited: dict[str, dict[str, Any]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    superscript: bool = False
    _numbers: dict[str, int] = field(default_factory=dict)
    _where: tuple[str | int, ...] = ()
    _block_id: str = ""

    def block_for(self, item: BodyItem, index: int) -> Block | None:
        """The library block an item uses; a located error when there is none."""
        self._where = ("body", index, "block")
        self._block_id = item.block or f"custom text {index + 1}"
        if item.is_custom:
            return None
        block = self.library.block(item.block)
        if block is None:
            raise unknown_block_error(self.library, self.outline, index)
        if item.version and item.version != block.version:
            block = self._recorded_wording(block, item, index)
        if item.variant == "short" and not block.has_short(self.outline.article.design) and not item.text:
            wording = block.wording_for(self.outline.article.design).family
            which = f" in its {wording} wording" if wording else ""
            raise self.outline.error(
                ("body", index, "variant"), f"block '{block.id}' has no short variant{which}"
            )
        return block

    def _recorded_wording(self, block: Block, item: BodyItem, index: int) -> Block:
        """The wording the letter recorded (from the library's git history), never silently the new one."""
        from rebuttal.library.history import wording_at

        older = wording_at(block, item.version)
        if older is None:
            raise self.outline.error(
                ("body", index, "version"),
                f"{block.id} v{item.version} is not in the library any more (it has v{block.version}) "
                "and its git history does not hold it; move the letter on with `rebuttal library update`",
            )
        self.notices.append(
            f"body[{index + 1}] {block.id}: the letter keeps v{item.version}; the library now has "
            f"v{block.version} (`rebuttal library update` moves it on)"
        )
        return older

    def paragraphs(self, text: str, source: Source, where: tuple[str | int, ...]) -> list[Paragraph]:
        """Parse and fill block or override text into paragraphs."""
        self._where = where
        try:
            parsed = parse_text(text)
        except MarkupError as exc:
            raise self.outline.error(where, str(exc)) from None
        return [Paragraph(self.fill(tokens), source) for tokens in parsed]

    def inlines_of(self, text: str, where: tuple[str | int, ...]) -> tuple[Inline, ...]:
        """Parse and fill a one-paragraph string (a heading, a statement)."""
        self._where = where
        try:
            tokens = parse_paragraph(" ".join(text.split()))
        except MarkupError as exc:
            raise self.outline.error(where, str(exc)) from None
        return self.fill(tokens)

    def fill(self, tokens: list[Token]) -> tuple[Inline, ...]:
        """Replace placeholders by their values and number the citations."""
        inlines: list[Inline] = []
        for token in tokens:
            if isinstance(token, Run):
                inlines.append(Span(token.text, token.bold, token.italic))
            elif isinstance(token, Placeholder):
                span = self._placeholder(token)
                if token.name in _NAME_PLACEHOLDERS and _starts_sentence(inlines) and span.text[:1].islower():
                    # "van Dongen et al reported" opens a sentence as "Van Dongen et al reported".
                    span = replace(span, text=span.text[:1].upper() + span.text[1:])
                inlines.append(span)
            elif isinstance(token, Cite):
                numbers = tuple(self._number(key) for key in token.keys)
                if self.superscript and inlines and isinstance(inlines[-1], Span):
                    # A superscript number hugs the word or period before it: "studies.2,3".
                    last = inlines[-1]
                    inlines[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.link)
                inlines.append(Citation(token.keys, numbers))
        if self.superscript:
            inlines = place_superscript_punctuation(inlines)
        return tuple(_merge_spans(inlines))

    def _placeholder(self, token: Placeholder) -> Span:
        if token.name not in self.values:
            hint = did_you_mean(token.name, self.values)
            raise self.outline.error(
                self._where, f"unknown placeholder {{{token.name}}} in {self._block_id}{hint}"
            )
        value = self.values[token.name]
        if not value:
            # Known but not filled in yet: keep it visible and report it.
            if token.name not in self.unresolved:
                self.unresolved.append(token.name)
            value = "{" + token.name + "}"
        return Span(value, token.bold, token.italic)

    def _number(self, key: str) -> int:
        canonical = self.aliases.get(key) or self._resolve(key)
        if canonical not in self._numbers:
            self._numbers[canonical] = len(self._numbers) + 1
        return self._numbers[canonical]

    def _resolve(self, key: str) -> str:
        """Find the item for ``key``; the target article and its library twin share a number."""
        if key == ARTICLE_KEY:
            item = article_item(self.outline.article)
            if item is None:
                # Not filled in yet (a new letter): number it anyway and say so.
                item = {"id": ARTICLE_KEY, "type": "article-journal", "title": "{article.title}"}
                if "article.title" not in self.unresolved:
                    self.unresolved.append("article.title")
        else:
            item = self.library.bibliography.get(key)
            if item is None:
                hint = did_you_mean(key, [*self.library.bibliography.items, ARTICLE_KEY])
                raise self.outline.error(
                    self._where,
                    f"{self._block_id} cites '{key}', which is in no bibliography{hint}",
                )
        for known_key, known in self.cited.items():
            if known_key != key and same_work(known, item):
                self.aliases[key] = known_key
                return known_key
        self.cited[key] = item
        self.aliases[key] = key
        return key


_NAME_PLACEHOLDERS = ("article.first_author", "article.authors_short")


def _starts_sentence(inlines: list[Inline]) -> bool:
    """True when what comes next opens a sentence (the paragraph's start, or after . ! ?)."""
    before = "".join(inline.text for inline in inlines if isinstance(inline, Span)).rstrip()
    if not inlines:
        return True
    if isinstance(inlines[-1], Citation):
        return before.endswith((".", "!", "?"))
    return not before or (before.endswith((".", "!", "?")) and inlines[-1].text[-1:].isspace())


_AFTER_NUMBER = ".,"  # AMA 11th ed. 3.6.1: superscripts go outside periods and commas...
_BEFORE_NUMBER = ":;"  # ...and inside colons and semicolons.


def place_superscript_punctuation(inlines: list[Inline]) -> list[Inline]:
    """Move punctuation around superscript citations as AMA places it.

    ``needed^2,3^.`` becomes ``needed.^2,3^`` and ``as follows:^4^`` becomes
    ``as follows^4^:``, whichever way the block's author wrote it.
    """
    out = list(inlines)
    for index, inline in enumerate(out):
        if not isinstance(inline, Citation):
            continue
        before = out[index - 1] if index > 0 and isinstance(out[index - 1], Span) else None
        after = out[index + 1] if index + 1 < len(out) and isinstance(out[index + 1], Span) else None
        if after is not None:
            moved = after.text[: len(after.text) - len(after.text.lstrip(_AFTER_NUMBER))]
            if moved and before is not None:
                out[index - 1] = before = replace(before, text=before.text.rstrip() + moved)
                out[index + 1] = after = replace(after, text=after.text[len(moved):])
        if before is not None and before.text.rstrip()[-1:] in tuple(_BEFORE_NUMBER):
            stripped = before.text.rstrip()
            out[index - 1] = replace(before, text=stripped[:-1])
            if after is not None:
                out[index + 1] = replace(after, text=stripped[-1] + after.text)
            else:
                out.insert(index + 1, Span(stripped[-1], before.bold, before.italic))
    return [inline for inline in out if not (isinstance(inline, Span) and not inline.text)]


def _source(item: BodyItem, block: Block | None, index: int) -> Source:
    if block is None:
        return Source(None, item.kind, edited=True, position=index)
    return Source(
        block.id, block.kind, block.version, block.status,
        variant=item.variant, edited=bool(item.text or item.title), position=index,
    )


def _letterhead(society: Society | None, cosigners: list[Society]) -> Letterhead:
    if society is None:
        return Letterhead(name="")
    if cosigners:  # a joint letter: every society named, no one region
        return Letterhead(
            name=society.name, short_name=society.short_name, logo=society.logo,
            tagline="A joint letter", cosigners=tuple(c.name for c in cosigners),
            cosigner_short_names=tuple(c.short_name or c.name for c in cosigners),
            cosigner_logos=tuple(c.logo for c in cosigners),
        )
    return Letterhead(
        name=society.name, short_name=society.short_name,
        tagline=society.region and f"Serving {society.region}", logo=society.logo,
    )


def _subject(outline: Outline) -> str:
    article = outline.article
    if not article.title:
        return ""
    who = authors_short(article.authors)
    return f"Response to {who + ', ' if who else ''}{article.title}"


def _merge_spans(inlines: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for inline in inlines:
        last = merged[-1] if merged else None
        if (
            isinstance(inline, Span) and isinstance(last, Span)
            and (last.bold, last.italic, last.link) == (inline.bold, inline.italic, inline.link)
        ):
            merged[-1] = Span(last.text + inline.text, last.bold, last.italic, last.link)
        else:
            merged.append(inline)
    return merged
