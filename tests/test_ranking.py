"""Blocks ranked for the article: BM25 over the index, design tags boosted, spelling variants agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.library.ranking import article_label, rank_library, terms_of
from rebuttal.library.stack import load_library

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "psps-wang-2025.toml"


def _block(folder: Path, block_id: str, title: str, text: str, tags: str = "") -> None:
    path = folder / f"{block_id}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'title = "{title}"\nkind = "concern"\ntext = "{text}"\ntags = [{tags}]\n')


def test_search_terms_carry_both_spellings() -> None:
    assert {"randomized", "randomised"} <= set(terms_of("A randomized trial of the"))
    assert "the" not in terms_of("A randomized trial of the")


def test_article_label() -> None:
    assert article_label(["Juch JNS", "Maas ET"], "2017-07-04") == "Juch 2017"
    assert article_label(["Wang, Xiaoqin"], "2025") == "Wang 2025"
    title = "Radiofrequency denervation for back pain"
    assert article_label([], "", title) == "Radiofrequency denervation for back"


def test_text_matches_rank_first_and_the_design_boosts(tmp_path: Path) -> None:
    _block(tmp_path, "concerns/denervation", "Denervation sham", "Radiofrequency denervation needs a sham.")
    _block(tmp_path, "concerns/unrelated", "Dosing of antibiotics", "Antibiotic dosing in children.")
    _block(tmp_path, "concerns/trial", "Any trial", "General words.", '"randomized trial"')
    library = load_library([tmp_path], index_location=tmp_path / ".index")
    title = "Radiofrequency denervation for chronic low back pain"
    plain = rank_library(library, title=title)
    assert [r.info.id for r in plain.best(10)] == ["concerns/denervation"]
    assert {"radiofrequency", "denervation"} <= set(plain.ranked[0].terms)
    ranking = rank_library(library, title=title, design="randomised trial")
    by_id = {r.info.id: r for r in ranking.ranked}
    assert by_id["concerns/trial"].design and not by_id["concerns/denervation"].design  # other spelling
    assert by_id["concerns/trial"].score > plain.ranked[1].score
    assert [r.info.id for r in ranking.ranked][-1] == "concerns/unrelated"
    assert {r.info.id for r in ranking.best(10)} == {"concerns/denervation", "concerns/trial"}


def test_ranking_reads_each_blocks_wording_from_the_index_once(tmp_path: Path, monkeypatch) -> None:
    from rebuttal.library.index import BlockIndex

    for n in range(5):
        _block(tmp_path, f"concerns/c{n}", f"Denervation {n}", "Radiofrequency denervation needs a sham.")
    library = load_library([tmp_path], index_location=tmp_path / ".index")
    reads: list[str] = []
    real = BlockIndex.search_text_of
    def counted(self: BlockIndex, path: str) -> str:
        reads.append(path)
        return real(self, path)

    monkeypatch.setattr(BlockIndex, "search_text_of", counted)
    ranking = rank_library(library, title="Radiofrequency denervation sham for chronic low back pain")
    assert all({"radiofrequency", "denervation", "sham"} <= set(r.terms) for r in ranking.ranked)
    assert sorted(reads) == sorted({r.info.path for r in ranking.ranked})  # one read per block shown


def test_blocks_for_prints_the_ranking_with_the_terms(capsys: pytest.CaptureFixture) -> None:
    assert main(["blocks", "--for", str(EXAMPLE), "--kind", "concern", "--top", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "ranked for Wang 2025" and len(lines) == 6
    assert all("concerns/" in line and "+design" in line and "network" in line for line in lines[1:])
    assert main(["blocks", "--for", str(EXAMPLE), "--json", "--top", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ranked_for"] == "Wang 2025" and len(data["blocks"]) == 3
    assert data["blocks"][0]["score"] >= data["blocks"][1]["score"] >= data["blocks"][2]["score"]
    assert data["blocks"][0]["terms"]


@pytest.mark.parametrize(("record", "label", "design_tag", "word"), [
    ("juch2017.nbib", "Juch 2017", "randomised trial", "radiofrequency"),
    ("chou2015.nbib", "Chou 2015", "meta-analysis", "epidural"),
])
def test_real_pubmed_records_rank_design_blocks_first(record: str, label: str, design_tag: str,
                                                      word: str) -> None:
    from rebuttal.library.ranking import article_label
    from rebuttal.library.stack import builtin_folder
    from rebuttal.refs.article import read_article

    article = read_article(ROOT / "tests" / "fixtures" / "ranking" / record)
    assert article.abstract  # the MEDLINE reader gives the abstract
    library = load_library([builtin_folder()])
    ranking = rank_library(library, title=article.title, abstract=article.abstract, keywords=article.keywords,
                           design=article.design, kind="concern")
    assert article_label(article.authors, article.date) == label
    best = ranking.best(5)
    assert all(design_tag in entry.info.tags for entry in best)
    assert any(word in entry.terms for entry in best)
