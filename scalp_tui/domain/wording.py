"""The words the calendar's review and ``status`` say about where the user stands.

One place decides them, so every screen and the command line say the same thing:

- a planned date whose window has passed unmatched is "Missed" (the calendar's legend: ✗ missed);
- a planned date gone by, not done, whose window is still open is "Overdue" (the legend: !
  overdue): a session until the day before the next planned date still counts for it;
- a date is written ``Sun 6 Dec``, with its year when it is not this year's: ``Sun 6 Dec 2027``
  (``short_day``); the command line's machine output (``--json``, CSV, ICS) is ISO;
- dates are said oldest first, each date once, with a count when several things fall on it
  ("Thu 26 Nov (3 sessions)"); when there are more than fit, the latest are said and
  "and N earlier" comes last;
- a count agrees with its noun ("1 zone", "2 zones").

Each line is a ``Said``: a label and its value in *chunks*, pieces that a narrow screen may put
on separate lines but never breaks inside ("Wed 25 Nov,", "in 2 days").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scalp_tui.domain.checklist import Checklist, open_checklists
from scalp_tui.domain.dates import DayWords, seen_from, short_day
from scalp_tui.domain.matching import PlannedOutcome
from scalp_tui.domain.status import Status

#: How far back "Missed" looks.
MISSED_DAYS = 28
#: Dates said in one line at most; the rest is "and N earlier".
DATES_SAID = 3


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``count`` and its noun, singular for exactly one.

    >>> plural(1, "zone"), plural(2, "zone"), plural(0, "session"), plural(3, "day", "days")
    ('1 zone', '2 zones', '0 sessions', '3 days')
    """
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def sentence(text: str) -> str:
    """``text`` ended as a sentence is, once: spoken, "How does your scalp feel?." read the
    question mark and a full stop.

    >>> sentence("Move to: top"), sentence("How does your scalp feel?"), sentence("Done.")
    ('Move to: top.', 'How does your scalp feel?', 'Done.')
    """
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ":")) else text + "."


#: The article's reason to clean the roller, in its words.
CLEAN_ROLLER_QUOTE = "“Infection is a risk if you do not clean the roller after each use.”"


def safety_stop_advice(scalp_advice: str) -> str:
    """What the session says once the safety check was answered no: the check asks of the
    scalp and of the roller, and the answer may be about either.

    >>> print(safety_stop_advice("See a dermatologist."))
    Scalp not fine: See a dermatologist.
    <BLANKLINE>
    Roller not clean and dry: clean it with rubbing alcohol and let it dry fully before you start. The article: “Infection is a risk if you do not clean the roller after each use.”
    """  # noqa: E501
    return (
        f"Scalp not fine: {scalp_advice}\n\n"
        "Roller not clean and dry: clean it with rubbing alcohol and let it dry fully before "
        f"you start. The article: {CLEAN_ROLLER_QUOTE}"
    )


def relative_days(day: dt.date, today: dt.date) -> str:
    """``today``, ``tomorrow``, ``yesterday``, ``in 3 days``, ``3 days ago``."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {plural(days, 'day')}" if days > 0 else f"{plural(-days, 'day')} ago"


@dataclass(frozen=True)
class Said:
    """One line of where the user stands: a label and its value, in unbreakable chunks."""

    label: str
    chunks: tuple[str, ...]
    attention: bool = False  # something to do: shown in bold

    @property
    def text(self) -> str:
        """The value on one line: ``Wed 25 Nov, in 2 days``."""
        return " ".join(self.chunks)


def dates_said(
    days: Iterable[dt.date],
    noun: str = "session",
    *,
    limit: int = DATES_SAID,
    day_words: DayWords = short_day,
) -> tuple[str, ...]:
    """Dates oldest first, each once, counted when it comes more than once; the latest
    ``limit`` of them (all when ``limit`` is 0), then "and N earlier".

    >>> D = dt.date
    >>> dates_said([D(2026, 11, 26)] * 3 + [D(2026, 11, 20)])
    ('Fri 20 Nov,', 'Thu 26 Nov', '(3 sessions)')
    >>> dates_said([D(2026, 11, d) for d in (1, 4, 8, 11, 15)])
    ('Sun 8 Nov,', 'Wed 11 Nov,', 'Sun 15 Nov', 'and 2 earlier')
    """
    counts = Counter(days)
    ordered = sorted(counts)
    shown, hidden = ordered[-limit:] if limit else ordered, ordered[:-limit] if limit else []
    chunks: list[str] = []
    for i, day in enumerate(shown):
        last = i == len(shown) - 1
        if counts[day] > 1:
            chunks += [day_words(day), f"({plural(counts[day], noun)})" + ("" if last else ",")]
        else:
            chunks.append(day_words(day) + ("" if last else ","))
    if hidden:
        chunks.append(f"and {len(hidden)} earlier")
    return tuple(chunks)


def late_chunks(
    planned: PlannedOutcome, today: dt.date, day_words: DayWords = short_day
) -> tuple[str, ...]:
    """For a planned date gone by, not done, its window still open: until when a session
    still counts for it (the day before the next planned date).

    >>> from scalp_tui.domain.matching import Outcome
    >>> from scalp_tui.domain.regimen import Phase, PlannedSession
    >>> p = PlannedSession(dt.date(2026, 11, 25), Phase.TWICE_WEEKLY)
    >>> late_chunks(PlannedOutcome(p, Outcome.OPEN, None, dt.date(2026, 11, 29)), p.date)
    ('still counts', 'until Sat 28 Nov')
    """
    if planned.window_end is None:
        return ("still counts",)
    last_day = planned.window_end - dt.timedelta(days=1)
    return ("still counts", "until " + ("today" if last_day == today else day_words(last_day)))


def cleaning_before_a_session(checklists: Sequence[Checklist]) -> str:
    """What the safety check says of the cleaning: none recorded, all done, or which are open
    (each day once, counted, as the review says them).

    >>> D = dt.date
    >>> cleaning_before_a_session([Checklist(str(i), D(2026, 12, 2)) for i in range(3)])
    'The cleaning checklists of Wed 2 Dec (3 sessions) are NOT finished: clean the roller with rubbing alcohol and let it dry before you start.'
    """  # noqa: E501
    if not checklists:
        return (
            "No cleaning recorded yet: make sure the roller was cleaned with rubbing alcohol "
            "and is dry."
        )
    open_ = open_checklists(checklists)
    if not open_:
        return "Your last cleaning checklist is finished: the roller was cleaned."
    days = " ".join(dates_said(c.session_date for c in open_))
    which = f"checklist of {days} is" if len(open_) == 1 else f"checklists of {days} are"
    return (
        f"The cleaning {which} NOT finished: clean the roller with rubbing alcohol and let it "
        "dry before you start."
    )


COMING_DAYS = 7
NOTHING_COMING = ("nothing", f"in {COMING_DAYS} days")


def coming_chunks(coming: Sequence[PlannedOutcome], day_words: DayWords) -> tuple[str, ...]:
    """The planned dates of the coming days, each one already kept saying so (a session done
    early keeps a date that is still ahead: "Next" is the date after it).

    >>> from scalp_tui.domain.matching import Outcome
    >>> from scalp_tui.domain.regimen import Phase, PlannedSession as S
    >>> D, twice = dt.date, Phase.TWICE_WEEKLY
    >>> coming_chunks([PlannedOutcome(S(D(2026, 12, 3), twice), Outcome.EARLY),
    ...                PlannedOutcome(S(D(2026, 12, 7), twice), Outcome.OPEN)], short_day)
    ('Thu 3 Dec', '(done early),', 'Mon 7 Dec')
    """
    chunks: list[str] = []
    for i, planned in enumerate(coming):
        comma = "" if i == len(coming) - 1 else ","
        if planned.outcome.kept:
            chunks += [day_words(planned.date), f"({planned.outcome.value}){comma}"]
        else:
            chunks.append(day_words(planned.date) + comma)
    return tuple(chunks)


def next_chunks(status: Status, day_words: DayWords) -> tuple[str, ...]:
    """The next session as ``status --json`` has it (``next_session``: the first planned date
    on or after today); when a session has kept it already, so it says, then the date still to
    do (``next_to_do``).

    >>> from scalp_tui.domain.regimen import Preset, make_plan
    >>> from scalp_tui.domain.records import logged_session
    >>> from scalp_tui.domain.settings import Settings
    >>> from scalp_tui.domain.status import compute_status
    >>> D = dt.date
    >>> plan = make_plan(D(2027, 1, 3), 0.5, Preset.RAMP, (6, 2))  # Sun 3 Jan, Sun and Wed
    >>> def said(today, *done):
    ...     kept = [logged_session(str(d), d, needle_mm=0.5, zones=("top",), directions=("x",))
    ...             for d in done]
    ...     return " ".join(next_chunks(compute_status(today, [plan], kept, [], Settings()),
    ...                                 short_day))
    >>> said(D(2027, 1, 2))
    'Sun 3 Jan, tomorrow'
    >>> said(D(2027, 1, 3), D(2027, 1, 3))
    "today's session is done; then Sun 10 Jan, in 7 days"
    >>> said(D(2027, 1, 2), D(2027, 1, 2))
    'Sun 3 Jan is done early; then Sun 10 Jan, in 8 days'
    """
    nxt, today = status.next_session, status.today
    if nxt is None:
        return ()
    if not nxt.outcome.kept:
        return (day_words(nxt.date) + ",", relative_days(nxt.date, today))
    done = f"is {nxt.outcome.value}"
    chunks = ("today's session", done) if nxt.date == today else (day_words(nxt.date), done)
    then = status.next_to_do
    if then is None:
        return chunks
    return (
        *chunks[:-1],
        chunks[-1] + ";",
        f"then {day_words(then.date)},",
        relative_days(then.date, today),
    )


def status_words(status: Status, *, day_words: DayWords | None = None) -> list[Said]:
    """Everything the weekly review says, in order: phase, next session (or due today), overdue,
    this week, coming days, adherence, streak, missed, cleaning, roller. ``day_words`` writes a
    date (``short_day`` from today by default, the year only when it is not this year's)."""
    today, review = status.today, status.review
    day_words = day_words or seen_from(today)
    if status.phase is not None:
        phase = status.phase.value
    elif review.outcomes and review.outcomes[0].date > today:
        phase = f"starts {day_words(review.outcomes[0].date)}"
    else:
        phase = "no plan yet"
    said = [Said("Phase", (phase,))]
    if status.due_today:
        said.append(Said("Due", ("today",), attention=True))
    elif status.next_session is not None:
        said.append(Said("Next", next_chunks(status, day_words)))
    late = review.late()
    if late is not None:
        chunks = (day_words(late.date) + ",", *late_chunks(late, today, day_words))
        said.append(Said("Overdue", chunks, attention=True))
    planned, kept = status.this_week()
    # Upkeep has weeks with nothing planned: not "0 of 0 done".
    this_week = (f"{kept} of {planned}", "done") if planned else ("nothing planned",)
    said.append(Said("This week", this_week))
    # Today and the seven days after it: "Next ..., in 7 days" is among the coming days.
    coming = coming_chunks(status.next_days(COMING_DAYS + 1), day_words)
    said.append(Said("Coming", coming or NOTHING_COMING))
    adherence = status.adherence_percent
    counted = review.done_count + review.missed_count
    said.append(
        Said(
            "Adherence",
            ("n/a yet",)
            if adherence is None
            else (f"{adherence:g}%", f"({review.done_count} of {counted})"),
        )
    )
    said.append(Said("Streak", (str(review.streak),)))
    missed = review.missed(MISSED_DAYS)
    if missed:
        said.append(Said("Missed", dates_said(missed, day_words=day_words), attention=True))
    if status.open_cleaning:
        days = dates_said((c.session_date for c in status.open_cleaning), day_words=day_words)
        said.append(Said("Cleaning", ("open for", *days), attention=True))
    elif status.cleaning_recorded:
        said.append(Said("Cleaning", ("all done",)))
    else:
        said.append(Said("Cleaning", ("none recorded yet",)))
    roller = f"{status.roller_uses} of {status.roller_replace_after} uses"
    said.append(
        Said("Roller", (roller + ":", "replace it") if status.replace_roller else (roller,))
    )
    return said
