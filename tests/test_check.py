"""The check rules, each both ways, and the `rebuttal check` command."""

import copy
import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from rebuttal.cli import main
from rebuttal.errors import RebuttalError
from rebuttal.letter.assemble import assemble
from rebuttal.letter.check_words import allowed_text, detail_text, found_text
from rebuttal.letter.checks import CheckResult, Unit, assemble_for_check, longest_blocks, run_checks
from rebuttal.letter.outline import BodyItem, Outline
from rebuttal.library.stack import Library
from rebuttal.library.venues import NO_VENUE, Venue
from rebuttal.model import Signatory

from .conftest import EXAMPLE, ROOT, TODAY

JAMA_EXAMPLE = ROOT / "examples" / "jama-letter-wang-2025.toml"
STRICT = Venue(
    id="strict", name="Strict", word_limit=100, max_references=2, cite_article=True,
    max_authors=1, window_days=7,
)
LOOSE = Venue(
    id="loose", name="Loose", word_limit=5000, max_references=50, cite_article=True,
    max_authors=10, window_days=60,
)


def checks(library: Library, outline: Outline, venue: Venue = NO_VENUE) -> dict[str, CheckResult]:
    document = assemble_for_check(library, outline, today=TODAY)
    return {result.rule: result for result in run_checks(library, outline, document, venue, today=TODAY)}


def test_every_rule_passes_on_the_example_under_loose_limits(
    builtin_library: Library, example_outline: Outline
) -> None:
    results = checks(builtin_library, example_outline, LOOSE)
    assert list(results) == [
        "words", "references", "authors", "date", "window", "article", "placeholders", "status",
        "uncited", "missing", "repeated", "dates", "wording", "article-authors", "disclosures", "overlap",
    ]
    assert all(result.ok for result in results.values()), results
    assert results["words"].found == assemble(builtin_library, example_outline, today=TODAY).word_count()
    window = results["window"]  # 2025-02-19 + 60 days = 2025-04-20; letter 2025-03-10
    assert (window.found, window.allowed, window.unit) == (41, 60, Unit.DAYS_LEFT)
    assert (found_text(window), allowed_text(window)) == ("41 days left", "60 days")


def test_limits_fail_with_counts_and_advice(builtin_library: Library, example_outline: Outline) -> None:
    results = checks(builtin_library, example_outline, STRICT)
    words, refs, authors = results["words"], results["references"], results["authors"]
    assert (words.ok, words.found, words.allowed, words.unit) == (False, 823, 100, Unit.WORDS)
    assert "723 words over" in words.detail and "build --fit" in words.detail
    longest = longest_blocks(builtin_library, example_outline,
                             assemble(builtin_library, example_outline, today=TODAY), count=1)[0]
    assert longest.name in words.detail and longest.short_words is not None
    assert longest.short_words < longest.words
    assert (refs.ok, refs.found, refs.allowed, refs.unit) == (False, 14, 2, Unit.REFERENCES)
    # Two people; the Board of Directors signs on behalf and is no author (issue 18: it counted as one).
    assert (authors.ok, authors.found, authors.allowed, authors.unit) == (False, 2, 1, Unit.AUTHORS)
    assert "signing on behalf, not counted: Board of Directors" in authors.detail


def test_no_limit_passes_and_says_so(builtin_library: Library, example_outline: Outline) -> None:
    results = checks(builtin_library, example_outline, NO_VENUE)
    assert results["words"].ok and results["words"].allowed is None and "no limit" in results["words"].detail
    assert allowed_text(results["words"]) == ""
    window = results["window"]
    assert window.ok and (window.found, window.allowed) == (None, None) and found_text(window) == "-"


def test_window_counts_days_left_or_late(builtin_library: Library, example_outline: Outline) -> None:
    assert not (late := checks(builtin_library, example_outline, STRICT)["window"]).ok
    assert late.found == -12 and found_text(late) == "12 days late" and "due 2025-02-26" in detail_text(late)
    example_outline.letter.date = ""  # then --today is the letter's date
    document = assemble_for_check(builtin_library, example_outline, today=dt.date(2025, 2, 20))
    result = run_checks(builtin_library, example_outline, document, STRICT, today=dt.date(2025, 2, 20))[4]
    assert (result.rule, result.ok, result.found) == ("window", True, 6)
    example_outline.article.date = "2025-02"
    partial = checks(builtin_library, example_outline, LOOSE)["window"]
    assert partial.ok and "counted from its first day" in detail_text(partial)
    assert "due 2025-04-02" in detail_text(partial)
    example_outline.article.date = ""
    missing = checks(builtin_library, example_outline, LOOSE)["window"]
    assert not missing.ok and "article.date" in detail_text(missing)
    assert (missing.found, missing.allowed, found_text(missing)) == (None, 60, "?")


def test_target_article_cited_or_not(builtin_library: Library, example_outline: Outline) -> None:
    assert checks(builtin_library, example_outline, STRICT)["article"].ok
    example_outline.body = [i for i in example_outline.body if i.block != "opening/statement-of-concern"]
    result = checks(builtin_library, example_outline, STRICT)["article"]
    assert (result.ok, result.found, result.allowed, result.unit) == (False, False, True, Unit.CITED)
    assert (found_text(result), allowed_text(result)) == ("no", "required")
    assert "[@article]" in result.detail
    assert checks(builtin_library, example_outline, replace(STRICT, cite_article=False))["article"].ok


def test_unfilled_placeholders_fail(builtin_library: Library, example_outline: Outline) -> None:
    assert checks(builtin_library, example_outline)["placeholders"].ok
    example_outline.article.doi = ""
    example_outline.body.append(BodyItem(kind="evidence", text="Its DOI is {article.doi}."))
    result = checks(builtin_library, example_outline)["placeholders"]
    assert (result.ok, result.found, result.allowed) == (False, 1, 0) and "{article.doi}" in result.detail


@pytest.mark.parametrize("status", ["draft", "retired"])
def test_draft_or_retired_blocks_fail(
    builtin_library: Library, example_outline: Outline, status: str
) -> None:
    assert checks(builtin_library, example_outline)["status"].ok
    library = copy.copy(builtin_library)
    library.blocks = dict(builtin_library.blocks)
    block = library.blocks["concerns/heterogeneity"]
    library.blocks[block.id] = replace(block, status=status)
    result = checks(library, example_outline)["status"]
    assert (result.ok, result.found) == (False, 1)
    assert f"concerns/heterogeneity ({status})" in result.detail


def test_a_citation_lost_by_replacing_a_block_text_fails(
    builtin_library: Library, example_outline: Outline
) -> None:
    assert checks(builtin_library, example_outline)["uncited"].ok
    item = next(i for i in example_outline.body if i.block == "evidence/burden-of-chronic-pain")
    item.text = "Chronic pain is common [@yong2022]."
    result = checks(builtin_library, example_outline)["uncited"]
    assert (result.ok, result.found) == (False, 1)
    assert "domenichiello2019" in result.detail and "yong2022" not in result.detail


def test_a_short_variant_citing_less_is_not_a_lost_citation(
    builtin_library: Library, example_outline: Outline
) -> None:
    library = copy.copy(builtin_library)
    library.blocks = dict(builtin_library.blocks)
    block = library.blocks["evidence/burden-of-chronic-pain"]
    library.blocks[block.id] = replace(block, short="Chronic pain is common [@yong2022].")
    next(i for i in example_outline.body if i.block == block.id).variant = "short"
    assert checks(library, example_outline)["uncited"].ok


def test_citation_keys_without_a_reference_are_reported_not_fatal(
    builtin_library: Library, example_outline: Outline
) -> None:
    assert checks(builtin_library, example_outline)["missing"].ok
    example_outline.body.append(BodyItem(kind="evidence", text="As shown [@nosuch2020; @yong2022]."))
    with pytest.raises(RebuttalError):
        assemble(builtin_library, example_outline, today=TODAY)  # a build still refuses it
    result = checks(builtin_library, example_outline)["missing"]
    assert (result.ok, result.found) == (False, 1)
    assert "[@nosuch2020] in custom text 18" in result.detail
    assert "nosuch2020" not in builtin_library.bibliography  # the stand-in never leaks


def test_the_same_block_twice_fails(builtin_library: Library, example_outline: Outline) -> None:
    assert checks(builtin_library, example_outline)["repeated"].ok
    example_outline.body.append(BodyItem(block="concerns/heterogeneity"))
    result = checks(builtin_library, example_outline)["repeated"]
    assert (result.ok, result.found, result.detail) == (False, 1, "concerns/heterogeneity x2")


def test_unconfirmed_limits_are_flagged(builtin_library: Library, example_outline: Outline) -> None:
    venue = replace(LOOSE, unconfirmed=("word_limit",))
    results = checks(builtin_library, example_outline, venue)
    assert not results["words"].limit_confirmed and results["references"].limit_confirmed
    assert "limit unconfirmed" in detail_text(results["words"])
    assert "unconfirmed" not in detail_text(results["references"]) + results["words"].detail


def test_authors_count_the_outline_signatories(builtin_library: Library, example_outline: Outline) -> None:
    example_outline.signatories = [Signatory("Jane Doe", "MD")]
    assert checks(builtin_library, example_outline, STRICT)["authors"].ok


def run(args: list[str], capsys) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_psps_fails_jama_with_word_and_reference_counts(capsys) -> None:
    status, out, _ = run(["check", "--venue", "jama-letter", str(EXAMPLE)], capsys)
    assert status == 1
    words = next(line for line in out.splitlines() if "Words" in line)
    refs = next(line for line in out.splitlines() if "References" in line)
    assert "FAIL" in words and "823" in words and "400" in words
    assert "FAIL" in refs and "14" in refs and "5" in refs
    assert "Longest blocks" in out


def test_cli_jama_example_passes(capsys) -> None:
    status, out, err = run(["check", "--venue", "jama-letter", str(JAMA_EXAMPLE)], capsys)
    assert status == 0, out + err
    assert "all checks pass" in out
    status, _, _ = run(["check", str(JAMA_EXAMPLE)], capsys)  # its own letter.venue is jama-letter
    assert status == 0


def test_cli_json(capsys) -> None:
    status, out, _ = run(["check", "--json", "--venue", "jama-letter", str(EXAMPLE)], capsys)
    data = json.loads(out)
    assert status == 1 and data["ok"] is False and data["venue"] == "jama-letter"
    by_rule = {check["rule"]: check for check in data["checks"]}
    words = by_rule["words"]
    assert words["value"] == "823" and words["limit"] == "400"  # the words, as scripts read them before
    data_fields = (words["found"], words["allowed"], words["unit"], words["limit_confirmed"])
    assert data_fields == (823, 400, "words", True)  # JAMA's 400 is quoted in the venue's register
    assert (words["verified_on"], words["as_of"]) == ("2026-12-03", "2017-06-26")
    assert words["detail"].endswith("; rule verified 2026-12-03 (journal's text of 2017-06-26)")
    assert set(words) == {"rule", "label", "ok", "value", "limit", "detail", "found", "allowed", "unit",
                          "limit_confirmed", "verified_on", "as_of", "warning"}
    article = by_rule["article"]
    assert (article["found"], article["value"]) == (True, "yes")


def test_cli_today_sets_the_letter_date_when_the_outline_has_none(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text(JAMA_EXAMPLE.read_text().replace("date = 2025-03-10\n", ""))
    status, out, _ = run(["check", "--json", "--today", "2025-04-01", str(outline)], capsys)
    window = next(c for c in json.loads(out)["checks"] if c["rule"] == "window")
    assert status == 1 and window["value"] == "13 days late" and window["found"] == -13
    status, out, _ = run(["check", "--json", "--today", "2025-03-01", str(outline)], capsys)
    # The window passes; the letter's want of a date of its own is still named (issue 20 item 6).
    assert status == 1
    assert [c["rule"] for c in json.loads(out)["checks"] if not c["ok"]] == ["date"]


def test_cli_bad_input_exits_2(tmp_path: Path, capsys) -> None:
    status, out, err = run(["check", "--venue", "jama", str(EXAMPLE)], capsys)
    assert status == 2 and out == "" and "known: annals-letter, bmj-letter" in err
    assert len(err.strip().splitlines()) == 1
    venues = tmp_path / "venues"
    venues.mkdir()
    (venues / "ours.toml").write_text('name = "Ours"\nword_limit = "many"\n')
    status, _, err = run(["check", "--library", str(tmp_path), "--venue", "ours", str(EXAMPLE)], capsys)
    assert status == 2 and f"{venues / 'ours.toml'}:2: word_limit: must be a whole number" in err
    with pytest.raises(SystemExit) as caught:
        main(["check", "--today", "2025-13-01", str(EXAMPLE)])
    assert caught.value.code == 2


def test_cli_table_quotes_the_letter_as_plain_text(tmp_path: Path, capsys) -> None:
    outline = tmp_path / "letter.toml"
    outline.write_text(
        JAMA_EXAMPLE.read_text()
        + '\n[[body]]\nkind = "evidence"\ntext = "As shown [@nosuch2020]."\n'
    )
    status, out, err = run(["check", str(outline)], capsys)
    assert status == 1, err
    line = next(line for line in out.splitlines() if "Unknown citation keys" in line and "│" in line)
    assert "Unknown citation keys: [@nosuch2020] in" in " ".join(out.split())  # the verdict, as written
    assert "FAIL" in line and "[@nosuch2020] in" in line  # the table wraps at 80 columns


def test_check_flags_a_reference_published_after_the_letter(builtin_library, tmp_path) -> None:
    from rebuttal.letter.checks import assemble_for_check, resolve_venue, run_checks
    from rebuttal.letter.outline import load_outline

    from .conftest import EXAMPLE

    outline = load_outline(EXAMPLE)
    document = assemble_for_check(builtin_library, outline, today=dt.date(2025, 3, 10))
    venue = resolve_venue(builtin_library, outline, None)
    results = {r.rule: r for r in run_checks(builtin_library, outline, document, venue,
                                            today=dt.date(2025, 3, 10))}
    assert results["dates"].ok
    outline.letter.date = "2025-02-01"  # before Wang et al (2025-02-19), which the letter cites
    results = {r.rule: r for r in run_checks(builtin_library, outline, document, venue,
                                            today=dt.date(2025, 3, 10))}
    assert not results["dates"].ok
    assert "reference 1 (2025-02-19)" in results["dates"].detail


def test_results_are_data_and_the_status_reads_them_without_parsing(
    builtin_library: Library, example_outline: Outline
) -> None:
    from rebuttal.app.status import Status, letter_status
    from rebuttal.ui.status import verdict

    results = checks(builtin_library, example_outline, STRICT)
    for result in results.values():
        assert isinstance(result.unit, Unit)
        assert result.found is None or isinstance(result.found, int), result
        assert result.allowed is None or isinstance(result.allowed, int), result
    example_outline.letter.venue = "jama-letter"
    document = assemble_for_check(builtin_library, example_outline, today=TODAY)
    status = letter_status(builtin_library, example_outline, document, today=TODAY)
    assert (status.word_limit, status.reference_limit) == (400, 5)
    assert (status.words_over, status.references_over, status.fits) == (423, 9, False)
    assert status.window is not None and status.window.rule == "window"
    assert isinstance(status.window.found, int)
    assert {r.rule for r in status.failed}.isdisjoint({"words", "references"})
    # JAMA also asks each author for a disclosure, which the profile's placeholder names lack (issue 18).
    assert {r.rule for r in status.failed} == {"disclosures"}
    from rebuttal.letter.check_words import failure_headline

    assert failure_headline(tuple(status.failed)) == "No disclosure: Jane Doe, John Roe"
    assert verdict(status) == "Over by 423 words, 9 references (+1 more)"
    # Fitting is a comparison of numbers: no wording decides it.
    assert Status(words=400, word_limit=400, venue_name="JAMA letter").fits
    assert verdict(Status(words=400, word_limit=400, venue_name="JAMA letter")) == "Fits JAMA letter"
    assert not Status(references=6, reference_limit=5).fits
    assert verdict(Status(references=6, reference_limit=5)) == "Over by 1 reference"
    assert verdict(Status(words=900)) == "" and Status(words=900).fits  # no limits: nothing to fit
