"""BibTeX and BibLaTeX (``.bib``): a small parser for what reference managers export."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.importers.common import date_parts, parse_name

TYPES = {
    "article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "techreport": "report",
    "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "online": "webpage",
    "misc": "document", "electronic": "webpage",
}
MONTH_MACROS = {name: str(number) for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "c": "\u0327",
            "v": "\u030c", "=": "\u0304", ".": "\u0307", "u": "\u0306", "H": "\u030b"}


def read_bibtex(text: str, path: Path) -> list[tuple[dict[str, Any], int | None]]:
    """Every ``@type{key, field = value}`` entry; ``@string``, ``@comment``, ``@preamble`` skipped."""
    parser = _Parser(text, path)
    return [(_item(kind, key, fields), line) for kind, key, fields, line in parser.entries()]


class _Parser:
    """A cursor over BibTeX text; errors name the line where reading failed."""

    def __init__(self, text: str, path: Path) -> None:
        self.text, self.path, self.at = text, path, 0
        self.strings = dict(MONTH_MACROS)

    def fail(self, message: str) -> RebuttalError:
        return RebuttalError(message, file=self.path, line=self.text.count("\n", 0, self.at) + 1)

    def entries(self) -> list[tuple[str, str, dict[str, str], int]]:
        found = []
        while (start := self.text.find("@", self.at)) >= 0:
            self.at = start + 1
            line_start = self.text.rfind("\n", 0, start) + 1
            if self.text[line_start:start].lstrip().startswith("%"):
                continue  # An "@" in a % comment line (an e-mail address) is no entry.
            line = self.text.count("\n", 0, start) + 1
            kind = self._word().lower()
            self._skip_space()
            if self.at >= len(self.text) or self.text[self.at] not in "{(":
                raise self.fail(f"'@{kind}' is not followed by '{{'")
            close = "}" if self.text[self.at] == "{" else ")"
            self.at += 1
            if kind in ("comment", "preamble"):
                self.at -= 1  # Back onto the opening brace.
                self._braced()
                continue
            if kind == "string":
                name, value = self._field()
                self.strings[name] = value
                self._expect(close)
                continue
            key = self._until(",").strip()
            self.at += 1
            fields: dict[str, str] = {}
            while True:
                self._skip_space()
                if self.at < len(self.text) and self.text[self.at] == close:
                    self.at += 1
                    break
                name, value = self._field()
                fields[name] = value
                self._skip_space()
                if self.at < len(self.text) and self.text[self.at] == ",":
                    self.at += 1
            found.append((kind, key, fields, line))
        return found

    def _field(self) -> tuple[str, str]:
        name = self._word().lower()
        if not name:
            raise self.fail("expected a field name")
        self._expect("=")
        pieces = []
        while True:
            self._skip_space()
            char = self.text[self.at] if self.at < len(self.text) else ""
            if char == "{":
                pieces.append(self._braced())
            elif char == '"':
                self.at += 1
                pieces.append(self._until('"'))
                self.at += 1
            elif char and (char.isalnum() or char in "_-"):
                word = self._word()
                pieces.append(self.strings.get(word.lower(), word))
            else:
                raise self.fail(f"field '{name}' has no value")
            self._skip_space()
            if self.at < len(self.text) and self.text[self.at] == "#":
                self.at += 1
                continue
            return name, "".join(pieces)

    def _braced(self) -> str:
        depth, start = 0, self.at
        while self.at < len(self.text):
            char = self.text[self.at]
            depth += (char == "{") - (char == "}")
            self.at += 1
            if depth == 0:
                return self.text[start + 1 : self.at - 1]
        self.at = start
        raise self.fail("a '{' is never closed")

    def _word(self) -> str:
        match = re.compile(r"[\w\-:./+]*").match(self.text, self.at)
        self.at = match.end() if match else self.at
        return match.group() if match else ""

    def _until(self, char: str) -> str:
        end = self.text.find(char, self.at)
        if end < 0:
            raise self.fail(f"expected '{char}'")
        value, self.at = self.text[self.at : end], end
        return value

    def _expect(self, char: str) -> None:
        self._skip_space()
        if self.at >= len(self.text) or self.text[self.at] != char:
            raise self.fail(f"expected '{char}'")
        self.at += 1

    def _skip_space(self) -> None:
        while self.at < len(self.text) and self.text[self.at].isspace():
            self.at += 1


def detex(text: str) -> str:
    """``Sch{\\"u}nemann`` -> ``Schünemann``; braces, ``\\&`` and ``--`` undone."""
    import unicodedata

    def accent(match: re.Match[str]) -> str:
        return unicodedata.normalize("NFC", match.group(2) + _ACCENTS[match.group(1)])

    text = re.sub(r"\\([-'`^\"~=.]|[cvuH](?=[\s{]))\s*\{?\s*([A-Za-z])\}?", accent, text)
    text = text.replace("\\&", "&").replace("\\%", "%").replace("\\_", "_").replace("~", " ")
    text = text.replace("---", "—").replace("--", "-")
    text = re.sub(r"\\[a-zA-Z]+\s*", "", text).replace("{", "").replace("}", "")
    return " ".join(text.split())


def split_names(value: str) -> list[dict[str, str]]:
    """``Wang, Xiaoqin and {U.S. Department of Health}`` -> two people, the second corporate."""
    people = []
    for raw in _split_top_level(value.strip()):
        if raw.startswith("{") and raw.endswith("}") and raw.count("{") == 1:
            people.append({"literal": detex(raw)})
        elif raw.strip():
            people.append(parse_name(detex(raw)))
    return people


def _split_top_level(value: str) -> list[str]:
    """Split on `` and `` outside braces: ``{Smith and Sons}`` stays one name."""
    names, depth, start, index = [], 0, 0, 0
    while index < len(value):
        char = value[index]
        depth += (char == "{") - (char == "}")
        if depth == 0 and re.match(r"\s+and\s+", value[index:]) and value[index].isspace():
            names.append(value[start:index].strip())
            index += len(re.match(r"\s+and\s+", value[index:]).group())
            start = index
            continue
        index += 1
    names.append(value[start:].strip())
    return [name for name in names if name]


def _item(kind: str, key: str, fields: dict[str, str]) -> dict[str, Any]:
    get = {name: detex(value) for name, value in fields.items()}
    csl_type = TYPES.get(kind, "article-journal")
    date = get.get("date", "").split("-")
    container = get.get("journal") or get.get("journaltitle") or get.get("booktitle", "")
    item: dict[str, Any] = {
        "id": key,
        "type": csl_type,
        "title": get.get("title", ""),
        "author": split_names(fields.get("author", "")),
        "editor": split_names(fields.get("editor", "")),
        "container-title": container,
        "container-title-short": get.get("shortjournal", ""),
        "issued": date_parts(get.get("year") or date[0], get.get("month") or ([*date, ""])[1],
                             get.get("day") or ([*date, "", ""])[2]),
        "volume": get.get("volume", ""),
        "issue": get.get("number") or get.get("issue", ""),
        "page": get.get("pages", ""),
        "DOI": get.get("doi", ""),
        "PMID": get.get("pmid", ""),
        "URL": get.get("url", ""),
        "publisher": get.get("publisher") or get.get("institution") or get.get("school", ""),
        "publisher-place": get.get("address") or get.get("location", ""),
    }
    return item
