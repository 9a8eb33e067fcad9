"""Mutations of the import fixtures, shared by the Hypothesis tests and ``bench/fuzz_import.py``."""

from __future__ import annotations

import random
from pathlib import Path

IMPORTS = Path(__file__).resolve().parent / "fixtures" / "import"
SEEDS = {
    "bibtex": ["refs.bib", "broken.bib", "../corpus/bib/bbt_endnote_export.bib",
               "../corpus/bib/bbt_and_others.bib", "../corpus/bib/bbt_literal_names_aha.bib",
               "../corpus/bib/bbt_bibdesk_strings.bib", "../corpus/bib/bbt_jabref51_accents.bib"],
    "ris": ["refs.ris", "no-year.ris", "../corpus/ris/rayyan_example.ris",
            "../corpus/ris/asreview_ovid_zotero.ris", "../corpus/ris/asreview_issue_1099.ris",
            "../corpus/ris/rispy_wos.ris"],
    "medline": ["wang2025.nbib", "two-records.nbib", "../corpus/nbib/biopython_pubmed_result2.nbib",
                "../corpus/nbib/pybtexnbib_marcelis_book.nbib"],
    "csl-json": ["refs.json", "bad-pmid.json"],
    "csl-yaml": ["refs.yaml"],
}
# Pieces that mean something to one of the formats: a mutation made of them reaches deeper
# into a reader than random characters do.
TOKENS = [
    "{", "}", "(", ")", "@", '"', "'", "\\", "$", "&", ",", "=", "#", "%", "~", "\n", "\n\n", " ", "\t",
    "@article{", "@string{", "@comment", "@preamble{", " and ", " and others", "\\'", "\\-", "{\\i}",
    "\\textendash", "--", "crossref = {x}", "TY  - ", "ER  - ", "ER", "AU  - ", "PY  - ", "AN  - 1",
    "DB  - PubMed", "FN ", "PT ", "PMID- ", "PMC - ", "DP  - ", "AU  - ", "TI  - ", "      ",
    '"issued": "July 2019"', '"author": "Smith, J"', '"issued": {}', "null", "[", "]", "true", "1e999",
    '"date-parts": [["x"]]', "- id: ", "references:", "---", ": ", "\u00e9", "\ufeff", "\x00",
]


def mutate(text: str, rng: random.Random, steps: int) -> str:
    """``text`` with ``steps`` random insertions, deletions, replacements and duplications."""
    for _ in range(steps):
        at = rng.randrange(len(text) + 1)
        operation = rng.randrange(5)
        if operation == 0:
            text = text[:at] + rng.choice(TOKENS) + text[at:]
        elif operation == 1:
            text = text[:at] + text[at + rng.randrange(1, 40):]
        elif operation == 2:
            text = text[:at] + chr(rng.randrange(1, 0x250)) + text[at + 1:]
        elif operation == 3:
            end = min(len(text), at + rng.randrange(1, 200))
            text = text[:at] + text[at:end] * 2 + text[end:]
        else:
            text = text[:at] + "".join(rng.choice(TOKENS) for _ in range(rng.randrange(1, 8))) + text[at:]
    return text


def seed_text(fmt: str, index: int) -> str:
    """The text of one of ``fmt``'s seed fixtures."""
    names = SEEDS[fmt]
    return (IMPORTS / names[index % len(names)]).read_text(encoding="utf-8-sig")


ODD_VALUES = [
    None, True, 0, -1, 2**70, 1.5, "", " ", "July 2019", "2019-07-13", "Smith, J", "Smith, J and Doe, K",
    "sometime", [], {}, [None], ["Smith, J"], [{"family": 3}], [{"given": "J"}],
    {"date-parts": [[2019, "x"]]},
    {"date-parts": []}, {"date-parts": [["2019", "7"]]}, {"raw": "Spring 2020"}, {"year": "2020"},
    [{"literal": "WHO"}], {"family": "Smith"}, "10.1000/x", "PMC12", "123456789012",
]
CSL_FIELDS = ["id", "type", "title", "author", "editor", "issued", "accessed", "DOI", "PMID", "page",
              "container-title", "volume", "abstract", "keyword"]


def mutate_csl(text: str, rng: random.Random, steps: int) -> str:
    """The CSL-JSON ``text`` with fields set to values of odd shapes (the JSON itself stays valid)."""
    import json

    items = json.loads(text)
    items = items if isinstance(items, list) else [items]
    for _ in range(steps):
        item = rng.choice(items)
        if rng.randrange(4) == 0:
            item.pop(rng.choice(CSL_FIELDS), None)
        else:
            item[rng.choice(CSL_FIELDS)] = rng.choice(ODD_VALUES)
    return json.dumps(items)
