"""Three-way merge of outlines (rebuttal.letter.three_way) and body item matching (body_match)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rebuttal.letter.body_match import match_items
from rebuttal.letter.outline import load_outline, outline_from_data, outline_to_dict, save_outline
from rebuttal.letter.three_way import ABSENT, merge_outlines

from .conftest import EXAMPLE

BASE = {
    "letter": {
        "title": "Statement of Concern", "recipient": "The Editors, The BMJ", "date": dt.date(2025, 3, 10),
    },
    "society": {"id": "psps"},
    "body": [
        {"block": "opening/statement-of-concern"},
        {"block": "concerns/heterogeneity"},
        {"kind": "evidence", "text": "Our own words."},
        {"block": "closing/body-of-evidence"},
    ],
}


def _copy() -> dict:
    return copy.deepcopy(BASE)


def test_changes_on_different_fields_and_items_combine() -> None:
    mine, theirs = _copy(), _copy()
    mine["letter"]["recipient"] = "Dr Jane Editor, The BMJ"
    mine["body"][1]["variant"] = "short"
    theirs["body"][0]["text"] = "We write with one changed sentence."
    theirs["letter"]["title"] = "Statement of concern"
    merged = merge_outlines(BASE, mine, theirs)
    assert merged.conflicts == []
    assert merged.data["letter"]["recipient"] == "Dr Jane Editor, The BMJ"
    assert merged.data["letter"]["title"] == "Statement of concern"
    assert merged.data["body"][1] == {"block": "concerns/heterogeneity", "variant": "short"}
    assert merged.data["body"][0]["text"] == "We write with one changed sentence."
    assert "letter.recipient" in merged.from_mine and "letter.title" in merged.from_theirs


def test_the_same_field_changed_both_ways_is_a_conflict_mine_until_chosen() -> None:
    mine, theirs = _copy(), _copy()
    mine["body"][1]["text"] = "Mine."
    theirs["body"][1]["text"] = "Theirs."
    theirs["letter"]["recipient"] = "Someone"
    merged = merge_outlines(BASE, mine, theirs)
    [conflict] = merged.conflicts
    assert conflict.path == ("body", 1, "text")
    assert (conflict.base, conflict.mine, conflict.theirs) == (ABSENT, "Mine.", "Theirs.")
    assert "concerns/heterogeneity" in conflict.label
    assert merged.data["body"][1]["text"] == "Mine."
    assert merged.data["letter"]["recipient"] == "Someone"  # the rest merged all the same
    assert merged.resolved("theirs")["body"][1]["text"] == "Theirs."
    assert merged.resolved({conflict.path: "mine"})["body"][1]["text"] == "Mine."


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    mine, theirs = _copy(), _copy()
    mine["letter"]["recipient"] = theirs["letter"]["recipient"] = "Same"
    assert merge_outlines(BASE, mine, theirs).data == mine


def test_removed_on_one_side_unchanged_on_the_other_is_removed() -> None:
    mine, theirs = _copy(), _copy()
    del theirs["body"][2]
    mine["body"][1]["variant"] = "short"
    merged = merge_outlines(BASE, mine, theirs)
    assert [i.get("block") for i in merged.data["body"]] == [
        "opening/statement-of-concern", "concerns/heterogeneity", "closing/body-of-evidence"]
    assert merged.conflicts == []


def test_removed_on_one_side_changed_on_the_other_is_a_conflict() -> None:
    mine, theirs = _copy(), _copy()
    mine["body"][1]["variant"] = "short"
    del theirs["body"][1]
    merged = merge_outlines(BASE, mine, theirs)
    [conflict] = merged.conflicts
    assert conflict.path == ("body", 1)
    assert conflict.theirs is ABSENT
    assert conflict.mine == {"block": "concerns/heterogeneity", "variant": "short"}
    assert len(merged.data["body"]) == 4
    assert len(merged.resolved("theirs")["body"]) == 3


def test_additions_on_both_sides_each_stay_where_they_were_added() -> None:
    mine, theirs = _copy(), _copy()
    mine["body"].insert(1, {"block": "concerns/author-expertise"})
    theirs["body"].insert(1, {"kind": "evidence", "text": "Added by the editors."})
    theirs["body"].append({"kind": "evidence", "text": "At the end."})
    merged = merge_outlines(BASE, mine, theirs)
    labels = [i.get("block") or i["text"] for i in merged.data["body"]]
    assert labels == [
        "opening/statement-of-concern", "concerns/author-expertise", "Added by the editors.",
        "concerns/heterogeneity", "Our own words.", "closing/body-of-evidence", "At the end.",
    ]


def test_the_same_item_added_on_both_sides_is_added_once() -> None:
    mine, theirs = _copy(), _copy()
    mine["body"].append({"block": "evidence/society-guidelines"})
    theirs["body"].append({"block": "evidence/society-guidelines"})
    assert merge_outlines(BASE, mine, theirs).data["body"] == mine["body"]


def test_the_same_block_added_differently_conflicts_on_the_field() -> None:
    mine, theirs = _copy(), _copy()
    mine["body"].append({"block": "evidence/society-guidelines", "variant": "short"})
    theirs["body"].append({"block": "evidence/society-guidelines", "variant": "full-text"})
    merged = merge_outlines(BASE, mine, theirs)
    assert [c.path for c in merged.conflicts] == [("body", "new", 4, "variant")]
    assert len(merged.data["body"]) == 5


def test_a_reorder_on_one_side_is_taken_with_the_other_sides_edits() -> None:
    mine, theirs = _copy(), _copy()
    mine["body"][0], mine["body"][1] = mine["body"][1], mine["body"][0]
    theirs["body"][3]["text"] = "Closing, edited."
    merged = merge_outlines(BASE, mine, theirs)
    assert [i.get("block") for i in merged.data["body"]][:2] == [
        "concerns/heterogeneity", "opening/statement-of-concern"]
    assert merged.data["body"][3]["text"] == "Closing, edited."
    assert merged.conflicts == []


def test_reorders_on_both_sides_conflict_on_the_order() -> None:
    mine, theirs = _copy(), _copy()
    mine["body"][0], mine["body"][1] = mine["body"][1], mine["body"][0]
    theirs["body"][2], theirs["body"][3] = theirs["body"][3], theirs["body"][2]
    merged = merge_outlines(BASE, mine, theirs)
    [conflict] = merged.conflicts
    assert conflict.path == ("body", "order")
    assert merged.data["body"] == mine["body"]
    assert merged.resolved("theirs")["body"] == theirs["body"]


def test_notes_from_both_sides_combine() -> None:
    mine, theirs = _copy(), _copy()
    mine["body"][1]["notes"] = ["mine"]
    theirs["body"][1]["notes"] = ["theirs"]
    merged = merge_outlines(BASE, mine, theirs)
    assert merged.data["body"][1]["notes"] == ["mine", "theirs"]
    assert merged.conflicts == []


def test_body_items_match_by_block_then_place() -> None:
    base = [{"block": "a"}, {"text": "x"}, {"block": "b"}, {"text": "y"}]
    other = [{"block": "b", "variant": "short"}, {"text": "x2"}, {"block": "a"}, {"text": "y"}]
    # "x" stood after "a" in the base; "x2" stands after "b": not the same place, so not the same item.
    assert match_items(base, other) == {0: 2, 2: 0, 3: 3}
    assert match_items(base, [{"block": "a"}, {"text": "x, edited"}]) == {0: 0, 1: 1}


# Property-style: a random outline's data, and random edits of it.

_blocks = st.sampled_from(["a/one", "a/two", "b/three", "b/four", "c/five"])
_item = st.one_of(
    st.builds(lambda b, v: {"block": b, **({"variant": v} if v else {})}, _blocks,
              st.sampled_from(["", "short"])),
    st.builds(lambda t: {"kind": "evidence", "text": t}, st.text("abc ", min_size=1, max_size=5)),
)
_outline = st.fixed_dictionaries({
    "letter": st.fixed_dictionaries(
        {"title": st.text("xyz", max_size=3), "recipient": st.text("pq", max_size=3)}),
    "body": st.lists(_item, max_size=6),
})


@st.composite
def _edited(draw: st.DrawFn, base: dict) -> dict:
    """``base`` with random fields changed, items removed, added and moved."""
    data = copy.deepcopy(base)
    if draw(st.booleans()):
        data["letter"]["recipient"] = draw(st.text("rs", max_size=3))
    body = data["body"]
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["edit", "remove", "add", "move"]))
        if action == "add" or not body:
            body.insert(draw(st.integers(0, len(body))), draw(_item))
        elif action == "remove":
            body.pop(draw(st.integers(0, len(body) - 1)))
        elif action == "edit":
            body[draw(st.integers(0, len(body) - 1))]["title"] = draw(st.text("tu", min_size=1, max_size=2))
        else:
            body.insert(draw(st.integers(0, len(body) - 1)), body.pop(draw(st.integers(0, len(body) - 1))))
    return data


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_merging_with_an_unchanged_side_gives_the_other_side(data: st.DataObject) -> None:
    base = data.draw(_outline)
    other = data.draw(_edited(base))
    assert merge_outlines(base, base, other).data == other
    assert merge_outlines(base, other, base).data == other
    assert merge_outlines(base, other, other).data == other
    assert merge_outlines(base, base, other).conflicts == []


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_merging_is_symmetric_up_to_the_choice(data: st.DataObject) -> None:
    base = data.draw(_outline)
    mine, theirs = data.draw(_edited(base)), data.draw(_edited(base))
    merged = merge_outlines(base, mine, theirs)
    swapped = merge_outlines(base, theirs, mine)
    def items(body: list[dict]) -> list[str]:  # the same items, whatever their keys' order
        return sorted(json.dumps(item, sort_keys=True) for item in body)

    assert items(merged.resolved("mine")["body"]) == items(swapped.resolved("theirs")["body"])
    assert merged.resolved("mine")["letter"] == swapped.resolved("theirs")["letter"]


def test_the_merged_result_is_written_keeping_the_persons_comments_and_order(tmp_path: Path) -> None:
    path = tmp_path / "letter.toml"
    text = EXAMPLE.read_text().replace(
        '[[body]]\nblock = "concerns/heterogeneity"',
        '# our strongest point\n[[body]]\nblock = "concerns/heterogeneity"  # keep it short\n'
        'variant = "short"',
    )
    path.write_text(text)
    base = outline_to_dict(load_outline(EXAMPLE))
    mine = outline_to_dict(load_outline(path))
    theirs = copy.deepcopy(base)
    theirs["body"][2]["text"] = "We write with one sentence changed."
    merged = merge_outlines(base, mine, theirs)
    assert merged.conflicts == []
    save_outline(outline_from_data(merged.data, path), path)
    written = path.read_text()
    assert "# our strongest point\n[[body]]\nblock = \"concerns/heterogeneity\"  # keep it short\n" in written
    assert written.startswith("# The Pacific Spine and Pain Society's statement")
    again = load_outline(path)
    assert again.body[2].text == "We write with one sentence changed."
    assert again.body[7].variant == "short"
