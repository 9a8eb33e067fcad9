"""The readers take real exports: each defect found in real BibTeX, RIS and MEDLINE files, one test each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.letter.outline import load_outline
from rebuttal.refs.importers import read_import
from tests.conftest import EXAMPLE


def read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_import(path)


# BibTeX ---------------------------------------------------------------------------------------------

def test_bibtex_discretionary_hyphen_is_no_traceback_and_no_character(tmp_path: Path) -> None:
    (item,) = read(tmp_path, "a.bib", "@article{a, title={Dis\\-cre\\-tion}, year=2020}").items
    assert item["title"] == "Discretion"


def test_bibtex_comment_without_braces_and_field_names_with_spaces(tmp_path: Path) -> None:
    result = read(tmp_path, "a.bib", (
        "@comment jabref-meta: grouping:\n"
        "@article{a,\n  Date Added = {2020-01-01},\n  title = {Kept},\n  journal = {J},\n  year = 2020\n}\n"
    ))
    (item,) = result.items
    assert (item["title"], item["container-title"], result.problems) == ("Kept", "J", [])


def test_bibtex_syntax_error_skips_to_the_next_entry_at_a_line_start(tmp_path: Path) -> None:
    result = read(tmp_path, "a.bib", (
        "@article{first, title = {First}, year = 2020}\n"
        "\n"
        "@article{broken,\n  title = {Unclosed,\n  year = 2020\n"
        "@article{after, title = {After}, year = 2021}\n"
        "@article{noequals, title {x}}\n"
        "@book{last,\n  title = {Last},\n\n  year = 2022}\n"
    ))
    assert [item["id"] for item in result.items] == ["first", "after", "last"]
    lines = [(problem.line, problem.entry) for problem in result.problems]
    assert lines == [(3, "entry 'broken'"), (7, "entry 'noequals'")]
    assert "a '{' is never closed" in result.problems[0].reason


def test_bibtex_line_numbers_count_every_line_before_the_entry(tmp_path: Path) -> None:
    entries = "".join(f"@article{{e{n},\n  title = {{T{n}}},\n  year = 2020,\n}}\n\n" for n in range(200))
    result = read(tmp_path, "a.bib", entries + "@article{bad,\n  year = 2020,\n}\n")
    assert result.problems[0].line == 200 * 5 + 1


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("Garc\\'{\\i}a-L{\\'o}pez", "García-López"),
        ("\\ss{} \\aa{} \\o{} \\l{} \\i{} \\ae{} \\oe{} \\k{a} \\r{u}", "ß å ø ł ı æ œ ą ů"),
        ("Pain\\textendash{}Relief", "Pain–Relief"),
        ("Sets \\{a, b\\}", "Sets {a, b}"),
        ("``Quoted'' text", "“Quoted” text"),
        ("The $\\alpha$-helix of H$_2$O", "The α-helix of H_2O"),
        ("Research & Development", "Research & Development"),
        ("Research \\& Development", "Research & Development"),
        ("{{ZnO}}/{{NiO}} Sch{\\\"u}nemann", "ZnO/NiO Schünemann"),
        ("pages 1--2 and a---b", "pages 1–2 and a—b"),
    ],
)
def test_bibtex_latex_decoding(tmp_path: Path, latex: str, text: str) -> None:
    (item,) = read(tmp_path, "a.bib", f"@article{{a, title = {{{latex}}}, year = 2020}}").items
    assert item["title"] == text


def test_bibtex_names_and_others_and_four_words(tmp_path: Path) -> None:
    (item,) = read(tmp_path, "a.bib", (
        "@article{a, title = {T}, year = 2020, author = {Maria de la Cruz Lopez and "
        "{World Health Organization Study Group} and Ludwig van Beethoven and "
        "Garc\\'{\\i}a-L{\\'o}pez, Jos\\'e and others}}"
    )).items
    assert item["author"] == [
        {"family": "de la Cruz Lopez", "given": "Maria"},
        {"literal": "World Health Organization Study Group"},
        {"family": "van Beethoven", "given": "Ludwig"},
        {"family": "García-López", "given": "José"},
    ]


def test_bibtex_crossref_and_note_pmid(tmp_path: Path) -> None:
    result = read(tmp_path, "a.bib", (
        "@inproceedings{child, crossref = {proc}, pages = {1--9}, title = {A paper}, note = {PMID: 1234}}\n"
        "@proceedings{proc, title = {Proceedings of X}, year = 2019, publisher = {P}}\n"
    ))
    child = result.items[0]
    assert (child["container-title"], child["issued"], child["page"]) == (
        "Proceedings of X", {"date-parts": [[2019]]}, "1-9")
    assert child["PMID"] == "1234"


# RIS ------------------------------------------------------------------------------------------------

SCOPUS_LIKE = """Scopus
EXPORT DATE: 12 May 2022

1.
TY  - JOUR
AU  - Eloubeidi M.A.
AU  - Tamhane A.
TI  - A title
that wraps
UR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-1&
partnerID=40
KW  - Endoscopy
Ultrasound; Cysts
AN  - 12345678
DB  - Scopus
PY  - 2020
Export Date: 12 May 2022
ER  -

2.
TY  - JOUR
TI  - From PubMed
AN  - 33990113
DB  - PubMed
DP  - NLM
PY  - 2021
AB  - An abstract.
ER  -
NL  - Outside any record
T1  - Also outside
ER  -
"""


def test_ris_lenient_lines_continuations_names_and_accession_numbers(tmp_path: Path) -> None:
    result = read(tmp_path, "a.ris", SCOPUS_LIKE)
    first, second = result.items
    assert len(result.items) == 2 and result.problems == []
    assert first["author"] == [{"family": "Eloubeidi", "given": "M.A."}, {"family": "Tamhane", "given": "A."}]
    assert first["title"] == "A title that wraps"
    assert first["URL"] == "https://www.scopus.com/inward/record.uri?eid=2-s2.0-1&partnerID=40"
    assert first["keyword"] == "Endoscopy; Ultrasound; Cysts"
    assert "PMID" not in first  # Scopus's AN is Scopus's own number
    assert second["PMID"] == "33990113" and second["abstract"] == "An abstract."


def test_ris_tags_without_spaces_and_a_bare_er(tmp_path: Path) -> None:
    text = "TY  - JOUR\nT1  - Enzymes\nA1  -Bergel, F\nJO  -;Biochem. J\nER\n"
    (item,) = read(tmp_path, "a.ris", text).items
    assert item["author"] == [{"family": "Bergel", "given": "F"}]
    assert item["container-title"] == "Biochem. J"


def test_web_of_science_plain_text(tmp_path: Path) -> None:
    (item,) = read(tmp_path, "savedrecs.txt", (
        "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Loach, PA\n   Law, CJ\n"
        "TI Interactions stabilizing\n   the structure\nSO BIOCHEMISTRY\nDT Review\nPY 2004\nPD JUN 8\n"
        "BP 7003\nEP 7016\nDI 10.1021/bi049798f\nPM 15170338\nER\n\nEF\n"
    )).items
    assert item["title"] == "Interactions stabilizing the structure"
    assert item["author"] == [{"family": "Loach", "given": "PA"}, {"family": "Law", "given": "CJ"}]
    assert (item["container-title"], item["page"], item["issued"]) == (
        "Biochemistry", "7003-7016", {"date-parts": [[2004, 6, 8]]})
    assert item["_design"] == "review"


# MEDLINE --------------------------------------------------------------------------------------------

def test_medline_leading_pmc_line_makes_no_empty_record_and_blank_lines_part_records(tmp_path: Path) -> None:
    result = read(tmp_path, "a.nbib", (
        "PMC - PMC1234567\nPMID- 111\nTI  - First.\nDP  - 2020\nPT  - Randomized Controlled Trial\n"
        "AB  - Background: one\n      two.\nOT  - back pain\nMH  - Low Back Pain/*therapy\n"
        "\n"
        "OWN - NLM\nTI  - Second.\nDP  - 2021\nPT  - Meta-Analysis\n"
    ))
    first, second = result.items
    assert result.problems == []
    assert (first["PMID"], first["PMCID"], first["title"]) == ("111", "PMC1234567", "First")
    assert first["abstract"] == "Background: one two."
    assert first["keyword"] == "back pain; Low Back Pain"
    assert (first["_design"], second["_design"]) == ("randomised trial", "meta-analysis")
    assert second["title"] == "Second"


def test_article_option_takes_abstract_keywords_and_design(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    record = tmp_path / "rct.nbib"
    record.write_text(
        "PMID- 111\nTI  - A trial of X.\nDP  - 2024 Mar 5\nFAU - Doe, Jane\nJT  - Pain\n"
        "PT  - Journal Article\nPT  - Randomized Controlled Trial\nAB  - OBJECTIVE: To test X.\n"
        "OT  - radiofrequency\nOT  - facet joint\n", encoding="utf-8")
    assert main(["import", str(record), "--article", str(outline)]) == 0
    article = load_outline(outline).article
    assert (article.design, article.abstract) == ("randomised trial", "OBJECTIVE: To test X.")
    assert article.keywords == ["radiofrequency", "facet joint"]


def test_bibtex_entry_without_a_key_keeps_its_first_field(tmp_path: Path) -> None:
    text = "\t@article{\n\t  author = {Huang, Y. and Mucke, L.},\n\t  title = {T},\n}"
    (item,) = read(tmp_path, "a.bib", text).items
    assert item["author"] == [{"family": "Huang", "given": "Y."}, {"family": "Mucke", "given": "L."}]
    assert item["id"] == "huang"


def test_the_article_form_keeps_an_imported_abstract_and_keywords(tmp_path: Path, builtin_library) -> None:
    import asyncio

    from rebuttal.library.stack import load_library
    from rebuttal.ui.app import make_app
    from tests.conftest import TODAY
    from tests.ui_support import SIZE

    outline = tmp_path / "letter.toml"
    shutil.copy(EXAMPLE, outline)
    record = tmp_path / "rct.nbib"
    record.write_text("PMID- 111\nTI  - A trial.\nDP  - 2024\nAB  - The abstract.\nOT  - facet joint\n",
                      encoding="utf-8")
    assert main(["import", str(record), "--article", str(outline)]) == 0

    async def run() -> None:
        app = make_app(outline, load_library(builtin_library.folders), today=TODAY, autosave_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            await pilot.press("ctrl+s")  # Apply the form unchanged
            await pilot.pause()
            article = app.session.outline.article
            assert (article.abstract, article.keywords) == ("The abstract.", ["facet joint"])

    asyncio.run(run())


def test_biblatex_pubmed_eprint_and_urldate_and_ris_article_number(tmp_path: Path) -> None:
    (entry,) = read(tmp_path, "a.bib", "@online{a, title={T}, eprint={39971346}, eprinttype={pubmed}, "
                                       "urldate={2025-03-01}, url={https://example.org}}").items
    assert (entry["PMID"], entry["accessed"]) == ("39971346", {"date-parts": [[2025, 3, 1]]})
    (record,) = read(tmp_path, "a.ris", "TY  - JOUR\nTI  - T\nC7  - e079971\nPY  - 2025\nER  - \n").items
    assert record["page"] == "e079971"


def test_no_pagination_specified_is_no_page_and_a_stray_comma_is_dropped(tmp_path: Path) -> None:
    (item,) = read(tmp_path, "a.bib", "@article{a, title={Gamification: a tool,}, year=2020, "
                                      "pages={No Pagination Specified-No Pagination Specified}}").items
    assert item["title"] == "Gamification: a tool" and "page" not in item


def test_bibtex_comment_line_between_fields(tmp_path: Path) -> None:
    text = "@article{a,\n  % added by hand\n  title = {T}, % checked\n  % year = 1999,\n  year = 2020\n}\n"
    (item,) = read(tmp_path, "a.bib", text).items
    assert (item["title"], item["issued"]) == ("T", {"date-parts": [[2020]]})
