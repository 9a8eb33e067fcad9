"""How the named styles a letter uses look, so editors restyle the whole letter by editing styles.

Without a template the letter gets our house styles: Word's built-in names
(Title, Body Text, Signature...) in a plain letter look. With a society's
template its styles win: we only add the styles it lacks, so a template never
makes the build crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from rebuttal.exchange.docx import names
from rebuttal.exchange.docx.write.parts import append_children, as_text, declare_w
from rebuttal.exchange.docx.write.wordml import attr, xml_part
from rebuttal.files.guarded_xml import parse

_ACCENT = "1F3A5F"
_GREY = "595959"
# Names Word itself defines; the others are marked as the society's own (customStyle).
_BUILT_IN = {
    "Normal", "List Number", names.TITLE, names.DATE, names.SALUTATION, names.BODY, names.POINT_BODY,
    names.CLOSING, names.SIGNATURE, names.REFERENCE, names.HEADER, names.FOOTER, names.HYPERLINK,
    names.STRONG,
}
_W = f"{{{names.W_NS}}}"


@dataclass(frozen=True)
class StyleSpec:
    """How one named style looks in our house style (``None``: inherit)."""

    name: str
    character: bool = False
    base: str | None = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None  # RRGGBB
    underline: bool | None = None
    before: float | None = None  # points
    after: float | None = None
    left: float | None = None
    align: str | None = None  # left, center, right, both
    keep_with_next: bool | None = None
    rule_below: bool = False


SPECS: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", base=None, size=11, before=0, after=0),
    StyleSpec(names.LETTERHEAD, size=18, bold=True, color=_ACCENT, align="center", after=2),
    StyleSpec(names.TAGLINE, size=9, italic=True, color=_GREY, align="center", after=4, rule_below=True),
    StyleSpec(names.DATE, before=6, after=12),
    StyleSpec(names.RECIPIENT, after=12),
    StyleSpec(names.TITLE, size=15, bold=True, color=_ACCENT, before=6, after=12, keep_with_next=True),
    StyleSpec(names.SALUTATION, after=10, keep_with_next=True),
    StyleSpec(names.BODY, after=8),
    StyleSpec(names.POINT, base="List Number", bold=True, before=4, after=4, keep_with_next=True),
    StyleSpec(names.POINT_BODY, left=18, after=8),
    StyleSpec(names.CLOSING, before=4, after=18, keep_with_next=True),
    StyleSpec(names.SIGNATURE, after=10),
    StyleSpec(names.COMPETING, size=9.5, before=10, after=8),
    StyleSpec(names.REFERENCES_HEADING, size=12, bold=True, color=_ACCENT, before=14, after=6,
              keep_with_next=True),
    StyleSpec(names.REFERENCE, size=9.5, after=3),
    StyleSpec(names.HEADER, size=8.5, color=_GREY, align="right"),
    StyleSpec(names.FOOTER, size=8.5, color=_GREY, align="center"),
    StyleSpec(names.HYPERLINK, character=True, base=None, color="0563C1", underline=True),
    StyleSpec(names.STRONG, character=True, base=None, bold=True),
)
# Styles the house set needs as bases, in Word's own plain look.
_BASES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>'
    '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    "<w:pPr><w:contextualSpacing/></w:pPr></w:style>"
)
# The styles of Word comments (``--comments``), by name: Word's own id and definition ({id}, {base}).
_COMMENT_STYLES = {
    names.COMMENT_TEXT: (
        "CommentText",
        '<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="annotation text"/>'
        '{base}<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:sz w:val="20"/></w:rPr></w:style>',
    ),
    names.COMMENT_REFERENCE: (
        "CommentReference",
        '<w:style w:type="character" w:styleId="{id}"><w:name w:val="annotation reference"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:sz w:val="16"/></w:rPr>'
        "</w:style>",
    ),
}


def _comment_style(name: str, own_id: str, normal_id: str | None) -> str:
    template = _COMMENT_STYLES[name][1]
    base = f'<w:basedOn w:val="{attr(normal_id)}"/>' if normal_id else ""
    return template.replace("{id}", attr(own_id)).replace("{base}", base)


# Calibri 11 with 1.15 line spacing, as Word's own blank document.
_DEFAULTS = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:eastAsia="Calibri" '
    'w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
    '<w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
)


def style_id(name: str) -> str:
    """The id Word gives a style of this name (its name without spaces)."""
    return name.replace(" ", "")


def house_styles() -> tuple[bytes, dict[str, str]]:
    """A whole styles part in our house look, and name -> style id for every style a letter uses."""
    ids = {spec.name: style_id(spec.name) for spec in SPECS}
    base_ids = {**ids, "List Number": "ListNumber"}
    comment_styles = ""
    for name, (own_id, _) in _COMMENT_STYLES.items():
        comment_styles += _comment_style(name, own_id, "Normal")
        ids[name] = own_id
    styles = "".join(_style_xml(spec, base_ids[spec.name], base_ids.get(spec.base or "")) for spec in SPECS)
    body = f'<w:styles xmlns:w="{names.W_NS}">{_DEFAULTS}{_BASES}{comment_styles}{styles}</w:styles>'
    return xml_part(body), ids


def add_missing_styles(data: bytes) -> tuple[bytes, dict[str, str]]:
    """A template's styles part with the styles it lacks added in our look, and name -> style id.

    The template's own styles are kept byte for byte: its look wins.
    """
    found: dict[str, str] = {}
    for style in parse(data).iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        if name is not None and name.get(f"{_W}val") and style.get(f"{_W}styleId"):
            found.setdefault(name.get(f"{_W}val", ""), style.get(f"{_W}styleId", ""))
    taken = set(found.values())
    added = []
    for spec in SPECS:
        if spec.name in found:
            continue
        new_id = style_id(spec.name)
        while new_id in taken:  # a template may use our id for another name
            new_id += "1"
        taken.add(new_id)
        added.append(declare_w(_style_xml(spec, new_id, found.get(spec.base or ""))))
        found[spec.name] = new_id
    for name, (own_id, _) in _COMMENT_STYLES.items():
        if name in found:
            continue
        while own_id in taken:
            own_id += "1"
        taken.add(own_id)
        added.append(declare_w(_comment_style(name, own_id, found.get("Normal"))))
        found[name] = own_id
    ids = {name: found[name] for name in [spec.name for spec in SPECS] + list(_COMMENT_STYLES)}
    if not added:
        return data, ids
    return append_children(as_text(data), "styles", "".join(added)).encode("utf-8"), ids


def _style_xml(spec: StyleSpec, own_id: str, base_id: str | None) -> str:
    kind = "character" if spec.character else "paragraph"
    custom = "" if spec.name in _BUILT_IN else ' w:customStyle="1"'
    default = ' w:default="1"' if spec.name == "Normal" else ""
    head = f'<w:style w:type="{kind}"{default}{custom} w:styleId="{attr(own_id)}">'
    head += f'<w:name w:val="{attr(spec.name)}"/>'
    if base_id and spec.base:
        head += f'<w:basedOn w:val="{attr(base_id)}"/>'
    head += "<w:qFormat/>"
    paragraph = "" if spec.character else _paragraph_properties(spec)
    return f"{head}{paragraph}{_run_properties(spec)}</w:style>"


def _paragraph_properties(spec: StyleSpec) -> str:
    parts = ""
    if spec.keep_with_next:
        parts += "<w:keepNext/>"
    if spec.rule_below:
        parts += '<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="1F3A5F"/></w:pBdr>'
    spacing = ""
    if spec.before is not None:
        spacing += f' w:before="{_twips(spec.before)}"'
    if spec.after is not None:
        spacing += f' w:after="{_twips(spec.after)}"'
    if spacing:
        parts += f"<w:spacing{spacing}/>"
    if spec.left is not None:
        parts += f'<w:ind w:left="{_twips(spec.left)}"/>'
    if spec.align is not None:
        parts += f'<w:jc w:val="{spec.align}"/>'
    return f"<w:pPr>{parts}</w:pPr>" if parts else ""


def _run_properties(spec: StyleSpec) -> str:
    parts = ""
    if spec.bold is not None:
        parts += "<w:b/>" if spec.bold else '<w:b w:val="0"/>'
    if spec.italic is not None:
        parts += "<w:i/>" if spec.italic else '<w:i w:val="0"/>'
    if spec.color is not None:
        parts += f'<w:color w:val="{spec.color}"/>'
    if spec.size is not None:
        parts += f'<w:sz w:val="{round(spec.size * 2)}"/>'
    if spec.underline is not None:
        parts += f'<w:u w:val="{"single" if spec.underline else "none"}"/>'
    return f"<w:rPr>{parts}</w:rPr>" if parts else ""


def _twips(points: float) -> int:
    return round(points * 20)
