"""DOCX, out and back: the letter the editors open in Word, and their edited copy read again.

Mirrored as pandoc mirrors its readers and writers:

* ``write`` composes the letter's WordprocessingML itself and zips it
  (python-docx's object model took longer to import than the rest of a build);
* ``read`` takes an edited letter back as plain data (:mod:`rebuttal.exchange.edited`),
  the only place python-docx is imported;
* ``names`` is the vocabulary both share (style names, our comment author, part
  names), which ``rebuttal.merge`` reads without loading either.

Nothing is imported here, so reaching one side never loads the other.
"""
