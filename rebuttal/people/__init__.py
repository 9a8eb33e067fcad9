"""People who sign letters: a society's people files and the ``[[signatories]]`` entries naming them.

Below both the library (which loads ``people/``) and the outline (whose ``[[signatories]]``
name people), so neither has to know the other.
"""
