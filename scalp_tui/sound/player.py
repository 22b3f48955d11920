"""The :class:`Sound` of a session: the mode asked for, what this machine can do of it, and
playing each cue, falling back (with one notice) when a program cannot start, fails, hangs,
or plays nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from scalp_tui.domain.settings import DEFAULT_SOUND, SOUND_MODES
from scalp_tui.sound.programs import (
    CHILDREN,
    FAILED,
    SILENT_FAILURES,
    WORKED,
    Child,
    Program,
    find_programs,
    silent_failure,
    speech_programs,
    tone_players,
)
from scalp_tui.sound.tones import Cue, default_cache_dir, prepare_tones, tone_seconds

ENV_VAR = "SCALP_TUI_SOUND"

#: A program still running this long after its sound should have ended is hung: it is killed,
#: and it counts as a failure (the next cue falls back, the user is told).
HANG_SLACK_S = 3.0
#: Seconds of speech per character of the words, generously (espeak-ng says some 15 a second).
SPEECH_S_PER_CHAR = 0.1
#: Spoken words are cut to this length: a cue is a short prompt, never a paragraph.
MAX_WORDS = 200


def speakable(words: str | None) -> str:
    """``words`` as one line for a speech program's argv: no control characters, no line
    breaks, no leading ``-`` (which the program would read as an option)."""
    if not words:
        return ""
    text = "".join(char if char.isprintable() else " " for char in words)
    return " ".join(text.split()).lstrip("- ")[:MAX_WORDS].strip()


def default_mode(
    which: Callable[[str], str | None] = shutil.which, platform: str = sys.platform
) -> str:
    """The sound a new database starts with: ``tones`` where a player exists, else ``bell``
    (so a machine without one is not told at every session that tones cannot play)."""
    return "tones" if find_programs(tone_players(platform), which) else "bell"


def choose_mode(setting: str, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The mode asked for (``SCALP_TUI_SOUND`` wins, unless empty) and a notice if unknown."""
    override = environ.get(ENV_VAR, "").strip()
    value, source = (override, ENV_VAR) if override else (setting.strip(), "sound setting")
    if value.lower() in SOUND_MODES:
        return value.lower(), None
    shown = value if len(value) <= 30 else value[:29] + "…"
    notice = f"Unknown {source} {shown!r} (bell, tones, voice or off): using {DEFAULT_SOUND}."
    return DEFAULT_SOUND, notice


class Sound:
    """Plays the session's cues; every call returns at once. Made by :func:`make_sound`.

    Call it from one thread (the UI's). ``notice`` holds the last fallback the user should
    hear about (None if none); ``on_notice``, if given, is called with each fallback that
    happens while playing (a program that cannot start, fails, hangs or plays nothing).
    ``slack``: how long past its sound's end a program may run before it counts as hung.
    """

    def __init__(
        self,
        *,
        bell: Callable[[], None],
        off: bool = False,
        players: list[Program] | None = None,
        speakers: list[Program] | None = None,
        tones: Mapping[Cue, Path] | None = None,
        notice: str | None = None,
        on_notice: Callable[[str], None] | None = None,
        slack: float = HANG_SLACK_S,
    ) -> None:
        self._bell = bell
        self._off = off
        self._players = list(players or []) if tones else []
        self._speakers = list(speakers or [])
        self._tones = dict(tones or {})
        self._children: list[Child] = []  # started here, not yet reaped
        self._on_notice = on_notice
        self._slack = slack
        self.notice = notice

    @property
    def mode(self) -> str:
        """The mode in effect after fallbacks: one of :data:`SOUND_MODES`."""
        if self._off:
            return "off"
        if self._speakers:
            return "voice"
        return "tones" if self._players else "bell"

    @property
    def playing(self) -> int:
        """How many of its players and speech programs are not reaped yet (still playing, or
        ending); finished ones are reaped."""
        self._reap()
        return len(self._children)

    def play(self, cue: Cue, words: str | None = None) -> None:
        """Play ``cue``; in ``voice`` mode speak ``words`` instead, if there are any.

        It ends the cue still playing (of any :class:`Sound`): at most one plays. A soft tick
        instead gives way to a cue still sounding, a spoken prompt above all.
        """
        if self._off:
            return
        self._reap()
        text = speakable(words)
        tick = cue is Cue.TICK
        while True:  # each failure to start removes a program, so this ends
            if text and self._speakers:
                pool, argument, seconds = self._speakers, text, len(text) * SPEECH_S_PER_CHAR
            elif self._players:
                pool, argument, seconds = self._players, str(self._tones[cue]), tone_seconds(cue)
            else:
                if not tick:  # the terminal bell is no soft tick
                    self._bell()
                return
            sounding = CHILDREN.sounding()
            if tick and any(not child.tick for child in sounding):
                return
            CHILDREN.end(sounding)
            if self._start(pool, argument, seconds, tick=tick):
                return

    def stop(self) -> None:
        """Silence everything it still plays; the next :meth:`play` works as usual."""
        CHILDREN.end(self._children)
        self._reap()

    def _start(self, pool: list[Program], argument: str, seconds: float, *, tick: bool) -> bool:
        program = pool[0]
        watched = program.name in SILENT_FAILURES
        try:
            process = subprocess.Popen(
                program.argv(argument),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE if watched else subprocess.DEVNULL,
                start_new_session=True,  # its own process group: a Ctrl+C is not for it
            )
        except OSError as error:
            self._drop(program, pool, f"Cannot start {program.name} ({error.strerror or error})")
            return False
        if process.stderr is not None:
            os.set_blocking(process.stderr.fileno(), False)  # read once it is reaped
        now = time.monotonic()
        child = Child(process, program, pool, tick, now, now + seconds + self._slack)
        self._children.append(child)
        CHILDREN.add(child)
        return True

    def _reap(self) -> None:
        CHILDREN.tend()  # the hung are ended (the watcher may not have woken yet)
        running: list[Child] = []
        for child in self._children:
            status = CHILDREN.poll(child)
            if not child.judged and (child.hung or status is not None):
                child.judged = True
                self._judge(child, status)
            if status is None:
                running.append(child)
        self._children = running

    def _judge(self, child: Child, status: int | None) -> None:
        """Whether ``child`` played; a program that did not gives way to the next one."""
        name, worked = child.program.name, child.program.worked
        silent = silent_failure(name, child.errors) if status == 0 else None
        if status == 0 and silent is None:
            WORKED.add(child.program.path)
            return
        if child.hung:  # a hang costs a cue and seconds each time: never tried again
            reason = f"{name} hung (still playing after {child.deadline - child.started:.1f} s)"
        elif child.ending or status is None or status < 0 or worked:
            return  # ended by us or by a signal; or it has played here (a busy device, once)
        elif silent is not None:
            reason = f"{name} could not play ({silent})"
        else:
            # It never worked here (no sound server, no audio device): try the next one.
            reason = f"{name} failed (status {status})"
        self._drop(child.program, child.pool, reason)

    def _drop(self, program: Program, pool: list[Program], reason: str) -> None:
        FAILED.add(program.path)
        if program not in pool:
            return  # already dropped, for an earlier failure
        pool.remove(program)
        if pool:
            outcome = f"using {pool[0].name}"
        elif pool is self._speakers and self._players:
            outcome = "using tones"
        elif pool is self._players and self._speakers:
            outcome = "cues without words use the terminal bell"
        else:
            outcome = "using the terminal bell"
        self.notice = f"{reason}: {outcome}."
        if self._on_notice is not None:
            self._on_notice(self.notice)


def make_sound(
    setting: str,
    *,
    bell: Callable[[], None],
    environ: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] = shutil.which,
    platform: str = sys.platform,
    cache_dir: Path | None = None,
    on_notice: Callable[[str], None] | None = None,
    slack: float = HANG_SLACK_S,
) -> Sound:
    """The :class:`Sound` for ``setting`` (or ``SCALP_TUI_SOUND``) on this machine.

    Looks the programs up with ``which`` and, when tones may play, writes the WAV files into
    ``cache_dir`` (the user's cache folder by default) if they are not there yet. A program
    that failed earlier in this run is left out without a word: the user was told then.
    """
    mode, unknown = choose_mode(setting, environ)
    notices = [unknown] if unknown else []
    if mode in {"off", "bell"}:
        return Sound(bell=bell, off=mode == "off", notice=unknown, on_notice=on_notice)
    found_speakers = find_programs(speech_programs(platform), which) if mode == "voice" else []
    found_players = find_programs(tone_players(platform), which)
    speakers = [program for program in found_speakers if program.path not in FAILED]
    players = [program for program in found_players if program.path not in FAILED]
    tones: dict[Cue, Path] = {}
    missing: list[str] = []
    if mode == "voice" and not found_speakers:
        missing.append(f"No speech program found ({', '.join(speech_programs(platform))})")
    if not found_players:
        missing.append(f"No sound player found ({', '.join(tone_players(platform))})")
    elif players:
        folder = cache_dir if cache_dir is not None else default_cache_dir()
        try:
            tones = prepare_tones(folder)
        except OSError as error:
            missing.append(f"Cannot write the sound files in {folder} ({error.strerror or error})")
    if missing:
        if tones:
            outcome = "using tones"
        elif speakers:
            outcome = "cues without words use the terminal bell"
        else:
            outcome = "using the terminal bell"
        notices.append(". ".join(missing) + f": {outcome}.")
    return Sound(
        bell=bell,
        players=players,
        speakers=speakers,
        tones=tones,
        notice=" ".join(notices) or None,
        on_notice=on_notice,
        slack=slack,
    )
