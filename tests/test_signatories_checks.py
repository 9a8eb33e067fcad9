"""Who signs, checked against the venue's rules: authors counted, disclosures required and dated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rebuttal.cli import main
from rebuttal.letter.assemble import assemble
from rebuttal.letter.checks import assemble_for_check, resolve_venue, run_checks
from rebuttal.letter.outline import load_outline
from rebuttal.library.stack import Library, builtin_folder
from rebuttal.library.venues import Venue

from .conftest import TODAY
from .signatories_support import JOINT, LETTER, outline_file


def _results(library: Library, path: Path, venue: str | None = None, today: dt.date = TODAY):
    outline = load_outline(path)
    document = assemble_for_check(library, outline, today=today)
    return {r.rule: r for r in run_checks(library, outline, document, resolve_venue(library, outline, venue),
                                          today=today)}


def test_the_joint_example_passes_every_check_for_jama(builtin_library: Library) -> None:
    results = _results(builtin_library, JOINT)
    assert all(r.ok for r in results.values()), [r for r in results.values() if not r.ok]
    authors = results["authors"]
    assert (authors.found, authors.allowed) == (2, 3)  # two people; the boards sign on behalf
    assert "signing on behalf, not counted: Board of Directors (Pacific" in authors.detail
    assert (results["disclosures"].found, results["disclosures"].allowed) == (0, 0)


def test_a_removed_disclosure_fails_for_the_bmj_naming_the_signatory(tmp_path: Path) -> None:
    """The person's file loses its disclosure (a later library folder overrides it)."""
    okafor = (builtin_folder() / "people" / "okafor.toml").read_text(encoding="utf-8")
    without = "\n".join(line for line in okafor.splitlines() if not line.startswith("disclosure"))
    folder = tmp_path / "lib"
    (folder / "people").mkdir(parents=True)
    (folder / "people" / "okafor.toml").write_text(without, encoding="utf-8")
    args = ["check", str(JOINT), "--venue", "bmj-rapid-response", "--library", str(folder), "--json"]
    import io
    import json
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        status = main(args)
    assert status == 1
    rule = next(c for c in json.loads(out.getvalue())["checks"] if c["rule"] == "disclosures")
    assert rule["ok"] is False and rule["found"] == 1
    assert rule["detail"].startswith("no disclosure: Chinwe Okafor (")
    assert "Kowalski" not in rule["detail"]


def test_no_disclosure_passes_where_the_venue_does_not_require_one(tmp_path: Path,
                                                                    builtin_library: Library) -> None:
    path = outline_file(tmp_path, LETTER.format(venue="annals-letter") + '\n[[signatories]]\nname = "A B"\n')
    rule = _results(builtin_library, path)["disclosures"]
    assert rule.ok and rule.allowed is None and rule.detail == "not required at this venue"
    rule = _results(builtin_library, path, "jama-letter")["disclosures"]
    assert not rule.ok and rule.detail.startswith("no disclosure: A B")


def test_an_old_disclosure_is_a_warning(tmp_path: Path, builtin_library: Library) -> None:
    """Brennan's disclosure is dated 2023-09-20: more than 12 months before a letter of 2025-03-10."""
    path = outline_file(tmp_path, LETTER.format(venue="jama-letter") + """
[[cosigners]]
id = "gliss"

[[signatories]]
person = "kowalski"

[[signatories]]
person = "brennan"
""")
    rule = _results(builtin_library, path)["disclosures"]
    assert rule.ok and rule.warning
    assert "Michael Brennan's is dated 2023-09-20" in rule.detail and "Kowalski" not in rule.detail
    # A year and a day after Kowalski's 2025-01-15, hers is old too; a year to the day is not.
    later = outline_file(tmp_path, (path.read_text().replace("2025-03-10", "2026-01-16")), "later.toml")
    assert "Anna Kowalski's is dated 2025-01-15" in _results(builtin_library, later)["disclosures"].detail
    same = outline_file(tmp_path, (path.read_text().replace("2025-03-10", "2026-01-15")), "same.toml")
    assert "Kowalski" not in _results(builtin_library, same)["disclosures"].detail


def test_a_group_author_counts_where_the_venue_lists_it(tmp_path: Path, builtin_library: Library) -> None:
    path = outline_file(tmp_path, LETTER.format(venue="jama-letter") + """
[[signatories]]
person = "kowalski"

[[signatories]]
person = "lindqvist"

[[signatories]]
name = "Board of Directors"
group = true

[[signatories]]
name = "Research Committee"
group = true
""")
    results = _results(builtin_library, path)
    assert results["authors"].ok and results["authors"].found == 2
    document = assemble(builtin_library, load_outline(path), today=TODAY)
    assert document.signatories[2].display_name == "On behalf of the Board of Directors"
    venue = builtin_library.venues["jama-letter"]
    strict = Venue(**{**vars(venue), "group_signature": "group-author", "max_authors": 3})
    from rebuttal.letter.check_signatories import authors

    counted = authors(document, strict)
    assert (counted.ok, counted.found) == (False, 4) and "group authors, counted" in counted.detail


def test_every_journal_asking_for_disclosures_requires_them(builtin_library: Library) -> None:
    required = {v.id for v in builtin_library.venues.values() if v.disclosures == "required"}
    assert required == {"jama-letter", "lancet-correspondence", "nejm-correspondence", "bmj-rapid-response",
                        "bmj-letter"}
    assert {v.group_signature for v in builtin_library.venues.values()} == {"on-behalf-of", "group-author"}
