"""Edit an exported DOCX the way Word records edits: tracked changes, comments, moves, retyping.

Word writes a tracked insertion as ``w:ins`` around runs, a deletion as ``w:del``
around runs whose text is ``w:delText``, a moved paragraph as ``w:moveFrom`` at
the old place and ``w:moveTo`` at the new one (with range marks and the
paragraph mark's own change in ``w:pPr/w:rPr``), a comment as
``w:commentRangeStart``/``w:commentRangeEnd`` plus a reference run and an entry
in ``comments.xml``. These helpers write exactly that with python-docx plus raw
XML, so the tests exercise the reader on what editors' files contain.
"""

from __future__ import annotations

import copy
from itertools import count

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

DATE = "2025-03-12T09:30:00Z"
_ids = count(9000)


def paragraph_with(word: WordDocument, words: str):
    """The first body paragraph whose text (as Word shows it) contains ``words``."""
    for paragraph in word.paragraphs:
        if words in "".join(t.text or "" for t in paragraph._p.iter(qn("w:t"))):
            return paragraph
    raise AssertionError(f"no paragraph contains {words!r}")


def isolate(paragraph, words: str):
    """Split the run holding ``words`` so that they form a run of their own; return its element."""
    for run in paragraph._p.iter(qn("w:r")):
        text_element = run.find(qn("w:t"))
        if text_element is None or words not in (text_element.text or ""):
            continue
        text = text_element.text
        start = text.index(words)
        before, after = text[:start], text[start + len(words) :]
        pieces = []
        for piece in (before, words, after):
            if not piece:
                pieces.append(None)
                continue
            clone = copy.deepcopy(run)
            clone.find(qn("w:t")).text = piece
            clone.find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            pieces.append(clone)
        for clone in pieces:
            if clone is not None:
                run.addprevious(clone)
        run.getparent().remove(run)
        return pieces[1]
    raise AssertionError(f"no single run holds {words!r}")


def _change(tag: str, author: str) -> OxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(next(_ids)))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), DATE)
    return element


def _text_run(text: str, *, deleted: bool = False, bold: bool = False) -> OxmlElement:
    run = OxmlElement("w:r")
    if bold:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:b"))
        run.append(properties)
    element = OxmlElement("w:delText" if deleted else "w:t")
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    element.text = text
    run.append(element)
    return run


def track_delete(word: WordDocument, where: str, words: str, author: str) -> None:
    """A tracked deletion of ``words`` in the paragraph containing ``where``."""
    run = isolate(paragraph_with(word, where), words)
    deletion = _change("w:del", author)
    run.addprevious(deletion)
    text = run.find(qn("w:t"))
    text.tag = qn("w:delText")
    deletion.append(run)


def track_insert(
    word: WordDocument, where: str, after: str, inserted: str, author: str, *, bold: bool = False
) -> None:
    """A tracked insertion of ``inserted`` right after the words ``after``."""
    run = isolate(paragraph_with(word, where), after)
    insertion = _change("w:ins", author)
    insertion.append(_text_run(inserted, bold=bold))
    run.addnext(insertion)


def comment(word: WordDocument, where: str, words: str, author: str, text: str) -> None:
    """A comment by ``author`` attached to ``words``."""
    paragraph = paragraph_with(word, where)
    run = isolate(paragraph, words)
    word.add_comment(Run(run, paragraph), text=text, author=author, initials=author[:2])


def _mark_paragraph(paragraph_element, tag: str, author: str) -> None:
    properties = paragraph_element.get_or_add_pPr()
    mark = properties.find(qn("w:rPr"))
    if mark is None:
        mark = OxmlElement("w:rPr")
        properties.append(mark)
    mark.append(_change(tag, author))


def move_paragraph(word: WordDocument, where: str, before: str, author: str, *, keep_anchor: bool) -> None:
    """Move the paragraph containing ``where`` to just before the one containing ``before``, tracked.

    ``keep_anchor``: our bookmark travels with the moved text (else it stays behind, on the
    paragraph the move empties, as happens when the text is cut and pasted).
    """
    old = paragraph_with(word, where)._p
    target = paragraph_with(word, before)._p
    new = copy.deepcopy(old)
    name = f"move{next(_ids)}"
    for element, kind in ((old, "moveFrom"), (new, "moveTo")):
        wrappers = _wrap_runs(element, f"w:{kind}", author)
        start = _change(f"w:{kind}RangeStart", author)
        start.set(qn("w:name"), name)
        wrappers[0].addprevious(start)
        end = OxmlElement(f"w:{kind}RangeEnd")
        end.set(qn("w:id"), start.get(qn("w:id")))
        wrappers[-1].addnext(end)
        _mark_paragraph(element, f"w:{kind}", author)
    keep, drop = (new, old) if keep_anchor else (old, new)
    for mark in [*drop.iter(qn("w:bookmarkStart")), *drop.iter(qn("w:bookmarkEnd"))]:
        mark.getparent().remove(mark)
    assert keep.find(qn("w:bookmarkStart")) is not None
    target.addprevious(new)


def _wrap_runs(paragraph, tag: str, author: str) -> list:
    """Every run of ``paragraph`` wrapped in a change ``tag``, as Word does: each unbroken row of
    runs in one wrapper, and the runs inside a hyperlink in a wrapper inside the hyperlink."""
    wrappers = []
    for container in [paragraph, *paragraph.iterchildren(qn("w:hyperlink"))]:
        rows: list[list] = []
        previous = None
        for child in container:
            if child.tag == qn("w:r"):
                if previous is None or child.getprevious() is not previous:
                    rows.append([])
                rows[-1].append(child)
                previous = child
        for row in rows:
            wrapper = _change(tag, author)
            row[0].addprevious(wrapper)
            for run in row:
                wrapper.append(run)
            wrappers.append(wrapper)
    return sorted(wrappers, key=lambda wrapper: _position(paragraph, wrapper))


def _position(paragraph, element) -> int:
    while element.getparent() is not paragraph:
        element = element.getparent()
    return paragraph.index(element)


def retype(word: WordDocument, where: str, text: str) -> None:
    """The editor deleted the paragraph and typed it again: new words, no anchors, no tracking."""
    paragraph = paragraph_with(word, where)._p
    for child in list(paragraph):
        if child.tag != qn("w:pPr"):
            paragraph.remove(child)
    paragraph.append(_text_run(text))


def add_paragraph_after(word: WordDocument, where: str, text: str, author: str) -> None:
    """A new paragraph typed after the one containing ``where`` (same style), tracked as inserted."""
    old = paragraph_with(word, where)._p
    new = OxmlElement("w:p")
    if old.pPr is not None:
        properties = copy.deepcopy(old.pPr)
        for mark in properties.findall(qn("w:rPr")):
            properties.remove(mark)
        new.append(properties)
    insertion = _change("w:ins", author)
    insertion.append(_text_run(text))
    new.append(insertion)
    _mark_paragraph(new, "w:ins", author)
    old.addnext(new)


def delete_paragraph(word: WordDocument, where: str, author: str) -> None:
    """A tracked deletion of the whole paragraph containing ``where`` (its mark included)."""
    paragraph = paragraph_with(word, where)._p
    runs = [child for child in paragraph if child.tag == qn("w:r")]
    deletion = _change("w:del", author)
    runs[0].addprevious(deletion)
    for run in runs:
        for text in run.findall(qn("w:t")):
            text.tag = qn("w:delText")
        deletion.append(run)
    _mark_paragraph(paragraph, "w:del", author)


def replace_text(word: WordDocument, where: str, old: str, new: str) -> None:
    """Retype some words in place, untracked (as with Track Changes off)."""
    run = isolate(paragraph_with(word, where), old)
    run.find(qn("w:t")).text = new


def delete_paragraph_mark(word: WordDocument, where: str, author: str) -> None:
    """A tracked deletion of the end of the paragraph containing ``where``: it joins the next one."""
    _mark_paragraph(paragraph_with(word, where)._p, "w:del", author)
