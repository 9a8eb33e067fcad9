"""CSL formatting with citeproc-py: the engine, our corrections, page ranges, the entry cache.

Only :mod:`rebuttal.refs.formatting` imports from here at build time; citeproc-py
itself is imported by :mod:`rebuttal.refs.csl.engine` on a cache miss.
"""
