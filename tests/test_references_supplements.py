"""A journal supplement prints where each style puts it, however the item files it.

The BMJ prints a supplement after the volume, "2019;4(Suppl 1):e000858." (BMJ
2021;372:n71, reference 26, in tests/golden/reftypes/bmj.toml), though it prints
no issue number; Crossref and Zotero often give the supplement as the issue.
"""

from __future__ import annotations

import pytest

from tests.test_references_types import formatted

ARTICLE = {
    "type": "article-journal",
    "title": "Synthesising quantitative evidence",
    "author": [{"family": "Higgins", "given": "JPT"}],
    "container-title-short": "BMJ Glob Health",
    "volume": "4",
    "page": "e000858",
    "issued": {"date-parts": [[2019]]},
}


@pytest.mark.parametrize("issue", ["Suppl 1", "Suppl. 1", "Supplement 1", "Supplement_1", "suppl 1"])
def test_a_supplement_filed_as_the_issue_prints_as_a_supplement(issue: str) -> None:
    item = {**ARTICLE, "issue": issue}
    assert formatted("bmj", item).endswith("*BMJ Glob Health* 2019;4(Suppl 1):e000858.")
    assert formatted("nlm", item).endswith("BMJ Glob Health. 2019;4(Suppl 1):e000858.")
    # AMA lowers it, as its manual does: "2015;55(suppl 1):4" (tests/golden/reftypes/ama.toml).
    assert formatted("ama", item).endswith("*BMJ Glob Health*. 2019;4(suppl 1):e000858.")


def test_a_supplement_number_prints_after_the_volume_in_bmj_style() -> None:
    item = {**ARTICLE, "issue": "4", "supplement-number": "2"}
    assert formatted("bmj", item).endswith("*BMJ Glob Health* 2019;4(Suppl 2):e000858.")


@pytest.mark.parametrize("issue", ["4 Suppl 1", "suppl", "1-2", "3"])
def test_an_issue_that_is_not_only_a_numbered_supplement_stays_the_issue(issue: str) -> None:
    item = {**ARTICLE, "issue": issue}
    assert formatted("nlm", item).endswith(f"BMJ Glob Health. 2019;4({issue}):e000858.")
    # The BMJ prints no issue number.
    assert formatted("bmj", item).endswith("*BMJ Glob Health* 2019;4:e000858.")
