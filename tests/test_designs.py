"""One table of study designs: what people type and what databases index come out as the library's tags."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from rebuttal.designs import (
    HEADINGS,
    PUBLICATION_TYPES,
    canonical_design,
    design_of,
    library_designs,
    same_design,
)
from rebuttal.refs.importers import import_text

ROOT = Path(__file__).resolve().parent.parent


def _builtin_tags() -> set[str]:
    return {tag for path in (ROOT / "blocks").rglob("*.toml")
            for tag in tomllib.loads(path.read_text(encoding="utf-8")).get("tags", [])}


@pytest.mark.parametrize(
    ("types", "title", "tag"),
    [
        (["Journal Article", "Randomized Controlled Trial"], "", "randomised trial"),
        (["Controlled Clinical Trial"], "", "randomised trial"),  # was "controlled trial"
        (["Clinical Trial, Phase III"], "", "randomised trial"),  # was "clinical trial"
        (["Journal Article", "Systematic Review", "Meta-Analysis"], "", "meta-analysis"),
        (["Systematic Review"], "A systematic review and network meta-analysis", "network meta-analysis"),
        (["Network Meta-Analysis", "Systematic Review"], "", "network meta-analysis"),
        (["Observational Study"], "", "observational study"),
        (["Cohort Study"], "", "cohort study"),
        (["Practice Guideline"], "", "guideline"),
        (["Consensus Development Conference, NIH"], "", "consensus statement"),
        (["Case Reports"], "", "case report"),
        (["Journal Article", "Research Support, Non-U.S. Gov't"], "", ""),
    ],
)
def test_a_publication_type_gives_the_librarys_tag(types: list[str], title: str, tag: str) -> None:
    assert design_of(types, title) == tag


def test_mesh_headings_name_the_design_only_when_no_publication_type_does() -> None:
    assert design_of(["Journal Article"], "", ["Humans", "Cohort Studies"]) == "cohort study"
    assert design_of(["Journal Article"], "", ["Retrospective Studies"]) == "cohort study"
    assert design_of(["Randomized Controlled Trial"], "", ["Cohort Studies"]) == "randomised trial"


def test_every_design_the_importers_give_is_a_tag_in_its_own_spelling() -> None:
    """What an import writes into [article].design is what canonical_design makes of it: the
    library's one name, never a synonym that matches only after translation."""
    given = {design_of([name]) for name in PUBLICATION_TYPES} | set(HEADINGS.values())
    assert "" not in given
    assert {canonical_design(tag) for tag in given} == given


def test_the_builtin_blocks_tag_designs_by_their_canonical_names() -> None:
    designs = library_designs(_builtin_tags())
    assert {"randomised trial", "meta-analysis", "network meta-analysis", "systematic review"} <= set(designs)
    assert [tag for tag in designs if canonical_design(tag) != tag] == []
    for kind in ("Randomized Controlled Trial", "Controlled Clinical Trial", "Meta-Analysis",
                 "Network Meta-Analysis", "Systematic Review", "Practice Guideline"):
        assert design_of([kind]) in _builtin_tags(), kind


def test_a_typed_design_matches_its_tag_whatever_the_spelling_or_synonym() -> None:
    assert same_design("Randomized Trial", "randomised trial")
    assert same_design("randomised trial", "RCT")
    assert same_design("cohort", "Retrospective cohort study")
    assert same_design("network meta-analysis", "Network Meta Analysis.")
    assert not same_design("randomised trial", "meta-analysis")
    assert not same_design("anything", "")


def test_a_medline_record_imports_its_design_as_the_librarys_tag() -> None:
    record = "PMID- 1\nTI  - A trial.\nDP  - 2020\nPT  - Journal Article\nPT  - Controlled Clinical Trial\n"
    (item,) = import_text(record, Path("a.nbib"), "medline").items
    assert item["_design"] == "randomised trial"
    record = "PMID- 2\nTI  - A cohort.\nDP  - 2020\nPT  - Journal Article\nMH  - Cohort Studies\n"
    (item,) = import_text(record, Path("b.nbib"), "medline").items
    assert item["_design"] == "cohort study"
