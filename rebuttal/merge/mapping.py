"""Which body item each paragraph of an edited DOCX belongs to.

First by anchors: the export's bookmark names carry the item's position when
exported, which the export record ties to a block id, so an outline that
moved items since still finds them. Then, for paragraphs whose anchors the
editors destroyed (deleted and retyped, pasted from elsewhere), by text
similarity (``difflib`` ratio) to the paragraphs no anchor claimed. What is
left is a paragraph the editors added.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from rebuttal.exchange.docx.names import FRAME_STYLES
from rebuttal.exchange.edited import EditedDocument, EditedParagraph
from rebuttal.exchange.record import HEADING_PART, ExportRecord, parse_bookmark
from rebuttal.merge.baseline import Baseline, BaselineItem

SIMILAR = 0.6  # difflib ratio from which a paragraph counts as a retyped one


@dataclass
class Placed:
    """An edited body paragraph and the item it belongs to (``position`` None: added)."""

    paragraph: EditedParagraph
    position: int | None = None
    heading: bool = False
    by_text: bool = False  # found by similarity, not by an anchor


def body_paragraphs(edited: EditedDocument, baseline: Baseline) -> list[EditedParagraph]:
    """The paragraphs of the body: not the date, title, signatures, references; not empty."""
    body = []
    for paragraph in edited.accepted_paragraphs():
        text = " ".join(paragraph.text.split())
        everything = " ".join("".join(run.text for run in paragraph.runs).split())
        if not everything:
            continue
        if paragraph.style in FRAME_STYLES or (text and text in baseline.frame_texts):
            continue
        body.append(paragraph)
    return body


def frame_edits(edited: EditedDocument, baseline: Baseline) -> list[str]:
    """Edits around the body (date, title, signatures, references): reported, not merged."""
    found = []
    for paragraph in edited.paragraphs:
        text = " ".join(paragraph.text.split())
        if paragraph.style in FRAME_STYLES and text and text not in baseline.frame_texts:
            words = " ".join(text.split()[:8])
            found.append(
                f"paragraph {paragraph.index + 1} ({paragraph.style}, '{words}') was edited outside the "
                "body; not merged: change the outline's [letter], [article] or signatories instead"
            )
    return found


def place_paragraphs(
    paragraphs: list[EditedParagraph],
    baseline: Baseline,
    record: ExportRecord | None,
    *,
    use_anchors: bool = True,
) -> list[Placed]:
    """Place every body paragraph: by anchor, else by similarity, else as added."""
    positions = _recorded_positions(record, baseline.items) if use_anchors and record else {}
    placed = []
    claimed: set[tuple[int, str]] = set()
    for paragraph in paragraphs:
        entry = Placed(paragraph)
        for name in paragraph.bookmarks:
            anchor = parse_bookmark(name)
            if anchor is None or positions.get(anchor[0]) is None:
                continue
            entry.position = positions[anchor[0]]
            entry.heading = anchor[1] == HEADING_PART
            if not paragraph.removed:  # moved away: its words may stand elsewhere, unanchored
                claimed.add((entry.position, anchor[1]))
            break
        placed.append(entry)
    loose = [p for p in placed if p.position is None and not p.paragraph.removed]
    _place_by_similarity(loose, baseline, claimed)
    # What a tracked move or deletion took away still says whose words it was, for the report.
    gone = [p for p in placed if p.position is None and p.paragraph.removed]
    _place_by_similarity(gone, baseline, set(), removed=True)
    return placed


def _recorded_positions(record: ExportRecord, items: list[BaselineItem]) -> dict[int, int | None]:
    """Exported position -> position in the outline now (the n-th use of the same block)."""
    now: dict[str | None, list[int]] = {}
    for item in items:
        now.setdefault(item.item.block or None, []).append(item.position)
    seen: dict[str | None, int] = {}
    mapping: dict[int, int | None] = {}
    for recorded in record.items:
        block = recorded.block or None
        occurrence = seen.get(block, 0)
        seen[block] = occurrence + 1
        if 0 <= recorded.position < len(items) and (items[recorded.position].item.block or None) == block:
            mapping[recorded.position] = recorded.position
            continue
        candidates = now.get(block, [])
        mapping[recorded.position] = candidates[occurrence] if occurrence < len(candidates) else None
    return mapping


def _place_by_similarity(
    loose: list[Placed], baseline: Baseline, claimed: set[tuple[int, str]], *, removed: bool = False
) -> None:
    """Best pairs first: each unclaimed exported paragraph takes the most similar loose paragraph."""
    if not loose:
        return
    targets: list[tuple[int, str, str]] = []  # position, part, plain text
    for item in baseline.items:
        if item.heading is not None and (item.position, HEADING_PART) not in claimed:
            targets.append((item.position, HEADING_PART, item.heading.plain))
        for number, wording in enumerate(item.paragraphs):
            if (item.position, str(number)) not in claimed:
                targets.append((item.position, str(number), wording.plain))
    pairs = []
    for index, entry in enumerate(loose):
        paragraph = entry.paragraph
        words = "".join(run.text for run in paragraph.runs) if removed else paragraph.text
        # Words, not characters: as telling for prose, and ~20x faster to compare.
        text = words.split()
        for target_index, (_, _, plain) in enumerate(targets):
            matcher = SequenceMatcher(None, text, plain.split(), autojunk=False)
            if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILAR:
                pairs.append((ratio, index, target_index))
    used_loose: set[int] = set()
    used_targets: set[int] = set()
    for _, index, target_index in sorted(pairs, reverse=True):
        if index in used_loose or target_index in used_targets:
            continue
        used_loose.add(index)
        used_targets.add(target_index)
        position, part, _ = targets[target_index]
        loose[index].position = position
        loose[index].heading = part == HEADING_PART
        loose[index].by_text = True
