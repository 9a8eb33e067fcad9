"""Outlines: validation with file:line: field, and load -> save -> load identity."""

from pathlib import Path

import pytest

from rebuttal.errors import RebuttalError
from rebuttal.letter.assemble import assemble
from rebuttal.letter.outline import BodyItem, load_outline, parse_outline, save_outline

from .conftest import EXAMPLE, FIXTURES, TODAY


def test_round_trip_is_identity(tmp_path: Path) -> None:
    for source in (EXAMPLE, FIXTURES / "outlines" / "small.toml"):
        first = load_outline(source)
        saved = tmp_path / "saved.toml"
        save_outline(first, saved)
        second = load_outline(saved)
        assert second == first
        save_outline(second, tmp_path / "again.toml")
        assert (tmp_path / "again.toml").read_text() == saved.read_text()


def test_round_trip_keeps_overrides_and_custom_blocks(tmp_path: Path, small_outline) -> None:
    small_outline.body.append(BodyItem(kind="closing", text='Custom "quoted" **text**\n\nSecond.'))
    small_outline.body[1].variant = "short"
    small_outline.body[2].title = "Renamed"
    small_outline.society.overrides["name"] = "Other name"
    save_outline(small_outline, tmp_path / "o.toml")
    assert load_outline(tmp_path / "o.toml") == small_outline


def _error(text: str) -> str:
    with pytest.raises(RebuttalError) as caught:
        parse_outline(text, Path("letter.toml"))
    return str(caught.value)


def test_malformed_toml_names_the_line() -> None:
    assert _error("[letter]\ntitle = 'x'\ndate = = 3\n").startswith("letter.toml:3: invalid TOML")


def test_unknown_field_suggests_the_right_one() -> None:
    message = _error("[letter]\ntitle = 'x'\nrecipent = 'Ed'\n")
    assert message.startswith("letter.toml:3: letter.recipent: unknown field")
    assert "did you mean 'recipient'" in message


def test_wrong_type_and_bad_values() -> None:
    assert _error("[letter]\ntitle = 3\n").startswith("letter.toml:2: letter.title: must be a string")
    assert "letter.toml:2: article.doi: 'bad' is not a DOI" in _error("[article]\ndoi = 'bad'\n")
    assert "article.date: '2025-13' is not a date" in _error("[article]\ndate = '2025-13'\n")
    message = _error("[[body]]\nblock = 'a/b'\n\n[[body]]\nvariant = 'short'\n")
    assert message.startswith("letter.toml:4: body[2]: a [[body]] item needs 'block'")


def test_control_characters_are_refused() -> None:
    message = _error('[[body]]\nblock = "a/b"\ntitle = "bad\\u000bchar"\n')
    assert message.startswith("letter.toml:3: body[1].title: contains a control character (U+000B)")


def test_unknown_placeholder_in_outline_text() -> None:
    message = _error('[[body]]\nkind = "evidence"\ntext = "About {article.titel}"\n')
    assert message.startswith("letter.toml:3: body[1].text: unknown placeholder {article.titel}")
    assert "did you mean 'article.title'" in message


def test_unknown_block_suggests_closest(small_library, tmp_path: Path) -> None:
    path = tmp_path / "typo.toml"
    path.write_text("[[body]]\nblock = 'opening/hello'\n\n[[body]]\nblock = 'concerns/alhpa'\n")
    with pytest.raises(RebuttalError) as caught:
        assemble(small_library, load_outline(path), today=TODAY)
    assert str(caught.value) == (
        f"{path}:5: body[2].block: unknown block 'concerns/alhpa' (did you mean 'concerns/alpha'?)"
    )


def test_unknown_citation_key_names_block(small_library, tmp_path: Path) -> None:
    path = tmp_path / "cite.toml"
    path.write_text('[[body]]\nkind = "evidence"\ntext = "As shown [@r9]."\n')
    with pytest.raises(RebuttalError) as caught:
        assemble(small_library, load_outline(path), today=TODAY)
    assert str(caught.value).startswith(f"{path}:3: body[1].text: custom text 1 cites 'r9'")


def test_unknown_society_lists_known(small_library, tmp_path: Path) -> None:
    path = tmp_path / "soc.toml"
    path.write_text("[society]\nid = 'testsco'\n")
    with pytest.raises(RebuttalError, match="did you mean 'testsoc'"):
        assemble(small_library, load_outline(path), today=TODAY)


def test_short_variant_is_used_and_missing_one_is_an_error(small_library, small_outline) -> None:
    small_outline.body[1].variant = "short"
    document = assemble(small_library, small_outline, today=TODAY)
    assert document.points[0].paragraphs[0].plain().startswith("Alpha, short")
    small_outline.body[2].variant = "short"
    with pytest.raises(RebuttalError, match="has no short variant"):
        assemble(small_library, small_outline, today=TODAY)


def test_unfilled_placeholders_are_kept_visible(small_library, small_outline) -> None:
    small_outline.article.authors = []
    document = assemble(small_library, small_outline, today=TODAY)
    assert document.unresolved == ("article.first_author",)
    assert "{article.first_author} et al" in document.paragraphs()[0].plain()


def test_saved_outline_has_one_table_per_body_item(tmp_path: Path, small_outline) -> None:
    save_outline(small_outline, tmp_path / "o.toml")
    text = (tmp_path / "o.toml").read_text()
    assert text.count("[[body]]\n") == len(small_outline.body) == 4
    assert "body = [" not in text
    assert text.index("[letter]") < text.index("[[body]]")


COMMENTED = FIXTURES / "outlines" / "commented.toml"


def test_saving_a_hand_edited_outline_keeps_its_comments_and_says_nothing(tmp_path: Path, capsys) -> None:
    path = tmp_path / "letter.toml"
    path.write_text(COMMENTED.read_text())
    outline = load_outline(path)
    outline.article.volume = "12"
    save_outline(outline, path)
    text = path.read_text()
    comments = [line for line in COMMENTED.read_text().splitlines() if line.lstrip().startswith("#")]
    assert comments and all(comment in text.splitlines() for comment in comments)
    assert "# first author" in text and 'volume = "12"' in text
    assert capsys.readouterr().err == ""


def test_an_edit_that_fails_writes_nothing_instead_of_rewriting_the_file(tmp_path: Path, monkeypatch) -> None:
    """No silent rewrite: the file's comments are never traded for a save."""
    import rebuttal.toml.edit

    path = tmp_path / "letter.toml"
    path.write_text(COMMENTED.read_text())
    outline = load_outline(path)
    outline.article.volume = "12"

    def broken(*args: object, **kwargs: object) -> str:
        raise ValueError("tomledit cannot do this")

    monkeypatch.setattr(rebuttal.toml.edit, "update_toml_text", broken)
    with pytest.raises(ValueError, match="tomledit cannot do this"):
        save_outline(outline, path)
    assert path.read_text() == COMMENTED.read_text()


def test_a_file_that_is_not_toml_is_written_anew_and_that_is_said(tmp_path: Path, capsys) -> None:
    outline = load_outline(COMMENTED)
    path = tmp_path / "letter.toml"
    path.write_text("[letter\ntitle = 'broken by hand'\n")
    save_outline(outline, path)
    assert load_outline(path) == outline
    assert f"rebuttal: {path}: not valid TOML, so it cannot be edited in place" in capsys.readouterr().err
    path.write_bytes(b"\xff\xfe not text")
    save_outline(outline, path, original=None)
    assert "not UTF-8 text" in capsys.readouterr().err
