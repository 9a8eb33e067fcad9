"""Reading the bibliographies users have: CSL-JSON, CSL-YAML, BibTeX, RIS, MEDLINE.

``read_import`` picks the reader from the file's extension (or its first
lines), then every entry goes through the same policy and checks
(:mod:`rebuttal.refs.importers.finish`): what can be a reference is imported,
what cannot is named with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.refs.importers.finish import ImportResult

FORMATS = ("csl-json", "csl-yaml", "bibtex", "ris", "medline")
_EXTENSIONS = {
    ".json": "csl-json", ".yaml": "csl-yaml", ".yml": "csl-yaml", ".bib": "bibtex", ".bibtex": "bibtex",
    ".ris": "ris", ".ciw": "ris", ".nbib": "medline", ".medline": "medline",
}


def detect_format(path: Path, text: str) -> str:
    """The format named by the extension, else guessed from the content."""
    by_extension = _EXTENSIONS.get(path.suffix.lower())
    if by_extension:
        return by_extension
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith(("[", "{")):
        return "csl-json"
    if start.startswith("@"):
        return "bibtex"
    if start.startswith(("TY  -", "FN ")):
        return "ris"
    if start.startswith("PMID-"):
        return "medline"
    if start.startswith(("---", "references:", "- id:")):
        return "csl-yaml"
    raise RebuttalError(
        f"cannot tell the format; use --format ({', '.join(FORMATS)})", file=path, field="format"
    )


def read_import(path: Path, fmt: str | None = None) -> ImportResult:
    """Every entry in ``path`` that can be a reference, and the problems with the others."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RebuttalError(f"cannot read: {exc.strerror}", file=path) from None
    except UnicodeDecodeError:
        raise RebuttalError("not a UTF-8 text file", file=path) from None
    return import_text(text, path, fmt or detect_format(path, text))


def import_text(text: str, path: Path, fmt: str) -> ImportResult:
    """What :func:`read_import` gives for ``text`` read from ``path`` in format ``fmt``."""
    from rebuttal.refs.importers.finish import finish_items

    if fmt == "csl-json":
        from rebuttal.refs.importers.csl import read_csl_json as reader
    elif fmt == "csl-yaml":
        from rebuttal.refs.importers.csl import read_csl_yaml as reader
    elif fmt == "bibtex":
        from rebuttal.refs.importers.bibtex import read_bibtex as reader
    elif fmt == "ris":
        from rebuttal.refs.importers.ris import read_ris as reader
    else:
        from rebuttal.refs.importers.medline import read_medline as reader
    return finish_items(reader(text, path), path)


def read_references(path: Path, fmt: str | None = None) -> list[dict[str, Any]]:
    """The CSL-JSON items in ``path`` that can be references (an error when there are none)."""
    result = read_import(path, fmt)
    if not result.items:
        raise no_references(result)
    return result.items


def no_references(result: ImportResult) -> RebuttalError:
    """The error for a file in which no entry can be a reference."""
    if result.problems:
        first = result.problems[0].error(result.path)
        more = len(result.skipped) - 1
        return first.located() if not more else RebuttalError(
            f"{first.message} (and {more} more entries skipped); no references to import",
            file=first.file, line=first.line, field=first.field,
        )
    return RebuttalError("no references found in this file", file=result.path)
