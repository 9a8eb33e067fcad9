"""The one error type that user-facing code raises for bad input, and the exit statuses.

Scripts rely on ``rebuttal``'s exit status: it is named here once, and the
command line and every command return these names, never bare numbers.
"""

from __future__ import annotations

from enum import IntEnum

TYPE_CHECKING = False  # pathlib only for the annotations: `rebuttal --version` imports no more than this
if TYPE_CHECKING:
    from pathlib import Path


class Exit(IntEnum):
    """What ``rebuttal`` tells the shell."""

    OK = 0
    # The command ran, and what it found wants a person's look: a check or lint that fails,
    # entries an import skipped, a letter still over its limit after --fit, a query matching
    # nothing, letters using retired or older blocks.
    SOMETHING_TO_REVIEW = 1
    BAD_INPUT = 2  # a RebuttalError or a bad argument: one line on stderr, nothing written
    INTERRUPTED = 130  # Ctrl+C, as shells report SIGINT


class RebuttalError(Exception):
    """Bad input, located as precisely as we can: ``file:line: field: message``.

    The CLI prints ``str(error)`` on one line and exits with :attr:`Exit.BAD_INPUT`; nothing
    else about the error (no traceback) reaches the user.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        # One line, always: a message must never smuggle a newline to stderr.
        return " ".join(f"{where}{field}{self.message}".split())

    def located(
        self, *, file: str | Path | None = None, line: int | None = None, field: str | None = None
    ) -> RebuttalError:
        """Return a copy filling in whatever location this error does not know yet."""
        return RebuttalError(
            self.message,
            file=self.file or (str(file) if file is not None else None),
            line=self.line or line,
            field=self.field or field,
        )


class ChangeRefused(Exception):
    """A change the app's session did not apply; the message says why, in one line."""
