"""Compare an edited letter with the outline, item by item: unchanged, edited, moved, deleted, added.

Input: the body paragraphs placed on items (:mod:`rebuttal.merge.mapping`).
Output: one :class:`ItemChange` per body item and per group of added
paragraphs, in the edited letter's order (deleted items where they stood),
with the new wording as markup, the tracked changes and the comments that
fall on each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rebuttal.exchange.docx import names
from rebuttal.exchange.edited import EditedComment, EditedParagraph, Revision
from rebuttal.library.stack import Block
from rebuttal.merge.baseline import Baseline, BaselineItem, Wording
from rebuttal.merge.mapping import Placed
from rebuttal.merge.wording import (
    Piece,
    UnknownCitation,
    comparison_key,
    edited_pieces,
    plain_text,
    to_markup,
    unbolded,
)
from rebuttal.text.citations import CitationMarker
from rebuttal.text.diff import word_diff
from rebuttal.text.markup import escape, placeholders_in


class CitationProblem(ValueError):
    """An edited citation number with no reference; names the paragraph."""

    def __init__(self, paragraph: EditedParagraph, label: str, error: UnknownCitation) -> None:
        words = " ".join(paragraph.text.split()[:6])
        super().__init__(f"paragraph {paragraph.index + 1} ({label}, '{words}...'): {error}")
        self.paragraph = paragraph


@dataclass
class ItemChange:
    """What the editors did to one body item, or a paragraph they added (``position`` None)."""

    position: int | None
    label: str
    kind: str = ""
    block: Block | None = None
    deleted: bool = False
    moved: bool = False
    added: bool = False
    before: str = ""
    after: str = ""
    new_title: str | None = None  # markup, when the heading changed
    new_text: str | None = None  # markup, when the paragraphs changed
    library_text: bool = False  # the paragraphs were the library's wording (no override)
    library_title: bool = False  # the heading was the library's title
    variant: str = "full"  # which of the block's variants the letter used
    now_after: str = ""  # for a moved item: the item it follows in the edited letter
    revisions: list[Revision] = field(default_factory=list)
    comments: list[EditedComment] = field(default_factory=list)

    @property
    def edited(self) -> bool:
        """True when the words (heading or paragraphs) changed."""
        return not self.added and (self.new_title is not None or self.new_text is not None)

    @property
    def changed(self) -> bool:
        """True when applying this changes the outline (a comment counts: it becomes a note)."""
        return self.deleted or self.moved or self.added or self.edited or bool(self.comments)

    @property
    def status(self) -> str:
        """``unchanged``, ``edited``, ``moved``, ``edited, moved``, ``deleted`` or ``added``."""
        if self.added:
            return "added"
        if self.deleted:
            return "deleted"
        parts = [name for name, flag in (("edited", self.edited), ("moved", self.moved)) if flag]
        return ", ".join(parts) or "unchanged"

    @property
    def touches_library_wording(self) -> bool:
        """True when the editors rewrote words this letter took from a library block."""
        return self.block is not None and (
            (self.new_text is not None and self.library_text)
            or (self.new_title is not None and self.library_title)
        )

    def diff(self, context: int = 4) -> str:
        """A word-level diff, ``[-removed-]{+added+}`` with a few words of context."""
        return word_diff(self.before, self.after, context)


def compare_items(
    placed: list[Placed],
    baseline: Baseline,
    marker: CitationMarker,
    comments: dict[str, EditedComment],
    revisions: list[Revision],
) -> list[ItemChange]:
    """One change per item and per added group, in the edited order (deleted ones where they stood)."""
    keys_by_number: dict[int, str] = {}
    for key, number in baseline.numbering.items():
        keys_by_number.setdefault(number, key)
    groups, added = _group(placed, baseline)
    present = list(
        dict.fromkeys(e.position for e in placed if e.position is not None and not e.paragraph.removed)
    )
    moved = set(present) - _longest_increasing(present)
    changes: dict[int, ItemChange] = {}
    for item in baseline.items:
        entries = groups.get(item.position, [])
        change = ItemChange(item.position, item.label, item.kind, item.block)
        change.library_text, change.library_title = not item.item.text, not item.item.title
        change.variant = item.item.variant
        change.before = _plain_of(item)
        if item.position not in present:
            change.deleted = True
        else:
            change.moved = item.position in moved
            _compare_words(
                change,
                item,
                [e for e in entries if not e.paragraph.removed],
                marker,
                keys_by_number,
                baseline.values,
            )
        _attach(change, [e.paragraph for e in entries], comments, revisions)
        changes[item.position] = change
    ordered: list[ItemChange] = []
    added_after: dict[int | None, list[ItemChange]] = {}
    for group in added:
        change = _added(group, marker, keys_by_number)
        _attach(change, [p for p in (group.heading, *group.paragraphs) if p is not None], comments, revisions)
        added_after.setdefault(group.after, []).append(change)
    ordered.extend(added_after.pop(None, []))
    for position in present:
        ordered.append(changes[position])
        ordered.extend(added_after.pop(position, []))
    # Deleted items are listed where they stood in the outline.
    for item in baseline.items:
        change = changes[item.position]
        if change.deleted:
            before = [c for c in ordered if c.position is not None and c.position < item.position]
            index = ordered.index(before[-1]) + 1 if before else 0
            ordered.insert(index, change)
    for leftover in added_after.values():
        ordered.extend(leftover)
    standing = [c for c in ordered if not c.deleted]
    for previous, change in zip([None, *standing], standing, strict=False):
        if change.moved:
            change.now_after = previous.label if previous is not None else "the start of the letter"
    return ordered


@dataclass
class _Added:
    """Paragraphs the editors added together, after item ``after``; a new point has a heading."""

    after: int | None
    heading: EditedParagraph | None = None
    paragraphs: list[EditedParagraph] = field(default_factory=list)


def _group(placed: list[Placed], baseline: Baseline) -> tuple[dict[int, list[Placed]], list[_Added]]:
    """Paragraphs per item; runs of added paragraphs with the item they follow.

    A paragraph added inside a point (in the point's body style, or between two
    points) belongs to that point: a custom item there would split the list. A
    paragraph added in the Point Heading style starts a new point.
    """
    groups: dict[int, list[Placed]] = {}
    added: list[_Added] = []
    last: int | None = None
    previous_added = False
    kinds = {item.position: item.kind for item in baseline.items}
    for index, entry in enumerate(placed):
        if entry.position is not None:
            groups.setdefault(entry.position, []).append(entry)
            if not entry.paragraph.removed:
                last, previous_added = entry.position, False
            continue
        if entry.paragraph.removed:
            continue
        if entry.paragraph.style == names.POINT:
            added.append(_Added(last, heading=entry.paragraph))
            previous_added = True
            continue
        following = next((p.position for p in placed[index + 1 :] if p.position is not None), None)
        inside_point = (
            not (previous_added and added[-1].heading is not None)
            and last is not None
            and kinds.get(last) == "concern"
            and (entry.paragraph.style == names.POINT_BODY or kinds.get(following) == "concern")
        )
        if inside_point:
            groups[last].append(entry)
        elif previous_added:
            added[-1].paragraphs.append(entry.paragraph)
        else:
            added.append(_Added(last, paragraphs=[entry.paragraph]))
        previous_added = not inside_point
    return groups, added


def _added(group: _Added, marker: CitationMarker, keys: dict[int, str]) -> ItemChange:
    """A custom item for paragraphs the editors added: a new point when they wrote a heading."""
    paragraphs = list(group.paragraphs)
    heading = group.heading
    if heading is not None and not paragraphs:  # a heading alone is a paragraph, not a point
        paragraphs, heading = [heading], None
    change = ItemChange(
        None, "new point" if heading else "new paragraph", "concern" if heading else "evidence", added=True
    )
    pieces = [edited_pieces(p.accepted_runs(), marker) for p in paragraphs]
    texts = [plain_text(p) for p in pieces]
    if heading is not None:
        title = unbolded(edited_pieces(heading.accepted_runs(), marker))
        change.new_title = _markup(title, heading, change.label, keys, marker)
        texts.insert(0, plain_text(title))
    change.after = "\n\n".join(texts)
    change.new_text = "\n\n".join(
        _markup(p, paragraph, change.label, keys, marker)
        for p, paragraph in zip(pieces, paragraphs, strict=True)
    )
    return change


def _compare_words(
    change: ItemChange,
    item: BaselineItem,
    entries: list[Placed],
    marker: CitationMarker,
    keys_by_number: dict[int, str],
    values: dict[str, str],
) -> None:
    headings = [e for e in entries if e.heading and item.heading is not None]
    bodies = [e for e in entries if e not in headings]
    body_pieces = [edited_pieces(e.paragraph.accepted_runs(), marker) for e in bodies]
    change.after = _joined_plain(headings, marker, body_pieces)
    if headings and item.heading is not None:
        pieces = unbolded(edited_pieces(headings[0].paragraph.accepted_runs(), marker))
        if comparison_key(pieces) != item.heading.key:
            markup = _markup(pieces, headings[0].paragraph, item.label, keys_by_number, marker)
            change.new_title = _restore_placeholders(markup, item.title_markup(), values)
    if [comparison_key(p) for p in body_pieces] == [w.key for w in item.paragraphs]:
        return
    unused: list[Wording] = list(item.paragraphs)
    markups = []
    for pieces, entry in zip(body_pieces, bodies, strict=True):
        key = comparison_key(pieces)
        same = next((w for w in unused if w.key == key and w.markup), None)
        if same is not None:
            unused.remove(same)
            markups.append(same.markup)
        else:
            markup = _markup(pieces, entry.paragraph, item.label, keys_by_number, marker)
            markups.append(_restore_placeholders(markup, item.text_markup(), values))
    change.new_text = "\n\n".join(m for m in markups if m)
    if not change.new_text:
        change.new_text = None
        change.deleted = True


def _markup(
    pieces: list[Piece], paragraph: EditedParagraph, label: str, keys: dict[int, str], marker: CitationMarker
) -> str:
    try:
        return to_markup(pieces, keys, space_before_citations=marker.superscript)
    except UnknownCitation as error:
        raise CitationProblem(paragraph, label, error) from None


def _restore_placeholders(markup: str, original: str, values: dict[str, str]) -> str:
    """Put back ``{placeholders}`` the original used where their filled-in words still stand."""
    try:
        names = dict.fromkeys(placeholders_in(original))
    except ValueError:
        return markup
    for name in names:
        value = escape(values.get(name, ""))
        if len(value) >= 4 and value in markup:
            markup = markup.replace(value, "{" + name + "}", 1)
    return markup


def _plain_of(item: BaselineItem) -> str:
    pieces = [item.heading.plain] if item.heading is not None else []
    return "\n\n".join(pieces + [w.plain for w in item.paragraphs])


def _joined_plain(headings: list[Placed], marker: CitationMarker, bodies: list[list[Piece]]) -> str:
    texts = [plain_text(edited_pieces(h.paragraph.accepted_runs(), marker)) for h in headings[:1]]
    return "\n\n".join(texts + [plain_text(p) for p in bodies])


def _attach(
    change: ItemChange,
    paragraphs: list[EditedParagraph],
    comments: dict[str, EditedComment],
    revisions: list[Revision],
) -> None:
    indexes = {index for p in paragraphs for index in p.indexes}
    change.revisions = [r for r in revisions if r.paragraph in indexes]
    change.comments = [c for c in comments.values() if c.paragraph in indexes]


def _longest_increasing(sequence: list[int]) -> set[int]:
    """The largest set of items still in their original relative order (the rest moved)."""
    best: list[list[int]] = []
    for value in sequence:
        candidates = [run for run in best if run[-1] < value]
        longest = max(candidates, key=len, default=[])
        best.append([*longest, value])
    return set(max(best, key=len, default=[]))
