"""``scalp-tui remind``: one desktop notification when something is due, and the daily job that
runs it (a systemd user timer on Linux, else a crontab line). No Textual.

What the reminder says is decided in :mod:`scalp_tui.domain.reminder`; here are the programs
it goes through (:mod:`.notifier`) and the files that schedule it (:mod:`.schedule`).
"""

from scalp_tui.remind.notifier import notify
from scalp_tui.remind.schedule import (
    DEFAULT_AT,
    Installed,
    install,
    parse_time_of_day,
    program_command,
    remind_command,
    uninstall,
)

__all__ = [
    "DEFAULT_AT",
    "Installed",
    "install",
    "notify",
    "parse_time_of_day",
    "program_command",
    "remind_command",
    "uninstall",
]
