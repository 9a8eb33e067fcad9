"""Imports carry what each kind of work needs to print: editions, report numbers, universities, servers.

Inputs are real exports where the corpus holds one (``tests/fixtures/corpus``,
each file's source in its README), else records in the exact form the tool or
service named beside each writes them. Each test checks the fields and how the
styles print them.
"""

from __future__ import annotations

import lzma
from pathlib import Path

import pytest

from rebuttal.refs.importers import import_text
from tests.test_references_types import formatted

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


def corpus_item(name: str, key: str) -> dict:
    path = CORPUS / name
    if path.suffix == ".xz":
        with lzma.open(path, "rt", encoding="utf-8") as file:
            text = file.read()
    else:
        text = path.read_text("utf-8")
    fmt = "bibtex" if ".bib" in name else "ris" if ".ris" in name else "medline"
    [item] = [item for item in import_text(text, Path(name), fmt).items if item["id"] == key]
    return item


def one(text: str, fmt: str) -> dict:
    [item] = import_text(text, Path(f"refs.{fmt}"), fmt).items
    return item


# --- BibTeX / BibLaTeX -------------------------------------------------------------------------------

def test_bibtex_report_number_is_the_report_number_not_an_issue() -> None:
    item = corpus_item("bib/bbt_ai_strings_concat_1018.bib.xz", "McAllester:80")
    assert item["type"] == "report" and item["number"] == "AI-TR-550" and "issue" not in item
    assert formatted("nlm", item).endswith("1980 Jan. Report No.: AI-TR-550.")
    assert "(AI-TR-550)" in formatted("bmj", item)


def test_biblatex_thesis_is_published_by_its_university_with_its_subtitle() -> None:
    # APA's example 10.6:65 in biblatex-apa's form: INSTITUTION the university, PUBLISHER the database.
    item = corpus_item("bib/bbt_apa_corporate_283.bib", "10.6:65")
    assert item["publisher"] == "University of Wisconsin–Madison"
    assert item["title"] == ("Resistance to Authority: Methodological Innovations and New Lessons from the "
                             "Milgram Experiment")
    assert formatted("nlm", item).endswith("[dissertation]. University of Wisconsin–Madison; 2017.")


def test_biblatex_dataset_and_manual_keep_number_and_edition() -> None:
    dataset = corpus_item("bib/bbt_apa_corporate_283.bib", "10.9:75a")
    assert dataset["number"] == "ICPSR 37080" and "issue" not in dataset and dataset["version"] == "V1"
    manual = corpus_item("bib/bbt_apa_corporate_283.bib", "10.2:32b")
    assert manual["edition"] == "11"
    assert "Health Problems [Internet]. 11th ed. World Health Organization; 2019." in formatted("nlm", manual)


@pytest.mark.parametrize(("written", "edition"), [("7", "7"), ("2nd", "2"), ("Second", "2"),
                                                   ("3rd edn", "3"), ("Rev. ed", "Rev. ed")])
def test_bibtex_edition_prints_as_the_styles_number_it(written: str, edition: str) -> None:
    item = one(f"@book{{b, author={{Murray, P. R.}}, title={{Medical microbiology}}, edition={{{written}}},"
               " publisher={Mosby}, address={St. Louis}, year={2002}}", "bibtex")
    assert item["edition"] == edition
    if edition == "2":
        assert formatted("nlm", item) == "Murray PR. Medical microbiology. 2nd ed. St. Louis: Mosby; 2002."
        assert "*Medical Microbiology*. 2nd ed. Mosby; 2002." in formatted("ama", item)


def test_bibtex_chapter_in_a_series_keeps_book_edition_and_series_number() -> None:
    item = one("@incollection{c, author={Phillips, S. J. and Whisnant, J. P.},"
               " title={Hypertension and stroke}, booktitle={Hypertension},"
               " booksubtitle={pathophysiology, diagnosis, and management},"
               " editor={Laragh, J. H. and Brenner, B. M.}, edition={2}, publisher={Raven Press},"
               " address={New York}, year={1995}, pages={465--78}, series={Books in hypertension},"
               " number={4}}", "bibtex")
    assert item["collection-title"] == "Books in hypertension" and item["collection-number"] == "4"
    assert "number" not in item and "issue" not in item
    assert formatted("nlm", item).startswith(
        "Phillips SJ, Whisnant JP. Hypertension and stroke. In: Laragh JH, Brenner BM, editors. "
        "Hypertension: pathophysiology, diagnosis, and management. 2nd ed. New York: Raven Press; 1995. "
        "p. 465-78.")


MEDRXIV_BIBTEX = """@article {Morozova2020.06.12.20126391,
	author = {Morozova, Olga and Li, Zehang Richard and Crawford, Forrest W.},
	title = {A model for COVID-19 transmission in Connecticut},
	elocation-id = {2020.06.12.20126391},
	year = {2020},
	doi = {10.1101/2020.06.12.20126391},
	publisher = {Cold Spring Harbor Laboratory Press},
	journal = {medRxiv}
}
"""
ARXIV_BIBTEX = """@misc{cao2023comprehensive,
      title={A Comprehensive Survey of AI-Generated Content (AIGC): A History of Generative AI from GAN
             to ChatGPT},
      author={Yihan Cao and Siyu Li and Yixin Liu},
      year={2023},
      eprint={2303.04226},
      archivePrefix={arXiv},
      primaryClass={cs.AI}
}
"""


def test_medrxiv_bibtex_is_a_preprint_with_its_locator() -> None:
    # medRxiv's "Download citation" BibTeX calls a preprint an @article in the journal "medRxiv".
    item = one(MEDRXIV_BIBTEX, "bibtex")
    assert item["type"] == "article" and item["container-title"] == "medRxiv"
    assert item["number"] == "2020.06.12.20126391" and "page" not in item
    assert "Connecticut. medRxiv [Preprint]. 2020:2020.06.12.20126391." in formatted("nlm", item)
    assert formatted("ama", item).endswith(
        "*medRxiv*. Preprint posted online 2020. doi:10.1101/2020.06.12.20126391")


@pytest.mark.parametrize("prefix", ["archivePrefix={arXiv}", "eprinttype={arxiv}"])
def test_arxiv_bibtex_is_a_preprint_cited_by_its_doi(prefix: str) -> None:
    # arXiv's own "Export BibTeX citation" (archivePrefix) and BibLaTeX's eprinttype.
    item = one(ARXIV_BIBTEX.replace("archivePrefix={arXiv}", prefix), "bibtex")
    assert item["type"] == "article" and item["container-title"] == "arXiv"
    assert item["number"] == "arXiv:2303.04226" and item["DOI"] == "10.48550/arXiv.2303.04226"
    assert formatted("ama", item).endswith(
        "*arXiv*. Preprint posted online 2023. doi:10.48550/arXiv.2303.04226")


def test_a_published_article_that_names_its_preprint_stays_an_article() -> None:
    bib = ("@article{a, author={Doe, J.}, title={T}, journal={BMJ}, year={2021}, volume={372},"
           " pages={n71}, eprint={2101.00001}, archiveprefix={arXiv}}")
    item = one(bib, "bibtex")
    assert item["type"] == "article-journal" and item["container-title"] == "BMJ" and "number" not in item


def test_biblatex_pubstate_and_report_type() -> None:
    item = one("@report{r, author={{National Institute for Health and Care Excellence}},"
               " title={COVID-19 rapid guideline: critical care in adults}, type={NICE guideline},"
               " number={NG159}, institution={NICE}, date={2020-03-20}, pubstate={inpress}}", "bibtex")
    assert item["genre"] == "NICE guideline" and item["number"] == "NG159" and item["status"] == "in press"
    assert "critical care in adults (NICE guideline NG159)." in formatted("bmj", item)
