"""Help: every key, the regimen in plain words with this user's dates, the safety notes."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from scalp_tui.domain.regimen import (
    WEEKDAY_LONG,
    Phase,
    Plan,
    Preset,
    needle_warning,
    plan_on,
    planned_sessions,
)
from scalp_tui.ui.format import long_day, seen_from
from scalp_tui.ui.widgets.dialogs import Dialog

KEYS = """\
## Keys

| where | key | does |
|---|---|---|
| anywhere | `c` `s` `l` `h` | calendar, session, checklist, history |
| anywhere | `ctrl+p` | command palette: exports, backup, settings, new roller |
| anywhere | `f1` `?` | this help |
| anywhere | `q` | quit (asks first while a session runs) |
| calendar | arrows | a day / a week |
| calendar | `pageup` `pagedown` | a month |
| calendar | `t` | today |
| calendar | `enter` | open the day: its sessions, log one done without the timer |
| calendar | `y` | the year: a heat map of every day, adherence by month, best streaks |
| calendar | `a` | the agenda: the next 12 planned dates, the last 10 sessions |
| year | arrows | a day (up, down) / a week (left, right) |
| year | `pageup` `pagedown` `t` | a month / today |
| year, agenda | `enter` / `escape` | open the day / back to the calendar |
| session | `y` / `x` | safety check: yes to all / no, stop |
| session | `space` | pause / resume |
| session | `n` / `b` | next / previous step |
| session | `k` | skip the serum |
| session | `0`-`3` | how the scalp feels, then `ctrl+s` to save |
| session | `escape` | abort (asks first) |
| checklist | arrows, `space`/`enter` | tick an item |
| checklist | `a` | cleaned the roller: every open checklist done |
| checklist | `f` | show / fold the finished checklists |
| checklist | `r` | replaced the roller today |
| history | `e` / `d` / `u` | edit note and redness / delete / undo the delete |
"""

SAFETY = """\
## Safety notes, from the article

- Avoid microneedling if you have a scalp condition or concern, or at the very least consult a
  dermatologist first.
- Wet the hair first to make a flat surface, so hair does not get caught in the roller.
- Start by rolling in one direction; once you feel confident, roll in the opposite direction
  too, always with light pressure.
- It should not hurt or cause more than a little redness. Pressing harder does not bring results
  sooner; it can damage the thin skin of the scalp.
- "Infection is a risk if you do not clean the roller after each use": rubbing alcohol, let it
  dry, back in its case.

*Not medical advice.*
"""


def regimen_text(plans: list[Plan], today: dt.date) -> str:
    plan = plan_on(plans, today) or (plans[-1] if plans else None)
    if plan is None:
        return "## Your regimen\n\nNo plan yet: set one up in Settings (command palette).\n"
    dates = [
        p for p in planned_sessions([plan], until=plan.upkeep_start) if p.phase is not Phase.UPKEEP
    ]
    first, second = (WEEKDAY_LONG[d] for d in plan.weekdays)
    day = seen_from(today)  # every screen's way: "Sun 1 Nov", the year when not this year's
    lines = [
        "## Your regimen",
        "",
        f"Plan from **{long_day(plan.start)}**, {plan.needle_mm:g} mm needles, "
        f"preset `{plan.preset.value}`: {plan.preset.description}.",
        "",
    ]
    if plan.preset is Preset.RAMP:
        weekly = ", ".join(day(p.date) for p in dates[:4])
        twice = ", ".join(day(p.date) for p in dates[4:])
        lines += [
            f"- **Once a week** for four weeks: {weekly}.",
            f"- **Twice a week** for four weeks, on {first}s and {second}s: {twice}.",
        ]
    else:
        lines.append(
            f"- **Once a week** for twelve weeks, from {day(dates[0].date)} to "
            f"{day(dates[-1].date)}."
        )
    lines += [
        f"- **Once a month** for upkeep from {day(plan.upkeep_start)}, on day "
        f"{plan.upkeep_start.day} of each month (or its last day when shorter).",
        "",
        "A session counts on its day, in the two days before (early) or until the next planned "
        "date (late); each session counts once. Adherence is kept / (kept + missed).",
    ]
    warning = needle_warning(plan, today)
    if warning:
        lines += ["", f"> {warning}"]
    return "\n".join(lines) + "\n"


class HelpScreen(Dialog[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_help", "Close", id="help.close"),
        Binding("q", "dismiss_help", "Close", show=False, id="help.close_q"),
    ]

    def compose(self) -> ComposeResult:
        text = regimen_text(self.scalp.repository.plans(), self.scalp.clock.today())
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Markdown("# scalp-tui help\n\n" + text + "\n" + KEYS + "\n" + SAFETY)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
