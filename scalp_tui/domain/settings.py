"""The user's settings for sessions, the serum, the bell and the roller."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scalp_tui.domain.validation import (
    InvalidValue,
    check_bool,
    check_date,
    check_int,
    check_name,
    check_names,
)

DEFAULT_ZONES: tuple[str, ...] = ("front/hairline", "top", "crown", "left side", "right side")
#: The first direction, then the opposite one (rolled only once the user is confident).
DEFAULT_DIRECTIONS: tuple[str, str] = ("front to back", "back to front")
DEFAULT_SERUM = "soothing scalp serum"
MIN_SECONDS_PER_PASS = 10
MAX_SECONDS_PER_PASS = 120
DEFAULT_SECONDS_PER_PASS = 30
DEFAULT_ROLLER_REPLACE_AFTER = 10
MAX_ROLLER_REPLACE_AFTER = 1000
#: Offer "confident" (both directions) once this many sessions are completed.
CONFIDENCE_OFFER_AFTER = 3


@dataclass(frozen=True)
class Settings:
    """The user's settings: zones, timer, directions, serum, bell, roller."""

    zones: tuple[str, ...] = DEFAULT_ZONES
    seconds_per_pass: int = DEFAULT_SECONDS_PER_PASS
    directions: tuple[str, str] = DEFAULT_DIRECTIONS
    confident: bool = False
    serum_name: str = DEFAULT_SERUM
    bell: bool = True
    uses_minoxidil: bool = False
    roller_started: dt.date | None = None
    roller_replace_after: int = DEFAULT_ROLLER_REPLACE_AFTER
    disclaimer_seen: bool = False

    def __post_init__(self) -> None:
        check_names("zones", self.zones)
        check_names("directions", self.directions)
        check_name("serum_name", self.serum_name)
        check_int(
            "seconds_per_pass", self.seconds_per_pass, MIN_SECONDS_PER_PASS, MAX_SECONDS_PER_PASS
        )
        check_int("roller_replace_after", self.roller_replace_after, 1, MAX_ROLLER_REPLACE_AFTER)
        for name in ("confident", "bell", "uses_minoxidil", "disclaimer_seen"):
            check_bool(name, getattr(self, name))
        if self.roller_started is not None:
            check_date("roller_started", self.roller_started)
        problems = validate_settings(self)
        if problems:
            field, message = next(iter(problems.items()))
            raise InvalidValue(field, message)


def validate_settings(s: Settings) -> dict[str, str]:
    """Field name -> a message a person can act on; empty when all is well."""
    return settings_problems(
        zones=s.zones,
        seconds_per_pass=s.seconds_per_pass,
        directions=s.directions,
        serum_name=s.serum_name,
        roller_replace_after=s.roller_replace_after,
    )


def settings_problems(
    *,
    zones: tuple[str, ...],
    seconds_per_pass: int,
    directions: tuple[str, ...],
    serum_name: str,
    roller_replace_after: int = DEFAULT_ROLLER_REPLACE_AFTER,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not zones or any(not z.strip() for z in zones):
        problems["zones"] = "name at least one zone, none of them blank"
    elif len(set(zones)) != len(zones):
        problems["zones"] = "each zone only once"
    if not MIN_SECONDS_PER_PASS <= seconds_per_pass <= MAX_SECONDS_PER_PASS:
        problems["seconds_per_pass"] = (
            f"seconds per pass must be a whole number, {MIN_SECONDS_PER_PASS}-"
            f"{MAX_SECONDS_PER_PASS}"
        )
    if len(directions) != 2 or any(not d.strip() for d in directions):
        problems["directions"] = "two directions: the first one, then the opposite"
    if not serum_name.strip():
        problems["serum_name"] = "name the serum (or keep the default)"
    if not 1 <= roller_replace_after <= MAX_ROLLER_REPLACE_AFTER:
        problems["roller_replace_after"] = (
            f"replace the roller after 1 to {MAX_ROLLER_REPLACE_AFTER} uses"
        )
    return problems
