"""AMA 11th ed. 3.6.1: superscript numbers outside periods and commas, inside colons and semicolons."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from rebuttal.letter.assemble import assemble, place_superscript_punctuation
from rebuttal.letter.outline import load_outline
from rebuttal.model import Citation, Span
from rebuttal.render.markdown import render_markdown
from rebuttal.render.rich_render import render_rich
from rebuttal.render.text import render_text

from .conftest import ROOT, TODAY

CITE = Citation(("a",), (2, 3))


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("needed", ".", ["needed.", CITE]),
    ("needed", ", and more", ["needed,", CITE, " and more"]),
    ("as follows:", " one", ["as follows", CITE, ": one"]),
    ("first;", "", ["first", CITE, ";"]),
    ("needed.", "", ["needed.", CITE]),
    ("word", " more.", ["word", CITE, " more."]),
])
def test_punctuation_moves_around_the_number(before: str, after: str, expected: list) -> None:
    inlines = [Span(before), CITE, *([Span(after)] if after else [])]
    placed = place_superscript_punctuation(inlines)
    assert [i.text if isinstance(i, Span) else i for i in placed] == expected


@pytest.fixture(scope="module")
def jama_document():
    from rebuttal.library.stack import builtin_folder, load_library

    library = load_library([builtin_folder()])
    return assemble(library, load_outline(ROOT / "examples" / "jama-letter-wang-2025.toml"), today=TODAY)


def test_every_renderer_puts_the_number_after_the_period(jama_document) -> None:
    markdown = render_markdown(jama_document)
    assert "urgently needed.^2,3^" in markdown and "needed^2,3^." not in markdown
    assert "in BMJ.^1^" in markdown
    text = render_text(jama_document, width=0)
    assert "urgently needed.[2,3]" in text
    console = Console(width=400, file=io.StringIO(), record=True)
    console.print(render_rich(jama_document))
    shown = console.export_text()
    assert "needed.²˒³" in shown and "BMJ.¹" in shown  # the preview raises them, as print will


def test_the_docx_run_before_the_number_ends_with_the_period(jama_document, tmp_path) -> None:
    import docx

    from rebuttal.exchange.docx.write import write_docx

    target = tmp_path / "jama.docx"
    write_docx(jama_document, target)
    for paragraph in docx.Document(str(target)).paragraphs:
        if "urgently needed" in paragraph.text:
            # the runs inside the citation's link to the reference list included
            runs = [run for item in paragraph.iter_inner_content() for run in getattr(item, "runs", [item])]
            number = next(i for i, run in enumerate(runs) if run.font.superscript)
            assert runs[number].text == "2,3" and runs[number - 1].text.endswith("needed.")
            assert number == len(runs) - 1
            break
    else:
        pytest.fail("the paragraph is missing")
