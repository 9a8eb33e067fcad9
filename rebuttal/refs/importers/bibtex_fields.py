"""One BibTeX or BibLaTeX entry's fields as a CSL-JSON item: the mapping, per kind of work.

The same field means different things in different entry types, as BibLaTeX's
manual defines them: ``number`` is an article's issue, a report's number, and
with ``series`` a book's number in its series; ``institution`` and ``school``
publish theses and reports. A preprint is named by ``eprinttype`` (BibLaTeX) or
``archiveprefix`` (arXiv's own BibTeX) with ``eprint`` its identifier, or by the
``journal`` medRxiv's and bioRxiv's exports write.
"""

from __future__ import annotations

import re
from typing import Any

from rebuttal.refs.importers.bibtex_names import split_names
from rebuttal.refs.importers.common import (
    date_parts,
    date_range_parts,
    edition_number,
    parse_date_text,
    preprint_server,
)
from rebuttal.refs.importers.latex import latex_to_text

TYPES = {
    "article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "techreport": "report",
    "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "online": "webpage", "www": "webpage", "electronic": "webpage", "misc": "document",
    "manual": "report", "unpublished": "manuscript", "booklet": "book", "proceedings": "book",
    "collection": "book", "dataset": "dataset", "software": "software", "patent": "patent",
    "web_page": "webpage", "newspaper": "article-newspaper", "magazine": "article-magazine",  # Mendeley's
}
_SERIALS = ("article-journal", "article-magazine", "article-newspaper")
_IN_SERIES = ("book", "chapter", "paper-conference")
_THESIS_GENRES = {"phdthesis": "dissertation", "mastersthesis": "master's thesis"}
# BibLaTeX's pubstate keys, as its English strings word them (CSL's status, which no style prints).
_PUBSTATES = {"inpress": "in press", "forthcoming": "forthcoming", "prepublished": "prepublished",
              "submitted": "submitted", "inpreparation": "in preparation"}
_NOTE_PMID = re.compile(r"PMID:?\}?\s*(\d{1,8})\b")


def item_from_fields(kind: str, key: str, fields: dict[str, str]) -> dict[str, Any]:
    """The CSL-JSON item for one entry's fields (LaTeX decoded only where it is used)."""
    def get(*names: str) -> str:
        for name in names:
            if fields.get(name):
                return latex_to_text(fields[name])
        return ""

    csl_type = TYPES.get(kind, "article-journal")
    if kind == "inbook" and not fields.get("booktitle") and fields.get("chapter"):
        # BibTeX's own @inbook: "title" is the book, "chapter" the part cited (a number or a title).
        fields = {**fields, "booktitle": fields.get("title", "")}
        if not fields["chapter"].strip().isdigit():
            fields["title"] = fields["chapter"]
    date = get("date").split("-")
    year = get("year") or date[0]
    month = get("month") or ([*date, ""])[1]
    serial = csl_type in _SERIALS
    series, number = get("series"), get("number")
    chapter = fields.get("chapter", "").strip()
    # A thesis's and a report's publisher is its university or body, whoever printed it.
    publisher_fields = ("publisher", "institution", "school", "organization")
    if csl_type in ("thesis", "report"):
        publisher_fields = ("school", "institution", "publisher", "organization")
    item: dict[str, Any] = {
        "id": key,
        "type": csl_type,
        "title": _with_subtitle(get("title"), get("subtitle")),
        "author": split_names(fields.get("author", "")),
        "editor": split_names(fields.get("editor", "")),
        "container-title": get("journal", "journaltitle")
        or _with_subtitle(get("booktitle"), get("booksubtitle")),
        "container-title-short": get("shortjournal", "journalabbreviation", "journal-iso"),
        "issued": date_parts(year, month.split("-")[0], get("day") or ([*date, "", ""])[2]),
        "volume": get("volume"),
        "issue": get("number", "issue") if serial else "",  # BibLaTeX's issue is a journal's only
        "number": "" if serial or (series and csl_type in _IN_SERIES) else number,
        "collection-title": series if not serial else "",
        "collection-number": number if series and csl_type in _IN_SERIES else "",
        "edition": edition_number(get("edition")),
        "page": fields.get("pages", "").replace("--", "-").strip() or get("elocation-id", "eid"),
        "number-of-pages": get("pagetotal"),
        "chapter-number": chapter if chapter.isdigit() else "",
        "DOI": fields.get("doi", "").strip(),
        "PMID": fields.get("pmid", "").strip(),
        "URL": fields.get("url", "").strip(),
        "publisher": get(*publisher_fields),
        "publisher-place": get("address", "location"),
        "abstract": get("abstract"),
        "keyword": _keywords(get("keywords")),
        "status": _PUBSTATES.get(get("pubstate").lower().replace(" ", ""), get("pubstate")),
    }
    _eprint(item, fields)
    # BibLaTeX's meeting fields: eventtitle, venue (the meeting's place), eventdate (ISO, maybe a range).
    item["event-title"] = get("eventtitle")
    item["event-place"] = get("venue")
    item["event-date"] = date_range_parts(get("eventdate"))
    if csl_type == "thesis":
        item["genre"] = get("type") or _THESIS_GENRES.get(kind, "")
    elif csl_type == "report":
        item["genre"] = get("type")  # "Technical report", "NICE guideline"
    item["version"] = get("version")
    urldate = get("urldate").split("-")
    item["accessed"] = date_parts(urldate[0], *urldate[1:3]) if urldate[0] else None
    if kind == "web_page" and not item["accessed"] and re.fullmatch(r"\d{4}", item["volume"]):
        # Mendeley writes a web page's access date as "issue = {May 12,}, volume = {2020}".
        item["accessed"] = parse_date_text(f"{get('issue')} {item['volume']}")
        if item["accessed"]:
            item["volume"] = ""
    if not item["PMID"]:
        match = _NOTE_PMID.search(fields.get("note", "") + " " + fields.get("extra", ""))
        item["PMID"] = match.group(1) if match else ""  # Zotero's "PMID: 123" in the note
    if "{" in item["page"]:
        item["page"] = latex_to_text(item["page"])
    return item


def _with_subtitle(title: str, subtitle: str) -> str:
    """BibLaTeX's ``title`` and ``subtitle`` as the one title a reference prints ("Title: subtitle")."""
    if not subtitle:
        return title
    return f"{title}{'' if title.endswith(('?', '!', ':')) else ':'} {subtitle}" if title else subtitle


def _eprint(item: dict[str, Any], fields: dict[str, str]) -> None:
    """``eprinttype``/``archiveprefix`` with ``eprint``: PubMed's id, or a preprint server's record.

    An arXiv record is cited as JAMA's lists print it, by its DataCite DOI (``10.48550/arXiv.2303.04226``,
    which arXiv gives every record), and as PubMed's, by ``arXiv:2303.04226`` (its ``number``).
    """
    archive = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip()
    eprint = re.sub(r"(?i)^arxiv:", "", fields.get("eprint", "").strip())
    if archive.lower() in ("pubmed", "pmid"):
        item["PMID"] = item["PMID"] or eprint  # BibLaTeX's PubMed eprint
        return
    server = preprint_server(archive) or preprint_server(latex_to_text(fields.get("howpublished", "")))
    if server is None or (item["container-title"] and not preprint_server(item["container-title"])):
        return  # a published article that also names its preprint keeps its journal
    item["container-title"] = server
    if eprint and not eprint.lower().startswith("http"):
        item["number"] = f"arXiv:{eprint}" if server == "arXiv" else eprint
        if server == "arXiv" and not item["DOI"]:
            item["DOI"] = f"10.48550/arXiv.{re.sub(r'v[0-9]+$', '', eprint)}"


def _keywords(value: str) -> str:
    """``a, b; c`` as CSL's ``keyword`` (``"; "`` between keywords)."""
    separator = ";" if ";" in value else ","
    return "; ".join(dict.fromkeys(part.strip() for part in value.split(separator) if part.strip()))
