"""Imports from databases and services carry what each kind of work needs: MEDLINE, Crossref, Web of Science.

The companion of ``test_import_kinds.py`` (reference managers' files); the same
rule: real exports where the corpus holds one, else records in the exact form
the service writes them, each checked by its fields and how the styles print it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_import_kinds import corpus_item, crossref
from tests.test_references_types import formatted, imported

# --- MEDLINE (PubMed's format) ----------------------------------------------------------------------------

def test_medline_bookshelf_chapter_keeps_its_place_of_publication() -> None:
    # A real GeneReviews chapter record (NCBI Bookshelf): PL is where the book is published.
    item = corpus_item("nbib/pybtexnbib_marcelis_book.nbib", "marcelis1993")
    assert item["publisher-place"] == "Seattle (WA)"
    assert formatted("nlm", item) == (
        "Marcelis CL, de Brouwer AP. Feingold Syndrome 1. In: Adam MP, Ardinger HH, Pagon RA, Wallace SE, "
        "Bean LJ, Gripp KW, et al., editors. GeneReviews(®). Seattle (WA): University of Washington, "
        "Seattle; 1993. PMID: 20301770.")


def test_medline_journal_article_country_is_not_a_place_of_publication() -> None:
    item = imported("PMID- 39971346\nDP  - 2025 Feb 19\nTI  - T.\nFAU - Wang, Xiaoqin\n"
                    "PT  - Journal Article\n"
               "PL  - England\nTA  - BMJ\nJT  - BMJ (Clinical research ed.)\n", "medline")
    assert item["type"] == "article-journal" and "publisher-place" not in item


MEDRXIV_MEDLINE = """PMID- 37333107
STAT- PubMed-not-MEDLINE
DP  - 2023 Jun 5
TI  - Explainable drug side effect prediction via biologically informed graph neural
      network.
LID - 2023.05.26.23290615 [pii]
LID - 10.1101/2023.05.26.23290615 [doi]
FAU - Huang, Tao
AU  - Huang T
LA  - eng
PT  - Preprint
DEP - 20230605
TA  - medRxiv
JT  - medRxiv : the preprint server for health sciences
AID - 2023.05.26.23290615 [pii]
AID - 10.1101/2023.05.26.23290615 [doi]
PMC - PMC10275013
"""


def test_medline_preprint_carries_the_servers_id_as_pubmed_prints_it() -> None:
    item = imported(MEDRXIV_MEDLINE, "medline")
    assert item["type"] == "article" and item["number"] == "2023.05.26.23290615"
    assert formatted("nlm", item) == (
        "Huang T. Explainable drug side effect prediction via biologically informed graph neural network. "
        "medRxiv [Preprint]. 2023 Jun 5:2023.05.26.23290615. doi: 10.1101/2023.05.26.23290615. "
        "PMID: 37333107; PMCID: PMC10275013.")


# --- Crossref (its /works records and CSL transform, as `import --doi` reads them) -------------------------

@pytest.mark.parametrize(("fields", "server"), [
    # bioRxiv's deposits since 2025: the "openRxiv" prefix and publisher, the server as the institution.
    ({"institution": [{"name": "bioRxiv"}], "group-title": "Bioinformatics", "publisher": "openRxiv",
      "DOI": "10.64898/2026.02.22.707219"}, "bioRxiv"),
    ({"institution": [{"name": "Research Square"}], "DOI": "10.21203/rs.3.rs-2833017/v1"}, "Research Square"),
    ({"group-title": "PsyArXiv", "publisher": "Center for Open Science"},
     "PsyArXiv"),  # the OSF's servers name themselves in group-title (no DOI here: its prefix would say it)
    ({"publisher": "American Chemical Society (ACS)", "DOI": "10.26434/chemrxiv-2024-abcde"}, "ChemRxiv"),
], ids=["bioRxiv", "Research Square", "PsyArXiv", "ChemRxiv by its DOI prefix"])
def test_crossref_posted_content_names_its_server(fields: dict, server: str) -> None:
    item = crossref(type="posted-content", subtype="preprint", title="A preprint", **fields)
    assert item["type"] == "article" and item["container-title"] == server
    assert f"A preprint. *{server}*. Preprint posted online January 5, 2024." in formatted("ama", item)


def test_crossref_ssrn_journal_is_the_ssrn_preprint_server() -> None:
    item = crossref(type="journal-article", title="A paper", publisher="Elsevier BV",
                    DOI="10.2139/ssrn.3550000", **{"container-title": ["SSRN Electronic Journal"]})
    assert item["type"] == "article" and item["container-title"] == "SSRN"
    assert formatted("nlm", item) == "Doe J. A paper. SSRN [Preprint]. 2024 Jan 5. doi: 10.2139/ssrn.3550000."


def test_crossref_dissertation_is_published_by_its_university() -> None:
    item = crossref(type="dissertation", title="Multiwavelength analysis of classical carbon-oxygen novae",
                    publisher="ProQuest", degree=["PhD"],
                    institution=[{"name": "Arizona State University", "place": ["Tempe, AZ"]}])
    assert item["publisher"] == "Arizona State University" and item["genre"] == "dissertation"
    assert formatted("nlm", item) == ("Doe J. Multiwavelength analysis of classical carbon-oxygen novae "
                                      "[dissertation]. Tempe, AZ: Arizona State University; 2024.")


def test_crossref_working_paper_is_a_report_and_a_chapter_keeps_its_edition() -> None:
    paper = crossref(type="posted-content", subtype="working_paper", title="W",
                     institution=[{"name": "National Bureau of Economic Research"}], publisher="NBER")
    assert paper["type"] == "report" and "container-title" not in paper
    chapter = crossref(type="book-chapter", title="Hypertension and stroke", publisher="Raven Press",
                       **{"container-title": ["Hypertension"], "edition-number": "2"})
    assert chapter["type"] == "chapter" and chapter["edition"] == "2"
    assert "In: Hypertension. 2nd ed. Raven Press; 2024." in formatted("nlm", chapter)


def test_doi_look_up_of_a_medrxiv_preprint_prints_it_as_a_preprint(tmp_path: Path, monkeypatch) -> None:
    from rebuttal.cli import main

    from .replay_server import lookup_server

    doi = "10.1101/2020.06.12.20126391"
    answer = {"type": "posted-content", "subtype": "preprint", "DOI": doi,
              "publisher": "Cold Spring Harbor Laboratory", "institution": [{"name": "medRxiv"}],
              "title": "A model for COVID-19 transmission in Connecticut",
              "author": [{"family": "Morozova", "given": "Olga"}], "issued": {"date-parts": [[2020, 6, 16]]},
              "group-title": "Epidemiology", "source": "Crossref"}
    with lookup_server(monkeypatch) as server:
        server.answer(f"/works/{doi}/transform/application/vnd.citationstyles.csl+json", json.dumps(answer))
        assert main(["import", "--doi", doi, "--to", str(tmp_path / "society")]) == 0
    (item,) = json.loads((tmp_path / "society" / "references.json").read_text())
    assert formatted("ama", item) == (
        "Morozova O. A model for COVID-19 transmission in Connecticut. *medRxiv*. Preprint posted online "
        "June 16, 2020. doi:10.1101/2020.06.12.20126391")


# --- Web of Science (plain-text exports: FN ... ER) --------------------------------------------------------

WOS = """FN Clarivate Analytics Web of Science
VR 1.0
{record}
ER

EF
"""
WOS_PROCEEDINGS = """PT B
AU Rubin, B
   Ali, S
AF Rubin, Brian
   Ali, Siraj
BE Smith, JA
TI Cell cycle dysregulation in epithelioid hemangioendothelioma
SO PROCEEDINGS OF THE ANNUAL MEETING OF THE CONNECTIVE TISSUE ONCOLOGY
   SOCIETY
LA English
DT Proceedings Paper
CT Annual Meeting of The Connective Tissue Oncology Society
CY NOV 08-11, 2017
CL Maui, HI
PU CTOS
PI SEATTLE
PY 2017
BP 12
EP 13"""


def test_wos_proceedings_paper_keeps_its_meeting() -> None:
    item = imported(WOS.format(record=WOS_PROCEEDINGS), "ris")
    assert item["type"] == "paper-conference" and item["title"].startswith("Cell cycle")
    assert item["container-title"] == (
        "Proceedings of the Annual Meeting of the Connective Tissue Oncology Society")
    assert item["event-title"] == "Annual Meeting of The Connective Tissue Oncology Society"
    assert item["event-date"] == {"date-parts": [[2017, 11, 8], [2017, 11, 11]]}
    assert item["event-place"] == "Maui, HI" and item["publisher-place"] == "Seattle"
    assert item["editor"] == [{"family": "Smith", "given": "JA"}]
    assert "; 2017 Nov 8-11; Maui, HI. Seattle: CTOS; 2017. p. 12-3." in formatted("nlm", item)


WOS_ABSTRACT = """PT J
AU Richardson, J
TI Characterisation of systemic neutrophil function in patients undergoing colorectal cancer resection
SO EUROPEAN SURGICAL RESEARCH
DT Meeting Abstract
CT European Society for Surgical Research
CY JUN 10-13, 2015
CL Liverpool, ENGLAND
JI Eur. Surg. Res.
J9 EUR SURG RES
PY 2015
VL 55
SU 1
MA OP-4
BP 4
EP 4"""


def test_wos_meeting_abstract_is_the_societys_numbered_abstract() -> None:
    item = imported(WOS.format(record=WOS_ABSTRACT), "ris")
    assert item["genre"] == "abstract" and item["number"] == "OP-4" and item["supplement-number"] == "1"
    assert formatted("ama", item).endswith(
        "2015;55(suppl 1):4. European Society for Surgical Research abstract OP-4.")


def test_wos_early_access_and_retraction() -> None:
    early = imported(WOS.format(record="PT J\nAU Doe, J\nTI T\nSO BMJ\nDT Article; Early Access\n"
                                       "EA JAN 2021\n"
                           "PY 2021\nDI 10.1136/bmj.n1"), "ris")
    assert early["available-date"] == {"date-parts": [[2021, 1]]}
    retracted = imported(WOS.format(record="PT J\nAU Doe, J\nTI T\nSO BMJ\n"
                                           "DT Article; Retracted Publication\n"
                               "PY 2021"), "ris")
    assert retracted["status"] == "retracted"


def test_wos_whole_book_is_not_its_own_container() -> None:
    item = imported(WOS.format(record="PT B\nAU Smith, WG\nTI Ecological anthropology of households\n"
                          "SO Ecological anthropology of households\nDT Book\nPY 2011"), "ris")
    assert item["type"] == "book" and "container-title" not in item
    assert formatted("nlm", item) == "Smith WG. Ecological anthropology of households. 2011."
