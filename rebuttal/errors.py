"""The one error type that user-facing code raises for bad input."""

from __future__ import annotations

from pathlib import Path


class RebuttalError(Exception):
    """Bad input, located as precisely as we can: ``file:line: field: message``.

    The CLI prints ``str(error)`` on one line and exits with status 2; nothing
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
