"""Imports carry what each kind of work needs to print: editions, report numbers, universities, servers.

Inputs are real exports where the corpus holds one (``tests/fixtures/corpus``,
each file's source in its README), else records in the exact form the tool or
service named beside each writes them. Each test checks the fields and how the
styles print them.
"""

from __future__ import annotations

import json
import lzma
from pathlib import Path

import pytest

from rebuttal.refs.importers import import_text
from tests.test_references_types import formatted, imported

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




def crossref(**fields: object) -> dict:
    """A Crossref answer as its CSL-JSON transform gives it, with an author and a date."""
    person = {"family": "Doe", "given": "J"}
    issued = {"date-parts": [[2024, 1, 5]]}
    return imported(json.dumps({"author": [person], "issued": issued, **fields}), "csl-json")


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
    item = imported(f"@book{{b, author={{Murray, P. R.}}, title={{Medical microbiology}}, "
                    f"edition={{{written}}}, publisher={{Mosby}}, address={{St. Louis}}, year={{2002}}}}",
                    "bibtex")
    assert item["edition"] == edition
    if edition == "2":
        assert formatted("nlm", item) == "Murray PR. Medical microbiology. 2nd ed. St. Louis: Mosby; 2002."
        assert "*Medical Microbiology*. 2nd ed. Mosby; 2002." in formatted("ama", item)


def test_bibtex_chapter_in_a_series_keeps_book_edition_and_series_number() -> None:
    item = imported("@incollection{c, author={Phillips, S. J. and Whisnant, J. P.},"
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
    item = imported(MEDRXIV_BIBTEX, "bibtex")
    assert item["type"] == "article" and item["container-title"] == "medRxiv"
    assert item["number"] == "2020.06.12.20126391" and "page" not in item
    assert "Connecticut. medRxiv [Preprint]. 2020:2020.06.12.20126391." in formatted("nlm", item)
    assert formatted("ama", item).endswith(
        "*medRxiv*. Preprint posted online 2020. doi:10.1101/2020.06.12.20126391")


@pytest.mark.parametrize("prefix", ["archivePrefix={arXiv}", "eprinttype={arxiv}"])
def test_arxiv_bibtex_is_a_preprint_cited_by_its_doi(prefix: str) -> None:
    # arXiv's own "Export BibTeX citation" (archivePrefix) and BibLaTeX's eprinttype.
    item = imported(ARXIV_BIBTEX.replace("archivePrefix={arXiv}", prefix), "bibtex")
    assert item["type"] == "article" and item["container-title"] == "arXiv"
    assert item["number"] == "arXiv:2303.04226" and item["DOI"] == "10.48550/arXiv.2303.04226"
    assert formatted("ama", item).endswith(
        "*arXiv*. Preprint posted online 2023. doi:10.48550/arXiv.2303.04226")


def test_a_published_article_that_names_its_preprint_stays_an_article() -> None:
    bib = ("@article{a, author={Doe, J.}, title={T}, journal={BMJ}, year={2021}, volume={372},"
           " pages={n71}, eprint={2101.00001}, archiveprefix={arXiv}}")
    item = imported(bib, "bibtex")
    assert item["type"] == "article-journal" and item["container-title"] == "BMJ" and "number" not in item


def test_biblatex_pubstate_and_report_type() -> None:
    item = imported("@report{r, author={{National Institute for Health and Care Excellence}},"
               " title={COVID-19 rapid guideline: critical care in adults}, type={NICE guideline},"
               " number={NG159}, institution={NICE}, date={2020-03-20}, pubstate={inpress}}", "bibtex")
    assert item["genre"] == "NICE guideline" and item["number"] == "NG159" and item["status"] == "in press"
    assert "critical care in adults (NICE guideline NG159)." in formatted("bmj", item)


# --- RIS (records as Zotero's RIS translator and EndNote's RIS reference write each kind) ---------------

ZOTERO_WEBPAGE = """TY  - ELEC
TI  - Zika travel information
T2  - Centers for Disease Control and Prevention
DA  - 2016/01/26/
PY  - 2016
UR  - https://wwwnc.cdc.gov/travel/page/zika-travel-information
Y2  - 2019/06/18/10:22:33
ER  -
"""


def test_ris_web_page_keeps_its_access_date() -> None:
    item = imported(ZOTERO_WEBPAGE, "ris")
    assert item["accessed"] == {"date-parts": [[2019, 6, 18]]}
    assert formatted("ama", item) == (
        "Zika travel information. Centers for Disease Control and Prevention. January 26, 2016. "
        "Accessed June 18, 2019. https://wwwnc.cdc.gov/travel/page/zika-travel-information")


def test_ris_endnote_web_page_last_update_date_is_updated_not_issued() -> None:
    record = ("TY  - WEB\nTI  - Testing strategies for SARS-CoV-2\nPB  - Centers for Disease Control and "
              "Prevention\nCY  - Atlanta\nPY  - 2022\nDA  - 2022/04/04\nY2  - 2022/04/05\n"
              "UR  - https://www.cdc.gov/coronavirus/2019-ncov/lab/resources/"
              "sars-cov2-testing-strategies.html\n"
              "ER  - \n")
    item = imported(record, "ris")
    assert item["issued"] == {"date-parts": [[2022]]} and item["updated"] == {"date-parts": [[2022, 4, 4]]}
    assert formatted("nlm", item).startswith(
        "Testing strategies for SARS-CoV-2 [Internet]. Atlanta: Centers for Disease Control and "
        "Prevention; 2022 [updated 2022 Apr 4; cited 2022 Apr 5].")


def test_ris_thesis_number_of_pages_and_kind() -> None:
    record = ("TY  - THES\nTI  - Multiwavelength analysis of classical carbon-oxygen novae\n"
              "AU  - Schwarz, Greg\nPY  - 2000\nCY  - [Tucson (AZ)]\nM3  - PhD Thesis\n"
              "PB  - Arizona State University\nSP  - 232\nER  - \n")
    item = imported(record, "ris")
    assert item["number-of-pages"] == "232" and "page" not in item and item["genre"] == "dissertation"
    assert formatted("nlm", item) == ("Schwarz G. Multiwavelength analysis of classical carbon-oxygen novae "
                                      "[dissertation]. [Tucson (AZ)]: Arizona State University; 2000. 232 p.")


def test_ris_report_keeps_series_and_number() -> None:
    record = ("TY  - RPRT\nAU  - Villarroel, Maria A.\nAU  - Lucas, Jacqueline W.\n"
              "TI  - Telemedicine Use in Children Aged 0–17 Years: United States, July–December 2020\n"
              "T2  - National Health Statistics Reports\nNV  - 170\n"
              "PB  - National Center for Health Statistics\n"
              "CY  - Hyattsville, MD\nPY  - 2022\nUR  - https://www.cdc.gov/nchs/data/nhsr/nhsr170.pdf\n"
              "Y2  - 2022/08/11/\nER  - \n")
    item = imported(record, "ris")
    assert item["collection-title"] == "National Health Statistics Reports"
    assert item["collection-number"] == "170"
    assert formatted("ama", item) == (
        "Villarroel MA, Lucas JW. *Telemedicine Use in Children Aged 0–17 Years: United States, "
        "July–December 2020*. National Center for Health Statistics; 2022. National Health Statistics "
        "Reports no. 170. Accessed "
        "August 11, 2022. https://www.cdc.gov/nchs/data/nhsr/nhsr170.pdf")
    numbered = imported(record.replace("NV  - 170\n", "SN  - AHRQ 12-EHC001\nM3  - Technical report\n"),
                        "ris")
    assert numbered["number"] == "AHRQ 12-EHC001" and numbered["genre"] == "Technical report"
    assert "Technical report No.: AHRQ 12-EHC001." in formatted("nlm", numbered)


def test_ris_book_series_edition_pages_and_editors_by_kind() -> None:
    record = ("TY  - BOOK\nAU  - Murray, Patrick R.\nTI  - Medical microbiology\nT2  - A series\n"
              "A2  - Series, Ed\nA3  - Book, Ed\nET  - 4th\nCY  - St. Louis\nPB  - Mosby\nPY  - 2002\n"
              "SP  - 820\nER  - \n")
    book = imported(record, "ris")
    assert book["collection-title"] == "A series" and "container-title" not in book
    assert book["edition"] == "4" and book["number-of-pages"] == "820"
    assert book["editor"] == [{"family": "Book", "given": "Ed"}]  # A2 is the series editor
    assert formatted("nlm", {**book, "editor": []}) == (
        "Murray PR. Medical microbiology. 4th ed. St. Louis: Mosby; 2002. 820 p. (A series).")
    # Citavi's and Scopus's books have no A3: their A2 are the book's editors.
    citavi = imported(record.replace("A3  - Book, Ed\n", ""), "ris")
    assert citavi["editor"] == [{"family": "Series", "given": "Ed"}]
    chapter = imported("TY  - CHAP\nAU  - Phillips, S. J.\nTI  - Hypertension and stroke\n"
                       "T2  - Hypertension\n"
                  "A2  - Laragh, J. H.\nET  - 2nd\nCY  - New York\nPB  - Raven Press\nPY  - 1995\nSP  - 465\n"
                  "EP  - 478\nER  - \n", "ris")
    assert formatted("nlm", chapter) == (
        "Phillips SJ. Hypertension and stroke. In: Laragh JH, editor. Hypertension. 2nd ed. New York: "
        "Raven Press; 1995. p. 465-78.")
    edited = imported("TY  - EDBOOK\nAU  - Laragh, J. H.\nTI  - Hypertension\nPY  - 1995\nPB  - Raven Press\n"
                 "ER  - \n", "ris")
    assert edited["type"] == "book" and edited["editor"] == [{"family": "Laragh", "given": "J. H."}]


def test_ris_dataset_keeps_version_and_access_date() -> None:
    record = ("TY  - DATA\nTI  - UMLS Knowledge Sources\nET  - Release 2024AA\n"
              "PB  - National Library of Medicine (US)\nCY  - Bethesda (MD)\nDA  - 2024/05/06/\nPY  - 2024\n"
              "UR  - http://www.nlm.nih.gov/research/umls/licensedcontent/umlsknowledgesources.html\n"
              "Y2  - 2024/07/15/\nER  - \n")
    item = imported(record, "ris")
    assert formatted("nlm", item) == (
        "UMLS Knowledge Sources [dataset on the Internet]. Release 2024AA. Bethesda (MD): National "
        "Library of Medicine (US); 2024 May 6 [cited 2024 Jul 15]. Available from: "
        "http://www.nlm.nih.gov/research/umls/licensedcontent/umlsknowledgesources.html")


def test_ris_zotero_conference_paper_place_of_publication_is_c1() -> None:
    record = ("TY  - CONF\nAU  - Rice, AS\nTI  - Canabinoids and pain\nC3  - Proceedings of the 10th World "
              "Congress on Pain\nT2  - 10th World Congress on Pain\nC1  - Seattle (WA)\nCY  - San Diego, CA\n"
              "PB  - IASP Press\nPY  - 2003\nSP  - 437\nEP  - 468\nER  - \n")
    item = imported(record, "ris")
    assert item["publisher-place"] == "Seattle (WA)" and item["event-place"] == "San Diego, CA"


def test_zotero_preprint_exported_as_gen_is_a_preprint() -> None:
    # Zotero's RIS translator has no preprint type: a preprint goes out as GEN, its repository in PB.
    record = ("TY  - GEN\nTI  - A model for COVID-19 transmission in Connecticut\nAU  - Morozova, Olga\n"
              "PB  - medRxiv\nDA  - 2020/06/16/\nPY  - 2020\nDO  - 10.1101/2020.06.12.20126391\nER  - \n")
    item = imported(record, "ris")
    assert item["type"] == "article" and item["container-title"] == "medRxiv"
    assert formatted("nlm", item) == ("Morozova O. A model for COVID-19 transmission in Connecticut. medRxiv "
                                      "[Preprint]. 2020 Jun 16. doi: 10.1101/2020.06.12.20126391.")


def test_bibtex_font_and_box_commands_keep_their_words() -> None:
    # biblatex-apa's example 10.7:69 writes the show's name as \textup{The good place}; pylatexenc drops
    # \textup, \mbox, \texttt... with their text unless told they only style it.
    item = corpus_item("bib/bbt_apa_corporate_283.bib", "10.7:69")
    assert item["title"].startswith("The good place ends its Remarkable Second Season")
    boxed = imported(r"@article{a, title={\mbox{COVID-19} and \texttt{R}}, journal={BMJ}, year={2020}}",
                     "bibtex")
    assert boxed["title"] == "COVID-19 and R"


def test_zotero_csl_json_preprint_and_thesis() -> None:
    # Zotero's CSL-JSON: a preprint is an "article" whose repository is the publisher, its id the number.
    items = json.dumps([
        {"id": "a", "type": "article", "title": "A model", "publisher": "medRxiv", "genre": "preprint",
         "number": "2020.06.12.20126391", "DOI": "10.1101/2020.06.12.20126391",
         "author": [{"family": "Morozova", "given": "Olga"}], "issued": {"date-parts": [["2020", 6, 16]]}},
        {"id": "b", "type": "thesis", "title": "Multiwavelength analysis", "genre": "PhD Thesis",
         "publisher": "Arizona State University", "author": [{"family": "Schwarz", "given": "Greg"}],
         "issued": {"date-parts": [["2000"]]}},
    ])
    preprint, thesis = import_text(items, Path("zotero.json"), "csl-json").items
    assert preprint["container-title"] == "medRxiv" and "genre" not in preprint
    assert formatted("nlm", preprint) == (
        "Morozova O. A model. medRxiv [Preprint]. 2020 Jun 16:2020.06.12.20126391. "
        "doi: 10.1101/2020.06.12.20126391.")
    assert formatted("nlm", thesis) == (
        "Schwarz G. Multiwavelength analysis [dissertation]. Arizona State University; 2000.")


# --- Every importer ----------------------------------------------------------------------------------------

COCHRANE_RIS = """TY  - JOUR
AU  - Shepherd, Emily
AU  - Grivell, Rosalie M
TI  - Aspirin (single dose) for perineal pain in the early postpartum period
JO  - Cochrane Database of Systematic Reviews
PY  - 2020
IS  - 7
PB  - John Wiley & Sons, Ltd
DO  - 10.1002/14651858.CD012129.pub3
ER  -
"""


def test_cochrane_review_without_its_cd_number_gets_it_from_its_doi() -> None:
    # A record that names the database in full and has no page: the CD number is in the DOI.
    expected = ("Shepherd E, Grivell RM. Aspirin (single dose) for perineal pain in the early postpartum "
                "period. *Cochrane Database Syst Rev*. 2020;(7):CD012129. doi:10.1002/14651858.CD012129.pub3")
    assert formatted("ama", imported(COCHRANE_RIS, "ris")) == expected  # as the AMA golden example prints it
    crossref_item = crossref(type="journal-article", title="T", issue="7",
                             DOI="10.1002/14651858.CD012129.pub3",
                             **{"container-title": ["Cochrane Database of Systematic Reviews"]})
    assert crossref_item["page"] == "CD012129"
    assert crossref_item["container-title-short"] == "Cochrane Database Syst Rev"


def test_zotero_presentation_is_a_poster_presented_at_its_meeting() -> None:
    # Zotero's RIS translator writes a presentation as SLIDE: presenters A2, meeting T2, type M3.
    record = ("TY  - SLIDE\nTI  - Cell cycle dysregulation in epithelioid hemangioendothelioma\n"
              "A2  - Rubin, B\nT2  - Annual Meeting of The Connective Tissue Oncology Society\n"
              "CY  - Maui, HI\nDA  - 2017/11/09/\nPY  - 2017\nM3  - Poster\nER  -\n")
    item = imported(record, "ris")
    assert item["author"] == [{"family": "Rubin", "given": "B"}] and "editor" not in item
    assert formatted("ama", item) == (
        "Rubin B. Cell cycle dysregulation in epithelioid hemangioendothelioma. Poster presented at: Annual "
        "Meeting of The Connective Tissue Oncology Society; November 9, 2017; Maui, HI.")
    talk = record.replace("TY  - SLIDE", "TY  - CPAPER").replace("M3  - Poster", "M3  - Oral presentation")
    paper = imported(talk, "ris")
    assert "genre" not in paper  # a talk is the styles' default: "Paper presented at"


AGENCIES = ["Public Health England", "NHS England", "Joint Commission", "Health Canada"]


@pytest.mark.parametrize("agency", AGENCIES)
def test_an_agency_written_as_one_field_is_the_reports_author(agency: str) -> None:
    # Zotero writes a one-field creator without a comma: "AU  - Public Health England".
    item = imported(f"TY  - RPRT\nAU  - {agency}\nTI  - Guidance\nPB  - {agency}\nPY  - 2020\nER  -\n", "ris")
    assert item["author"] == [{"literal": agency}]
    assert formatted("nlm", item) == f"{agency}. Guidance. {agency}; 2020."


def test_mendeley_web_page_keeps_its_site_and_access_date() -> None:
    # Mendeley's @web_page (a real export in the corpus) writes the access date as issue "May 12," and
    # volume "2020", and the site as the journal.
    item = corpus_item("bib/bbt_mendeley_512.bib.xz", "Jensen2019")
    assert item["type"] == "webpage" and item["container-title"] == "Book Riot"
    assert item["accessed"] == {"date-parts": [[2020, 5, 12]]}
    assert "volume" not in item and "issue" not in item
    assert formatted("ama", item) == (
        "Jensen K. To Outsiders, YA Is Eating Itself; To Insiders, It's Bettering Itself. Book Riot. 2019. "
        "Accessed May 12, 2020. https://bookriot.com/2019/12/18/2010s-in-ya/")
