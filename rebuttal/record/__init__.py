"""The society's record of letters: what was sent where, what became of it, and what it overlaps.

- :mod:`~rebuttal.record.letters`: letters on record in a library folder's ``letters/`` (kept in git with
  the blocks): one TOML file per letter, its frozen outline and its text as built;
- :mod:`~rebuttal.record.overlap`: which of a letter's words stand in runs shared with recorded letters
  (an index of hashed word runs in the user cache folder);
- :mod:`~rebuttal.record.watch` and :mod:`~rebuttal.record.notices`: what PubMed and Crossref say of the
  articles answered and of the works the blocks cite (comments, corrections, retractions).

Domain code: it reads and writes files and asks web services through :mod:`rebuttal.refs`, and never
prints; ``rebuttal letters`` and ``rebuttal watch`` word its results.
"""
