"""Export from the app: the user confirms where the file goes."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from scalp_tui.exports.files import KINDS, default_export_path, render_export, write_export
from scalp_tui.store.errors import DatabaseError
from scalp_tui.ui.widgets.dialogs import Dialog
from scalp_tui.ui.widgets.messages import InlineError

WHAT = {
    "ics": "Every planned date up to a year ahead, with a reminder, for your phone's calendar.",
    "csv": "One row per session, for a spreadsheet.",
    "json": "Everything, to restore later with: scalp-tui import FILE",
}


class ExportDialog(Dialog[Path | None]):
    """Dismisses with the path written, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        title = KINDS[self.kind][0]
        path = default_export_path(self.kind, self.scalp.clock.today())
        with Vertical(classes="dialog"):
            yield Static(title, classes="dialog-title")
            yield Static(WHAT[self.kind], classes="muted")
            yield Label("Write to")
            yield Input(str(path), id="export-path", compact=True, select_on_focus=False)
            yield InlineError(id="export-error")
            with Horizontal(classes="buttons"):
                yield Button("Write", id="export-write", variant="primary", compact=True)
                yield Button("Cancel", id="export-cancel", compact=True)

    @on(Button.Pressed, "#export-write")
    @on(Input.Submitted, "#export-path")
    def write(self) -> None:
        error = self.query_one("#export-error", InlineError)
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            error.show("Name a file to write.")
            return
        path = Path(text).expanduser()
        try:
            data = render_export(self.kind, self.scalp.repository, self.scalp.clock)
            write_export(path, data, database=self.scalp.repository.path)
        except (ValueError, DatabaseError) as exc:
            error.show(str(exc))
            return
        self.dismiss(path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
