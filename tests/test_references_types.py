"""Every kind of reference a medical letter cites, printed as each style's own sources print it.

The golden files in ``tests/golden/reftypes`` hold real references (a manual's
example, a journal's printed list, or a library guide's, as each says) with
the CSL-JSON they are formatted from. Emphasis is compared too: ``*italic*``.
A conference paper read from RIS and from BibTeX must print its meeting,
date and place in every style.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from rebuttal.model import Span
from rebuttal.refs.importers import import_text
from rebuttal.refs.styles import get_style

GOLDEN = Path(__file__).resolve().parent / "golden" / "reftypes"
STYLES = ("nlm", "ama", "bmj")
KINDS = {"manual", "journal", "guide"}


def printed_markup(spans: tuple[Span, ...]) -> str:
    """An entry as a page prints it: italics marked, links as their plain text."""
    return "".join(f"*{span.text}*" if span.italic else span.text for span in spans)


def imported(text: str, fmt: str) -> dict:
    """The one item a short export in ``fmt`` holds, read as ``rebuttal import`` reads it."""
    [item] = import_text(text, Path(f"refs.{fmt}"), fmt).items
    return item


def examples(style: str) -> list[dict]:
    return tomllib.loads((GOLDEN / f"{style}.toml").read_text(encoding="utf-8"))["example"]


def formatted(style: str, item: dict) -> str:
    chosen = get_style(style)
    # Through JSON, as a library's CSL-JSON file would give it; never from the entry cache.
    item = {"id": "example", **json.loads(json.dumps(item))}
    from rebuttal.refs.formatting import format_entries

    spans = format_entries(chosen.name, chosen.csl_path, [item], nlm_suffixes=chosen.nlm_suffixes,
                           use_cache=False)[0]
    return printed_markup(spans)


CASES = [(style, index) for style in STYLES for index in range(len(examples(style)))]


@pytest.mark.parametrize(("style", "index"), CASES, ids=[f"{style}-{index}" for style, index in CASES])
def test_example_prints_as_its_source_does(style: str, index: int) -> None:
    example = examples(style)[index]
    assert formatted(style, example["item"]) == example.get("rebuttal", example["printed"])


# The kinds of work the issue names ("every kind of reference prints right"), each golden example's
# `type` sorted under one of them by what its label says.
KINDS_OF_WORK = {
    "meeting abstract": ("(meeting abstract)",),
    "paper presented or in proceedings": ("paper-conference",),
    "book": ("book",), "chapter": ("chapter",), "report": ("report",), "web page": ("webpage",),
    "thesis": ("thesis",), "preprint": ("(preprint)",), "data set": ("dataset",),
    "Cochrane review": ("(Cochrane review)",), "online first": ("(online first",),
    "retracted article": ("(retracted", "(retraction notice)"),
}
# Where a style holds fewer than three real examples of a kind: how many it holds. docs/library.md
# ("Not yet found in print") lists every route searched; an example added here must lower the count.
SHORT_OF_THREE = {("bmj", "meeting abstract"): 0, ("bmj", "thesis"): 1}


def kind_of_work(label: str) -> str | None:
    """The kind of work a golden example's `type` label names (the first that matches, abstracts first)."""
    return next((kind for kind, marks in KINDS_OF_WORK.items() if any(m in label for m in marks)), None)


@pytest.mark.parametrize("style", STYLES)
def test_three_real_examples_of_every_kind_or_the_shortfall_is_recorded(style: str) -> None:
    counts = dict.fromkeys(KINDS_OF_WORK, 0)
    for example in examples(style):
        if (kind := kind_of_work(example["type"])) is not None:
            counts[kind] += 1
    held = {kind: counts[kind] for kind in KINDS_OF_WORK if (style, kind) in SHORT_OF_THREE}
    assert held == {kind: n for (s, kind), n in SHORT_OF_THREE.items() if s == style}
    assert all(counts[kind] >= 3 for kind in KINDS_OF_WORK if (style, kind) not in SHORT_OF_THREE), counts


@pytest.mark.parametrize("style", STYLES)
def test_every_example_names_its_source(style: str) -> None:
    for example in examples(style):
        assert example["kind"] in KINDS and len(example["source"]) > 20
        assert example["item"]["type"] in example["type"]
        if "rebuttal" in example:
            # An example rebuttal prints otherwise says why, and still differs from the source.
            assert example["differs"] and example["rebuttal"] != example["printed"]


RIS = """TY  - CPAPER
AU  - Rubin, B
AU  - Ali, S
AU  - Subbiah, B
TI  - Cell cycle dysregulation in epithelioid hemangioendothelioma
T2  - Annual Meeting of The Connective Tissue Oncology Society
CY  - Maui, HI
DA  - 2017/11/09/
PY  - 2017
ER  -
"""
BIBTEX = """@inproceedings{rubin2017,
  author = {Rubin, B. and Ali, S. and Subbiah, B.},
  title = {Cell cycle dysregulation in epithelioid hemangioendothelioma},
  eventtitle = {Annual Meeting of The Connective Tissue Oncology Society},
  venue = {Maui, HI},
  eventdate = {2017-11-09},
  year = {2017},
}
"""
PRESENTED = {
    "nlm": "Paper presented at: Annual Meeting of The Connective Tissue Oncology Society; 2017 Nov 9; "
           "Maui, HI.",
    "ama": "Paper presented at: Annual Meeting of The Connective Tissue Oncology Society; November 9, 2017; "
           "Maui, HI.",
    "bmj": "Paper presented at: Annual Meeting of The Connective Tissue Oncology Society; 9 November 2017; "
           "Maui, HI.",
}


@pytest.mark.parametrize(("text", "fmt", "name"), [(RIS, "ris", "refs.ris"), (BIBTEX, "bibtex", "refs.bib")])
@pytest.mark.parametrize("style", STYLES)
def test_imported_conference_paper_prints_meeting_date_and_place(text: str, fmt: str, name: str,
                                                                 style: str) -> None:
    [item] = import_text(text, Path(name), fmt).items
    entry = formatted(style, item)
    title = "Rubin B, Ali S, Subbiah B. Cell cycle dysregulation in epithelioid hemangioendothelioma. "
    assert entry == title + PRESENTED[style]


def test_proceedings_paper_from_ris_keeps_proceedings_meeting_and_publisher() -> None:
    ris = ("TY  - CONF\nAU  - Rice, AS\nTI  - Canabinoids and pain\n"
           "C3  - Proceedings of the 10th World Congress on Pain\nT2  - 10th World Congress on Pain\n"
           "CY  - Seattle (WA)\nPB  - IASP Press\nPY  - 2003\nSP  - 437\nEP  - 468\nER  -\n")
    item = imported(ris, "ris")
    assert item["container-title"] == "Proceedings of the 10th World Congress on Pain"
    assert item["publisher-place"] == "Seattle (WA)" and "event-place" not in item
    assert formatted("nlm", item) == (
        "Rice AS. Canabinoids and pain. In: Proceedings of the 10th World Congress on Pain. "
        "Seattle (WA): IASP Press; 2003. p. 437-68.")


def test_bibtex_event_date_range_prints_as_a_range() -> None:
    bib = BIBTEX.replace("eventdate = {2017-11-09}", "eventdate = {2017-11-09/2017-11-12}")
    item = imported(bib, "bibtex")
    assert item["event-date"] == {"date-parts": [[2017, 11, 9], [2017, 11, 12]]}
    assert "; 2017 Nov 9-12; Maui, HI." in formatted("nlm", item)
    assert "; November 9-12, 2017; Maui, HI." in formatted("ama", item)
    # The BMJ joins ranges with a hyphen, dates as pages ("Nature 2018;555:175-82.", BMJ 2021;372:n71).
    assert "; 9-12 November 2017; Maui, HI." in formatted("bmj", item)


MEDLINE = """PMID- 11198094
DP  - 2000 Dec
TI  - Safety and tolerability of a rapidly escalating dose-loading regimen for
      risperidone.
PG  - 909-11
VI  - 61
IP  - 12
FAU - Feifel, David
PT  - Journal Article
PT  - Retracted Publication
DEP - 20001215
TA  - J Clin Psychiatry
JT  - The Journal of clinical psychiatry
RIN - J Clin Psychiatry. 2002 Feb;63(2):169. PMID: 11874223
"""


def test_medline_retraction_and_epub_date_are_imported_and_printed() -> None:
    item = imported(MEDLINE, "medline")
    assert item["available-date"] == {"date-parts": [[2000, 12, 15]]}
    assert item["references"] == "Retraction in: J Clin Psychiatry. 2002 Feb;63(2):169."
    assert formatted("nlm", item).endswith(
        "J Clin Psychiatry. 2000 Dec;61(12):909-11. Epub 2000 Dec 15. Retraction in: J Clin Psychiatry. "
        "2002 Feb;63(2):169. PMID: 11198094.")
    ama = formatted("ama", item)
    assert "*J Clin Psychiatry*. 2000;61(12):909-911. Retraction in: J Clin Psychiatry." in ama


def test_medline_preprint_names_its_server() -> None:
    record = ("PMID- 32511383\nDP  - 2020 Apr 23\nTI  - A preprint.\nFAU - Doe, Jane\nPT  - Preprint\n"
              "TA  - bioRxiv\nJT  - bioRxiv : the preprint server for biology\n"
              "LID - 10.1101/2020.04.22.055087 [doi]\n")
    item = imported(record, "medline")
    assert item["type"] == "article" and item["container-title"] == "bioRxiv"
    assert "Doe J. A preprint. bioRxiv [Preprint]. 2020 Apr 23. doi: 10.1101/2020.04.22.055087." in \
        formatted("nlm", item)
    assert "*bioRxiv*. Preprint posted online April 23, 2020. doi:10.1101/2020.04.22.055087" in \
        formatted("ama", item)


def test_crossref_event_and_posted_content_become_csl() -> None:
    answer = json.dumps({
        "type": "posted-content", "title": "A preprint", "author": [{"family": "Doe", "given": "J"}],
        "institution": [{"name": "medRxiv"}], "publisher": "Cold Spring Harbor Laboratory",
        "issued": {"date-parts": [[2020, 4, 8]]}, "DOI": "10.1101/2020.04.05.20054502",
        "event": {"name": "A meeting", "location": "Paris, France",
                  "start": {"date-parts": [[2020, 6, 1]]}, "end": {"date-parts": [[2020, 6, 3]]}},
    })
    item = imported(answer, "csl-json")
    assert item["type"] == "article" and item["container-title"] == "medRxiv"
    assert item["event-title"] == "A meeting" and item["event-place"] == "Paris, France"
    assert item["event-date"] == {"date-parts": [[2020, 6, 1], [2020, 6, 3]]}
    assert "*medRxiv*. Preprint posted online April 8, 2020." in formatted("ama", item)


@pytest.mark.parametrize("style", STYLES)
def test_crossref_proceedings_article_is_a_paper_presented_at_its_meeting(style: str) -> None:
    # Crossref's /works answers name a conference paper "proceedings-article", not CSL's "paper-conference".
    answer = json.dumps({
        "type": "proceedings-article",
        "title": "Cell cycle dysregulation in epithelioid hemangioendothelioma",
        "author": [{"family": "Rubin", "given": "B"}, {"family": "Ali", "given": "S"},
                   {"family": "Subbiah", "given": "B"}],
        "event": {"name": "Annual Meeting of The Connective Tissue Oncology Society", "location": "Maui, HI",
                  "start": {"date-parts": [[2017, 11, 9]]}},
        "issued": {"date-parts": [[2017]]},
    })
    item = imported(answer, "csl-json")
    assert item["type"] == "paper-conference"
    title = "Rubin B, Ali S, Subbiah B. Cell cycle dysregulation in epithelioid hemangioendothelioma. "
    assert formatted(style, item) == title + PRESENTED[style]


def test_crossref_work_types_become_csl_types() -> None:
    for crossref, csl in (("journal-article", "article-journal"), ("book-chapter", "chapter"),
                          ("dissertation", "thesis"), ("monograph", "book"), ("dataset", "dataset")):
        answer = json.dumps({"type": crossref, "title": "T", "issued": {"date-parts": [[2020]]}})
        item = imported(answer, "csl-json")
        assert item["type"] == csl


MEDLINE_NOTICE = ("PMID- 11874223\nDP  - 2002 Feb\nTI  - Retraction.\nPG  - 169\nVI  - 63\nIP  - 2\n"
                  "FAU - Feifel, David\nPT  - Retraction of Publication\nTA  - J Clin Psychiatry\n"
                  "ROF - J Clin Psychiatry. 2000 Dec;61(12):909-11. PMID: 11198094\n")
MEDLINE_EARLY = ("PMID- 31331883\nDP  - 2019 Jul 17\nTI  - OpenPose.\nFAU - Cao, Zhe\nPT  - Journal Article\n"
                 "PST - aheadofprint\nTA  - IEEE Trans Pattern Anal Mach Intell\n"
                 "LID - 10.1109/TPAMI.2019.2929257 [doi]\n")


@pytest.mark.parametrize(("record", "field", "value", "ending"), [
    (MEDLINE_NOTICE, "references", "Retraction of: J Clin Psychiatry. 2000 Dec;61(12):909-11.",
     "J Clin Psychiatry. 2002 Feb;63(2):169. Retraction of: J Clin Psychiatry. 2000 Dec;61(12):909-11. "
     "PMID: 11874223."),
    (MEDLINE, "status", "retracted", None),
    (MEDLINE_EARLY, "status", "ahead of print",
     "IEEE Trans Pattern Anal Mach Intell. 2019 Jul 17. doi: 10.1109/TPAMI.2019.2929257. "
     "Epub ahead of print. PMID: 31331883."),
], ids=["retraction notice", "retracted", "ahead of print"])
def test_medline_retraction_notice_status_and_ahead_of_print(record: str, field: str, value: str,
                                                             ending: str | None) -> None:
    item = imported(record, "medline")
    assert item[field] == value
    if ending:
        assert formatted("nlm", item).endswith(ending)


def test_crossref_retraction_becomes_the_notice_and_status() -> None:
    answer = json.dumps({
        "type": "journal-article", "title": "A retracted study", "author": [{"family": "Doe", "given": "J"}],
        "container-title": ["Scientific Reports"], "container-title-short": "Sci Rep",
        "issued": {"date-parts": [[2024, 10, 18]]}, "volume": "14", "issue": "1", "page": "24440",
        "updated-by": [{"type": "retraction", "DOI": "10.1038/s41598-026-49689-4", "label": "Retraction"},
                       {"type": "correction", "DOI": "10.1038/other"}],
    })
    item = imported(answer, "csl-json")
    assert item["status"] == "retracted"
    assert item["references"] == "Retraction in: doi: 10.1038/s41598-026-49689-4."
    assert formatted("nlm", item) == ("Doe J. A retracted study. Sci Rep. 2024 Oct 18;14(1):24440. "
                                      "Retraction in: doi: 10.1038/s41598-026-49689-4.")


def test_nlm_epub_date_only_when_it_differs_from_the_issue() -> None:
    item = {"type": "article-journal", "title": "T", "author": [{"family": "Doe", "given": "J"}],
            "container-title-short": "BMJ", "issued": {"date-parts": [[2025, 2, 19]]}, "volume": "388",
            "page": "e079971", "available-date": {"date-parts": [[2025, 2, 19]]}}
    assert formatted("nlm", item) == "Doe J. T. BMJ. 2025 Feb 19;388:e079971."
    item["available-date"] = {"date-parts": [[2025, 1, 30]]}
    assert formatted("nlm", item) == "Doe J. T. BMJ. 2025 Feb 19;388:e079971. Epub 2025 Jan 30."


def test_ama_proceedings_paper_with_publisher_keeps_its_publisher_and_pages_beside_a_meeting_place() -> None:
    # The "In: Proceedings; date; place. Abstract 359" form is for an abstract's proceedings only:
    # a proceedings paper read from BibLaTeX (venue -> event-place) still prints publisher and pages.
    bib = ("@inproceedings{a2019,\n  author = {Akiba, T.},\n  title = {Optuna},\n"
           "  booktitle = {Proceedings of the 25th ACM SIGKDD International Conference},\n"
           "  venue = {Anchorage, AK},\n  publisher = {Association for Computing Machinery},\n"
           "  pages = {2623--2631},\n  year = {2019},\n}\n")
    item = imported(bib, "bibtex")
    assert item["event-place"] == "Anchorage, AK"
    assert formatted("ama", item) == (
        "Akiba T. Optuna. In: *Proceedings of the 25th ACM SIGKDD International Conference*. "
        "Association for Computing Machinery; 2019:2623-2631.")
    item = {key: value for key, value in item.items() if key not in ("publisher", "page")}
    assert formatted("ama", item) == (
        "Akiba T. Optuna. In: *Proceedings of the 25th ACM SIGKDD International Conference*; Anchorage, AK.")
