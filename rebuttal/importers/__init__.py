"""Reading the bibliographies users have: CSL-JSON, CSL-YAML, BibTeX, RIS, MEDLINE.

``read_references`` picks the reader from the file's extension (or its
first lines), then every item goes through the same checks
(:func:`rebuttal.importers.common.finish_items`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError

FORMATS = ("csl-json", "csl-yaml", "bibtex", "ris", "medline")
_EXTENSIONS = {
    ".json": "csl-json", ".yaml": "csl-yaml", ".yml": "csl-yaml", ".bib": "bibtex", ".bibtex": "bibtex",
    ".ris": "ris", ".nbib": "medline", ".medline": "medline",
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
    if start.startswith("TY  -"):
        return "ris"
    if start.startswith("PMID-"):
        return "medline"
    if start.startswith(("---", "references:", "- id:")):
        return "csl-yaml"
    raise RebuttalError(
        f"cannot tell the format; use --format ({', '.join(FORMATS)})", file=path, field="format"
    )


def read_references(path: Path, fmt: str | None = None) -> list[dict[str, Any]]:
    """The CSL-JSON items in ``path``, validated, each with a key."""
    from rebuttal.importers.common import finish_items

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RebuttalError(f"cannot read: {exc.strerror}", file=path) from None
    except UnicodeDecodeError:
        raise RebuttalError("not a UTF-8 text file", file=path) from None
    fmt = fmt or detect_format(path, text)
    if fmt == "csl-json":
        from rebuttal.importers.csl import read_csl_json as reader
    elif fmt == "csl-yaml":
        from rebuttal.importers.csl import read_csl_yaml as reader
    elif fmt == "bibtex":
        from rebuttal.importers.bibtex import read_bibtex as reader
    elif fmt == "ris":
        from rebuttal.importers.ris import read_ris as reader
    else:
        from rebuttal.importers.medline import read_medline as reader
    return finish_items(reader(text, path), path)
