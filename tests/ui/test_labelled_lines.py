"""The label column and wrapped values of the weekly review (LabelledLines.layout)."""

from __future__ import annotations

from scalp_tui.ui.widgets.labelled_lines import Line, layout, wrap_chunks

LINES = [
    Line("Phase", "twice weekly"),
    Line("Coming", "Wed 25 Nov, Sun 29 Nov"),
    Line("Overdue", "Wed 11 Nov", emphasis=True),
]


def test_values_start_in_one_column_and_wrap_under_it():
    rows = layout(LINES, "", width=24)
    assert [label + value for label, value, _ in rows] == [
        "Phase   twice weekly",
        "Coming  Wed 25 Nov, Sun",
        "        29 Nov",
        "Overdue Wed 11 Nov",
    ]
    assert [style for *_, style in rows] == ["", "", "", "bold"]


def test_wide_enough_nothing_wraps():
    rows = layout(LINES, "", width=40)
    assert len(rows) == 3
    assert rows[1][1] == "Wed 25 Nov, Sun 29 Nov"


def test_a_note_follows_after_a_blank_line_in_italics_and_alone_it_is_plain():
    rows = layout(LINES[:1], "Published scalp protocols keep sessions a week apart.", width=30)
    assert rows[1] == ("", "", "")
    assert [value for _, value, _ in rows[2:]] == [
        "Published scalp protocols keep",
        "sessions a week apart.",
    ]
    assert {style for *_, style in rows[2:]} == {"italic"}
    alone = layout([], "No plan yet.", width=30)
    assert alone == [("", "No plan yet.", "")]


def test_chunks_wrap_whole_so_a_date_is_never_split():
    lines = [
        Line("Coming", ("Wed 25 Nov,", "Sun 29 Nov")),
        Line("Late", ("Sun 22 Nov,", "still counts", "until Tue 24 Nov"), emphasis=True),
    ]
    rows = layout(lines, "", width=24)
    assert [label + value for label, value, _ in rows] == [
        "Coming Wed 25 Nov,",
        "       Sun 29 Nov",
        "Late   Sun 22 Nov,",
        "       still counts",
        "       until Tue 24 Nov",
    ]


def test_a_chunk_wider_than_the_column_breaks_between_words():
    assert wrap_chunks(["open for", "a very long chunk of words"], 12) == [
        "open for",
        "a very long",
        "chunk of",
        "words",
    ]
