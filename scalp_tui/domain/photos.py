"""Progress photos: the record of one stored photo, the check-in schedule, and what the
comparison of two photos of an angle says. Pure: no Pillow, no files, no clock.

The check-in schedule (PRODUCT.md section 4b): a check-in every ``every_weeks`` weeks from the
plan's start (the earliest plan's: the day the treatment began), the start itself included
(the baseline). ``every_weeks`` is a setting, 2-8, or 0 for off.

- the *current* check-in is the latest check-in date on or before today (none before the
  plan's start);
- ``photo_due``: there is a current check-in and not every angle (front, top, crown, left,
  right) has a photo dated on or after it. It stays due until every angle has one, or until
  the next check-in date takes its place;
- ``next_photo_date``: the current check-in's date while it is due (it may be in the past),
  else the first check-in after today (the plan's start before it has begun); None when the
  schedule is off or there is no plan.

The comparison of two photos of an angle (the first and a later one) says the days between
them and what happened in between: the completed sessions dated from the earlier photo's day
up to the day before the later one's (a photo is taken before that day's session, on dry
hair), and the adherence over the planned dates of that same window, from the matching
(``domain.matching``): kept / (kept + missed), None when none of them is settled.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scalp_tui.domain.check_ins import (
    ANGLES as ANGLES,
)
from scalp_tui.domain.check_ins import (
    NO_CHECK_IN as NO_CHECK_IN,
)
from scalp_tui.domain.check_ins import (
    Angle as Angle,
)
from scalp_tui.domain.check_ins import (
    PhotoCheckIn as PhotoCheckIn,
)
from scalp_tui.domain.check_ins import (
    check_in_dates as check_in_dates,
)
from scalp_tui.domain.check_ins import (
    current_check_in as current_check_in,
)
from scalp_tui.domain.check_ins import (
    photo_check_in as photo_check_in,
)
from scalp_tui.domain.check_ins import (
    schedule_start as schedule_start,
)
from scalp_tui.domain.records import SessionRecord
from scalp_tui.domain.validation import (
    InvalidValue,
    check_date,
    check_datetime,
    check_int,
    check_text,
    shown,
)

if TYPE_CHECKING:
    from scalp_tui.domain.matching import Review


#: The stored copy's longest side, in pixels.
MAX_SIDE = 2048
#: The longest original file name a record keeps.
FILE_NAME_MAX = 255
SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def check_sha256(field: str, value: object) -> str:
    if not isinstance(value, str) or not SHA256_HEX.fullmatch(value):
        raise InvalidValue(field, f"must be 64 lower-case hex digits, not {shown(value)}")
    return value


@dataclass(frozen=True)
class Photo:
    """A progress photo: its stored copy is ``<sha256>.jpg`` in the database's photo folder."""

    id: str
    date: dt.date  # when it was taken: the photo's own date, else the user's, else the day added
    angle: Angle
    sha256: str  # of the stored copy (upright, no metadata, JPEG)
    width: int
    height: int
    added_at: dt.datetime
    original_name: str | None = None  # the file's name as the user had it, for them to find

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidValue("id", f"must be a non-empty text, not {shown(self.id)}")
        check_text("id", self.id)
        check_date("date", self.date)
        if not isinstance(self.angle, Angle):
            choices = ", ".join(ANGLES)
            raise InvalidValue("angle", f"must be one of {choices}, not {shown(self.angle)}")
        check_sha256("sha256", self.sha256)
        check_int("width", self.width, 1, MAX_SIDE)
        check_int("height", self.height, 1, MAX_SIDE)
        check_datetime("added_at", self.added_at)
        if self.original_name is not None:
            check_text("original_name", self.original_name)
            if not self.original_name.strip() or len(self.original_name) > FILE_NAME_MAX:
                raise InvalidValue(
                    "original_name", f"must be a file's name, not {shown(self.original_name)}"
                )

    @property
    def file_name(self) -> str:
        return photo_file_name(self.sha256)

    @property
    def order(self) -> tuple[dt.date, dt.datetime, str]:
        """Oldest first; photos of one day in the order they were added."""
        return self.date, self.added_at, self.id


def photo_file_name(sha256: str) -> str:
    """The stored copy's name: its content hash (one file per picture, whoever adds it)."""
    return f"{sha256}.jpg"


def photos_of(photos: Sequence[Photo], angle: Angle | str) -> list[Photo]:
    """The photos of ``angle``, oldest first."""
    return sorted((p for p in photos if p.angle == angle), key=lambda p: p.order)


def photo_problems(photos: Sequence[Photo]) -> list[str]:
    """What makes photo records, each sound, contradict one another."""
    problems = []
    if len({p.id for p in photos}) != len(photos):
        problems.append("two photos share one id")
    if len({p.sha256 for p in photos}) != len(photos):
        problems.append("two photo records name one stored picture")
    return problems


# -- the comparison ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Comparison:
    """Two photos of one angle and what happened between them."""

    earlier: Photo
    later: Photo
    days: int
    sessions_done: int
    planned: int  # planned dates in the window that are settled (kept or missed)
    kept: int

    @property
    def adherence_percent(self) -> float | None:
        return round(100 * self.kept / self.planned, 1) if self.planned else None


def compare(
    earlier: Photo, later: Photo, sessions: Sequence[SessionRecord], review: Review
) -> Comparison:
    """What the Photos screen says under two photos: the days between, the sessions done and
    the adherence from the earlier one's day up to the day before the later one's."""
    from scalp_tui.domain.matching import Outcome  # not for the first frame (photos load then)

    if later.order < earlier.order:
        earlier, later = later, earlier
    first, end = earlier.date, later.date
    done = sum(1 for s in sessions if s.completed and first <= s.date < end)
    window = [o for o in review.outcomes if first <= o.date < end]
    kept = sum(1 for o in window if o.outcome.kept)
    missed = sum(1 for o in window if o.outcome is Outcome.MISSED)
    return Comparison(earlier, later, (end - first).days, done, kept + missed, kept)


def first_and_latest(photos: Sequence[Photo], angle: Angle | str) -> tuple[Photo, Photo] | None:
    """The first and the latest photo of ``angle``; None with fewer than two."""
    of_angle = photos_of(photos, angle)
    return (of_angle[0], of_angle[-1]) if len(of_angle) >= 2 else None


# -- the date a photo is given, and finding one by id ----------------------------------------------
def photo_date(
    taken: dt.date | None, given: dt.date | None, today: dt.date
) -> tuple[dt.date, str | None]:
    """The date a photo is recorded with, and a note when the photo's own date was not used
    or overrides the user's: its EXIF date taken if it has one (not after today: a camera's
    clock can be wrong), else ``given`` (``--date``, checked by :func:`check_photo_date`),
    else ``today``."""
    fallback = given or today
    if taken is None:
        return fallback, None
    if taken > today:
        return fallback, f"its date taken ({taken}) is after today; dated {fallback} instead"
    if given is not None and given != taken:
        return taken, f"dated {taken}, the date it was taken, not {given}"
    return taken, None


def check_photo_date(day: dt.date, today: dt.date, field: str = "date") -> dt.date:
    """A date the user gives a photo: a record's date, and not after today."""
    check_date(field, day)
    if day > today:
        raise InvalidValue(field, f"{day} is in the future; a photo is dated the day it was taken")
    return day


#: The shortest start of an id that ``photo remove`` takes.
MIN_ID_PREFIX = 4


def find_photo(photos: Sequence[Photo], text: str) -> Photo:
    """The photo whose id is ``text``, or starts with it (at least 4 characters, naming one
    photo only); ValueError (a message for the user) otherwise."""
    exact = [p for p in photos if p.id == text]
    if exact:
        return exact[0]
    if len(text) < MIN_ID_PREFIX:
        raise ValueError(
            f"no photo has the id {text!r} (give the id, or at least its first "
            f"{MIN_ID_PREFIX} characters, from 'photo list')"
        )
    found = [p for p in photos if p.id.startswith(text)]
    if not found:
        raise ValueError(f"no photo has an id starting {text!r} (see 'photo list')")
    if len(found) > 1:
        raise ValueError(f"{len(found)} photos have ids starting {text!r}; give more of it")
    return found[0]
