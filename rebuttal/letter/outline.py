"""The outline: one letter described as TOML (what to say, about which article).

An outline names library blocks in reading order, with per-use overrides,
plus the letter's metadata, the society, the target article and who signs.
``load_outline`` validates every field with its line. ``save_outline`` edits an
existing file in place (:mod:`rebuttal.toml.edit`: only what changed, comments,
order and quoting kept) and writes a new one with tomli-w, always through an
atomic rename; load -> save -> load is the identity. Fields the person never
set stay unset: defaults (style, marker, paper, title) are resolved when the
letter is assembled. See docs/outline.md for the format.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rebuttal.errors import RebuttalError
from rebuttal.people.entries import SignatoryEntry, read_signatory_entry
from rebuttal.refs.article import ARTICLE_FIELDS, Article, article_problem
from rebuttal.text.dates import is_partial_date
from rebuttal.toml.fields import FieldReader, table_keys
from rebuttal.toml.source import FieldPath, TomlSource, dotted, parse_toml, read_toml
from rebuttal.vocabulary import BLOCK_KINDS, MARKERS, PAPER_SIZES, SOCIETY_TEXT_FIELDS, VARIANTS

SOCIETY_OVERRIDES = SOCIETY_TEXT_FIELDS  # what a letter may change of its society profile
DEFAULT_TITLE = "Statement of Concern"
DEFAULT_STYLE = "nlm"
CUSTOM_KIND = "evidence"  # the kind of custom text that does not say


@dataclass
class LetterInfo:
    """The letter itself: heading, date, addressee, venue and style.

    Empty means "not set": the title, style, marker and paper then come from
    the defaults at assembly (:data:`DEFAULT_TITLE`, the venue, the society).
    """

    title: str = ""
    date: str = ""
    recipient: str = ""
    salutation: str = ""
    venue: str = ""
    style: str = ""
    marker: str = ""
    paper: str = ""
    competing_interests: str = ""


@dataclass
class SocietyChoice:
    """Which society profile signs, and any of its fields changed for this letter."""

    id: str = ""
    overrides: dict[str, str] = field(default_factory=dict)


@dataclass
class BodyItem:
    """One use of a block in the letter (or custom text written in the outline)."""

    block: str = ""
    kind: str = ""
    title: str = ""
    text: str = ""
    variant: str = "full"
    notes: list[str] = field(default_factory=list)  # editors' comments kept with this use
    version: str = ""  # the block's version when it was added: the letter keeps that wording
    part_of_point: bool = False  # a paragraph that continues the point before (no new numbering run)

    @property
    def is_custom(self) -> bool:
        """True when this item is text written in the outline, not a library block."""
        return not self.block


@dataclass
class Outline:
    """A whole letter as the user describes it."""

    letter: LetterInfo = field(default_factory=LetterInfo)
    society: SocietyChoice = field(default_factory=SocietyChoice)
    article: Article = field(default_factory=Article)
    body: list[BodyItem] = field(default_factory=list)
    signatories: list[SignatoryEntry] = field(default_factory=list)
    cosigners: list[SocietyChoice] = field(default_factory=list)  # societies signing with the lead
    path: Path | None = field(default=None, compare=False, repr=False)
    source: TomlSource | None = field(default=None, compare=False, repr=False)

    def error(self, where: FieldPath, message: str) -> RebuttalError:
        """An error located in the outline file (when the outline came from one)."""
        if self.source is not None:
            return self.source.error(where, message)
        return RebuttalError(message, file=self.path, field=dotted(where))


def load_outline(path: Path) -> Outline:
    """Read and validate an outline file (a Word or PDF file given instead is named as such)."""
    refuse_document(path)
    return outline_from_source(read_toml(path))


# What a document given where an outline belongs starts with: ZIP (DOCX, ODT), OLE (.doc), PDF.
_DOCUMENT_STARTS = {b"PK\x03\x04": "a Word (DOCX) file", b"\xd0\xcf\x11\xe0": "a Word (.doc) file",
                    b"%PDF": "a PDF file"}


def refuse_document(path: Path) -> None:
    """Raise one clear line when ``path`` is a Word or PDF file, not an outline (``rebuttal build
    letter.docx``, or ``merge`` with its arguments swapped)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError:
        return  # read_toml says why, located
    what = next((name for magic, name in _DOCUMENT_STARTS.items() if start.startswith(magic)), None)
    if what is not None:
        raise RebuttalError(
            f"is {what}, not an outline: give the letter's .toml outline here (an edited DOCX goes "
            f"first in `rebuttal merge EDITED.docx OUTLINE.toml`)", file=path,
        )


def parse_outline(text: str, path: Path) -> Outline:
    """Read an outline from TOML text (``path`` is used in messages)."""
    return outline_from_source(parse_toml(text, path))


def outline_from_source(source: TomlSource) -> Outline:
    """Validate parsed TOML into an :class:`Outline`."""
    top = FieldReader(source, context="outline")
    top.allow("letter", "society", "cosigners", "article", "body", "signatories")
    outline = Outline(path=source.path, source=source)
    outline.letter = _read_letter(source, top.table("letter"))
    outline.society = _read_society(source, top.table("society"), ("society",), "[society]")
    for index, entry in enumerate(top.tables("cosigners")):
        cosigner = _read_society(source, entry, ("cosigners", index), "[[cosigners]] item")
        if not cosigner.id:
            raise source.error(("cosigners", index), "a co-signing society needs 'id' (a society profile)")
        outline.cosigners.append(cosigner)
    outline.article = _read_article(source, top.table("article"))
    for index, entry in enumerate(top.tables("body")):
        outline.body.append(_read_body_item(source, entry, index))
    for index, entry in enumerate(top.tables("signatories")):
        outline.signatories.append(read_signatory_entry(source, entry, ("signatories", index)))
    return outline


def _read_letter(source: TomlSource, data: dict[str, Any]) -> LetterInfo:
    reader = FieldReader(source, data=data, prefix=("letter",), context="[letter]")
    reader.allow(*table_keys(LetterInfo, leave_out=()))
    return LetterInfo(
        title=reader.text("title"),
        date=_checked_date(reader, "date", full=True),
        recipient=reader.text("recipient"),
        salutation=reader.text("salutation"),
        venue=reader.text("venue"),
        style=reader.text("style"),
        marker=reader.choice("marker", MARKERS),
        paper=reader.choice("paper", PAPER_SIZES),
        competing_interests=reader.markup("competing_interests"),
    )


def _read_society(source: TomlSource, data: dict[str, Any], prefix: FieldPath, context: str) -> SocietyChoice:
    reader = FieldReader(source, data=data, prefix=prefix, context=context)
    reader.allow("id", *SOCIETY_OVERRIDES)
    overrides = {key: reader.text(key) for key in SOCIETY_OVERRIDES if key in data}
    return SocietyChoice(id=reader.text("id"), overrides=overrides)


def _read_article(source: TomlSource, data: dict[str, Any]) -> Article:
    reader = FieldReader(source, data=data, prefix=("article",), context="[article]")
    reader.allow(*ARTICLE_FIELDS)
    article = Article(
        title=reader.text("title"),
        authors=reader.strings("authors"),
        journal=reader.text("journal"),
        journal_abbrev=reader.text("journal_abbrev"),
        date=_checked_date(reader, "date", full=False),
        date_online=_checked_date(reader, "date_online", full=False),
        volume=reader.scalar("volume"),
        issue=reader.scalar("issue"),
        pages=reader.scalar("pages"),
        doi=reader.text("doi"),
        pmid=reader.scalar("pmid"),
        design=reader.text("design"),
        url=reader.text("url"),
        abstract=reader.text("abstract"),
        keywords=reader.strings("keywords"),
    )
    problem = article_problem("doi", article.doi) or article_problem("pmid", article.pmid)
    if problem:
        raise reader.fail(problem[0], problem[1])
    return article


def _read_body_item(source: TomlSource, data: dict[str, Any], index: int) -> BodyItem:
    reader = FieldReader(source, data=data, prefix=("body", index), context="[[body]] item")
    reader.allow(*table_keys(BodyItem, leave_out=()))
    item = BodyItem(
        block=reader.text("block"),
        kind=reader.choice("kind", BLOCK_KINDS),
        title=reader.text("title"),
        text=reader.markup("text"),
        variant=reader.choice("variant", VARIANTS, default="full"),
        notes=reader.strings("notes"),
        version=reader.version("version"),
        part_of_point=reader.flag("part_of_point"),
    )
    if item.is_custom and not item.text:
        raise RebuttalError(
            "a [[body]] item needs 'block' (a library block id) or 'text' (custom text)",
            file=source.path,
            line=source.line_of(("body", index)),
            field=f"body[{index + 1}]",
        )
    if item.is_custom and not item.kind:
        item.kind = CUSTOM_KIND
    return item


def _checked_date(reader: FieldReader, key: str, *, full: bool) -> str:
    value = reader.data.get(key)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = reader.text(key)
    if not text:
        return ""
    if not is_partial_date(text):
        wanted = "YYYY-MM-DD" if full else "YYYY, YYYY-MM or YYYY-MM-DD"
        raise reader.fail(key, f"'{text}' is not a date ({wanted})")
    if full and len(text) != 10:
        raise reader.fail(key, f"'{text}' is not a full date (YYYY-MM-DD)")
    return text


def outline_to_dict(outline: Outline) -> dict[str, Any]:
    """The outline as plain TOML-ready data, leaving out empty fields."""
    data: dict[str, Any] = {}
    letter = _non_empty(vars(outline.letter))
    if "date" in letter:
        letter["date"] = dt.date.fromisoformat(letter["date"])
    data["letter"] = letter
    society = _society_dict(outline.society)
    if society:
        data["society"] = society
    cosigners = [_society_dict(cosigner) for cosigner in outline.cosigners]
    if cosigners:
        data["cosigners"] = cosigners
    article = _non_empty(vars(outline.article))
    for name in ("date", "date_online"):
        if len(article.get(name, "")) == 10:
            article[name] = dt.date.fromisoformat(article[name])
    if article:
        data["article"] = article
    body = []
    for item in outline.body:
        entry = _non_empty(vars(item))
        if entry.get("variant") == "full":
            del entry["variant"]
        if item.block and entry.get("kind"):
            del entry["kind"]
        body.append(entry)
    if body:
        data["body"] = body
    signatories = [entry.to_dict() for entry in outline.signatories]
    if signatories:
        data["signatories"] = signatories
    return data


def _society_dict(choice: SocietyChoice) -> dict[str, Any]:
    society = {"id": choice.id} if choice.id else {}
    society.update(_non_empty(choice.overrides))
    return society


def dump_outline(outline: Outline) -> str:
    """The outline as TOML text, laid out as docs/outline.md shows it.

    tomli-w writes a list of short tables as one inline array; people edit
    outlines by hand and read their diffs in git, so each body item and
    signatory gets its own ``[[body]]`` / ``[[signatories]]`` table instead (co-signers too).
    """
    return dump_outline_data(outline_to_dict(outline))


def dump_outline_data(data: dict[str, Any]) -> str:
    """Outline TOML data (as :func:`outline_to_dict` gives it) as TOML text, laid out as a file."""
    import tomli_w

    data = dict(data)
    arrays = {key: data.pop(key) for key in ("cosigners", "body", "signatories") if key in data}
    text = tomli_w.dumps(data, multiline_strings=True)
    for key, entries in arrays.items():
        for entry in entries:
            text += f"\n[[{key}]]\n" + tomli_w.dumps(entry, multiline_strings=True)
    return text


def outline_from_data(data: dict[str, Any], path: Path) -> Outline:
    """Outline TOML data (a merge's result) validated into an :class:`Outline` for ``path``."""
    return parse_outline(dump_outline_data(data), path)


def outline_text(outline: Outline, original: str | None = None) -> str:
    """The outline as TOML: ``original`` (the file's text) edited, or a new file's text."""
    if original is None:
        return dump_outline(outline)
    from rebuttal.toml.edit import update_toml_text

    try:  # What the file says, as the model sees it: only real changes count.
        old_data = outline_to_dict(parse_outline(original, outline.path or Path("outline.toml")))
    except RebuttalError:
        old_data = None
    return update_toml_text(
        original, outline_to_dict(outline), old_data=old_data, is_default=_is_unset_default
    )


def save_outline(outline: Outline, path: Path, original: str | None = None) -> str:
    """Write the outline to ``path`` atomically (a crash leaves the old file whole).

    An existing file is edited in place: what did not change stays byte for
    byte, comments included (``original`` is its text, read from ``path`` when
    not given). Nothing is written when the file already says the same. Returns
    the text now in the file. A file that is not TOML text cannot be edited in
    place: it is written anew, and stderr says so. Any other failure to edit is
    raised, with nothing written: a person's comments are never dropped unsaid.
    """
    from rebuttal.files.atomic import atomic_write_text  # writing only: reading commands skip tempfile
    from rebuttal.files.lock import locked

    with locked(path):  # callers that read the outline first hold it from their read
        if original is None and path.exists():
            original = _editable_text(path)
        elif original is not None and not is_toml(original):
            original = _not_editable(path, "not valid TOML")
        text = outline_text(outline, original)
        if text != original:
            atomic_write_text(path, text, field=None)
    return text


def _editable_text(path: Path) -> str | None:
    """The text of the file at ``path`` to edit in place, or None (said on stderr) when there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return _not_editable(path, "not UTF-8 text")
    except OSError as error:
        return _not_editable(path, f"cannot be read ({error.strerror})")
    return text if is_toml(text) else _not_editable(path, "not valid TOML")


def is_toml(text: str) -> bool:
    """True when ``text`` reads as TOML: a file that does not is written anew, never edited."""
    import tomllib

    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
    return True


def _not_editable(path: Path, why: str) -> None:
    print(f"rebuttal: {path}: {why}, so it cannot be edited in place; the outline is written anew",
          file=sys.stderr)


def _is_unset_default(path: tuple[str | int, ...], value: Any) -> bool:
    """True for a value the model fills in by itself, which a file that lacks it must not gain."""
    if len(path) == 3 and path[0] == "body":
        return (path[2] == "kind" and value == CUSTOM_KIND) or (path[2] == "variant" and value == "full")
    return False


def _non_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in values.items()
        if key not in ("path", "source") and value is not False and value not in ("", None, [], {})
    }
