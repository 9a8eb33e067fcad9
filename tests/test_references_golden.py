"""The example letter's full reference list, pinned in NLM, AMA and BMJ styles.

The golden files were checked entry by entry against Citing Medicine, the
AMA Manual of Style and The BMJ's printed lists (BMJ 2021;372:n71). Each line is one entry with its
emphasis written ``*italic*`` and links ``[text](target)``, so a lost italic
or a DOI that stops being a link fails as surely as a wrong character.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from rebuttal.letter.assemble import assemble
from rebuttal.model import Document, Span
from tests.conftest import TODAY

GOLDEN = Path(__file__).resolve().parent / "golden"


def entry_markup(spans: tuple[Span, ...]) -> str:
    """One entry with its emphasis and links made visible."""
    out = []
    for span in spans:
        text = f"*{span.text}*" if span.italic else span.text
        text = f"**{text}**" if span.bold else text
        out.append(f"[{text}]({span.link})" if span.link else text)
    return "".join(out)


def document_in(style: str, builtin_library, example_outline) -> Document:
    """The example letter assembled in ``style``."""
    letter = dataclasses.replace(example_outline.letter, style=style)
    outline = dataclasses.replace(example_outline, letter=letter)
    return assemble(builtin_library, outline, today=TODAY)


@pytest.mark.parametrize("style", ["nlm", "ama", "bmj"])
def test_full_list_matches_golden(style: str, builtin_library, example_outline) -> None:
    document = document_in(style, builtin_library, example_outline)
    produced = "".join(f"{ref.number}. {entry_markup(ref.inlines)}\n" for ref in document.references)
    expected = (GOLDEN / f"refs-{style}.txt").read_text(encoding="utf-8")
    assert produced == expected


def test_nlm_entry_one_exactly(example_document: Document) -> None:
    first = example_document.references[0]
    assert first.plain() == (
        "Wang X, Martin G, Sadeghirad B, Chang Y, Florez ID, Couban RJ, et al. Common interventional "
        "procedures for chronic non-cancer spine pain: a systematic review and network meta-analysis of "
        "randomised trials. BMJ. 2025 Feb 19;388:e079971. doi: 10.1136/bmj-2024-079971. PMID: 39971346."
    )
    links = [span for span in first.inlines if span.link]
    assert links == [Span("10.1136/bmj-2024-079971", link="https://doi.org/10.1136/bmj-2024-079971")]


def test_nlm_known_pitfalls(example_document: Document) -> None:
    by_key = {ref.key: ref.plain() for ref in example_document.references}
    assert "Pain Physician. 2020 May;23(3S):S1-S127. PMID: 32503359." in by_key["manchikanti2020"]
    assert "2021 Jan;24(S1):S27-S208." in by_key["manchikanti2021"]
    assert "Pain. 2022 Feb 1;163(2):e328-e332." in by_key["yong2022"]
    # Numeric ranges are elided as Citing Medicine asks (1199-205).
    assert "2019 Jul 13;93:284-90." in by_key["domenichiello2019"]
    assert by_key["hhs2019"].startswith("U.S. Department of Health and Human Services. Pain Management")
    hhs = example_document.references[-1]
    assert hhs.inlines[-1].link == "https://www.hhs.gov/ash/advisory-committees/pain/reports/index.html"


def test_every_style_is_chosen_by_name(builtin_library, example_outline) -> None:
    ama = document_in("ama", builtin_library, example_outline)
    assert ama.marker.superscript
    assert ama.references[0].plain().startswith("Wang X, Martin G, Sadeghirad B, et al. Common")
    bmj = document_in("bmj", builtin_library, example_outline)
    assert (bmj.marker.open, bmj.marker.close) == ("[", "]")
    vancouver = document_in("vancouver", builtin_library, example_outline)
    assert vancouver.references[0].plain() == document_in(
        "nlm", builtin_library, example_outline
    ).references[0].plain()
