"""Merge an edited DOCX from the app (F6): the editors' file (chosen in
:class:`rebuttal.ui.docx_picker.DocxPickScreen`) compared with the letter as it is in the app, its
changes reviewed one by one (:class:`rebuttal.ui.merge_screen.MergeReviewScreen`), the accepted ones
applied as one undoable change."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import Outline
from rebuttal.ui.docx_picker import DocxPickScreen, export_of, suggested_edited_docx
from rebuttal.ui.editor import LetterEditor
from rebuttal.ui.merge_screen import MergeReviewScreen

if TYPE_CHECKING:
    from rebuttal.merge.compare import ItemChange  # the merge is imported when one is asked for
    from rebuttal.merge.report import MergeReport


class DocxMerge:
    """The main screen's "merge an edited DOCX" (F6): ask for the file, compare, review, apply."""

    def __init__(self, editor: LetterEditor) -> None:
        self.editor = editor
        self._report: MergeReport | None = None

    def start(self, exports: Iterable[Path] = ()) -> None:
        """Ask for the editors' DOCX (``exports``: the Word files this window exported, marked as the
        letter's export beside the default one), then review its changes."""
        session = self.editor.session
        exports = [export_of(session.path), *exports]
        self._report = None
        self.editor.app.push_screen(
            DocxPickScreen(
                "Merge the editors' edited DOCX into this letter",
                suggested_edited_docx(session.path, exports),
                self._compare_docx,
                exports=exports,
                today=session.today,
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
