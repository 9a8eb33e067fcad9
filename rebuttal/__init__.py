"""rebuttal: assemble a medical society's rebuttal letter from approved blocks."""

__version__ = "0.1.0"
