"""Taking an edited DOCX back: map its paragraphs to body items, report, apply.

The DOCX reader (``rebuttal.exchange.docx.read``) hands over plain data
(``rebuttal.exchange.edited``, a leaf module like ``rebuttal.model``); ``mapping`` finds
each paragraph's body item; ``baseline`` is the letter as the outline makes it
now; ``compare`` classifies items and turns edited runs back into markup
(``wording``); ``report`` runs it all and describes it; ``apply`` writes the
editors' version into the outline; ``propose`` writes library drafts. Nothing
here imports python-docx (the reader does) or Textual.
"""
