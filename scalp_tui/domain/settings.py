"""The user's settings for sessions, the serum, the bell and the roller."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_ZONES: tuple[str, ...] = ("front/hairline", "top", "crown", "left side", "right side")
#: The first direction, then the opposite one (rolled only once the user is confident).
DEFAULT_DIRECTIONS: tuple[str, str] = ("front to back", "back to front")
DEFAULT_SERUM = "soothing scalp serum"
MIN_SECONDS_PER_PASS = 10
MAX_SECONDS_PER_PASS = 120
DEFAULT_SECONDS_PER_PASS = 30
DEFAULT_ROLLER_REPLACE_AFTER = 10
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
        problems = validate_settings(self)
        if problems:
            raise ValueError("; ".join(problems.values()))


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
    if roller_replace_after < 1:
        problems["roller_replace_after"] = "replace the roller after 1 use or more"
    return problems
