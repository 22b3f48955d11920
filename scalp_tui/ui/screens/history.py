"""History: every session with its date, what it counted for, duration, redness and note.

Edit the note and redness; delete with a confirmation and an undo.
"""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Header, Input, Label, Select, Static

from scalp_tui.actions import delete_session, edit_session, restore_session
from scalp_tui.domain.checklist import Checklist
from scalp_tui.domain.directions import arrows
from scalp_tui.domain.history import HistoryRow, history_rows, redness_series, sessions_per_week
from scalp_tui.domain.matching import review
from scalp_tui.domain.records import REDNESS_LABELS, SessionRecord
from scalp_tui.domain.text import display_text
from scalp_tui.domain.validation import InvalidValue
from scalp_tui.domain.wording import plural
from scalp_tui.store.errors import WRITE_ERRORS
from scalp_tui.ui.base import ScalpScreen, not_saved
from scalp_tui.ui.format import REDNESS_OPTIONS, long_day, short_day
from scalp_tui.ui.widgets.dialogs import Dialog
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.messages import InlineError
from scalp_tui.ui.widgets.scale_bars import ScaleBars

WEEKS_CHARTED = 26
REDNESS_CHARTED = 26
#: The weekly chart's scale reaches at least the twice-weekly phase's two a week.
WEEKLY_TOP = 2
REDNESS_TOP = 3


def duration_text(session: SessionRecord) -> str:
    """The time rolled, ``5:00`` (minutes and seconds; a logged session has none)."""
    d = session.duration
    if d is None:
        return "—"
    minutes, seconds = divmod(int(d.total_seconds()), 60)
    return f"{minutes}:{seconds:02d}"


def day_cell(day: dt.date, today: dt.date | None, narrow: bool) -> str:
    """``Fri 20 Nov`` (``20 Nov`` when narrow), with the year when it is not this year's."""
    said = short_day(day, today)
    return said.split(" ", 1)[1] if narrow else said


def cut_note(cell: str | Text, width: int) -> str | Text:
    """The note cut to ``width`` with "…" (the whole note is in the edit and day dialogs)."""
    if isinstance(cell, Text) and cell.cell_len > width:
        return Text(cell.plain[: width - 1] + "…")
    return cell


def row_cells(
    row: HistoryRow,
    narrow: bool = False,
    note_width: int | None = 40,
    today: dt.date | None = None,
) -> tuple[str | Text, ...]:
    """The cells of one session; ``narrow``: shorter words; the note cut to ``note_width``
    (None: whole); dates as every screen writes them, seen from ``today``."""
    s = row.session
    if not s.completed:
        counted: str | Text = Text("aborted", style="italic")
    elif row.counts_for is None:
        counted = "extra"
    elif row.counts_for == s.date:
        counted = "on the day"
    else:
        counted = f"for {day_cell(row.counts_for, today, narrow)}"
    # The arrows themselves ("5 zones ↓↑"): "both ways" was said of a crosshatch's four too.
    glyphs = arrows(s.directions)
    rolled = f" {glyphs}" if glyphs else f", {plural(len(s.directions), 'direction')}"
    # The answer's first word ("2 marked"): the whole label makes the column too wide for 80.
    redness = "—" if s.redness is None else f"{s.redness} {REDNESS_LABELS[s.redness].split()[0]}"
    note = display_text(s.note)
    if note_width is not None and len(note) > note_width:  # whole in the edit and day dialogs
        note = note[: note_width - 1] + "…"
    return (
        day_cell(s.date, today, narrow),
        counted,
        duration_text(s),
        plural(len(s.zones), "zone") + rolled if s.zones else "—",
        redness,
        row.cleaning or "—",
        Text(note),  # a str cell would be parsed as markup
    )


#: "Rolled": the time rolled, minutes and seconds (a column titled "Time" read as a time of day).
COLUMNS = ("Date", "Counted", "Rolled", "Zones", "Redness", "Cleaning", "Note")
NOTE = COLUMNS.index("Note")
#: Below 80 columns, the columns a person reads first: the rest is one key away (e).
NARROW_COLUMNS = (0, 1, 4, 6)
NARROW_BELOW = 80
#: From 80 columns the time rolled too; from 100 every column.
MIDDLE_COLUMNS = (0, 1, 2, 4, 6)
EVERY_COLUMN_FROM = 100
#: The cells beside the note take about this many columns (with the table's padding), wide and
#: narrow: the note gets the rest of the width, at least NOTE_MIN characters.
PADDING, SCROLLBAR, TABLE_MARGINS = 2, 2, 4
NOTE_MIN = 12  # the note is cut (with "…") to what the other columns leave, at least this


class HistoryScreen(ScalpScreen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("e", "edit", "Edit note/redness", id="history.edit"),
        Binding("d", "delete", "Delete", id="history.delete"),
        Binding("u", "undo", "Undo delete", id="history.undo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown_columns: tuple[int, ...] = ()
        self._note_width = 0
        self._widths: dict[int, int] = {}  # the widest cell of each column but the note
        self.rows: list[HistoryRow] = []
        #: Every delete of the screen's life, the latest last: ``u`` undoes them back in turn.
        self.deleted: list[tuple[SessionRecord, Checklist | None]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="charts"):
            with Horizontal(classes="chart"):
                yield Label("Sessions a week", classes="chart-title")
                yield ScaleBars(WEEKLY_TOP, WEEKS_CHARTED, id="weeks")
                yield Label(id="weeks-caption", classes="chart-caption")
            with Horizontal(classes="chart"):
                yield Label(f"Redness 0-{REDNESS_TOP}", classes="chart-title")
                yield ScaleBars(REDNESS_TOP, REDNESS_CHARTED, id="redness")
                yield Label(id="redness-caption", classes="chart-caption")
        table: DataTable[str | Text] = DataTable(
            id="sessions", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(id="history-empty")
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if not self.is_mounted:
            return
        if self.columns_for_width() != self._shown_columns or self._note_width != self.note_width():
            self.reload()

    def note_width(self) -> int:
        """What is left for the note beside the other columns as wide as their widest cell
        (each with the table's two columns of padding, and a scrollbar's two), at least
        NOTE_MIN. From the cells of the last reload: a resize computes no cell again."""
        table = self.query_one("#sessions", DataTable)
        room = table.size.width or self.size.width - TABLE_MARGINS
        used = sum(w + PADDING for w in self._widths.values()) + PADDING + SCROLLBAR
        return max(NOTE_MIN, room - used)

    def columns_for_width(self) -> tuple[int, ...]:
        width = self.size.width
        if width < NARROW_BELOW:
            return NARROW_COLUMNS
        return MIDDLE_COLUMNS if width < EVERY_COLUMN_FROM else tuple(range(len(COLUMNS)))

    def reload(self, keep: str | None = None) -> None:
        repo, today = self.scalp.repository, self.scalp.clock.today()
        sessions = repo.sessions()
        self.rows = history_rows(sessions, review(repo.plans(), sessions, today), repo.checklists())
        table = self.query_one("#sessions", DataTable)
        current = keep or self.current_id()
        columns = self.columns_for_width()
        if columns != self._shown_columns:  # narrow: the first things to read, whole
            table.clear(columns=True)
            table.add_columns(*(COLUMNS[i] for i in columns))
            self._shown_columns = columns
        else:
            table.clear()
        # Every row's cells once, the note whole; the other columns' widths from them.
        narrow = columns == NARROW_COLUMNS
        rows = [row_cells(row, narrow, None, today) for row in self.rows]
        others = [i for i in columns if COLUMNS[i] != "Note"]
        self._widths = {
            i: max([len(COLUMNS[i]), *(cell_len(str(cells[i])) for cells in rows)]) for i in others
        }
        width = self._note_width = self.note_width()
        for row, cells in zip(self.rows, rows, strict=True):
            shown = [cut_note(cell, width) if i == NOTE else cell for i, cell in enumerate(cells)]
            table.add_row(*(shown[i] for i in columns), key=row.session.id)
        if current is not None:
            index = next((i for i, r in enumerate(self.rows) if r.session.id == current), None)
            if index is not None:
                table.move_cursor(row=index)
        weeks = sessions_per_week(sessions, today, WEEKS_CHARTED)
        self.query_one("#weeks", ScaleBars).show(weeks, max(WEEKLY_TOP, *weeks))
        self.query_one("#weeks-caption", Label).update(f"{sum(weeks)} in {WEEKS_CHARTED} weeks")
        redness = redness_series(sessions, REDNESS_CHARTED)
        self.query_one("#redness", ScaleBars).show(redness)
        self.query_one("#redness-caption", Label).update(
            f"last {plural(len(redness), 'session')}" if redness else "none recorded yet"
        )
        self.query_one("#history-empty", Static).update(
            "" if self.rows else "No sessions yet: run one with s, or log one from the calendar."
        )
        self.refresh_bindings()

    def current_id(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row].session.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return bool(self.rows)
        if action == "undo":
            return bool(self.deleted)
        return True

    # -- edit -----------------------------------------------------------------------------
    def action_edit(self) -> None:
        session_id = self.current_id()
        record = self.scalp.repository.session(session_id) if session_id else None
        if record is None:
            return

        def saved(changed: SessionRecord | None) -> None:
            if changed is not None:
                self.reload(keep=changed.id)

        self.app.push_screen(EditSession(record), saved)

    # -- delete and undo ------------------------------------------------------------------
    def action_delete(self) -> None:
        from scalp_tui.ui.widgets.dialogs import confirm

        session_id = self.current_id()
        if session_id is None:
            return
        row = next(r for r in self.rows if r.session.id == session_id)

        def answered(answer: str | None) -> None:
            if answer != "y":
                return
            try:
                self.deleted.append(delete_session(self.scalp.repository, session_id))
            except WRITE_ERRORS as exc:
                not_saved(self.app, exc, "Not deleted")
                return
            self.reload()
            self.refresh_bindings()
            self.notify(
                f"Deleted the session of {short_day(row.session.date)}. "
                f"Press {self.key_for('undo')} to undo.",
                title="Deleted",
                timeout=10,
            )

        self.app.push_screen(
            confirm(
                "Delete this session?",
                long_day(row.session.date)
                + (f": “{row.session.note}”" if row.session.note else "")
                + f". You can undo it with {self.key_for('undo')}.",
                yes="Delete",
                no="Keep",
            ),
            answered,
        )

    def action_undo(self) -> None:
        """Restore the latest delete not yet undone; pressed again, the one before it."""
        if not self.deleted:
            return
        record, checklist = self.deleted[-1]
        try:
            restore_session(self.scalp.repository, record, checklist)
        except WRITE_ERRORS as exc:
            not_saved(self.app, exc, "Not restored")
            return
        self.deleted.pop()
        self.reload(keep=record.id)
        self.refresh_bindings()
        # "Deleted ... Press u to undo." is done with: it does not stay beside "Undone".
        self.app.clear_notifications()
        undo = self.key_for("undo")
        more = f" {len(self.deleted)} more to undo with {undo}." if self.deleted else ""
        self.notify(f"Restored the session of {short_day(record.date)}.{more}", title="Undone")


class EditSession(Dialog[SessionRecord | None]):
    """Edit a session's note and redness; dismisses with the saved record (or None)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="edit.save"),  # as in the settings form
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
    ]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record
        #: The note as the field shows it: no control character reaches the terminal.
        self.shown_note = display_text(record.note)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Session of {long_day(self.record.date)}", classes="dialog-title")
            yield Label("Note")
            yield Input(self.shown_note, id="edit-note", compact=True, select_on_focus=False)
            yield Label("Redness")
            yield Select(
                REDNESS_OPTIONS,
                value=self.record.redness if self.record.redness is not None else Select.NULL,
                prompt="not recorded",
                id="edit-redness",
                compact=True,
            )
            yield InlineError(id="edit-error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="edit-save", variant="primary", compact=True)
                yield Button("Cancel", id="edit-cancel", compact=True)

    @on(Button.Pressed, "#edit-save")
    @on(Input.Submitted, "#edit-note")
    def action_save(self) -> None:
        note = self.query_one("#edit-note", Input).value
        # Untouched, the note is kept as stored; edited, it is what the user saw and typed.
        note = self.record.note if note == self.shown_note else note.strip()
        value = self.query_one("#edit-redness", Select).value
        redness = value if isinstance(value, int) else None
        try:
            # Re-read inside the lock and change only these two fields: what another window
            # wrote to the session meanwhile is kept.
            changed = edit_session(
                self.scalp.repository, self.record.id, note=note, redness=redness
            )
        except InvalidValue as exc:
            self.query_one("#edit-error", InlineError).show(exc.message.capitalize() + ".")
            return
        except WRITE_ERRORS as exc:
            self.query_one("#edit-error", InlineError).show(f"Not saved: {exc}")
            return
        self.dismiss(changed)

    @on(Button.Pressed, "#edit-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
