"""How each style prints the parts a kind of work adds: software's version, a thesis or report online,
a data set's version, a web page's organisation, a preprint server's name.

The companion of ``test_references_types.py`` (the golden examples); these pin
the forms the examples cannot all show, each from an item built or imported as
a user's library would hold it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rebuttal.refs.importers import import_text
from tests.test_references_types import STYLES, examples, formatted, imported

SOFTWARE_RIS = """TY  - COMP
AU  - Hughes, MC
TI  - Prediction constrained topic models
ET  - v1.0.200415
PB  - Github
PY  - 2020
Y2  - 2020/04/15/
UR  - https://github.com/dtak/prediction-constrained-topic-models
ER  -
"""
SOFTWARE_BIBTEX = """@software{hughes2020,
  author = {Hughes, M. C.},
  title = {Prediction constrained topic models},
  version = {v1.0.200415},
  publisher = {Github},
  year = {2020},
  urldate = {2020-04-15},
  url = {https://github.com/dtak/prediction-constrained-topic-models},
}
"""
SOFTWARE = {
    "nlm": "Hughes MC. Prediction constrained topic models [computer program]. Version v1.0.200415. "
           "Github; 2020 [cited 2020 Apr 15]. Available from: "
           "https://github.com/dtak/prediction-constrained-topic-models",
    # The AMA 11th edition's template, as two guides print it (JAMA Network Open printed this one
    # ", version v1.0.200415. Github. Accessed", its golden example notes the difference).
    "ama": "Hughes MC. Prediction constrained topic models. Version v1.0.200415. Github; 2020. "
           "Accessed April 15, 2020. https://github.com/dtak/prediction-constrained-topic-models",
    "bmj": "Hughes MC. Prediction constrained topic models (Version v1.0.200415). *Github*, 2020. "
           "https://github.com/dtak/prediction-constrained-topic-models (accessed 15 Apr 2020).",
}


@pytest.mark.parametrize(("text", "fmt", "name"), [(SOFTWARE_RIS, "ris", "s.ris"),
                                                   (SOFTWARE_BIBTEX, "bibtex", "s.bib")])
@pytest.mark.parametrize("style", STYLES)
def test_imported_software_prints_its_version_and_repository(text: str, fmt: str, name: str,
                                                             style: str) -> None:
    [item] = import_text(text, Path(name), fmt).items
    assert item["type"] == "software" and item["version"] == "v1.0.200415"
    assert formatted(style, item) == SOFTWARE[style]


def test_ama_software_prints_its_version_apart_and_its_year_before_an_accessed_date() -> None:
    item = {"type": "software", "title": "Stata Statistical Software", "author": [{"literal": "StataCorp"}],
            "version": "17", "publisher": "StataCorp LLC", "issued": {"date-parts": [[2021]]}}
    assert formatted("ama", item) == "StataCorp. Stata Statistical Software. Version 17. StataCorp LLC; 2021."
    item["DOI"] = "10.5281/zenodo.1"
    assert formatted("ama", item).endswith("StataCorp LLC; 2021. doi:10.5281/zenodo.1")
    del item["DOI"]
    item |= {"URL": "https://www.stata.com", "accessed": {"date-parts": [[2022, 1, 5]]}}
    assert formatted("ama", item).endswith("StataCorp LLC; 2021. Accessed January 5, 2022. https://www.stata.com")

def golden_item(style: str, title: str) -> dict:
    """The CSL item of the golden example whose title starts with ``title``."""
    [item] = [example["item"] for example in examples(style) if example["item"]["title"].startswith(title)]
    return dict(item)


def test_nlm_preprint_with_address_and_doi_prints_as_pubmed_does() -> None:
    # With its DOI a preprint is cited as a journal article is, by the DOI alone: an address and a date
    # cited beside it (a Zotero item has both) changed PubMed's form to "... [cited ...]:number. Available
    # from: URL doi: ...".
    item = golden_item("nlm", "Explainable drug side effect")
    item["URL"] = "https://www.medrxiv.org/content/10.1101/2023.05.26.23290615v1"
    item["accessed"] = {"date-parts": [[2024, 7, 15]]}
    printed = formatted("nlm", item)
    assert printed.endswith("medRxiv [Preprint]. 2023 Jun 5:2023.05.26.23290615. "
                            "doi: 10.1101/2023.05.26.23290615. PMID: 37333107; PMCID: PMC10275013.")
    # Without a DOI its address is how to find it.
    del item["DOI"]
    assert ("2023 Jun 5 [cited 2024 Jul 15]:2023.05.26.23290615. Available from: https://www.medrxiv.org/"
            in formatted("nlm", item))


def test_nlm_thesis_online_is_a_thesis_on_the_internet() -> None:
    # Citing Medicine, ch. 8 (dissertations on the Internet): "[dissertation on the Internet]", never
    # "[dissertation] [Internet]".
    item = golden_item("nlm", "Eye injuries on the battlefields")
    item["URL"] = "https://scholarworks.alaska.edu/handle/11122/1"
    item["accessed"] = {"date-parts": [[2006, 6, 2]]}
    assert formatted("nlm", item) == (
        "Ari AB. Eye injuries on the battlefields of Iraq and Afghanistan: public health implications "
        "[master's thesis on the Internet]. Anchorage (AK): University of Alaska; 2005 [cited 2006 Jun 2]. "
        "48 p. Available from: https://scholarworks.alaska.edu/handle/11122/1")


def test_nlm_report_prints_its_kind_once_with_its_number() -> None:
    item = golden_item("nlm", "Method for measuring the size distribution")
    item["genre"] = "Technical report"
    printed = formatted("nlm", item)
    assert "[Technical report]" not in printed
    assert printed.endswith("Energy Technologies Division; 2002 Jan. Technical report No.: LBNL49574.")
    # With no number to go with, the kind stays after the title.
    del item["number"]
    assert "Rhinovirus [Technical report]. Berkeley (CA)" in formatted("nlm", item)


@pytest.mark.parametrize(("version", "worded"), [
    ("2", "Version 2"), ("v1.0.3", "Version 1.0.3"), ("Release 2024AA", "Release 2024AA"),
])
def test_data_set_version_is_worded_once(version: str, worded: str) -> None:
    # A repository gives the bare number ("2"); UMLS words its own ("Release 2024AA"): no "Version Release".
    bib = ("@dataset{d2024,\n  author = {Doe, Jane},\n  title = {Trial data},\n"
           "  version = {" + version + "},\n  publisher = {Zenodo},\n  date = {2024-03-05},\n"
           "  doi = {10.5281/zenodo.1},\n}\n")
    item = imported(bib, "bibtex")
    assert formatted("nlm", item) == (f"Doe J. Trial data. {worded}. Zenodo; 2024 Mar 5. "
                                      "doi: 10.5281/zenodo.1.")
    assert formatted("ama", item) == (f"Doe J. Trial data. {worded}. Zenodo. March 5, 2024. "
                                      "doi:10.5281/zenodo.1")


def test_ama_web_page_names_the_organization_that_publishes_it() -> None:
    # BibLaTeX's organization is the page's publisher; AMA 3.15.1 prints it where a site's name goes.
    bib = ("@online{cdc2016,\n  title = {Zika travel information},\n"
           "  organization = {Centers for Disease Control and Prevention},\n  date = {2016-01-26},\n"
           "  url = {https://wwwnc.cdc.gov/travel/page/zika-travel-information},\n"
           "  urldate = {2019-06-18},\n}\n")
    item = imported(bib, "bibtex")
    assert item["publisher"] == "Centers for Disease Control and Prevention"
    assert formatted("ama", item) == (
        "Zika travel information. Centers for Disease Control and Prevention. January 26, 2016. "
        "Accessed June 18, 2019. https://wwwnc.cdc.gov/travel/page/zika-travel-information")


def test_preprint_server_in_full_for_ama_as_pubmed_names_it_for_nlm() -> None:
    record = ("PMID- 33299784\nDP  - 2020 Dec 2\nTI  - A preprint.\nFAU - Doe, Jane\nPT  - Preprint\n"
              "LID - 10.21203/rs.3.rs-114888/v1 [doi]\nLID - rs.3.rs-114888 [pii]\nJT  - Research square\n"
              "TA  - Res Sq\n")
    item = imported(record, "medline")
    assert formatted("ama", item) == ("Doe J. A preprint. *Research Square*. Preprint posted online "
                                      "December 2, 2020. doi:10.21203/rs.3.rs-114888/v1")
    assert formatted("nlm", item) == ("Doe J. A preprint. Res Sq [Preprint]. 2020 Dec 2:rs.3.rs-114888. "
                                      "doi: 10.21203/rs.3.rs-114888/v1. PMID: 33299784.")


def test_zotero_preprint_filed_under_pubmeds_short_name_prints_the_server_in_full_for_ama() -> None:
    answer = json.dumps([{"id": "a", "type": "article", "title": "A preprint", "container-title": "Res Sq",
                          "author": [{"family": "Doe", "given": "J"}], "DOI": "10.21203/rs.3.rs-114888/v1",
                          "issued": {"date-parts": [[2020, 12, 2]]}}])
    item = imported(answer, "csl-json")
    assert (item["container-title"], item["container-title-short"]) == ("Research Square", "Res Sq")
    assert "*Research Square*. Preprint posted online December 2, 2020." in formatted("ama", item)
    assert "Doe J. A preprint. Res Sq [Preprint]. 2020 Dec 2. doi:" in formatted("nlm", item)
