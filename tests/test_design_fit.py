"""A block reads right for every design it is tagged for: wordings per design family, and lint."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rebuttal.errors import RebuttalError
from rebuttal.library.committee import lint
from rebuttal.library.design_fit import built_text, review_words
from rebuttal.library.stack import builtin_folder, load_block

REVIEW_TEXT = "Many of the trials pooled in this {article.design} followed patients for weeks."
TRIAL_TEXT = "This {article.design} followed its patients for only three months."


def _write(folder: Path, body: str, name: str = "concerns/follow-up") -> Path:
    path = folder / f"{name}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


def test_a_block_written_for_reviews_but_tagged_for_a_trial_is_flagged(tmp_path: Path) -> None:
    _write(tmp_path, f'''
        title = "Follow-up"
        kind = "concern"
        tags = ["meta-analysis", "randomised trial"]
        text = "{REVIEW_TEXT}"
        short = "Pooled trials were short."
    ''')
    problems = lint([tmp_path])
    assert [(p.field, p.line) for p in problems] == [("text", 4), ("short", 5)]
    assert "tagged 'randomised trial'" in problems[0].message and "'trials pooled'" in problems[0].message
    assert "[wording.trial]" in problems[0].message


def test_a_trial_wording_makes_it_clean_and_is_chosen_by_the_design(tmp_path: Path) -> None:
    path = _write(tmp_path, f'''
        title = "Follow-up"
        kind = "concern"
        tags = ["meta-analysis", "randomised trial", "cohort study"]
        text = "{REVIEW_TEXT}"

        [wording.trial]
        text = "{TRIAL_TEXT}"

        [wording.observational]
        text = "This {{article.design}} followed its patients for a year."
    ''')
    assert lint([tmp_path]) == []
    block = load_block(path, "concerns/follow-up")
    assert block.variant_text("full", "RCT") == TRIAL_TEXT  # a synonym of the trial family
    assert block.variant_text("full", "network meta-analysis") == REVIEW_TEXT
    assert block.variant_text("full", "") == REVIEW_TEXT  # no design: the main wording
    assert block.wording_for("retrospective cohort study").family == "observational"
    assert review_words(built_text(block.variant_text("full", "cohort study"), "cohort study")) == []


def test_a_wording_for_no_tagged_design_or_without_a_short_variant_is_flagged(tmp_path: Path) -> None:
    _write(tmp_path, f'''
        title = "Follow-up"
        kind = "concern"
        tags = ["meta-analysis"]
        text = "{REVIEW_TEXT}"
        short = "Short."

        [wording.trial]
        text = "{TRIAL_TEXT}"
    ''')
    fields = [(p.field, p.message) for p in lint([tmp_path])]
    assert fields[0][0] == "wording.trial" and "never used" in fields[0][1]
    assert fields[1][0] == "wording.trial.text" and "this one has none" in fields[1][1]


def test_an_unknown_family_is_a_located_error(tmp_path: Path) -> None:
    path = _write(tmp_path, '''
        title = "Follow-up"
        kind = "concern"
        text = "Text."

        [wording.trail]
        text = "Trial text."
    ''')
    with pytest.raises(RebuttalError) as caught:
        load_block(path, "concerns/follow-up")
    assert caught.value.field == "wording" and "did you mean 'trial'" in caught.value.message


def test_wordings_are_part_of_the_approved_hash(tmp_path: Path) -> None:
    base = f'title = "F"\nkind = "concern"\ntext = "{REVIEW_TEXT}"\n'
    plain = load_block(_write(tmp_path, base, "a/plain"), "a/plain")
    worded_path = _write(tmp_path, base + f'[wording.trial]\ntext = "{TRIAL_TEXT}"\n', "a/worded")
    worded = load_block(worded_path, "a/worded")
    assert plain.wording_hash != worded.wording_hash
    # A block without wordings keeps the hash it always had (title, text, short).
    import hashlib
    expected = hashlib.sha256("\n\x1f\n".join(["F", REVIEW_TEXT, ""]).encode()).hexdigest()
    assert plain.wording_hash == "sha256:" + expected


def test_review_words() -> None:
    assert review_words("The included trials were pooled; the meta-analysis shows") == [
        "included trials", "pooled", "meta-analysis"]
    assert review_words("This randomised trial followed its patients for 3 months.") == []


def test_the_shipped_library_is_clean() -> None:
    assert [str(p) for p in lint([builtin_folder()])] == []


def test_the_wording_a_design_takes_in_a_few_words() -> None:
    from rebuttal.library.design_fit import wording_label
    from rebuttal.library.stack import load_library

    library = load_library([builtin_folder()])
    sham = library.block("concerns/sham-comparator")
    assert wording_label(sham, "RCT") == "trial wording"
    assert wording_label(sham, "network meta-analysis") == "main wording"  # it has another to choose
    assert wording_label(sham, "cohort study") == "not for a cohort study"
    assert wording_label(library.block("concerns/heterogeneity"), "meta-analysis") == ""  # one wording only
    assert wording_label(library.block("evidence/burden-of-chronic-pain"), "cohort") == ""  # no design tags
    assert wording_label(sham, "") == ""
