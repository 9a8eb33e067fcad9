"""Merge an edited letter against its outline and describe the result.

:func:`merge_edited` checks that the DOCX was exported from this outline (its
export record), compares item by item and returns a :class:`MergeReport`;
:func:`describe` prints it for people: per item its status, a word-level
diff, every tracked change with its author and every comment with its author
and the words it is attached to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rebuttal.errors import RebuttalError
from rebuttal.exchange.docx.names import COMMENT_AUTHOR
from rebuttal.exchange.edited import EditedComment, EditedDocument, Revision
from rebuttal.exchange.record import ExportRecord, outline_origin
from rebuttal.letter.outline import Outline, outline_to_dict, parse_outline
from rebuttal.library.stack import Library
from rebuttal.merge.baseline import build_baseline
from rebuttal.merge.compare import CitationProblem, ItemChange, compare_items
from rebuttal.merge.mapping import body_paragraphs, frame_edits, place_paragraphs
from rebuttal.merge.summary import headline, summary_line

FORCE_HINT = "--force maps its paragraphs by text alone"


@dataclass
class MergeReport:
    """The outcome of comparing an edited DOCX with an outline."""

    docx: str
    outline: Outline
    changes: list[ItemChange]
    revisions: list[Revision] = field(default_factory=list)
    comments: list[EditedComment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    by_text: list[int] = field(default_factory=list)  # edited paragraphs found by similarity
    # The outline as it is now, when it changed since the export and its text as exported was
    # kept (``outline`` is then that text, the base): the editors' version is merged onto it.
    current: Outline | None = None
    export_digest: str = ""  # the SHA-256 of the outline as exported (from the export record)

    @property
    def changed(self) -> bool:
        """True when applying the report would change the outline."""
        return any(change.changed for change in self.changes)

    def library_edits(self) -> list[ItemChange]:
        """Edits that rewrite a library block's wording (candidates for ``--propose``)."""
        return [change for change in self.changes if change.touches_library_wording]


def merge_edited(
    edited: EditedDocument,
    library: Library,
    outline: Outline,
    *,
    force: bool = False,
    today: dt.date | None = None,
) -> MergeReport:
    """Compare ``edited`` with ``outline``; a located :class:`RebuttalError` for bad input."""
    try:
        record = ExportRecord.from_properties(edited.properties)
    except ValueError as error:
        raise RebuttalError(str(error), file=edited.path) from None
    notes = _check_origin(edited, record, outline, force=force)
    current = None
    if record is not None and not force:
        outline, current, note = _as_exported(record, outline)
        notes.extend(note)
    baseline = build_baseline(library, outline, record, today=today)
    marker = record.marker if record else baseline.document.marker
    paragraphs = body_paragraphs(edited, baseline)
    notes.extend(frame_edits(edited, baseline))
    placed = place_paragraphs(paragraphs, baseline, record, use_anchors=not force)
    # The comments `build --comments` wrote are ours, not the editors'.
    comments = {k: c for k, c in edited.comments.items() if c.author != COMMENT_AUTHOR}
    try:
        changes = compare_items(placed, baseline, marker, comments, edited.revisions)
    except CitationProblem as error:
        raise RebuttalError(str(error), file=edited.path) from None
    return MergeReport(
        docx=edited.path, outline=outline, changes=changes, revisions=list(edited.revisions),
        comments=list(comments.values()), notes=notes,
        by_text=[p.paragraph.index for p in placed if p.by_text], current=current,
        export_digest=record.outline_sha256 if record else "",
    )


def _check_origin(
    edited: EditedDocument, record: ExportRecord | None, outline: Outline, *, force: bool
) -> list[str]:
    """Refuse a DOCX from another outline (unless ``force``).

    The rule: a DOCX merges into the outline file of the name it was exported from, into any
    file holding the outline exactly as exported (a renamed copy), and into any file it was
    merged into before (``merge --apply`` on a copy: that file stays its outline).
    """
    if record is None:
        if not force:
            raise RebuttalError(
                f"was not exported by rebuttal (no export record); {FORCE_HINT}", file=edited.path
            )
        return ["no export record: paragraphs mapped by text alone (--force)"]
    if force:
        return ["paragraphs mapped by text alone (--force)"]
    from rebuttal.exchange.exports import was_applied

    name, digest = outline_origin(outline.path)
    renamed_copy = digest and digest == record.outline_sha256
    if (record.outline_name and name and record.outline_name != name and not renamed_copy
            and not (outline.path and was_applied(record.outline_sha256, outline.path))):
        raise RebuttalError(
            f"was built from another outline ({record.outline_name}), not {name}; {FORCE_HINT}",
            file=edited.path,
        )
    return []


def _as_exported(record: ExportRecord, outline: Outline) -> tuple[Outline, Outline | None, list[str]]:
    """``(base, current, notes)``: the outline as exported when it has changed since (else itself)."""
    from rebuttal.exchange.exports import exported_text

    name, digest = outline_origin(outline.path)
    if not record.outline_sha256:
        return outline, None, []
    name = name or "the letter"
    text = exported_text(record.outline_sha256) or record.embedded_outline()
    base = None
    if text is not None:
        try:
            base = parse_outline(text, outline.path or Path("outline.toml"))
        except RebuttalError:
            base = None
    if base is not None and outline_to_dict(base) == outline_to_dict(outline):
        return outline, None, []  # as exported (the app's letter in memory included, saved or not)
    if base is None:
        if not digest or digest == record.outline_sha256:
            return outline, None, []
        return outline, None, [
            f"{name} has changed since this DOCX was exported, and neither this computer nor the DOCX keeps "
            "the outline as exported: compared with it as it is now (your own changes since may show as the "
            "editors')"
        ]
    return base, outline, [
        f"{name} has changed since this DOCX was exported: the editors' changes are found against the "
        "outline as exported and combined with yours"
    ]


def describe(report: MergeReport, *, with_unchanged: bool = False) -> list[str]:
    """The report as lines of text for a terminal."""
    lines = [headline(report.docx, report.outline.path)]
    lines.extend(f"note: {note}" for note in report.notes)
    counts: dict[str, int] = {}
    for change in report.changes:
        counts[change.status] = counts.get(change.status, 0) + 1
        if change.status == "unchanged" and not change.comments and not with_unchanged:
            continue
        where = f"#{change.position + 1} " if change.position is not None else ""
        moved = f" (now after {change.now_after})" if change.moved else ""
        lines.append(f"{where}{change.label}: {change.status}{moved}")
        if change.added:
            lines.append("    " + change.after)
        elif change.edited:
            diff = change.diff()
            if "[-" not in diff and "{+" not in diff:  # the same words: emphasis or citations moved
                diff = "emphasis changed: " + " / ".join(m for m in (change.new_title, change.new_text) if m)
            lines.append("    " + diff)
        if change.touches_library_wording:
            lines.append(f"    changes the wording of library block {change.label} (see --propose)")
        for revision in change.revisions:
            who = revision.author or "unknown"
            lines.append(f"    tracked: {revision.kind} by {who}: \"{_short(revision.text)}\"")
        for comment in change.comments:
            on = f" on \"{_short(comment.anchor)}\"" if comment.anchor else ""
            lines.append(f"    comment by {comment.author or 'unknown'}{on}: {comment.text}")
    elsewhere = [c for c in report.comments if not any(c in ch.comments for ch in report.changes)]
    for comment in elsewhere:
        lines.append(f"comment outside the body by {comment.author or 'unknown'}: {comment.text}")
    attached = {id(r) for change in report.changes for r in change.revisions}
    for revision in report.revisions:
        if id(revision) not in attached:
            who = revision.author or "unknown"
            lines.append(f"tracked outside the body: {revision.kind} by {who}: \"{_short(revision.text)}\"")
    lines.append(summary_line(report.changed, counts))
    return lines


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
