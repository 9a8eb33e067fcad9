"""DOCX entry point kept for callers that import it: the work is in ``rebuttal.render.docx``."""

from rebuttal.render.docx import write_docx

__all__ = ["write_docx"]
