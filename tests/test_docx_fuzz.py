"""Property tests: no edited DOCX and no template, however damaged or hostile, makes ``merge`` or
``build --template`` fail with a traceback: a result, or our one-line error.

Mutations start from a real export and the example template (``tests/docx_mutations.py``). The
longer run is ``python3 bench/fuzz_docx.py``.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.docx_mutations import TEMPLATE, builds_cleanly, export, merges_cleanly, mutate_package

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])


@FAST
@given(seed=st.integers(0, 2**32), steps=st.integers(1, 6))
def test_a_mutated_edited_letter_merges_or_is_one_line(tmp_path_factory, seed, steps) -> None:
    folder = tmp_path_factory.mktemp("merge")
    merges_cleanly(mutate_package(export(), random.Random(seed), steps), folder / "edited.docx")


@FAST
@given(seed=st.integers(0, 2**32), steps=st.integers(1, 6))
def test_a_mutated_template_gives_a_letter_or_one_line(tmp_path_factory, seed, steps) -> None:
    folder = tmp_path_factory.mktemp("template")
    builds_cleanly(mutate_package(TEMPLATE.read_bytes(), random.Random(seed), steps), folder)


def test_the_unchanged_files_give_results(tmp_path) -> None:
    """The mutations start from files that work: the fuzz tests reach past the first check."""
    assert merges_cleanly(export(), tmp_path / "edited.docx") == "report"
    assert builds_cleanly(TEMPLATE.read_bytes(), tmp_path) == "letter"
