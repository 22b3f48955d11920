"""The plan as an iCalendar file: one all-day event per planned date, each with a reminder.

Upkeep dates are written one by one rather than as a monthly RRULE: the plan clamps a 31st to
the month's end, which RFC 5545's BYMONTHDAY cannot say (it skips short months instead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import relativedelta
from icalendar import Alarm, Calendar, Event

from scalp_tui.domain.regimen import Phase, Plan, planned_sessions

PRODID = "-//scalp-tui//scalp-tui//EN"
MONTHS_AHEAD = 12
REMINDER = dt.timedelta(hours=9)  # 09:00 on the day (an all-day event starts at midnight)
SUMMARIES = {
    Phase.WEEKLY: "Scalp microneedling (weekly phase)",
    Phase.TWICE_WEEKLY: "Scalp microneedling (twice-weekly phase)",
    Phase.UPKEEP: "Scalp microneedling (monthly upkeep)",
}


def export_until(today: dt.date) -> dt.date:
    return today + relativedelta(months=MONTHS_AHEAD)


def uid_for(day: dt.date) -> str:
    """Stable across exports: one planned date, one UID."""
    return f"{day:%Y%m%d}-session@scalp-tui"


def description(directions: Sequence[str]) -> str:
    """What a session does, with the directions the user rolls ("front to back, then back to
    front"), not a fixed text."""
    rolled = ", then ".join(directions) if directions else "one direction"
    return (
        f"Wet the hair, roll each zone {rolled} with light pressure, then clean the roller: "
        "rubbing alcohol, let it dry, back in its case."
    )


def plan_calendar(
    plans: Sequence[Plan], today: dt.date, now: dt.datetime, directions: Sequence[str] = ()
) -> bytes:
    """``directions``: those the user's sessions roll (the settings' ``rolled_directions``)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Scalp microneedling")
    for planned in planned_sessions(plans, until=export_until(today)):
        event = Event()
        event.add("uid", uid_for(planned.date))
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", planned.date)
        event.add("dtend", planned.date + dt.timedelta(days=1))
        event.add("summary", SUMMARIES[planned.phase])
        event.add("description", description(directions))
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Microneedling session today")
        alarm.add("trigger", REMINDER)
        event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
