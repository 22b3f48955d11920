"""The app's own commands in Textual's command palette (ctrl+p), beside Textual's: the screens,
the roller, settings, the exports, help. Each is a title, a line of help and what it does."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from scalp_tui.store.errors import WRITE_ERRORS

if TYPE_CHECKING:
    from scalp_tui.ui.app import ScalpApp

EXPORTS = {
    "ics": "Export calendar (ICS)",
    "csv": "Export sessions (CSV)",
    "json": "Back up (JSON)",
}


def app_commands(app: ScalpApp) -> Iterable[SystemCommand]:
    """The commands of a set-up app (before the first plan there is only Help)."""
    if app.first_run:
        return
    yield SystemCommand("Start or resume session", "The guided session timer", app.action_session)
    yield SystemCommand("Calendar", "The months of your plan", app.action_calendar)
    yield SystemCommand("Go to today", "The calendar, on today", app.action_go_today)
    yield SystemCommand(
        "Year view", "A year of sessions day by day; adherence by month", partial(year_view, app)
    )
    yield SystemCommand(
        "Agenda", "The next 12 planned dates and the last 10 sessions", partial(agenda, app)
    )
    yield SystemCommand("Checklist", "Clean the roller after a session", app.action_checklist)
    yield SystemCommand("History", "Every session: edit notes, delete", app.action_history)
    yield SystemCommand(
        "Photos",
        "Progress photos: the first and the latest of an angle side by side; add, remove",
        partial(app.switch_mode, "photos"),
    )
    yield SystemCommand(
        "Cleaned the roller",
        "Rubbing alcohol, dried, in its case: every open checklist done",
        partial(cleaned_roller, app),
    )
    yield SystemCommand(
        "Replaced the roller today", "Restart the roller's use count", app.action_replace_roller
    )
    yield SystemCommand(
        "Settings", "Plan start, preset, needle, weekdays, zones, timer", app.open_settings
    )
    for kind, title in EXPORTS.items():
        yield SystemCommand(title, "Write a file you choose", partial(export, app, kind))


def year_view(app: ScalpApp) -> None:
    from scalp_tui.ui.screens.year import YearScreen

    if not isinstance(app.screen, YearScreen):
        app.push_screen(YearScreen())


def agenda(app: ScalpApp) -> None:
    from scalp_tui.ui.screens.agenda import AgendaScreen

    if not isinstance(app.screen, AgendaScreen):
        app.push_screen(AgendaScreen())


def cleaned_roller(app: ScalpApp) -> None:
    """As the checklist's key, after a question (the screen below reads the result when the
    question closes): every open cleaning checklist done at once."""
    from scalp_tui.ui.widgets.dialogs import confirm

    question = confirm(
        "Cleaned the roller?",
        "Rubbing alcohol on the roller, dried fully, back in its case: every open cleaning "
        "checklist is ticked done.",
        yes="Cleaned",
        no="Not yet",
    )
    app.push_screen(question, partial(clean, app))


def clean(app: ScalpApp, answer: str | None) -> None:
    from scalp_tui.actions import cleaned_roller

    if answer != "y":
        return
    try:
        changed = cleaned_roller(app.repository, app.clock.now())
    except WRITE_ERRORS as exc:
        app.notify(f"Not saved: {exc}", severity="error", markup=False)
        return
    if not changed:
        app.notify("Nothing to clean: every checklist is finished.")
        return
    cards = "1 checklist" if len(changed) == 1 else f"{len(changed)} checklists"
    app.notify(f"The roller is clean and put away: {cards} done.", title="Cleaning done")


def export(app: ScalpApp, kind: str) -> None:
    from scalp_tui.ui.screens.export import ExportDialog

    def written(path: Path | None) -> None:
        if path is not None:
            app.notify(f"Wrote {path}", title=EXPORTS[kind], markup=False)

    app.push_screen(ExportDialog(kind), written)
