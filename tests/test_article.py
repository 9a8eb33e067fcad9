"""The target article and its CSL-JSON item, both directions in one module (rebuttal.refs.article)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rebuttal.refs.article import (
    ARTICLE_FIELDS,
    ARTICLE_KEY,
    Article,
    article_from_item,
    article_item,
    article_problem,
)

ARTICLE = Article(
    title="Radiofrequency denervation for chronic low back pain", authors=["Juch, JNS", "GBD Collaborators"],
    journal="JAMA", journal_abbrev="JAMA", date="2017-07-04", volume="318", issue="1", pages="68-81",
    doi="10.1001/jama.2017.7918", pmid="28672319", url="https://example.org/juch",
)


def test_an_article_goes_to_csl_and_back_unchanged() -> None:
    item = article_item(ARTICLE)
    assert item is not None and item["id"] == ARTICLE_KEY
    assert item["author"] == [{"family": "Juch", "given": "JNS"}, {"literal": "GBD Collaborators"}]
    assert item["issued"] == {"date-parts": [[2017, 7, 4]]}
    assert article_from_item(item) == ARTICLE


def test_what_the_reference_does_not_carry_comes_from_the_item_or_is_kept() -> None:
    """The design, abstract and keywords describe the article for ranking, not for citing."""
    described = replace(ARTICLE, design="randomised trial", abstract="Objective: ...", keywords=["pain"])
    item = article_item(described)
    assert item is not None and not {"_design", "abstract", "keyword"} & set(item)
    assert article_from_item(item, keep=described).design == "randomised trial"
    item.update({"_design": "cohort study", "abstract": "Background.", "keyword": "a; b"})
    back = article_from_item(item, keep=described)
    assert (back.design, back.abstract, back.keywords) == ("cohort study", "Background.", ["a", "b"])


def test_an_article_without_a_title_is_not_a_reference_yet() -> None:
    assert article_item(Article(authors=["Juch, JNS"])) is None


@pytest.mark.parametrize(("name", "value", "problem"), [
    ("doi", "10.1001/jama.2017.7918", None),
    ("doi", "jama.2017", "'jama.2017' is not a DOI (expected 10.NNNN/suffix)"),
    ("pmid", "28672319", None),
    ("pmid", "PMC123", "'PMC123' is not a PubMed ID (digits only)"),
    ("date", "2017-02", None),
    ("date", "2017-02-30", "'2017-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("title", "anything", None),
])
def test_identifiers_and_dates_are_checked(name: str, value: str, problem: str | None) -> None:
    assert article_problem(name, value) == ((name, problem) if problem else None)


def test_the_article_form_shows_article_fields_and_keeps_the_others() -> None:
    from rebuttal.ui.form_fields import ARTICLE_FORM

    shown = [name for name, _, _ in ARTICLE_FORM]
    assert set(shown) < set(ARTICLE_FIELDS)
    assert [name for name in ARTICLE_FIELDS if name in shown] == shown  # in the outline's order


def test_keywords_and_abstract_pasted_as_pubmed_shows_them() -> None:
    from rebuttal.refs.article import pasted_abstract, pasted_keywords

    assert pasted_keywords("Keywords: Low back pain; Radiofrequency denervation; sham; low back pain.") == [
        "Low back pain", "Radiofrequency denervation", "sham"]
    assert pasted_keywords("sciatica\nmicrodiscectomy\n") == ["sciatica", "microdiscectomy"]
    assert pasted_keywords("sciatica, surgery") == ["sciatica", "surgery"]
    assert pasted_keywords("  ") == []
    page = ("Abstract\n\nBackground: Sciatica is\ncommon.\n\nMethods: We randomly assigned\x01 patients.\n\n"
            "Keywords: sciatica; surgery.\n\nCopyright © 2020 Massachusetts Medical Society.")
    expected = "Background: Sciatica is common.\n\nMethods: We randomly assigned patients."
    assert pasted_abstract(page) == expected
    assert pasted_abstract("One paragraph only.") == "One paragraph only."
