"""The corpus: 30 real exports from public repositories (tests/fixtures/corpus/README.md).

Per file: how many entries are imported, how many skipped, and how many lose
a malformed DOI/PMID; no file ends in a traceback, and what would be
written loads again. Files over 200 kB are kept xz-compressed.
"""

from __future__ import annotations

import functools
import json
import lzma
from pathlib import Path

import pytest

from rebuttal.refs.bibliography import parse_bibliography
from rebuttal.refs.importers import import_text
from rebuttal.refs.importers.finish import ImportResult

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
FORMATS = {".bib": "bibtex", ".ris": "ris", ".nbib": "medline"}
# (file, imported, skipped, imported without a malformed DOI/PMID or a character no letter can hold)
EXPECTED = [
    ("bib/bbt_ai_strings_concat_1018.bib", 988, 0, 0),
    ("bib/bbt_and_others.bib", 1, 0, 0),
    ("bib/bbt_apa_corporate_283.bib", 217, 66, 2),  # APA manual name cases: author and date only
    ("bib/bbt_bibdesk_pandoc.bib", 39, 0, 0),
    ("bib/bbt_bibdesk_strings.bib", 1, 0, 0),
    ("bib/bbt_biblatex_bulk_1241.bib", 1241, 0, 0),
    ("bib/bbt_endnote_export.bib", 1, 0, 0),
    ("bib/bbt_jabref210_916.bib", 911, 0, 2),  # and Huang_2004's abstract loses a U+0001
    ("bib/bbt_jabref51_accents.bib", 20, 0, 0),
    ("bib/bbt_literal_names_aha.bib", 1, 0, 0),
    ("bib/bbt_mendeley_512.bib", 512, 0, 1),
    ("bib/bbt_string_subst.bib", 1, 0, 0),
    ("bib/bbt_zotero_506.bib", 506, 0, 1),
    ("bib/bbt_zotero_7166.bib", 7166, 0, 5),  # five 12-digit Web of Science numbers in `pmid`
    ("nbib/biopython_pubmed_result1.nbib", 1, 0, 0),
    ("nbib/biopython_pubmed_result2.nbib", 4, 0, 0),
    ("nbib/biopython_pubmed_result3.nbib", 1, 0, 0),
    ("nbib/pybtexnbib_marcelis_book.nbib", 1, 0, 0),
    ("nbib/rayyan_example.nbib", 1, 0, 0),
    ("ris/asreview_embase.ris", 6, 0, 0),
    ("ris/asreview_issue_1099.ris", 7, 0, 0),
    ("ris/asreview_ovid_psycinfo.ris", 6, 0, 0),
    ("ris/asreview_ovid_zotero.ris", 6, 0, 0),
    ("ris/asreview_proquest.ris", 6, 0, 0),
    ("ris/asreview_pubmed_endnote.ris", 6, 0, 0),
    ("ris/asreview_pubmed_zotero.ris", 6, 0, 0),
    ("ris/asreview_rayyan_992.ris", 19, 0, 0),
    ("ris/asreview_scopus.ris", 6, 0, 0),
    ("ris/rayyan_example.ris", 2, 0, 0),
    ("ris/rispy_wos.ris", 2, 0, 0),  # Web of Science plain text, named .ris
]


def corpus_text(name: str) -> str:
    """The text of a corpus file (decompressed when it is kept as ``.xz``)."""
    path = CORPUS / name
    if not path.exists():
        return lzma.decompress((CORPUS / f"{name}.xz").read_bytes()).decode("utf-8-sig")
    return path.read_text(encoding="utf-8-sig")


def test_every_corpus_file_is_pinned() -> None:
    on_disk = sorted(str(path.relative_to(CORPUS)).removesuffix(".xz") for path in CORPUS.glob("*/*")
                     if path.parent.name != "LICENSES")
    assert on_disk == sorted(name for name, *_ in EXPECTED)


@functools.cache
def imported_from(name: str) -> ImportResult:
    """The corpus file ``name`` imported (once per test session)."""
    return import_text(corpus_text(name), Path(name), FORMATS[Path(name).suffix])


@pytest.mark.parametrize(("name", "imported", "skipped", "dropped"), EXPECTED)
def test_corpus_file(name: str, imported: int, skipped: int, dropped: int) -> None:
    result = imported_from(name)
    assert (len(result.items), len(result.skipped), len(result.problems) - len(result.skipped)) == (
        imported, skipped, dropped)
    assert all(problem.line for problem in result.problems)  # every problem names its line
    saved = [{key: value for key, value in item.items() if not key.startswith("_")} for item in result.items]
    assert len(parse_bibliography(json.dumps(saved), Path("references.json"))) == imported


def by_id(name: str) -> dict[str, dict]:
    return {item["id"]: item for item in imported_from(name).items}


def test_corpus_spot_checks() -> None:
    zotero = by_id("bib/bbt_zotero_7166.bib")
    # "{V{\'a}squez-Sancho}, Fabi{\'a}n": a braced family name, not a body
    assert zotero["abdollahi_2018"]["author"][1] == {"family": "Vásquez-Sancho", "given": "Fabián"}
    assert zotero["adachi_2013"]["title"].endswith("Using a Ga–Al Flux")  # \textendash
    assert "PMID" not in zotero["jiang_2013"]
    endnote = by_id("bib/bbt_endnote_export.bib")["huang2012"]
    assert endnote["author"][0] == {"family": "Huang", "given": "Y."}  # an entry without a key
    assert endnote["abstract"].startswith("There are still no effective treatments")
    (others,) = by_id("bib/bbt_and_others.bib").values()
    assert others["author"] == [{"family": "Madelung", "given": "O."}]  # "and others" is et al.
    psycinfo = by_id("ris/asreview_ovid_psycinfo.ris")
    assert psycinfo["trindade2019"]["DOI"] == "10.1002/cpp.2398" and "page" not in psycinfo["trindade2019"]
    pubmed = by_id("ris/asreview_pubmed_endnote.ris")["abdeltawab2011"]
    assert (pubmed["PMID"], pubmed["issued"]) == ("21553931", {"date-parts": [[2011, 6]]})
    scopus = by_id("ris/asreview_issue_1099.ris")
    assert all("PMID" not in item for item in scopus.values())
    book = by_id("nbib/pybtexnbib_marcelis_book.nbib")["marcelis1993"]
    assert (book["type"], book["container-title"]) == ("chapter", "GeneReviews(®)")


def test_imported_corpus_files_load_and_format(tmp_path: Path) -> None:
    from rebuttal.cli import main
    from rebuttal.library.stack import builtin_folder, load_library
    from rebuttal.refs.formatting import format_entries
    from rebuttal.refs.styles import STYLES

    library = tmp_path / "lib"
    for name in ("ris/asreview_pubmed_endnote.ris", "bib/bbt_jabref51_accents.bib",
                 "nbib/biopython_pubmed_result2.nbib", "ris/rispy_wos.ris"):
        assert main(["import", str(CORPUS / name), "--to", str(library)]) == 0
    keys = [item["id"] for item in json.loads((library / "references.json").read_text(encoding="utf-8"))]
    bibliography = load_library([builtin_folder(), library]).bibliography  # the library still loads
    assert len(keys) == 6 + 20 + 4 + 2
    style = STYLES["nlm"]
    entries = format_entries(style.name, style.csl_path, [bibliography.get(key) for key in keys],
                             nlm_suffixes=style.nlm_suffixes, use_cache=False)
    texts = ["".join(span.text for span in entry) for entry in entries]
    assert all(text.strip() for text in texts)
    assert texts[0].startswith("Abdel-Tawab M, Werz O, Schubert-Zsilavecz M. Boswellia serrata")
