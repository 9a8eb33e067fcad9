"""Write examples/society-template.dotx: a sample society Word template for ``build --template``.

Run:  .venv/bin/python examples/make_society_template.py

A society's real template is made in Word; this one stands in for it in the
README's example: a letterhead in the header, a footer line, and the styles a
letter uses (Normal, Body Text, Title, Heading 1) in the society's fonts and
colour. ``rebuttal build --template`` takes its styles, header and footer and adds
the styles it lacks. Saved as a template (.dotx: Word's template content type),
with fixed dates so that running this again gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

TARGET = Path(__file__).resolve().parent / "society-template.dotx"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
GREEN = RGBColor(0x1F, 0x5C, 0x4A)
FIXED = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def template_docx() -> bytes:
    """The template as a .docx package (python-docx writes documents, not templates)."""
    document = docx.Document()
    styles = document.styles
    styles["Normal"].font.name = "Georgia"
    styles["Normal"].font.size = Pt(11)
    body = styles["Body Text"]
    body.font.name = "Georgia"
    body.paragraph_format.space_after = Pt(8)
    for name, size in (("Title", 18), ("Heading 1", 13)):
        styles[name].font.name = "Georgia"
        styles[name].font.size = Pt(size)
        styles[name].font.color.rgb = GREEN
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("SAMPLE SOCIETY OF PAIN MEDICINE")
    run.bold, run.font.color.rgb, run.font.size = True, GREEN, Pt(12)
    header.add_run("\nletterhead from the society's own Word template").font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Sample Society of Pain Medicine · 1 Example Street · example.org").font.size = Pt(8)
    properties = document.core_properties
    properties.title, properties.author = "Society letter template", "rebuttal example"
    properties.created = properties.modified = FIXED.replace(tzinfo=None)
    properties.last_modified_by, properties.revision = "rebuttal example", 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_template(package: bytes) -> bytes:
    """The same package with Word's template content type and fixed zip timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(DOCUMENT_TYPE.encode(), TEMPLATE_TYPE.encode())
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(entry, data)
    return out.getvalue()


def main() -> int:
    """Write the template next to this script."""
    TARGET.write_bytes(as_template(template_docx()))
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
