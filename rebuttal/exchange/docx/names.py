"""The words a letter's Word file and rebuttal agree on: style names, our comment author, part names.

The writer (:mod:`rebuttal.exchange.docx.write`) gives every paragraph one of
these named styles and files the export record and comments in these parts;
the reader (:mod:`rebuttal.exchange.docx.read`) and ``rebuttal merge`` find
the letter's parts again by the same names. Plain constants: importing them
loads neither the writer nor python-docx.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Paragraph and character styles, by the name Word shows (Word's built-in names where one fits).
LETTERHEAD = "Letterhead"
TAGLINE = "Letterhead Tagline"
DATE = "Date"
RECIPIENT = "Inside Address"
TITLE = "Title"
SALUTATION = "Salutation"
BODY = "Body Text"
POINT = "Point Heading"
POINT_BODY = "List Continue"
CLOSING = "Closing"
SIGNATURE = "Signature"
COMPETING = "Competing Interests"
REFERENCES_HEADING = "Bibliography Heading"
REFERENCE = "Bibliography"
HEADER = "Header"
FOOTER = "Footer"
HYPERLINK = "Hyperlink"
STRONG = "Strong"
# The styles of Word comments (Word's own names for them).
COMMENT_TEXT = "annotation text"
COMMENT_REFERENCE = "annotation reference"

# The paragraphs around the body, made from the outline's fields and the society's profile rather
# than from body items: a merge reports edits to them and leaves them to the outline.
FRAME_STYLES = frozenset({
    LETTERHEAD, TAGLINE, DATE, RECIPIENT, TITLE, SALUTATION, SIGNATURE, COMPETING,
    REFERENCES_HEADING, REFERENCE, HEADER, FOOTER,
})

# The author of the comments ``build --comments`` writes: ours, not the editors'.
COMMENT_AUTHOR = "rebuttal"

# Where the export keeps what it writes besides the body (the names it uses when a template has none).
COMMENTS_PART = "word/comments.xml"
CUSTOM_PROPERTIES_PART = "docProps/custom.xml"
