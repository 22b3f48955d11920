"""The after-session checklist: serum, rubbing alcohol, dry, back in the case; roller uses."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, SelectionList, Static
from textual.widgets.selection_list import Selection

from scalp_tui.actions import replace_roller, toggle_checklist_item
from scalp_tui.domain.checklist import (
    Checklist,
    ChecklistItem,
    open_checklists,
    replacement_due,
    roller_uses,
)
from scalp_tui.domain.text import display_text
from scalp_tui.store.errors import DatabaseError
from scalp_tui.ui.base import ScalpScreen
from scalp_tui.ui.format import short_day
from scalp_tui.ui.widgets.footer import KeyFooter

ARTICLE_WHY = (
    "“Infection is a risk if you do not clean the roller after each use. Do this by applying "
    "rubbing alcohol to the roller and allowing it to dry before putting it back in its case.”"
)


def shown_checklists(checklists: list[Checklist]) -> list[Checklist]:
    """The latest session's checklist, and any older one still open; newest first."""
    if not checklists:
        return []
    latest = max(checklists, key=lambda c: c.session_date)
    older = [c for c in open_checklists(checklists) if c.session_id != latest.session_id]
    return [latest, *reversed(older)]


def item_prompt(checklist: Checklist, item: ChecklistItem, serum_name: str) -> Text:
    prompt = Text(display_text(item.label(serum_name)))  # the serum's name is the user's
    at = checklist.ticks.get(item)
    if at is not None:
        prompt.append(f"  ✓ ticked {at.astimezone():%H:%M}", style="dim")
    return prompt


def show_state(widget: SelectionList[str], checklist: Checklist) -> None:
    state = "done" if checklist.finished else "open"
    widget.border_title = f"Session of {short_day(checklist.session_date)}: cleaning {state}"
    widget.set_class(not checklist.finished, "-open")


class ChecklistScreen(ScalpScreen[None]):
    CSS_PATH = "checklist.tcss"
    BINDINGS = [
        Binding("r", "replace_roller", "Replaced roller today", id="checklist.replace_roller"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="checklist-body"):
            yield Static(ARTICLE_WHY, id="checklist-why")
            yield VerticalScroll(id="checklists")
            yield Static(id="roller")
        yield KeyFooter()

    async def on_screen_resume(self) -> None:
        await self.reload()

    async def reload(self) -> None:
        """Rebuild from the database (another window or the CLI may have ticked items)."""
        repo = self.scalp.repository
        serum_name = repo.settings().serum_name
        container = self.query_one("#checklists", VerticalScroll)
        await container.remove_children()
        shown = shown_checklists(repo.checklists())
        if not shown:
            await container.mount(
                Static("No session yet: the checklist appears after each session.")
            )
        lists = [self.make_list(c, serum_name) for c in shown]
        await container.mount_all(lists)
        if lists:
            lists[0].focus()
        self.show_roller()

    def show_roller(self) -> None:
        repo = self.scalp.repository
        settings = repo.settings()
        uses = roller_uses(repo.sessions(), settings.roller_started)
        since = f" since {short_day(settings.roller_started)}" if settings.roller_started else ""
        text = Text(f"Roller: {uses} use{'s' if uses != 1 else ''}{since}; ")
        text.append(f"replace it after {settings.roller_replace_after}.")
        if replacement_due(uses, settings.roller_replace_after):
            text.append("\nTime for a new roller: press r once you have replaced it.", "bold")
        self.query_one("#roller", Static).update(text)

    def make_list(self, checklist: Checklist, serum_name: str) -> SelectionList[str]:
        selections = [
            Selection(item_prompt(checklist, item, serum_name), item.value, item in checklist.ticks)
            for item in ChecklistItem
        ]
        widget: SelectionList[str] = SelectionList(*selections, id=f"c-{checklist.session_id}")
        show_state(widget, checklist)
        return widget

    @on(SelectionList.SelectionToggled)
    def toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        assert event.selection_list.id is not None
        session_id = event.selection_list.id.removeprefix("c-")
        item = ChecklistItem(event.selection.value)
        try:
            updated = toggle_checklist_item(
                self.scalp.repository, session_id, item, self.scalp.clock.now()
            )
        except (DatabaseError, KeyError) as exc:
            self.notify(display_text(f"Not saved: {exc}"), severity="error", markup=False)
            return
        serum_name = self.scalp.repository.settings().serum_name
        event.selection_list.replace_option_prompt_at_index(
            list(ChecklistItem).index(item), item_prompt(updated, item, serum_name)
        )
        show_state(event.selection_list, updated)
        if updated.finished and item is not ChecklistItem.SERUM and item in updated.ticks:
            self.notify("The roller is clean and put away.", title="Cleaning done")

    def action_replace_roller(self) -> None:
        from scalp_tui.ui.widgets.dialogs import confirm

        def answered(answer: str | None) -> None:
            if answer == "y":
                replace_roller(self.scalp.repository, self.scalp.clock.today())
                self.notify("Roller use count starts again today.", title="New roller")
                self.show_roller()

        self.app.push_screen(
            confirm("New roller?", "You replaced the roller today: the use count restarts."),
            answered,
        )
