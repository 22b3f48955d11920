"""The after-session checklist: serum, rubbing alcohol, dry, back in the case; roller uses.

One card per open checklist, newest first, named by its session's date and start time; focus
starts on the newest open card. Finished cards fold away (``f`` shows them), and a tick or an
untick on a finished card asks first. Every box shows what the database holds: a key asks the
screen, the screen writes, and the card shows the result.
"""

from __future__ import annotations

import datetime as dt

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Header, Static

from scalp_tui.actions import cleaned_roller, replace_roller, toggle_checklist_item
from scalp_tui.domain.aftercare import ChecklistCard, ChecklistCards, checklist_cards
from scalp_tui.domain.checklist import Checklist, ChecklistItem, replacement_due, roller_uses
from scalp_tui.domain.text import display_text
from scalp_tui.store.errors import WRITE_ERRORS, DatabaseError
from scalp_tui.ui.base import ScalpScreen, not_saved
from scalp_tui.ui.format import plain, seen_from, short_day
from scalp_tui.ui.widgets.dialogs import Choice, confirm
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.tickbox import TickBox

ARTICLE_WHY = (
    "“Infection is a risk if you do not clean the roller after each use. Do this by applying "
    "rubbing alcohol to the roller and allowing it to dry before putting it back in its case.”"
)


def card_name(card: ChecklistCard, today: dt.date | None = None) -> str:
    """``Thu 26 Nov, 09:41`` (the session's start, local time); ``Thu 26 Nov, logged``; the
    year too when it is not ``today``'s."""
    day = short_day(card.checklist.session_date, today)
    if card.started_at is not None:
        return f"{day}, {card.started_at.astimezone():%H:%M}"
    if card.logged:
        return f"{day}, logged" + (f" #{card.logged_number}" if card.logged_number else "")
    return day


def item_prompt(checklist: Checklist, item: ChecklistItem, serum_name: str) -> Content:
    """The item's words (the serum's name is the user's: plain text), and when it was ticked:
    its time, with its day when that is not the card's day ("ticked Tue 8 Dec 08:00")."""
    at = checklist.ticks.get(item)
    if at is None:
        return plain(item.label(serum_name))
    local = at.astimezone()
    day = "" if local.date() == checklist.session_date else f"{short_day(local.date())} "
    return Content.assemble(plain(item.label(serum_name)), (f"  ticked {day}{local:%H:%M}", "dim"))


def folded_line(cards: ChecklistCards, show_finished: bool, key: str = "f") -> str:
    """What is folded away, and the ``key`` that shows it or folds it again."""
    if cards.folded and not show_finished:
        some = (
            "1 finished checklist" if cards.folded == 1 else f"{cards.folded} finished checklists"
        )
        return f"{some} folded away: {key} shows {'it' if cards.folded == 1 else 'them'}."
    if show_finished:
        older = f"{cards.folded} older finished not shown; " if cards.folded else ""
        return f"{older}{key} folds finished checklists away."
    return ""


class ItemBox(TickBox):
    """One item of one checklist. Space, enter or a click asks the screen (``Pressed``); the
    box changes only when the screen shows what the database holds afterwards."""

    BINDINGS = [
        Binding("down", "screen.move_focus(1)", "Next item", show=False, id="checklist.next"),
        Binding("up", "screen.move_focus(-1)", "Previous item", show=False, id="checklist.prev"),
    ]

    class Pressed(Message):
        def __init__(self, box: ItemBox) -> None:
            super().__init__()
            self.box = box

    def __init__(self, session_id: str, item: ChecklistItem, label: Content, value: bool) -> None:
        super().__init__(label, value, compact=True, classes=f"item-{item.value}")
        self.session_id = session_id
        self.item = item

    def action_toggle_button(self) -> None:
        self.post_message(self.Pressed(self))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as its words take (checklist.tcss wraps them): a long serum name
        and the time it was ticked were cut to "(optiona…"."""
        return Widget.get_content_height(self, container, viewport, width)

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # not ToggleButton's own toggle
        self.post_message(self.Pressed(self))


class Card(Vertical):
    """One session's checklist: its name and state in the border, one box per item."""

    def __init__(self, card: ChecklistCard, serum_name: str, today: dt.date) -> None:
        super().__init__(classes="card")
        self.checklist = card.checklist
        self.name_text = card_name(card, today)
        self.serum_name = card.serum_name or serum_name  # the serum of that session

    @property
    def session_id(self) -> str:
        return self.checklist.session_id

    def compose(self) -> ComposeResult:
        for item in ChecklistItem:
            prompt = item_prompt(self.checklist, item, self.serum_name)
            yield ItemBox(self.session_id, item, prompt, item in self.checklist.ticks)

    def on_mount(self) -> None:
        self.show_state()

    def show(self, checklist: Checklist) -> None:
        """What the database holds now."""
        self.checklist = checklist
        for box in self.query(ItemBox):
            box.value = box.item in checklist.ticks
            box.label = item_prompt(checklist, box.item, self.serum_name)
        self.show_state()

    def show_state(self) -> None:
        state = "done" if self.checklist.finished else "open"
        self.border_title = Content(f"{self.name_text} · cleaning {state}")
        self.set_class(not self.checklist.finished, "-open")


class ChecklistScreen(ScalpScreen[None]):
    CSS_PATH = "checklist.tcss"
    BINDINGS = [
        Binding("a", "cleaned_roller", "Cleaned roller", id="checklist.cleaned_roller"),
        Binding("r", "replace_roller", "Replaced roller today", id="checklist.replace_roller"),
        Binding("f", "show_finished(True)", "Show done", id="checklist.show_finished"),
        Binding("f", "show_finished(False)", "Hide done", id="checklist.fold_finished"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_finished = False
        self.serum_name = ""
        self._covered = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="checklist-body", can_focus=False):
            yield Static(ARTICLE_WHY, id="checklist-why")
            yield Vertical(id="checklists")
            yield Static(id="folded")
            yield Static(id="roller")
        yield KeyFooter()

    def on_screen_suspend(self) -> None:
        # Still in the app's stack: a dialog (or help) covers this screen, and closing it
        # comes back to the box the user was on. Else the user went to another screen.
        self._covered = self in self.app.screen_stack

    async def on_screen_resume(self) -> None:
        """Shown: re-read the database; focus the newest open card, or after a dialog on
        this screen, the box that was focused."""
        focused = self.focused
        keep = None
        if self._covered and isinstance(focused, ItemBox):
            keep = (focused.session_id, focused.item)
        self._covered = False
        await self.reload(keep)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_finished":
            return parameters != (self.show_finished,)
        return True

    async def action_show_finished(self, show: bool) -> None:
        self.show_finished = show
        self.refresh_bindings()
        focused = self.focused
        keep = (focused.session_id, focused.item) if isinstance(focused, ItemBox) else None
        await self.reload(keep)

    async def reload(self, keep: tuple[str, ChecklistItem] | None = None) -> None:
        """Rebuild from the database (another window or the CLI may have ticked items); focus
        the box ``keep`` names if it is still shown, else the newest open card."""
        container = self.query_one("#checklists", Vertical)
        await container.remove_children()
        repo = self.scalp.repository
        try:
            self.serum_name = repo.settings().serum_name
            checklists = repo.checklists()
            sessions = repo.sessions()
            cards = checklist_cards(checklists, sessions, show_finished=self.show_finished)
            self.show_roller()
        except DatabaseError as exc:
            await container.mount(Static(plain(f"Could not read the checklists: {exc}")))
            return
        if not checklists:
            # Sessions logged for a past day have no checklist: their cleaning is long done.
            message = (
                "No cleaning checklist yet: one opens after each session done with the timer "
                "or logged for today."
                if sessions
                else "No session yet: the checklist appears after each session."
            )
            await container.mount(Static(message, classes="empty"))
        elif all(card.checklist.finished for card in cards.shown):
            message = "Nothing to clean: every checklist is finished."
            await container.mount(Static(message, classes="empty"))
        today = self.scalp.clock.today()
        await container.mount_all(Card(card, self.serum_name, today) for card in cards.shown)
        line = folded_line(cards, self.show_finished, self.key_for("show_finished(True)"))
        folded = self.query_one("#folded", Static)
        folded.update(line)
        folded.display = bool(line)
        self.focus_box(keep)

    def focus_box(self, keep: tuple[str, ChecklistItem] | None) -> None:
        boxes = list(self.query(ItemBox))
        kept = [b for b in boxes if keep is not None and (b.session_id, b.item) == keep]
        open_ = [box for box in boxes if not self.card_of(box).checklist.finished]
        target = next(iter(kept or open_ or boxes), None)
        if target is None:
            self.set_focus(None)
        else:
            # the whole card in view, its name included, not only the focused box
            target.focus(scroll_visible=False)
            self.call_after_refresh(self.card_of(target).scroll_visible, animate=False)

    def card_of(self, box: ItemBox) -> Card:
        card = box.parent
        assert isinstance(card, Card)
        return card

    def action_move_focus(self, delta: int) -> None:
        boxes = list(self.query(ItemBox))
        focused = self.focused
        if not isinstance(focused, ItemBox) or focused not in boxes:
            return
        index = boxes.index(focused) + delta
        if index < 0:
            self.query_one("#checklist-body", VerticalScroll).scroll_home(animate=False)
        elif index < len(boxes):
            boxes[index].focus()

    # -- ticking ----------------------------------------------------------------------------
    @on(ItemBox.Pressed)
    def item_pressed(self, event: ItemBox.Pressed) -> None:
        box = event.box
        card = self.card_of(box)
        if not card.checklist.finished:
            self.write(card, box.item)
            return
        ticked = box.item in card.checklist.ticks
        verb = "Untick" if ticked else "Tick"
        label = display_text(box.item.label(card.serum_name))
        question = confirm(
            "Change a finished checklist?",
            f"The cleaning of {card.name_text} is done.\n{verb} “{label}”?",
            yes=verb,
            no="Leave it",
        )

        def answered(answer: str | None) -> None:
            if answer == "y" and card.is_attached:
                self.write(card, box.item)

        self.app.push_screen(question, answered)

    def write(self, card: Card, item: ChecklistItem) -> None:
        now = self.scalp.clock.now()
        try:
            changed = toggle_checklist_item(self.scalp.repository, card.session_id, item, now)
        except KeyError:
            self.notify("Not saved: this session is no longer in the database.", severity="error")
            return
        except WRITE_ERRORS as exc:
            not_saved(self.app, exc)
            return
        updated = changed[0]
        before = updated.toggle(item, now)  # what the database held just before this tick
        by_id = {checklist.session_id: checklist for checklist in changed}
        for shown in self.query(Card):  # one roller: the other open cards follow
            if shown.session_id in by_id:
                shown.show(by_id[shown.session_id])
        if updated.finished and not before.finished:
            others = len(changed) - 1
            also = f" ({others} older session{'s' if others > 1 else ''} too)" if others else ""
            self.notify(f"The roller is clean and put away{also}.", title="Cleaning done")

    async def action_cleaned_roller(self) -> None:
        """The roller is cleaned, dried and in its case: every open card is done at once."""
        try:
            changed = cleaned_roller(self.scalp.repository, self.scalp.clock.now())
        except WRITE_ERRORS as exc:
            not_saved(self.app, exc)
            return
        if not changed:
            self.notify("Nothing to clean: every checklist is finished.")
            return
        cards = "1 checklist" if len(changed) == 1 else f"{len(changed)} checklists"
        self.notify(f"The roller is clean and put away: {cards} done.", title="Cleaning done")
        await self.reload()

    # -- the roller -------------------------------------------------------------------------
    def show_roller(self) -> None:
        repo = self.scalp.repository
        settings = repo.settings()
        uses = roller_uses(repo.sessions(), settings.roller_started)
        started = settings.roller_started
        day = seen_from(self.scalp.clock.today())
        since = f" since {day(started.astimezone().date())}" if started else ""
        text = Content(f"Roller: {uses} use{'s' if uses != 1 else ''}{since}; ")
        text += Content(f"replace it after {settings.roller_replace_after}.")
        if replacement_due(uses, settings.roller_replace_after):
            text += Content.styled(
                f"\nTime for a new roller: press {self.key_for('replace_roller')} once you "
                "have replaced it.",
                "bold",
            )
        self.query_one("#roller", Static).update(text)

    def action_replace_roller(self) -> None:
        def answered(answer: str | None) -> None:
            if answer != "y":
                return
            try:
                replace_roller(self.scalp.repository, self.scalp.clock.now())
            except WRITE_ERRORS as exc:
                not_saved(self.app, exc)
                return
            self.notify("Roller use count starts again today.", title="New roller")
            self.show_roller()

        self.app.push_screen(new_roller_question(), answered)


def new_roller_question() -> Choice:
    """Asked before the roller's use count restarts (here with ``r``, and from the command
    palette)."""
    return confirm("New roller?", "You replaced the roller today: the use count restarts.")
