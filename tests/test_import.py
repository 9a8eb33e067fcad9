"""``rebuttal import``: every format, the target article, duplicates and bad files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.letter.outline import load_outline
from rebuttal.refs.importers import read_references
from rebuttal.refs.importers.common import parse_name
from tests.conftest import EXAMPLE

IMPORTS = Path(__file__).resolve().parent / "fixtures" / "import"


def test_medline_record_keeps_names_apart_and_finds_the_doi() -> None:
    (item,) = read_references(IMPORTS / "wang2025.nbib")
    assert item["id"] == "wang2025"
    assert item["title"].endswith("a systematic review and network meta-analysis of randomised trials")
    assert not item["title"].endswith(".")
    assert item["author"][:2] == [
        {"family": "Wang", "given": "Xiaoqin"}, {"family": "Martin", "given": "Grace"}
    ]
    assert item["author"][4] == {"family": "Florez", "given": "Ivan D"}
    assert item["issued"] == {"date-parts": [[2025, 2, 19]]}
    assert (item["DOI"], item["PMID"], item["page"]) == ("10.1136/bmj-2024-079971", "39971346", "e079971")
    assert (item["container-title-short"], item["volume"]) == ("BMJ", "388")
    assert item["container-title"] == "BMJ"  # not "BMJ (Clinical research ed.)"


def test_medline_several_records_suffixes_and_corporate_authors() -> None:
    first, second = read_references(IMPORTS / "two-records.nbib")
    assert first["author"][1] == {"family": "Helm", "given": "Standiford", "suffix": "2nd"}
    assert (first["issue"], first["page"], first["issued"]) == ("3S", "S1-S127", {"date-parts": [[2020, 5]]})
    assert second["author"][-1] == {"literal": "GRADE Working Group"}
    assert second["PMCID"] == "PMC1234567"


def test_ris_journal_article_and_report() -> None:
    article, report = read_references(IMPORTS / "refs.ris")
    assert article["author"][1] == {"family": "Mullins", "given": "Peter M."}
    assert article["DOI"] == "10.1097/j.pain.0000000000002291"  # the https://doi.org/ prefix is dropped
    assert (article["page"], article["PMID"]) == ("e328-e332", "33990113")
    assert article["issued"] == {"date-parts": [[2022, 2, 1]]}
    assert report["type"] == "report"
    assert report["author"] == [{"literal": "U.S. Department of Health and Human Services"}]
    assert report["issued"] == {"date-parts": [[2019, 5]]}
    assert report["id"] == "usdhhs2019"


def test_bibtex_braces_accents_macros_and_suffixes() -> None:
    article, report = read_references(IMPORTS / "refs.bib")
    assert article["id"] == "manchikanti2020"
    assert article["title"] == "Comprehensive Evidence-Based Guidelines for Facet Joint Interventions"
    assert article["container-title"] == "Pain Physician"  # from @string
    assert article["author"] == [
        {"family": "Manchikanti", "given": "Laxmaiah"},
        {"family": "Helm", "given": "Standiford", "suffix": "II"},
        {"family": "Schünemann", "given": "Holger J."},
        {"literal": "GRADE Working Group"},
    ]
    assert (article["page"], article["issued"]) == ("S1-S127", {"date-parts": [[2020, 5]]})
    assert report["type"] == "report"
    assert report["author"] == [{"literal": "U.S. Department of Health and Human Services"}]
    assert report["publisher"] == "U.S. Department of Health and Human Services"


def test_csl_json_dates_become_numbers() -> None:
    (item,) = read_references(IMPORTS / "refs.json")
    assert item["issued"] == {"date-parts": [[2019, 7, 13]]}
    assert item["author"][0] == {"family": "Domenichiello", "given": "Anthony F."}


def test_csl_yaml_front_matter_keeps_single_letter_given_names() -> None:
    first, second = read_references(IMPORTS / "refs.yaml")
    # YAML 1.1 would read N, Y and ON as booleans; they are initials.
    assert [person["given"] for person in first["author"]] == ["N", "Y", "CJ"]
    assert second["author"] == [{"family": "Off", "given": "ON"}]
    assert first["issued"] == {"date-parts": [[2025, 2, 19]]}
    assert second["issued"] == {"date-parts": [[2020, 5]]}
    assert first["title"] == "Interventions for spine pain: yes or no?"


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("broken.bib", "broken.bib:1:", "entry 'broken': a '{' is never closed; skipped"),
        ("no-title.json", "no-title.json:1: title:", "entry 'untitled': it has no title, journal, publisher"),
    ],
)
def test_a_file_with_no_entry_that_can_be_a_reference_writes_nothing(
    name: str, where: str, message: str, tmp_path: Path, capsys
) -> None:
    assert main(["import", str(IMPORTS / name), "--to", str(tmp_path / "lib")]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert where in error and message in error
    assert not (tmp_path / "lib").exists()


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("bad-doi.nbib", "bad-doi.nbib:1: DOI:", "entry 1: '10.1000' is not a DOI"),
        ("bad-pmid.json", "bad-pmid.json:1: PMID:", "entry 'x': 'PMC123' is not a PubMed ID"),
    ],
)
def test_a_malformed_identifier_is_dropped_named_and_exits_1(
    name: str, where: str, message: str, tmp_path: Path, capsys
) -> None:
    assert main(["import", str(IMPORTS / name), "--to", str(tmp_path / "lib")]) == 1
    error = capsys.readouterr().err
    assert where in error and message in error and "imported without it" in error
    (saved,) = json.loads((tmp_path / "lib" / "references.json").read_text(encoding="utf-8"))
    assert "DOI" not in saved if name.endswith(".nbib") else "PMID" not in saved
    assert main(["import", str(IMPORTS / name), "--to", str(tmp_path / "strict"), "--strict"]) == 2
    assert "--strict: nothing imported" in capsys.readouterr().err
    assert not (tmp_path / "strict").exists()


def test_an_entry_without_a_year_is_a_reference(tmp_path: Path, capsys) -> None:
    library = tmp_path / "lib"
    assert main(["import", str(IMPORTS / "no-year.ris"), "--to", str(library)]) == 0
    (saved,) = json.loads((library / "references.json").read_text(encoding="utf-8"))
    assert saved["id"] == "doe" and "issued" not in saved
    outline = tmp_path / "letter.toml"
    outline.write_text('[letter]\ntitle = "T"\n\n[[body]]\ntext = "See [@doe]."\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["refs", str(outline), "--library", str(library)]) == 0
    assert capsys.readouterr().out.startswith("1. Doe J. A title without a year.")


def test_import_to_a_folder_dedupes_within_that_folder(tmp_path: Path, capsys) -> None:
    library = tmp_path / "lib"
    assert main(["import", str(IMPORTS / "refs.ris"), "--to", str(library)]) == 0
    saved = json.loads((library / "references.json").read_text(encoding="utf-8"))
    # yong2022 is also in the built-in library (same DOI): a society's folder may hold its own copy,
    # under a key of its own because keys are shared by the whole stack.
    assert [item["id"] for item in saved] == ["yong2022-2", "usdhhs2019"]
    err = capsys.readouterr().err
    assert "yong2022: also in " in err and "as 'yong2022'" in err
    assert main(["import", str(IMPORTS / "refs.bib"), "--to", str(library)]) == 0
    err = capsys.readouterr().err
    assert "skipped hhs2019: already in the folder as 'usdhhs2019'" in err  # same title and year
    assert len(json.loads((library / "references.json").read_text(encoding="utf-8"))) == 3
    assert main(["import", str(IMPORTS / "refs.ris"), "--to", str(library)]) == 0
    assert "nothing added" in capsys.readouterr().err


def test_import_defaults_to_the_user_library(capsys) -> None:
    from rebuttal.library.stack import user_library_folder

    assert main(["import", str(IMPORTS / "refs.yaml")]) == 0
    saved = json.loads((user_library_folder() / "references.json").read_text(encoding="utf-8"))
    # buckley2025 carries the DOI of wang2025, which the built-in library holds.
    assert [item["id"] for item in saved] == ["onoff2020"]
    assert "skipped buckley2025: already in the library as 'wang2025'" in capsys.readouterr().err


def test_imported_references_can_be_cited(tmp_path: Path, capsys) -> None:
    library = tmp_path / "lib"
    main(["import", str(IMPORTS / "refs.yaml"), "--to", str(library)])
    outline = tmp_path / "letter.toml"
    outline.write_text(
        '[letter]\ntitle = "T"\n\n[[body]]\ntext = "See [@onoff2020]."\n', encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["refs", str(outline), "--library", str(library)]) == 0
    assert capsys.readouterr().out == "1. Off ON. A second item. J Test. 2020 May.\n"


def test_article_option_sets_the_outline_article(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    assert main(["import", str(IMPORTS / "wang2025.nbib"), "--article", str(outline)]) == 0
    article = load_outline(outline).article
    assert article.authors[:2] == ["Wang, Xiaoqin", "Martin, Grace"]
    assert (article.journal_abbrev, article.date, article.pages) == ("BMJ", "2025-02-19", "e079971")
    assert (article.doi, article.pmid, article.design) == ("10.1136/bmj-2024-079971", "39971346",
                                                           "network meta-analysis")
    capsys.readouterr()
    assert main(["refs", str(outline)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("1. Wang X, Martin G, Sadeghirad B, Chang Y, Florez ID, Couban RJ, et al. Common")
    assert first.endswith("BMJ. 2025 Feb 19;388:e079971. doi: 10.1136/bmj-2024-079971. PMID: 39971346.")


def test_article_option_refuses_several_entries(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    before = outline.read_bytes()
    assert main(["import", str(IMPORTS / "refs.ris"), "--article", str(outline)]) == 2
    assert "exactly one entry" in capsys.readouterr().err
    assert outline.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Wang, Xiaoqin", {"family": "Wang", "given": "Xiaoqin"}),
        ("Florez ID", {"family": "Florez", "given": "ID"}),
        ("Jason W. Busse", {"family": "Busse", "given": "Jason W."}),
        ("Helm, II, Standiford", {"family": "Helm", "given": "Standiford", "suffix": "II"}),
        ("Helm S 2nd", {"family": "Helm", "given": "S", "suffix": "2nd"}),
        ("de Souza, Ana", {"family": "de Souza", "given": "Ana"}),
        ("World Health Organization", {"literal": "World Health Organization"}),
    ],
)
def test_names(text: str, person: dict) -> None:
    assert parse_name(text) == person


def test_unknown_format_asks_for_format_option(tmp_path: Path, capsys) -> None:
    odd = tmp_path / "refs.dat"
    odd.write_text("Nothing a reference manager writes\n", encoding="utf-8")
    assert main(["import", str(odd), "--to", str(tmp_path / "lib")]) == 2
    error = capsys.readouterr().err
    assert f"{odd}: format: cannot tell the format; use --format" in error
    ris_named_txt = tmp_path / "export.txt"
    ris_named_txt.write_text((IMPORTS / "refs.ris").read_text(encoding="utf-8"), encoding="utf-8")
    assert [item["id"] for item in read_references(ris_named_txt)] == ["yong2022", "usdhhs2019"]


def test_bibtex_comments_are_skipped(tmp_path: Path) -> None:
    bib = tmp_path / "commented.bib"
    bib.write_text(
        "% Exported by jane@example.org\n"
        "@comment{jabref-meta: databaseType:bibtex; @misc{not, title={Not an entry}}}\n"
        "@preamble { \"\\newcommand{\\noop}[1]{}\" }\n"
        "@article{real, title = {Real}, journal = {J Test}, year = {2021}}\n",
        encoding="utf-8",
    )
    assert [item["id"] for item in read_references(bib)] == ["real"]


def test_a_work_twice_in_one_file_is_imported_once(tmp_path: Path, capsys) -> None:
    bib = tmp_path / "twice.bib"
    bib.write_text("@article{a, title={Same}, doi={10.1000/x}, year=2020}\n"
                   "@article{b, title={Same again}, doi={10.1000/X}, year=2020}\n", encoding="utf-8")
    assert main(["import", str(bib), "--to", str(tmp_path / "lib")]) == 0
    assert "skipped b: earlier in this file as 'a'" in capsys.readouterr().err
