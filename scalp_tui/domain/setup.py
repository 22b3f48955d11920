"""The setup form, as a person fills it in: raw text in, a Plan and Settings or messages out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from scalp_tui.domain.regimen import (
    DEFAULT_NEEDLE_MM,
    NEEDLE_LENGTHS_MM,
    Plan,
    Preset,
    default_weekdays,
    format_needles,
    plan_change_problem,
)
from scalp_tui.domain.settings import (
    DEFAULT_MOVE_SECONDS,
    DEFAULT_PHOTO_EVERY_WEEKS,
    DEFAULT_ROLLER_REPLACE_AFTER,
    MAX_MOVE_SECONDS,
    MAX_PHOTO_EVERY_WEEKS,
    MAX_STROKES_PER_PASS,
    MIN_PHOTO_EVERY_WEEKS,
    SOUND_MODES,
    Settings,
    check_photo_every_weeks,
    settings_problems,
)
from scalp_tui.domain.validation import InvalidValue, check_plan_start


@dataclass(frozen=True)
class SetupForm:
    """The setup form's fields as the user typed or chose them."""

    start: str
    preset: str
    needle_mm: float | None
    weekdays: tuple[int | None, int | None]
    zones: str
    seconds_per_pass: str
    directions: tuple[str, ...]
    serum_name: str
    sound: str
    uses_minoxidil: bool
    confident: bool
    move_seconds: str = str(DEFAULT_MOVE_SECONDS)
    strokes_per_pass: str = "0"
    roller_replace_after: str = str(DEFAULT_ROLLER_REPLACE_AFTER)
    #: A photo check-in every this many weeks; "0": off.
    photo_every_weeks: str = str(DEFAULT_PHOTO_EVERY_WEEKS)


@dataclass(frozen=True)
class SetupResult:
    """A plan and settings from the form, or the error of each field that is wrong."""

    plan: Plan | None
    settings: Settings | None
    errors: dict[str, str]

    @property
    def ok(self) -> bool:
        return not self.errors


def form_from(plan: Plan | None, settings: Settings, today: dt.date) -> SetupForm:
    """The form pre-filled with ``plan`` (see ``regimen.plan_to_edit``: the latest, started or
    not) and the settings, or with today and the defaults."""
    return SetupForm(
        start=(plan.start if plan else today).isoformat(),
        preset=(plan.preset if plan else Preset.RAMP).value,
        needle_mm=plan.needle_mm if plan else DEFAULT_NEEDLE_MM,
        weekdays=plan.weekdays if plan else default_weekdays(today),
        zones=", ".join(settings.zones),
        seconds_per_pass=str(settings.seconds_per_pass),
        directions=settings.directions,
        serum_name=settings.serum_name,
        sound=settings.sound,
        uses_minoxidil=settings.uses_minoxidil,
        confident=settings.confident,
        move_seconds=str(settings.move_seconds),
        strokes_per_pass=str(settings.strokes_per_pass),
        roller_replace_after=str(settings.roller_replace_after),
        photo_every_weeks=str(settings.photo_every_weeks),
    )


def parse_setup(
    form: SetupForm, current: Settings, today: dt.date, plans: Sequence[Plan] = ()
) -> SetupResult:
    """``current``: the settings the form's fields are applied to (re-read them inside the
    transaction that saves the result); ``today`` bounds the plan's start; ``plans``, those
    saved, whose started dates the new plan may not rewrite."""
    errors: dict[str, str] = {}
    start: dt.date | None = None
    try:
        start = check_plan_start(dt.date.fromisoformat(form.start.strip()), today)
    except InvalidValue as exc:
        errors["start"] = exc.message
    except ValueError:
        errors["start"] = f"{form.start.strip()!r} is not a date that exists; use YYYY-MM-DD"
    try:
        preset = Preset(form.preset)
    except ValueError:
        errors["preset"] = "choose ramp or weekly"
        preset = Preset.RAMP
    if form.needle_mm not in NEEDLE_LENGTHS_MM:
        errors["needle_mm"] = f"choose a needle length: {format_needles()} mm"
    a, b = form.weekdays
    if a is None or b is None or a == b:
        errors["weekdays"] = "choose two different weekdays for the twice-weekly weeks"
    if form.zones == ", ".join(current.zones):
        zones = current.zones  # untouched: kept as stored ("left, side" stays one zone)
    else:
        zones = tuple(z.strip() for z in form.zones.split(",") if z.strip())
    seconds = _whole(form.seconds_per_pass)
    move_seconds = _whole(form.move_seconds)
    if not 0 <= move_seconds <= MAX_MOVE_SECONDS:
        errors["move_seconds"] = f"seconds to move the roller: a whole number, 0-{MAX_MOVE_SECONDS}"
    strokes = _whole(form.strokes_per_pass)
    if not 0 <= strokes <= MAX_STROKES_PER_PASS:
        errors["strokes_per_pass"] = (
            f"strokes per pass: a whole number, 0 (off) to {MAX_STROKES_PER_PASS}"
        )
    if form.sound not in SOUND_MODES:
        errors["sound"] = "choose " + ", ".join(SOUND_MODES)
    replace_after = _whole(form.roller_replace_after)
    photo_weeks = _whole(form.photo_every_weeks)
    try:
        check_photo_every_weeks(photo_weeks)
    except InvalidValue:
        errors["photo_every_weeks"] = (
            f"photo check-ins: every {MIN_PHOTO_EVERY_WEEKS} to {MAX_PHOTO_EVERY_WEEKS} weeks, "
            "or off"
        )
    problems = settings_problems(
        zones=zones,
        seconds_per_pass=seconds,
        directions=form.directions,
        serum_name=form.serum_name,
        roller_replace_after=replace_after,
    )
    for key, message in problems.items():
        errors.setdefault(key, message)
    if errors:
        return SetupResult(None, None, errors)
    assert start is not None and form.needle_mm is not None and a is not None and b is not None
    problem = None
    try:
        plan = Plan(start, preset, form.needle_mm, (a, b))
        problem = plan_change_problem(plans, plan, today)
        settings = replace(
            current,
            zones=zones,
            seconds_per_pass=seconds,
            directions=form.directions,
            serum_name=form.serum_name.strip(),
            sound=form.sound,
            uses_minoxidil=form.uses_minoxidil,
            confident=form.confident,
            disclaimer_seen=True,
            move_seconds=move_seconds,
            strokes_per_pass=strokes,
            roller_replace_after=replace_after,
            photo_every_weeks=photo_weeks,
        )
    except InvalidValue as exc:  # a rule of the records not checked above: said, not raised
        key = exc.field if exc.field in FORM_FIELDS else "start"
        return SetupResult(None, None, {key: exc.message})
    if problem:
        return SetupResult(None, None, {"start": problem[0].upper() + problem[1:] + "."})
    return SetupResult(plan, settings, {})


#: The form's fields, by the names the records use.
FORM_FIELDS = frozenset(SetupForm.__dataclass_fields__)


def _whole(text: str) -> int:
    """A whole number typed in a field; -1 (refused by every range) when it is not one."""
    try:
        return int(text.strip())
    except ValueError:
        return -1
