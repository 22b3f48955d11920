"""Setup: the plan and the session settings. First run, and later from the command palette."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static

from scalp_tui.actions import save_setup
from scalp_tui.domain.directions import arrows
from scalp_tui.domain.regimen import (
    NEEDLE_LENGTHS_MM,
    WEEKDAY_LONG,
    Plan,
    Preset,
    default_preset,
    default_weekdays,
    needle_warning,
    plan_to_edit,
)
from scalp_tui.domain.settings import (
    DIRECTION_PRESETS,
    MAX_MOVE_SECONDS,
    MAX_PHOTO_EVERY_WEEKS,
    MAX_ROLLER_REPLACE_AFTER,
    MIN_PHOTO_EVERY_WEEKS,
    SECONDS_PER_PASS_RANGE,
    SOUND_MODES,
)
from scalp_tui.domain.setup import SetupForm, form_from, parse_setup
from scalp_tui.domain.text import display_text
from scalp_tui.sound.programs import every_platform, speech_programs, tone_players
from scalp_tui.store.errors import WRITE_ERRORS
from scalp_tui.ui.base import ScalpScreen
from scalp_tui.ui.widgets.dialogs import Choice
from scalp_tui.ui.widgets.footer import KeyFooter
from scalp_tui.ui.widgets.messages import InlineError
from scalp_tui.ui.widgets.tickbox import TickBox

FIELDS = (
    "start",
    "needle_mm",
    "preset",
    "weekdays",
    "zones",
    "seconds_per_pass",
    "directions",
    "move_seconds",
    "strokes_per_pass",
    "serum_name",
    "roller_replace_after",
    "sound",
    "photo_every_weeks",
)


def sound_choices() -> list[tuple[str, str]]:
    """Each sound mode with what it does, naming the programs the sound package looks for."""
    words = {
        "tones": f"short sounds ({', '.join(every_platform(tone_players))})",
        "bell": "the terminal's bell, at step changes only",
        "voice": f"the prompt spoken ({', '.join(every_platform(speech_programs))})",
    }
    return [(f"{mode}: {words[mode]}" if mode in words else mode, mode) for mode in SOUND_MODES]


def photo_choices() -> list[tuple[str, str]]:
    """Off, then every 2 to 8 weeks: the values as the form holds them ("0" is off)."""
    weeks = range(MIN_PHOTO_EVERY_WEEKS, MAX_PHOTO_EVERY_WEEKS + 1)
    return [("off", "0"), *((f"every {n} weeks", str(n)) for n in weeks)]


def direction_options(current: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The direction presets, and the user's own list when it is none of them, each as its
    arrows and a few words: "crosshatch ↓ → ↘ ↙: front-back, left-right, both diagonals"."""
    words = {
        "article": "front to back; back to front once confident",
        "crosshatch": "front-back, left-right, both diagonals",
    }
    options = [
        (f"{name} {arrows(directions, ' ')}: {words.get(name, '')}", directions)
        for name, directions in DIRECTION_PRESETS.items()
    ]
    if current not in DIRECTION_PRESETS.values():
        options.append((f"yours {arrows(current, ' ') or '?'}", current))
    return options


class SetupScreen(ScalpScreen[bool]):
    """Dismisses with True when the plan and settings were saved, False when cancelled."""

    CSS_PATH = "setup.tcss"

    AUTO_FOCUS = "#start"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="setup.save"),
        Binding("escape", "cancel", "Cancel", id="setup.cancel"),
    ]

    def __init__(self, first_run: bool) -> None:
        super().__init__()
        self.first_run = first_run
        self._preset_touched = not first_run
        self._weekdays_touched = not first_run
        self._done = False
        #: The plan the form shows (the latest, started or not): saving edits it.
        self._editing: Plan | None = None
        #: The user's names as stored, by field id: their fields show them as display_text.
        self._stored: dict[str, str] = {}
        #: The form as it was shown: leaving it changed asks first.
        self._shown: SetupForm | None = None

    def compose(self) -> ComposeResult:
        repo, today = self.scalp.repository, self.scalp.clock.today()
        self._editing = plan_to_edit(repo.plans(), today)
        form = form_from(self._editing, repo.settings(), today)
        if not repo.has_settings():  # a new database: the sound this machine can play
            from scalp_tui.sound import default_mode

            form = replace(form, sound=default_mode())
        self._stored = {"zones": form.zones, "serum_name": form.serum_name}
        shown = {wid: display_text(value) for wid, value in self._stored.items()}
        self.sub_title = "Set up your plan" if self.first_run else "Plan and settings"
        yield Header()
        with VerticalScroll(id="setup-form"):
            yield from self.row(
                "start", "Plan start",
                Input(form.start, placeholder="YYYY-MM-DD", id="start", compact=True,
                      max_length=10),
                "YYYY-MM-DD; a later date starts a new plan and keeps your history",
            )  # fmt: skip
            needles = [(f"{n:g} mm", n) for n in NEEDLE_LENGTHS_MM]
            yield from self.row(
                "needle_mm", "Needle length",
                Select(needles, value=form.needle_mm, allow_blank=False, id="needle_mm",
                       compact=True),
            )  # fmt: skip
            presets = [(f"{p.value}: {p.description}", p.value) for p in Preset]
            yield from self.row(
                "preset", "Preset",
                Select(presets, value=form.preset, allow_blank=False, id="preset", compact=True),
            )  # fmt: skip
            days = [(name, i) for i, name in enumerate(WEEKDAY_LONG)]
            first, second = form.weekdays
            yield from self.row(
                "weekdays", "Twice-weekly days",
                Horizontal(
                    Select(days, value=first, allow_blank=False, id="weekday1", compact=True),
                    Select(days, value=second, allow_blank=False, id="weekday2", compact=True),
                    classes="pair",
                ),
            )  # fmt: skip
            yield from self.row(
                "zones", "Zones",
                Input(shown["zones"], id="zones", compact=True), "in order, separated by commas",
            )  # fmt: skip
            yield from self.row(
                "seconds_per_pass", "Seconds per pass",
                Input(form.seconds_per_pass, id="seconds_per_pass", compact=True,
                      type="integer", max_length=3),
                SECONDS_PER_PASS_RANGE,
            )  # fmt: skip
            yield from self.row(
                "directions", "Directions",
                Select(direction_options(form.directions), value=form.directions,
                       allow_blank=False, id="directions", compact=True),
                "the first from the start; the others once you feel confident",
            )  # fmt: skip
            yield from self.row(
                "move_seconds", "Seconds to move",
                Input(form.move_seconds, id="move_seconds", compact=True, type="integer",
                      max_length=2),
                f"a \"move to\" step between passes: 0 (none) to {MAX_MOVE_SECONDS}",
            )  # fmt: skip
            yield from self.row(
                "strokes_per_pass", "Strokes per pass",
                Input(form.strokes_per_pass, id="strokes_per_pass", compact=True,
                      type="integer", max_length=2),
                "\"stroke 2 of 4\" on screen, and a soft tick with tones or voice; 0: off. "
                "Your choice, not advice",
            )  # fmt: skip
            yield from self.row(
                "serum_name", "Serum", Input(shown["serum_name"], id="serum_name", compact=True)
            )
            yield from self.row(
                "roller_replace_after", "Replace roller after",
                Input(form.roller_replace_after, id="roller_replace_after", compact=True,
                      type="integer", max_length=4),
                f"uses; then the app suggests a new roller (1-{MAX_ROLLER_REPLACE_AFTER})",
            )  # fmt: skip
            yield from self.row(
                "sound", "Sound",
                Select(sound_choices(), value=form.sound, allow_blank=False, id="sound",
                       compact=True),
            )  # fmt: skip
            yield from self.row(
                "photo_every_weeks", "Photo check-ins",
                Select(photo_choices(), value=form.photo_every_weeks, allow_blank=False,
                       id="photo_every_weeks", compact=True),
                "progress photos of every angle, counted from the plan's start",
            )  # fmt: skip
            yield TickBox(
                "Confident: roll every direction", form.confident, id="confident", compact=True
            )
            yield TickBox("I use minoxidil", form.uses_minoxidil, id="uses_minoxidil", compact=True)
            yield Static(id="needle-warning", classes="warning")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield InlineError(id="setup-status")
        yield KeyFooter()

    def row(self, key: str, label: str, widget: Any, hint: str = "") -> ComposeResult:
        with Horizontal(classes="field"):
            yield Label(label, classes="field-label")
            yield widget
        if hint:
            yield Static(hint, classes="hint")
        yield InlineError(id=f"error-{key}")

    def on_mount(self) -> None:
        self.update_warning()
        # After the fields' own first changes (the weekdays follow the start date).
        self.call_after_refresh(self._remember_shown)

    def _remember_shown(self) -> None:
        self._shown = self.read_form()

    # -- reading the form ---------------------------------------------------------------
    def read_form(self) -> SetupForm:
        def text(wid: str) -> str:
            value = self.query_one(f"#{wid}", Input).value
            stored = self._stored.get(wid)
            # A name left as shown keeps its stored form; an edited one is what the user typed.
            return stored if stored is not None and value == display_text(stored) else value

        def choice(wid: str) -> Any:
            value = self.query_one(f"#{wid}", Select).value
            return None if value is Select.NULL else value

        return SetupForm(
            start=text("start"),
            preset=choice("preset") or "",
            needle_mm=choice("needle_mm"),
            weekdays=(choice("weekday1"), choice("weekday2")),
            zones=text("zones"),
            seconds_per_pass=text("seconds_per_pass"),
            directions=choice("directions") or (),
            serum_name=text("serum_name"),
            sound=choice("sound") or "",
            uses_minoxidil=self.query_one("#uses_minoxidil", Checkbox).value,
            confident=self.query_one("#confident", Checkbox).value,
            move_seconds=text("move_seconds"),
            strokes_per_pass=text("strokes_per_pass"),
            roller_replace_after=text("roller_replace_after"),
            photo_every_weeks=choice("photo_every_weeks") or "",
        )

    # -- live defaults ------------------------------------------------------------------
    @on(Select.Changed, "#needle_mm")
    def needle_changed(self, event: Select.Changed) -> None:
        if not self._preset_touched and isinstance(event.value, float):
            preset = self.query_one("#preset", Select)
            with preset.prevent(Select.Changed):
                preset.value = default_preset(event.value).value
        self.update_warning()

    @on(Select.Changed, "#preset")
    def preset_changed(self, event: Select.Changed) -> None:
        if event.select.has_focus:  # the user's choice, not the initial value
            self._preset_touched = True
        self.update_warning()

    @on(Select.Changed, "#weekday1")
    @on(Select.Changed, "#weekday2")
    def weekdays_changed(self, event: Select.Changed) -> None:
        if event.select.has_focus:
            self._weekdays_touched = True

    @on(Input.Changed, "#start")
    def start_changed(self, event: Input.Changed) -> None:
        try:
            start = dt.date.fromisoformat(event.value.strip())
        except ValueError:
            return
        if self._weekdays_touched:
            return
        first, second = default_weekdays(start)
        for wid, value in (("#weekday1", first), ("#weekday2", second)):
            select = self.query_one(wid, Select)
            with select.prevent(Select.Changed):
                select.value = value

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def recheck(self) -> None:
        """A field marked wrong is checked again as it changes: its message goes as soon as
        the value is right (it stayed until the next save). Fields not marked stay quiet
        while the user types."""
        marked = [key for key in FIELDS if self.error_line(key).has_class("-shown")]
        if not marked:
            return
        repo = self.scalp.repository
        result = parse_setup(
            self.read_form(), repo.settings(), self.scalp.clock.today(), repo.plans()
        )
        for key in marked:
            self.error_line(key).show(result.errors.get(key, ""))
        if not any(self.error_line(key).has_class("-shown") for key in FIELDS):
            self.query_one("#setup-status", InlineError).show("")

    def error_line(self, key: str) -> InlineError:
        return self.query_one(f"#error-{key}", InlineError)

    def update_warning(self) -> None:
        form = self.read_form()
        result = parse_setup(form, self.scalp.repository.settings(), self.scalp.clock.today())
        warning = needle_warning(result.plan) if result.plan else None
        self.query_one("#needle-warning", Static).update(warning or "")

    # -- saving -------------------------------------------------------------------------
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self._done:
            return
        repo = self.scalp.repository
        today = self.scalp.clock.today()
        result = parse_setup(self.read_form(), repo.settings(), today, repo.plans())
        for key in FIELDS:
            self.error_line(key).show(result.errors.get(key, ""))
        status = self.query_one("#setup-status", InlineError)
        if not result.ok or result.plan is None or result.settings is None:
            status.show("Nothing saved: correct the fields marked above.")
            first_bad = next(k for k in FIELDS if k in result.errors)
            focus_id = {"weekdays": "weekday1"}.get(first_bad, first_bad)
            self.query_one(f"#{focus_id}").focus()
            return
        try:
            save_setup(repo, self.read_form(), today, editing=self._editing)
        except WRITE_ERRORS as exc:
            status.show(f"Nothing saved: {exc}")
            return
        self.notify("Plan and settings saved.", title="Saved")
        self.close(saved=True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Leave; when a field was changed, ask first: save, discard, or keep editing."""
        if self._done:
            return
        if self._shown is None or self.read_form() == self._shown:
            self.close(saved=False)
            return

        def answered(answer: str | None) -> None:
            if answer == "s":
                self.action_save()  # a field refused says why, and the form stays
            elif answer == "d":
                self.close(saved=False)

        self.app.push_screen(
            Choice(
                "Leave the settings?",
                "You changed the settings. Save them before leaving?",
                [("s", "Save"), ("d", "Discard"), ("k", "Keep editing")],
                cancel="k",
            ),
            answered,
        )

    def close(self, saved: bool) -> None:
        """Once: a second key already queued must not close the screen below too."""
        if self.app.screen is self and not self._done:
            self._done = True
            self.dismiss(saved)
