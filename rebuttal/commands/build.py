"""``rebuttal build``: assemble an outline and write DOCX, PDF, Markdown or text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rebuttal.commands.common import add_library_option, open_letter
from rebuttal.errors import Exit

if TYPE_CHECKING:
    from rebuttal.letter.outline import Outline
    from rebuttal.library.stack import Library
    from rebuttal.model import Document
    from rebuttal.render.formats import ExportFormat


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (its name and summary are in ``rebuttal.cli.COMMANDS``)."""
    parser.description = (
        "Assemble OUTLINE and write it. The format follows the output's extension."
    )
    parser.add_argument("outline", help="the letter's TOML outline")
    from rebuttal.render.formats import EXPORT_FORMATS, FORMAT_NAMES

    extensions = ", ".join(
        fmt.extension + (" (through LibreOffice)" if fmt.needs_libreoffice else "") for fmt in EXPORT_FORMATS
    )
    texts = "/".join(fmt.name for fmt in EXPORT_FORMATS if not fmt.binary)
    parser.add_argument(
        "-o", "--output", type=Path,
        help=f"output file ({extensions}); '-' writes {texts} to standard output; "
        "default: OUTLINE's name with the format's extension, in the current folder",
    )
    parser.add_argument("--format", choices=FORMAT_NAMES, help="output format")
    parser.add_argument(
        "--width", type=int, default=72,
        help="wrap text output at this column (0: one line per paragraph, for pasting into web forms)",
    )
    parser.add_argument(
        "--template", type=Path, metavar="FILE.docx",
        help="DOCX: a society's Word document or template (.docx/.dotx) supplying styles, header and footer",
    )
    parser.add_argument(
        "--comments", action="store_true",
        help="DOCX: a Word comment on each paragraph naming its library block, version and approval status",
    )
    parser.add_argument(
        "--fit", action="store_true",
        help="switch blocks to their short variants, last block first, until the letter fits the "
        "venue's word limit; says on stderr what it changed",
    )
    parser.add_argument(
        "--venue", metavar="NAME", help="with --fit: the venue to fit (default: letter.venue)"
    )
    add_library_option(parser)


def run(args: argparse.Namespace) -> Exit:
    """Build the letter."""
    from rebuttal.errors import RebuttalError
    from rebuttal.render import check_can_write, render_to_file, render_to_text
    from rebuttal.render.formats import format_for

    to_stdout = args.output is not None and str(args.output) == "-"
    output = None if to_stdout else args.output
    fmt = format_for(output, args.format)
    if to_stdout and fmt.binary:
        raise RebuttalError(f"{fmt.name.upper()} cannot go to standard output; name a file with -o",
                            field="output")
    check_can_write(fmt)  # Say it before the work, not after.
    if output is None and not to_stdout:
        output = Path(Path(args.outline).stem + fmt.extension)
    _check_docx_options(args, fmt)
    if output is not None:
        from rebuttal.files.atomic import check_output_path

        check_output_path(output)  # Fail before the work, not after it: no folder, a device, a folder.
    library, outline, document = open_letter(args)
    status = Exit.OK
    if args.fit:
        fitted, fits = _fit(library, outline, args.venue)
        document = fitted or document
        # The file is still written; scripts notice it is too long.
        status = Exit.OK if fits else Exit.SOMETHING_TO_REVIEW
    options: dict[str, object] = {"width": args.width, "template": args.template, "comments": args.comments}
    if to_stdout:
        sys.stdout.write(render_to_text(document, fmt, **options))
    else:
        if fmt.takes("origin"):  # The export remembers its outline, for `rebuttal merge`.
            from rebuttal.exchange.exports import export_origin

            options["origin"] = export_origin(Path(args.outline))  # its text kept: a merge's base
        render_to_file(document, output, fmt, **options)
        if fmt.takes("origin"):
            from rebuttal.exchange.exports import note_export

            note_export(output, Path(args.outline))  # when: merge trusts an unchanged one after it
    where = "standard output" if to_stdout else str(output)
    print(
        f"wrote {where}: {len(document.points)} points, {len(document.references)} references, "
        f"{document.word_count()} words",
        file=sys.stderr,
    )
    for notice in document.notices:
        print(f"note: {notice}", file=sys.stderr)
    if document.unresolved:
        names = ", ".join("{" + name + "}" for name in document.unresolved)
        print(f"warning: placeholders not filled in: {names}", file=sys.stderr)
    return status


def _fit(library: Library, outline: Outline, venue_name: str | None) -> tuple[Document | None, bool]:
    """``--fit``: the letter shortened to the venue's word limit (None: nothing to fit), and
    whether it now fits."""
    from rebuttal.letter.fit import fit_to_limit
    from rebuttal.letter.venue_choice import resolve_venue

    venue = resolve_venue(library, outline, venue_name)
    if venue.word_limit is None:
        print(f"fit: venue {venue.id or '(none)'} has no word limit; nothing shortened", file=sys.stderr)
        return None, True
    result = fit_to_limit(library, outline, venue.word_limit)
    for change in result.changes:  # body[12] evidence/society-guidelines: short variant (823 -> 786 words)
        print(f"fit: body[{change.position + 1}] {change.block_id}: short variant "
              f"({change.words_before} -> {change.words_after} words)", file=sys.stderr)
    words = result.document.word_count()
    if result.fits and not result.changes:
        print(f"fit: {words} words, already within {venue.id}'s {venue.word_limit}", file=sys.stderr)
    elif not result.fits:
        print(
            f"warning: still {words - venue.word_limit} words over {venue.id}'s {venue.word_limit} "
            "with every short variant; cut blocks from the outline",
            file=sys.stderr,
        )
    return result.document, result.fits


def _check_docx_options(args: argparse.Namespace, fmt: ExportFormat) -> None:
    """``--template``/``--comments`` only mean something for DOCX (and PDF, made from it); a missing
    template fails early."""
    from rebuttal.errors import RebuttalError

    for flag, given in (("--template", args.template), ("--comments", args.comments)):
        if given and not fmt.takes(flag.removeprefix("--")):
            raise RebuttalError(f"only applies to DOCX output, not {fmt.name}", field=flag)
    if args.template is not None and not args.template.is_file():
        raise RebuttalError("template not found", file=args.template, field="--template")
