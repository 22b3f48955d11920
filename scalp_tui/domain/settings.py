"""The user's settings for sessions, the serum, the sound and the roller."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from scalp_tui.domain.directions import (
    BACK_TO_FRONT,
    DIAGONAL_FRONT_LEFT,
    DIAGONAL_FRONT_RIGHT,
    DIRECTIONS,
    FRONT_TO_BACK,
    LEFT_TO_RIGHT,
)
from scalp_tui.domain.validation import (
    NAME_MAX,
    InvalidValue,
    check_bool,
    check_int,
    check_name,
    check_names,
    check_optional_datetime,
    shown,
)

DEFAULT_ZONES: tuple[str, ...] = ("front/hairline", "top", "crown", "left side", "right side")
#: Direction presets: the first is rolled from the first session; the rest once the user is
#: confident (the article: "start by rolling in one direction first ... once you feel
#: confident, you can roll in the opposite direction also").
DIRECTION_PRESETS: dict[str, tuple[str, ...]] = {
    "article": (FRONT_TO_BACK, BACK_TO_FRONT),
    "crosshatch": (FRONT_TO_BACK, LEFT_TO_RIGHT, DIAGONAL_FRONT_LEFT, DIAGONAL_FRONT_RIGHT),
}
DEFAULT_DIRECTIONS: tuple[str, ...] = DIRECTION_PRESETS["article"]
MAX_DIRECTIONS = 4
#: How each step change sounds: tones (generated, through the system's player), the
#: terminal bell, the prompt spoken, or nothing.
SOUND_MODES = ("tones", "bell", "voice", "off")
DEFAULT_SOUND = "tones"
DEFAULT_MOVE_SECONDS = 5
MAX_MOVE_SECONDS = 15
MAX_STROKES_PER_PASS = 30
DEFAULT_SERUM = "soothing scalp serum"
MIN_SECONDS_PER_PASS = 10
MAX_SECONDS_PER_PASS = 120
DEFAULT_SECONDS_PER_PASS = 30
#: The bounds as the setup form's hint and its message say them: "10-120".
SECONDS_PER_PASS_RANGE = f"{MIN_SECONDS_PER_PASS}-{MAX_SECONDS_PER_PASS}"
DEFAULT_ROLLER_REPLACE_AFTER = 10
MAX_ROLLER_REPLACE_AFTER = 1000
#: Offer "confident" (both directions) once this many sessions are completed.
CONFIDENCE_OFFER_AFTER = 3
#: A photo check-in every this many weeks from the plan's start (domain/photos.py); 0 is off.
DEFAULT_PHOTO_EVERY_WEEKS = 4
MIN_PHOTO_EVERY_WEEKS = 2
MAX_PHOTO_EVERY_WEEKS = 8
#: The bounds as a hint says them: "2-8".
PHOTO_EVERY_WEEKS_RANGE = f"{MIN_PHOTO_EVERY_WEEKS}-{MAX_PHOTO_EVERY_WEEKS}"


@dataclass(frozen=True)
class Settings:
    """The user's settings: zones, timer, directions, serum, bell, roller."""

    zones: tuple[str, ...] = DEFAULT_ZONES
    seconds_per_pass: int = DEFAULT_SECONDS_PER_PASS
    directions: tuple[str, ...] = DEFAULT_DIRECTIONS
    confident: bool = False
    serum_name: str = DEFAULT_SERUM
    sound: str = DEFAULT_SOUND
    uses_minoxidil: bool = False
    roller_started: dt.datetime | None = None  # when "replaced the roller" was said
    roller_replace_after: int = DEFAULT_ROLLER_REPLACE_AFTER
    disclaimer_seen: bool = False
    move_seconds: int = DEFAULT_MOVE_SECONDS
    strokes_per_pass: int = 0  # stroke pacing off
    theme: str = ""  # a Textual theme chosen in the command palette; "" for the default
    photo_every_weeks: int = DEFAULT_PHOTO_EVERY_WEEKS  # photo check-ins; 0: off

    def __post_init__(self) -> None:
        check_names("zones", self.zones)
        check_names("directions", self.directions)
        check_name("serum_name", self.serum_name)
        check_seconds_per_pass(self.seconds_per_pass)
        check_int("roller_replace_after", self.roller_replace_after, 1, MAX_ROLLER_REPLACE_AFTER)
        for name in ("confident", "uses_minoxidil", "disclaimer_seen"):
            check_bool(name, getattr(self, name))
        if self.sound not in SOUND_MODES:
            raise InvalidValue("sound", f"must be one of {', '.join(SOUND_MODES)}")
        check_int("move_seconds", self.move_seconds, 0, MAX_MOVE_SECONDS)
        check_int("strokes_per_pass", self.strokes_per_pass, 0, MAX_STROKES_PER_PASS)
        check_optional_datetime("roller_started", self.roller_started)
        check_theme(self.theme)
        check_photo_every_weeks(self.photo_every_weeks)
        problems = validate_settings(self)
        if problems:
            field, message = next(iter(problems.items()))
            raise InvalidValue(field, message)

    @property
    def rolled_directions(self) -> tuple[str, ...]:
        """What a session rolls: the first direction only until the user is confident."""
        return self.directions if self.confident else self.directions[:1]


#: A theme's name as Textual's themes are named ("textual-dark", "catppuccin-latte").
THEME_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def check_theme(value: object) -> str:
    """The theme's name: "" (Textual's default) or a short lower-case name."""
    if not isinstance(value, str) or (value and not THEME_NAME.fullmatch(value)):
        raise InvalidValue("theme", f"must be a theme's name, not {shown(value)}")
    return value


def check_photo_every_weeks(value: object) -> int:
    """A photo check-in every 2-8 weeks, or 0: off."""
    if type(value) is not int or not (
        value == 0 or MIN_PHOTO_EVERY_WEEKS <= value <= MAX_PHOTO_EVERY_WEEKS
    ):
        raise InvalidValue(
            "photo_every_weeks",
            f"must be a whole number of weeks, {PHOTO_EVERY_WEEKS_RANGE}, or 0 (off), "
            f"not {shown(value)}",
        )
    return value


def check_seconds_per_pass(value: object) -> int:
    """The one check of a pass's seconds: the settings', a session's, the form's."""
    return check_int("seconds_per_pass", value, MIN_SECONDS_PER_PASS, MAX_SECONDS_PER_PASS)


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
    elif any(len(z) > NAME_MAX for z in zones):
        problems["zones"] = f"a zone's name has at most {NAME_MAX} characters"
    try:
        check_seconds_per_pass(seconds_per_pass)
    except InvalidValue:
        problems["seconds_per_pass"] = (
            f"seconds per pass must be a whole number, {SECONDS_PER_PASS_RANGE}"
        )
    if not 1 <= len(directions) <= MAX_DIRECTIONS or len(set(directions)) != len(directions):
        problems["directions"] = f"one to {MAX_DIRECTIONS} different directions"
    elif any(d not in DIRECTIONS for d in directions):
        problems["directions"] = "directions from the list: " + ", ".join(DIRECTIONS)
    if not serum_name.strip():
        problems["serum_name"] = "name the serum (or keep the default)"
    elif len(serum_name.strip()) > NAME_MAX:
        problems["serum_name"] = f"the serum's name has at most {NAME_MAX} characters"
    if not 1 <= roller_replace_after <= MAX_ROLLER_REPLACE_AFTER:
        problems["roller_replace_after"] = (
            f"replace the roller after 1 to {MAX_ROLLER_REPLACE_AFTER} uses"
        )
    return problems
