"""Merge an edited DOCX from the app (F6): the editors' file compared with the letter as it is in
the app, its changes reviewed one by one (:class:`rebuttal.ui.merge_screen.MergeReviewScreen`), the
accepted ones applied as one undoable change."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import Outline
from rebuttal.ui.dialogs import PathScreen
from rebuttal.ui.editor import LetterEditor
from rebuttal.ui.merge_screen import MergeReviewScreen

if TYPE_CHECKING:
    from rebuttal.merge.compare import ItemChange  # the merge is imported when one is asked for
    from rebuttal.merge.report import MergeReport


def suggested_edited_docx(outline: Path | None) -> Path:
    """The DOCX the editors most likely sent back: the newest Word file beside the letter that is not
    its own export (``letter.docx``); the export itself only when there is no other."""
    folder = outline.parent if outline else Path.cwd()
    export = folder / f"{outline.stem if outline else 'letter'}.docx"
    try:
        # Word's owner files (~$letter.docx) are locks, not letters.
        others = [p for p in folder.glob("*.docx") if p.name != export.name and not p.name.startswith("~$")]
        return max(others, key=lambda p: p.stat().st_mtime) if others else export
    except OSError:  # an unreadable folder: the plain guess
        return export


class DocxMerge:
    """The main screen's "merge an edited DOCX" (F6): ask for the file, compare, review, apply."""

    def __init__(self, editor: LetterEditor) -> None:
        self.editor = editor
        self._report: MergeReport | None = None

    def start(self) -> None:
        """Ask for the editors' DOCX, then review its changes."""
        suggested = suggested_edited_docx(self.editor.session.path)
        self._report = None
        self.editor.app.push_screen(
            PathScreen(
                "Merge the editors' edited DOCX into this letter",
                suggested,
                self._compare_docx,
                formats=False,
                action="Review changes",
            ),
            self._open_review,
        )

    def _compare_docx(self, path: Path, _fmt: str = "") -> str:
        """Compare ``path`` with the letter; '' when it could (the path dialog then closes)."""
        from rebuttal.exchange.docx.read import read_docx
        from rebuttal.merge.report import merge_edited

        session = self.editor.session
        try:
            report = merge_edited(read_docx(path), session.library, session.outline, today=session.today)
        except RebuttalError as error:
            return str(error)
        if not report.changed:
            self.editor.notify(f"{path.name}: no change from this letter.", title="Merge", timeout=6)
            return ""
        self._report = report
        return ""

    def _open_review(self, _result: str | None) -> None:
        """The path dialog has closed: review the comparison it produced, if any."""
        report, self._report = self._report, None
        if report is not None:
            review = MergeReviewScreen(report, lambda accepted: self._apply_merge(report, accepted))
            self.editor.app.push_screen(review)

    def _apply_merge(self, report: MergeReport, accepted: list[ItemChange]) -> str:
        """Take the accepted changes into the letter as one undoable change."""
        from rebuttal.merge.apply import apply_changes

        updated = apply_changes(report, accepted)
        if updated is None:
            self.editor.notify("Nothing accepted: the letter is unchanged.", title="Merge", timeout=4)
            return ""
        body = copy.deepcopy(updated.body)

        def take(outline: Outline) -> None:
            outline.body = body

        message = self.editor.attempt(self.editor.session.change, f"merge {Path(report.docx).name}", take)
        if not message:
            self.editor.notify(
                f"Merged {len(accepted)} changes from {Path(report.docx).name}. Ctrl+Z undoes it.",
                title="Merged",
                timeout=6,
            )
        return message
