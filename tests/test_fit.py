"""Fitting a letter to a word limit with short variants, and `rebuttal build --fit`."""

import copy
from pathlib import Path

from rebuttal.cli import main
from rebuttal.letter.fit import fit_to_limit
from rebuttal.letter.outline import Outline
from rebuttal.library.stack import Library
from rebuttal.model import Document

from .conftest import EXAMPLE, TODAY


def test_fit_shortens_from_the_end_until_it_fits(
    builtin_library: Library, example_outline: Outline, example_document: Document
) -> None:
    before = copy.deepcopy(example_outline)
    result = fit_to_limit(builtin_library, example_outline, 700, today=TODAY)
    assert result.fits and result.document.word_count() <= 700
    positions = [change.position for change in result.changes]
    assert positions == sorted(positions, reverse=True) and positions
    # The last block that could be shortened went first, and nothing before the last change moved.
    shortenable = [
        i for i, item in enumerate(example_outline.body)
        if builtin_library.block(item.block).short
    ]
    assert positions == shortenable[::-1][: len(positions)]
    for change in result.changes:
        assert result.outline.body[change.position].variant == "short"
        assert change.words_after < change.words_before
    # It stopped as soon as it fitted: one change fewer would not have.
    assert result.changes[-1].words_before > 700
    assert example_outline == before  # the caller's outline is untouched
    assert result.changes[0].words_before == example_document.word_count()


def test_fit_reports_when_even_every_short_variant_is_too_long(
    builtin_library: Library, example_outline: Outline
) -> None:
    result = fit_to_limit(builtin_library, example_outline, 100, today=TODAY)
    assert not result.fits
    switched = {change.block_id for change in result.changes}
    body = example_outline.body
    assert switched == {item.block for item in body if builtin_library.block(item.block).short}


def test_fit_leaves_own_text_and_short_variants_alone(
    builtin_library: Library, example_outline: Outline
) -> None:
    example_outline.body[-2].text = "Our own closing words, in full, which stay as written."
    example_outline.body[-3].variant = "short"
    result = fit_to_limit(builtin_library, example_outline, 100, today=TODAY)
    changed = {change.position for change in result.changes}
    assert len(example_outline.body) - 2 not in changed and len(example_outline.body) - 3 not in changed
    assert result.outline.body[-2].variant == "full"


def test_no_limit_or_already_fitting_changes_nothing(
    builtin_library: Library, example_outline: Outline
) -> None:
    assert fit_to_limit(builtin_library, example_outline, None, today=TODAY).changes == ()
    assert fit_to_limit(builtin_library, example_outline, 5000, today=TODAY).changes == ()


def test_build_fit_says_what_it_changed(tmp_path: Path, capsys) -> None:
    out = tmp_path / "letter.txt"
    status = main(["build", str(EXAMPLE), "--fit", "--venue", "bmj-rapid-response", "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 0
    lines = [line for line in err.splitlines() if line.startswith("fit: body[")]
    assert lines and "closing/research-expertise: short variant" in lines[0]
    words = int(err.split(" words")[-2].rsplit(" ", 1)[-1])
    assert words <= 600 and "warning" not in err
    assert out.read_text().count("\n") > 10


def test_build_fit_warns_when_it_cannot_fit_and_skips_venues_without_limits(
    tmp_path: Path, capsys
) -> None:
    out = tmp_path / "letter.md"
    # It cannot reach the limit: it says so and exits 1 (scripts notice), the file still written.
    assert main(["build", str(EXAMPLE), "--fit", "--venue", "jama-letter", "-o", str(out)]) == 1
    assert "warning: still" in capsys.readouterr().err
    assert out.is_file()
    assert main(["build", str(EXAMPLE), "--fit", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "society-statement has no word limit" in err and "823 words" in err
    assert main(["build", str(EXAMPLE), "--fit", "--venue", "nope", "-o", str(out)]) == 2
