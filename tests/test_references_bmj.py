"""BMJ style: what the golden examples in ``tests/golden/reftypes/bmj.toml`` do not cover."""

from __future__ import annotations

from tests.test_references_types import formatted, imported

AHEAD_OF_PRINT = ("PMID- 31331883\nDP  - 2019 Jul\nTI  - OpenPose.\nFAU - Cao, Zhe\nPT  - Journal Article\n"
                  "DEP - 20190717\nPST - aheadofprint\nTA  - IEEE Trans Pattern Anal Mach Intell\n"
                  "LID - 10.1109/TPAMI.2019.2929257 [doi]\n")


def test_online_first_prints_the_date_it_was_published_online() -> None:
    # PubMed's issue date (DP) can be a month only; the Epub date (DEP) is the day it went online.
    item = imported(AHEAD_OF_PRINT, "medline")
    assert item["available-date"] == {"date-parts": [[2019, 7, 17]]}
    assert formatted("bmj", item) == ("Cao Z. OpenPose. *IEEE Trans Pattern Anal Mach Intell*. "
                                      "Published Online First: 17 July 2019. doi:10.1109/TPAMI.2019.2929257")


def test_online_first_without_an_online_date_prints_the_issued_date() -> None:
    item = {"type": "article-journal", "title": "A study", "author": [{"family": "Doe", "given": "J"}],
            "container-title-short": "Heart", "issued": {"date-parts": [[2019, 12, 10]]},
            "DOI": "10.1136/heartjnl-2019-315809"}
    assert "*Heart*. Published Online First: 10 December 2019. doi:10.1136/" in formatted("bmj", item)


def test_report_without_number_keeps_its_title_alone() -> None:
    item = {"type": "report", "title": "A report", "author": [{"literal": "An Agency"}], "genre": "Report",
            "issued": {"date-parts": [[2020]]}}
    # The kind is printed only with a number ("(NICE guideline NG163)"), never alone.
    assert formatted("bmj", item).startswith("An Agency. A report. 2020")


def test_chapter_prints_its_books_edition_as_the_book_does() -> None:
    book = {"type": "book", "title": "Medical microbiology", "edition": "4", "publisher": "Mosby",
            "author": [{"family": "Murray", "given": "PR"}], "issued": {"date-parts": [[2002]]}}
    chapter = {"type": "chapter", "title": "Staphylococcus", "author": [{"family": "Doe", "given": "J"}],
               "container-title": "Medical microbiology", "editor": [{"family": "Murray", "given": "PR"}],
               "edition": "4", "publisher": "Mosby", "issued": {"date-parts": [[2002]]}, "page": "10-20"}
    assert formatted("bmj", book) == "Murray PR. *Medical microbiology*. 4th ed. Mosby, 2002."
    assert formatted("bmj", chapter) == ("Doe J. Staphylococcus. In: Murray PR, ed. *Medical microbiology*. "
                                         "4th ed. Mosby, 2002:10-20.")
