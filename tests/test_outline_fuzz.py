"""Property test: no outline text makes loading or assembling raise anything but our error.

The longer run (10,000 cases) is ``python3 bench/fuzz_outline.py``.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rebuttal.library.stack import Library

from .outline_fuzz import SEEDS, TOKENS, loads_cleanly, mutate

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])


def test_the_seeds_themselves_load(builtin_library: Library) -> None:
    from rebuttal.library.stack import load_library

    from .conftest import FIXTURES

    with_fixtures = load_library([*builtin_library.folders, FIXTURES / "library"])
    assert [loads_cleanly(seed, with_fixtures) for seed in SEEDS] == ["letter"] * len(SEEDS)


@FAST
@given(seed=st.integers(0, len(SEEDS) - 1), mutation_seed=st.integers(0, 2**32), steps=st.integers(1, 10))
def test_mutated_outlines_never_raise_anything_but_our_error(builtin_library: Library, seed, mutation_seed,
                                                             steps) -> None:
    loads_cleanly(mutate(SEEDS[seed], random.Random(mutation_seed), steps), builtin_library)


@FAST
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=12), max_size=30))
def test_random_token_soup_never_raises_anything_but_our_error(builtin_library: Library, pieces) -> None:
    loads_cleanly("".join(pieces), builtin_library)
