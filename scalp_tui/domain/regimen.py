"""The regimen: presets, phases and the planned dates of PRODUCT.md section 2.

Pure functions over dates. Monthly upkeep dates are U0 + n months, each computed from U0 with
``relativedelta`` (which clamps to the month's end), never chained from the previous one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import count

from dateutil.relativedelta import relativedelta

from scalp_tui.domain.validation import InvalidValue, check_date, shown

NEEDLE_LENGTHS_MM: tuple[float, ...] = (0.25, 0.5, 0.75, 1.0, 1.5)
#: When no plan says otherwise (a session before any plan, the setup form's first value).
DEFAULT_NEEDLE_MM = 0.5
LONG_NEEDLE_MM = 1.0
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

RAMP_WEEKLY_WEEKS = 4
RAMP_TWICE_WEEKLY_WEEKS = 4
WEEKLY_PRESET_WEEKS = 12


class Preset(StrEnum):
    RAMP = "ramp"
    WEEKLY = "weekly"

    @property
    def description(self) -> str:
        if self is Preset.RAMP:
            return "once a week for a month, twice a week for a month, then monthly upkeep"
        return "once a week for 12 weeks (the clinical studies' protocol), then monthly upkeep"


class Phase(StrEnum):
    WEEKLY = "weekly"
    TWICE_WEEKLY = "twice weekly"
    UPKEEP = "monthly upkeep"


@dataclass(frozen=True)
class Plan:
    """A regimen from ``start`` on; it applies until a later plan's start.

    ``needle_mm`` is the needle now; ``earlier_needles`` keeps what a needle change on the
    started plan replaced: ``(until, mm)`` pairs, ``mm`` rolled on the dates before ``until``
    (and after the previous pair's), oldest first.
    """

    start: dt.date
    preset: Preset
    needle_mm: float
    weekdays: tuple[int, int]  # Monday = 0, for the twice-weekly weeks
    earlier_needles: tuple[tuple[dt.date, float], ...] = ()

    def __post_init__(self) -> None:
        check_date("start", self.start)
        if not isinstance(self.preset, Preset):
            raise InvalidValue("preset", f"must be ramp or weekly, not {shown(self.preset)}")
        check_needle(self.needle_mm)
        days = self.weekdays
        if (
            not isinstance(days, tuple)
            or len(days) != 2
            or any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days)
            or days[0] == days[1]
        ):
            raise InvalidValue("weekdays", "the twice-weekly days must be two different weekdays")
        if not isinstance(self.earlier_needles, tuple):
            raise InvalidValue(
                "earlier_needles", f"must be a list, not {shown(self.earlier_needles)}"
            )
        after = self.start
        for change in self.earlier_needles:
            if not isinstance(change, tuple) or len(change) != 2:
                raise InvalidValue(
                    "earlier_needles", f"must hold [date, mm] pairs, not {shown(change)}"
                )
            until, mm = change
            check_date("earlier_needles", until)
            check_needle(mm, "earlier_needles")
            if until <= after:
                raise InvalidValue(
                    "earlier_needles", f"{until} must be after the plan's start and in order"
                )
            after = until

    def needle_on(self, day: dt.date) -> float:
        """The needle the plan asked for on ``day``."""
        for until, mm in self.earlier_needles:
            if day < until:
                return mm
        return self.needle_mm

    def with_needle(self, needle_mm: float, today: dt.date) -> Plan:
        """The plan with a new needle from ``today`` on: earlier dates keep theirs (a plan not
        started yet simply changes)."""
        if needle_mm == self.needle_mm:
            return self
        if today <= self.start:
            return replace(self, needle_mm=needle_mm, earlier_needles=())
        kept = tuple((until, mm) for until, mm in self.earlier_needles if until < today)
        return replace(
            self, needle_mm=needle_mm, earlier_needles=(*kept, (today, self.needle_on(today)))
        )

    @property
    def upkeep_start(self) -> dt.date:
        weeks = RAMP_WEEKLY_WEEKS + RAMP_TWICE_WEEKLY_WEEKS
        if self.preset is Preset.WEEKLY:
            weeks = WEEKLY_PRESET_WEEKS
        return self.start + dt.timedelta(weeks=weeks)

    def phase_on(self, day: dt.date) -> Phase | None:
        """The phase ``day`` falls in, or ``None`` before the start."""
        if day < self.start:
            return None
        if day >= self.upkeep_start:
            return Phase.UPKEEP
        if self.preset is Preset.RAMP and day >= self.start + dt.timedelta(weeks=RAMP_WEEKLY_WEEKS):
            return Phase.TWICE_WEEKLY
        return Phase.WEEKLY


@dataclass(frozen=True, order=True)
class PlannedSession:
    """A date the plan asks for a session, and the phase it belongs to."""

    date: dt.date
    phase: Phase


def check_needle(value: object, field: str = "needle_mm") -> float:
    """One of the needle lengths the app knows (a finite number, so never NaN)."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or value not in NEEDLE_LENGTHS_MM
    ):
        raise InvalidValue(
            field, f"needle length must be one of {format_needles()} mm, not {shown(value)}"
        )
    return float(value)


def format_needles() -> str:
    return ", ".join(f"{n:g}" for n in NEEDLE_LENGTHS_MM)


def default_preset(needle_mm: float) -> Preset:
    """The article's ramp for short needles; the studies' weekly protocol from 1.0 mm."""
    return Preset.WEEKLY if needle_mm >= LONG_NEEDLE_MM else Preset.RAMP


def default_weekdays(start: dt.date) -> tuple[int, int]:
    """The start's weekday and the weekday three days after it (Mon -> Mon, Thu)."""
    first = start.weekday()
    return first, (first + 3) % 7


def make_plan(
    start: dt.date,
    needle_mm: float = DEFAULT_NEEDLE_MM,
    preset: Preset | None = None,
    weekdays: tuple[int, int] | None = None,
) -> Plan:
    return Plan(
        start=start,
        preset=preset if preset is not None else default_preset(needle_mm),
        needle_mm=needle_mm,
        weekdays=weekdays if weekdays is not None else default_weekdays(start),
    )


def needle_warning(plan: Plan, today: dt.date | None = None) -> str | None:
    """A warning (never a block) for long needles on the ramp's twice-weekly weeks; none once
    they are behind ``today`` (monthly upkeep keeps sessions a month apart)."""
    if today is not None and today >= plan.upkeep_start:
        return None
    if plan.preset is Preset.RAMP and plan.needle_mm >= LONG_NEEDLE_MM:
        return (
            f"With {plan.needle_mm:g} mm needles, published scalp protocols keep sessions at "
            "least a week apart; consider the weekly preset."
        )
    return None


def iter_planned(plan: Plan) -> Iterator[PlannedSession]:
    """Every planned date of ``plan`` in order; endless (upkeep never ends)."""
    s = plan.start
    if plan.preset is Preset.RAMP:
        for week in range(RAMP_WEEKLY_WEEKS):
            yield PlannedSession(s + dt.timedelta(weeks=week), Phase.WEEKLY)
        for k in range(RAMP_TWICE_WEEKLY_WEEKS):
            window = s + dt.timedelta(weeks=RAMP_WEEKLY_WEEKS + k)
            for offset in range(7):
                day = window + dt.timedelta(days=offset)
                if day.weekday() in plan.weekdays:
                    yield PlannedSession(day, Phase.TWICE_WEEKLY)
    else:
        for week in range(WEEKLY_PRESET_WEEKS):
            yield PlannedSession(s + dt.timedelta(weeks=week), Phase.WEEKLY)
    u0 = plan.upkeep_start
    for n in count():
        yield PlannedSession(u0 + relativedelta(months=n), Phase.UPKEEP)


def planned_sessions(
    plans: Sequence[Plan], until: dt.date, since: dt.date | None = None
) -> list[PlannedSession]:
    """Planned dates of all plans in ``[since, until]``, each plan up to the next one's start."""
    ordered = sorted(plans, key=lambda p: p.start)
    result: list[PlannedSession] = []
    for i, plan in enumerate(ordered):
        end = ordered[i + 1].start if i + 1 < len(ordered) else None
        for planned in iter_planned(plan):
            if planned.date > until or (end is not None and planned.date >= end):
                break
            if since is None or planned.date >= since:
                result.append(planned)
    return result


def plan_on(plans: Sequence[Plan], day: dt.date) -> Plan | None:
    """The plan in force on ``day``: the latest one that started on or before it."""
    current: Plan | None = None
    for plan in sorted(plans, key=lambda p: p.start):
        if plan.start <= day:
            current = plan
    return current


def needle_on(plans: Sequence[Plan], day: dt.date) -> float:
    """The needle the plans asked for on ``day`` (the default before any plan)."""
    plan = plan_on(plans, day)
    return plan.needle_on(day) if plan else DEFAULT_NEEDLE_MM


def plan_to_edit(plans: Sequence[Plan], today: dt.date) -> Plan | None:
    """The plan the settings show: the latest one, started or not (a plan that has not started
    yet is shown and edited as it is, not today's)."""
    return max(plans, key=lambda p: p.start, default=None)


@dataclass(frozen=True)
class PlanChange:
    """What saving a plan writes: ``remove`` a plan not started yet that moved to another
    start, then ``save`` (None: nothing changed)."""

    save: Plan | None
    remove: Plan | None = None


def plan_change(
    plans: Sequence[Plan], new: Plan, today: dt.date, editing: Plan | None = None
) -> PlanChange:
    """How ``new`` enters the plans, as the user asked and nothing more.

    ``editing``: the plan the form showed. One not started yet is edited as it is: given
    another start, it moves there (it does not stay beside the new one). The same plan again
    writes nothing. A started plan's needle changes from today on (earlier dates keep theirs);
    its preset and weekdays change only from a new start (see :func:`plan_change_problem`).
    """
    remove = None
    if editing is not None and editing.start > today and editing.start != new.start:
        remove = editing
    same = next((p for p in plans if p.start == new.start), None)
    if same is not None and (same.preset, same.weekdays) == (new.preset, new.weekdays):
        if same.needle_mm == new.needle_mm:
            return PlanChange(None, remove)
        return PlanChange(same.with_needle(new.needle_mm, today), remove)
    return PlanChange(new, remove)


def phase_on(plans: Sequence[Plan], day: dt.date) -> Phase | None:
    plan = plan_on(plans, day)
    return plan.phase_on(day) if plan else None


def plan_change_problem(plans: Sequence[Plan], new: Plan, today: dt.date) -> str | None:
    """Why ``new`` may not replace the plan with its start date, or None when it may.

    A plan that has started keeps its dates ("earlier dates keep the plan they had"): its
    preset or weekdays change only from a new start date, today or later. Its needle length
    may change in place (each session records its own).
    """
    if new.start >= today:
        return None
    same = next((p for p in plans if p.start == new.start), None)
    if same is None:
        # A new plan in the past would take over dates a started plan already had: their
        # sessions would count for other dates, and adherence would change under the user.
        # Only dates no plan had yet can be planned afterwards (the first plan, say).
        if plan_on(plans, new.start) is None:
            return None
        return (
            f"a plan is already in force on {new.start}: a new plan starts today, {today}, "
            "or later (earlier dates keep the plan they had)"
        )
    if (same.preset, same.weekdays) == (new.preset, new.weekdays):
        return None
    return (
        f"the plan from {new.start} has started: to change its preset or weekdays, give a new "
        f"start date, {today} or later (earlier dates keep the plan they had)"
    )


def parse_weekdays(text: str) -> tuple[int, int]:
    """``"sun,wed"`` -> (6, 2). Raises ValueError with a message a person can act on."""
    names = [part.strip().lower()[:3] for part in text.split(",") if part.strip()]
    if len(names) != 2:
        raise ValueError(f"weekdays must be two days like 'sun,wed', not {text!r}")
    try:
        days = tuple(WEEKDAY_NAMES.index(name) for name in names)
    except ValueError:
        raise ValueError(f"unknown weekday in {text!r}; use {', '.join(WEEKDAY_NAMES)}") from None
    if days[0] == days[1]:
        raise ValueError("the twice-weekly days must be two different weekdays")
    return days[0], days[1]


def format_weekdays(days: tuple[int, int]) -> str:
    return ",".join(WEEKDAY_NAMES[d] for d in days)
