"""The user's text as shown: no control character, line breaks as spaces; CSV cells."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scalp_tui.domain.text import FORMULA_STARTS, csv_cell, display_text

CONTROLS = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]}


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("felt ok [/b] oops", "felt ok [/b] oops"),  # markup is not this function's business
        ("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07"),
        ("a\x00b\x7fc\x9bd\x85e", "a\\x00b\\x7fc\\x9bd\\x85e"),  # NUL, DEL, CSI, NEL
        ("one\ntwo\r\nthree\rfour", "one two three four"),
        ("tab\there", "tab here"),
        ("line\u2028para\u2029end", "line para end"),
        ("ünïcode ✓ 頭皮 👩‍⚕️", "ünïcode ✓ 頭皮 👩‍⚕️"),
        ("back\\slash", "back\\slash"),
        ("", ""),
    ],
)
def test_display_text(stored, shown):
    assert display_text(stored) == shown


@given(st.text())
def test_display_text_leaves_no_control_character_and_is_stable(text):
    shown = display_text(text)
    assert not CONTROLS & set(shown)
    assert display_text(shown) == shown  # showing twice changes nothing


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc"])))
def test_text_without_controls_or_breaks_shows_as_stored(text):
    assert display_text(text) == text.replace("\u2028", " ").replace("\u2029", " ")


@pytest.mark.parametrize(
    ("stored", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "' =1"),
        ("\r=1", "' =1"),
        (" \t=1", "'  =1"),
        ("fine", "fine"),
        ("a=1", "a=1"),
        ("\x1b[2J", "\\x1b[2J"),
        ("", ""),
    ],
)
def test_csv_cell(stored, cell):
    assert csv_cell(stored) == cell


@given(st.text())
def test_a_csv_cell_never_starts_a_formula_nor_holds_a_control(text):
    cell = csv_cell(text)
    assert not CONTROLS & set(cell)
    assert not cell.lstrip().startswith(FORMULA_STARTS)
