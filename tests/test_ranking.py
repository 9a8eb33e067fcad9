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
    assert lines[0] == "ranked for Wang 2025 (network meta-analysis); ★ written for its design"
    assert len(lines) == 6
    assert all("concerns/" in line and " ★ " in line and "meta-analysis" in line for line in lines[1:])
    assert all("written for: " in line and "; matched: " in line for line in lines[1:])
    assert main(["blocks", "--for", str(EXAMPLE), "--json", "--top", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ranked_for"] == "Wang 2025" and len(data["blocks"]) == 3
    assert data["blocks"][0]["score"] >= data["blocks"][1]["score"] >= data["blocks"][2]["score"]
    assert data["blocks"][0]["terms"] and data["blocks"][0]["reasons"].startswith("written for: ")


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


def _labelled(name: str):
    import sys

    sys.path.insert(0, str(ROOT))
    from tests.relevance_set import imported_article, load_set

    return imported_article(next(a for a in load_set() if a.name == name))[0]


def test_a_trial_without_sham_ranks_the_sham_block_below_and_says_why() -> None:
    from rebuttal.library.stack import builtin_folder

    article = _labelled("bailey2020")  # surgery against nonoperative care: no sham in its abstract
    library = load_library([builtin_folder()])
    ranking = rank_library(library, title=article.title, abstract=article.abstract, keywords=article.keywords,
                           design=article.design, kind="concern")
    by_id = {r.info.id: (place, r) for place, r in enumerate(ranking.ranked)}
    place, sham = by_id["concerns/sham-comparator"]
    assert sham.lacking == ["sham", "placebo"] and sham.tier == 1
    assert "the article does not mention: sham or placebo" in sham.reasons()
    fitting = [r for r in ranking.ranked if r.tier == 0 and r.score > 0]
    assert fitting and all(by_id[r.info.id][0] < place for r in fitting)
    review_only = by_id["concerns/heterogeneity"][1]
    assert review_only.tier == 2 and not review_only.design
    assert "written for other designs: meta-analysis, network meta-analysis" in review_only.reasons()
    follow_up = by_id["concerns/short-follow-up"][1]
    assert follow_up.design and follow_up.wording == "trial"
    assert follow_up.reasons().startswith("written for: randomised trial (trial wording); matched: ")
    # ★ (written for the design) only on blocks whose tags name the trial's design family.
    assert all(r.design == ("randomised trial" in r.info.tags) for r in ranking.ranked)


def test_a_sham_controlled_trial_keeps_the_sham_block_among_the_first() -> None:
    from rebuttal.library.stack import builtin_folder

    article = _labelled("vanwijk2005")
    ranking = rank_library(load_library([builtin_folder()]), title=article.title, abstract=article.abstract,
                           keywords=article.keywords, design=article.design, kind="concern")
    best = [r.info.id for r in ranking.best(5)]
    assert "concerns/sham-comparator" in best
    assert "sham" in next(r for r in ranking.ranked if r.info.id == "concerns/sham-comparator").terms


def test_the_five_best_concerns_for_a_single_trial_build_a_letter_about_no_review(tmp_path: Path) -> None:
    """Issue 21's done-when: Bailey 2020 (NEJM, surgery against nonoperative care for sciatica)."""
    import datetime as dt

    from rebuttal.letter.assemble import assemble
    from rebuttal.letter.outline import BodyItem, load_outline
    from rebuttal.library.design_fit import review_words
    from rebuttal.library.stack import builtin_folder
    from rebuttal.render.text import render_text

    article = _labelled("bailey2020")
    library = load_library([builtin_folder()])
    ranking = rank_library(library, title=article.title, abstract=article.abstract, keywords=article.keywords,
                           design=article.design, kind="concern")
    best = ranking.best(5)
    assert len(best) == 5 and all(r.design for r in best)
    outline = load_outline(EXAMPLE)
    outline.article = article
    for variant in ("full", "short"):
        outline.body = [BodyItem(block=r.info.id, variant=variant) for r in best]
        letter = render_text(assemble(library, outline, today=dt.date(2026, 1, 5)))
        assert "randomised trial" in letter  # {article.design} filled in
        assert review_words(letter) == [], variant
    # The same blocks for the example network meta-analysis take their review wording.
    outline = load_outline(EXAMPLE)
    outline.body = [BodyItem(block=r.info.id) for r in best]
    assert review_words(render_text(assemble(library, outline, today=dt.date(2026, 1, 5))))
