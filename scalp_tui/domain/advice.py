"""What the app advises around a session, in the article's words: after the redness answer,
at the next safety check, before a second session in a day, and when to offer both
directions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from scalp_tui.domain.dates import short_day
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.regimen import Plan
from scalp_tui.domain.settings import CONFIDENCE_OFFER_AFTER, Settings
from scalp_tui.domain.validation import REDNESS_LABELS

ARTICLE_SAFETY_ADVICE = (
    "Avoid microneedling if you have a scalp condition or concern, or at the very least "
    "consult a dermatologist first."
)
MINOXIDIL_NOTE = "If you use minoxidil: common protocols wait 24 hours before the next application."
#: What to do after each answer that needs advice: said at the finish step, on saving, and
#: (as a question) at the next session's safety check.
REDNESS_ADVICE = {
    2: "Marked redness: use lighter pressure next time. It should never hurt.",
    3: (
        "Pain or bleeding: stop here and pause microneedling; see a dermatologist before the "
        "next session."
    ),
}
#: Asked at the safety check after a session that ended in pain or bleeding.
AFTER_PAIN_QUESTION = "Has your scalp healed, and has a dermatologist said you may go on?"


def last_redness_warning(sessions: Sequence[SessionRecord]) -> str | None:
    """Said at the next safety check when the latest session ended with marked redness, or
    with pain or bleeding (its advice again)."""
    done = [s for s in sessions if s.completed]
    if not done:
        return None
    last = max(done, key=lambda s: s.recorded_order)
    if last.redness is None or last.redness < 2:
        return None
    said = f"Your last session ({short_day(last.date)}) ended with {REDNESS_LABELS[last.redness]}"
    if last.redness == 2:
        return f"{said}: use lighter pressure this time; it should never hurt."
    return f"{said}. {AFTER_PAIN_QUESTION}"


def offer_confidence(settings: Settings, sessions: Sequence[SessionRecord]) -> bool:
    """After the third completed session, offer rolling in both directions; never while the
    latest session ended with marked redness, or pain or bleeding (its advice is to go
    lighter, or to pause and see a dermatologist)."""
    done = sum(1 for s in sessions if s.completed)
    if settings.confident or done < CONFIDENCE_OFFER_AFTER:
        return False
    return last_redness_warning(sessions) is None


def redness_advice(redness: int | None) -> str | None:
    return REDNESS_ADVICE.get(redness) if redness is not None else None


def same_day_warning(
    day: dt.date,
    sessions: Sequence[SessionRecord],
    next_planned: dt.date | None,
    today: dt.date | None = None,
) -> str | None:
    """Said before a second (or third) session on a day that already has one.

    ``today`` defaults to ``day``; for a past day the next planned date is not said.
    """
    today = today or day
    done = sum(1 for s in sessions if s.completed and s.date == day)
    if not done:
        return None
    already = "a session" if done == 1 else f"{done} sessions"
    if day != today:
        verb = "was" if done == 1 else "were"
        return f"There {verb} already {already} on {short_day(day)}."
    if next_planned is None:
        return f"You already did {already} today. No session is planned after today."
    days = (next_planned - today).days
    when = "tomorrow" if days == 1 else f"in {days} days"
    return (
        f"You already did {already} today. "
        f"The next planned session is {short_day(next_planned)} ({when})."
    )


def next_planned_after(
    plans: Sequence[Plan], sessions: Sequence[SessionRecord], today: dt.date
) -> dt.date | None:
    """The first planned date after today (what a second session today would run ahead of)."""
    from scalp_tui.domain.matching import review

    later = (o.date for o in review(plans, sessions, today).outcomes if o.date > today)
    return next(later, None)
