"""Property tests: no input makes a reader (or the import that writes a library) fail with a traceback.

Random and mutated inputs end either in items that pass the bibliography
loader's checks or in our one-line RebuttalError. The longer run (10,000
cases a format) is ``python3 bench/fuzz_import.py``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rebuttal.errors import RebuttalError
from rebuttal.refs.bibliography import parse_bibliography, validate_item
from rebuttal.refs.importers import import_text
from tests.import_mutations import SEEDS, TOKENS, mutate, mutate_csl, seed_text

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMATS = sorted(SEEDS)


def imports_cleanly(text: str, fmt: str) -> str:
    """Either items the loader accepts ("items"), or a RebuttalError ("error"); nothing else."""
    path = Path(f"fuzz.{fmt}")
    try:
        result = import_text(text, path, fmt)
    except RebuttalError as error:
        assert "\n" not in str(error)
        return "error"
    for index, item in enumerate(result.items):
        validate_item(item, path, index)
    saved = [{k: v for k, v in item.items() if not k.startswith("_")} for item in result.items]
    # What `rebuttal import` would write loads again.
    parse_bibliography(json.dumps(saved, ensure_ascii=False), Path("references.json"))
    return "items"


@FAST
@given(fmt=st.sampled_from(FORMATS), seed=st.integers(0, 6), mutation_seed=st.integers(0, 2**32),
       steps=st.integers(1, 12))
def test_mutated_fixtures_never_raise_anything_but_our_error(fmt, seed, mutation_seed, steps) -> None:
    imports_cleanly(mutate(seed_text(fmt, seed), random.Random(mutation_seed), steps), fmt)


@FAST
@given(fmt=st.sampled_from(FORMATS),
       pieces=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=40))
def test_random_token_soup_never_raises_anything_but_our_error(fmt, pieces) -> None:
    imports_cleanly("".join(pieces), fmt)


CSL_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12)
    | st.sampled_from(["July 2019", "2019-07-13", "Smith, J", "Smith, J and Doe, K", "13 Jul 2019"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["family", "given", "literal", "date-parts", "raw", "year"]), children, max_size=3),
    max_leaves=8,
)
CSL_ITEMS = st.dictionaries(
    st.sampled_from(["id", "type", "title", "author", "editor", "issued", "accessed", "DOI", "PMID",
                     "container-title", "page", "volume", "abstract", "keyword"]),
    CSL_VALUES, max_size=8,
)


@FAST
@given(items=st.lists(CSL_ITEMS, min_size=1, max_size=4))
def test_csl_items_of_any_shape_never_make_a_library_that_cannot_load(items) -> None:
    imports_cleanly(json.dumps(items), "csl-json")


@FAST
@given(seed=st.integers(0, 1), mutation_seed=st.integers(0, 2**32), steps=st.integers(1, 6))
def test_csl_fixtures_with_odd_field_shapes_never_raise_anything_but_ours(seed, mutation_seed, steps) -> None:
    imports_cleanly(mutate_csl(seed_text("csl-json", seed), random.Random(mutation_seed), steps), "csl-json")
