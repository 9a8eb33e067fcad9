"""Taking an edited DOCX back: map its paragraphs to body items, report, apply.

``edited`` is what the DOCX reader (``rebuttal.render.docx.reader``) hands over,
plain data; ``mapping`` finds each paragraph's body item; ``compare`` classifies
items and turns edited runs back into markup; ``apply`` writes the editors'
version into the outline; ``propose`` writes library drafts. Nothing here
imports python-docx (the reader does) or Textual.
"""
