"""The sounds of a hands-free session (PRODUCT.md section 3, issue 14).

The user's eyes are on a mirror, so each moment of a session has a cue the UI plays with
:meth:`Sound.play`. The sound setting picks how it is heard:

- ``tones``: short WAV files this module writes itself with :mod:`wave` (one per cue, kept in
  the user's cache folder), played by the first player found: ``pw-play``, ``paplay``, ``aplay``
  on Linux, ``afplay`` on macOS;
- ``voice``: the cue's words spoken by ``espeak-ng`` or ``spd-say`` (on macOS ``say`` first); a
  cue without words plays its tone;
- ``bell``: the terminal bell (the callback the UI passes);
- ``off``: nothing.

``SCALP_TUI_SOUND`` overrides the setting for one run. Whatever cannot work here falls back,
with one line for the user in :attr:`Sound.notice`: no speech program to tones, no player to
the bell.

Playing never blocks: a player is a child process started with :class:`subprocess.Popen` and
never waited for; finished ones are reaped (``poll``) at the next call. No Textual here: the UI
imports this module, never the other way round.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Cue(StrEnum):
    STEP = "step"  # a step changed (a new pass, the serum, the finish)
    TICK = "tick"  # a soft tick: each of the last three seconds of a pass, each paced stroke
    MOVE = "move"  # the "move to: TOP" transition step begins
    PASS_DONE = "pass_done"  # a pass ended
    SESSION_DONE = "session_done"


SOUND_MODES = ("tones", "bell", "voice", "off")
DEFAULT_MODE = "tones"
ENV_VAR = "SCALP_TUI_SOUND"
APP_NAME = "scalp-tui"

#: A tick is dropped (the other cues never are) while this many players are still running.
MAX_PLAYING = 3
#: Spoken words are cut to this length: a cue is a short prompt, never a paragraph.
MAX_WORDS = 200


# --- The tones -------------------------------------------------------------------------------

RATE = 22_050  # Hz: ample for partials of at most ~2 kHz; the players resample for the device
SAMPLE_BYTES = 2  # 16-bit signed PCM, mono
HEADER_BYTES = 44  # what the wave module writes before PCM frames
#: Part of the file names: bump it when a sound changes, so cached files are written anew.
TONES_VERSION = 1


@dataclass(frozen=True)
class Note:
    """One sine note: ``hz`` (gliding to ``to_hz`` if given), fading at ``decay`` per second."""

    start: float  # seconds from the start of the cue
    length: float  # seconds
    hz: float
    gain: float
    decay: float = 0.0
    to_hz: float | None = None
    overtone: float = 0.0  # the second harmonic's share, for a bell-like chime


C5, E5, G5, C6, G6 = 523.25, 659.26, 783.99, 1046.50, 1567.98

TONES: dict[Cue, tuple[Note, ...]] = {
    # A soft, short tick: a 35 ms blip fading fast, quieter than everything else.
    Cue.TICK: (Note(0.0, 0.035, 1200.0, gain=0.25, decay=60.0),),
    # A clear chime: a high C with a fifth above, ringing out.
    Cue.STEP: (
        Note(0.0, 0.6, C6, gain=0.4, decay=5.0, overtone=0.3),
        Note(0.0, 0.6, G6, gain=0.15, decay=7.0),
    ),
    # "Move": a quick upward glide.
    Cue.MOVE: (Note(0.0, 0.25, 440.0, gain=0.4, decay=3.0, to_hz=880.0),),
    # "Pass done": two notes, falling.
    Cue.PASS_DONE: (
        Note(0.0, 0.18, G5, gain=0.4, decay=4.0),
        Note(0.2, 0.3, C5, gain=0.4, decay=4.0),
    ),
    # "Session done": three notes rising, the last held.
    Cue.SESSION_DONE: (
        Note(0.0, 0.18, C5, gain=0.4, decay=3.0),
        Note(0.2, 0.18, E5, gain=0.4, decay=3.0),
        Note(0.4, 0.6, G5, gain=0.4, decay=2.5, overtone=0.2),
    ),
}


def frame_count(notes: Iterable[Note]) -> int:
    return max(round((note.start + note.length) * RATE) for note in notes)


def render(notes: tuple[Note, ...]) -> bytes:
    """The WAV file (mono, 16-bit, :data:`RATE` Hz) of ``notes`` mixed together."""
    mix = [0.0] * frame_count(notes)
    fade_in, fade_out = round(0.004 * RATE), round(0.012 * RATE)  # no clicks at the edges
    for note in notes:
        first, count = round(note.start * RATE), round(note.length * RATE)
        to_hz = note.hz if note.to_hz is None else note.to_hz
        step, glide = 2.0 * math.pi * note.hz / RATE, 2.0 * math.pi * (to_hz - note.hz) / RATE
        fade = math.exp(-note.decay / RATE)
        level, phase = note.gain / (1.0 + note.overtone), 0.0
        for i in range(count):
            phase += step + glide * i / count
            edge = min(1.0, (i + 1) / fade_in, (count - i) / fade_out)
            mix[first + i] += level * edge * (math.sin(phase) + note.overtone * math.sin(2 * phase))
            level *= fade
    peak = 32767
    pcm = struct.pack(
        f"<{len(mix)}h", *(max(-peak, min(peak, round(value * peak))) for value in mix)
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_BYTES)
        out.setframerate(RATE)
        out.writeframes(pcm)
    return buffer.getvalue()


def tone_path(folder: Path, cue: Cue) -> Path:
    return folder / f"{cue.value}.v{TONES_VERSION}.wav"


def is_intact(path: Path, frames: int) -> bool:
    """Whether ``path`` is the WAV this module writes for a cue of ``frames`` frames.

    Checks the header and the size, not every sample: files are replaced whole (never written
    in place), so what goes wrong is a missing, empty, truncated or foreign file.
    """
    try:
        with wave.open(str(path), "rb") as wav:
            shape = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate(), wav.getnframes())
        size = path.stat().st_size
    except (OSError, EOFError, wave.Error, struct.error):
        return False
    return shape == (1, SAMPLE_BYTES, RATE, frames) and size == HEADER_BYTES + frames * SAMPLE_BYTES


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``: a player (or another scalp-tui) never reads half a file."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def prepare_tones(folder: Path) -> dict[Cue, Path]:
    """The WAV file of every cue in ``folder``, written if missing or damaged (OSError if not)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[Cue, Path] = {}
    for cue, notes in TONES.items():
        path = tone_path(folder, cue)
        if not is_intact(path, frame_count(notes)):
            write_atomically(path, render(notes))
        paths[cue] = path
    return paths


def default_cache_dir() -> Path:
    # Imported here: a session that never plays tones need not load it.
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


# --- The programs that play and speak --------------------------------------------------------


def tone_players(platform: str) -> tuple[str, ...]:
    return ("afplay",) if platform == "darwin" else ("pw-play", "paplay", "aplay")


def speech_programs(platform: str) -> tuple[str, ...]:
    # On macOS `say` comes first: it is part of the system and speaks with the user's voice.
    return ("say", "espeak-ng", "spd-say") if platform == "darwin" else ("espeak-ng", "spd-say")


#: Options before the file or the words; none of these programs needs more.
EXTRA_ARGS: dict[str, tuple[str, ...]] = {"aplay": ("-q",)}


@dataclass(eq=False)
class Program:
    """A player or speech program found on PATH."""

    name: str
    path: str
    worked: bool = False  # has exited with status 0 at least once

    def argv(self, argument: str) -> list[str]:
        return [self.path, *EXTRA_ARGS.get(self.name, ()), argument]


@dataclass(eq=False)
class Child:
    process: subprocess.Popen[bytes]
    program: Program
    pool: list[Program]  # the list the program came from, for its fallback


def find_programs(names: Iterable[str], which: Callable[[str], str | None]) -> list[Program]:
    return [Program(name, path) for name in names if (path := which(name))]


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
    return DEFAULT_MODE, f"Unknown {source} {shown!r} (bell, tones, voice or off): using tones."


class Sound:
    """Plays the session's cues; every call returns at once. Made by :func:`make_sound`.

    Call it from one thread (the UI's). ``notice`` holds the last fallback the user should
    hear about (None if none); ``on_notice``, if given, is called with each fallback that
    happens while playing (a player that cannot start or that fails).
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
    ) -> None:
        self._bell = bell
        self._off = off
        self._players = list(players or []) if tones else []
        self._speakers = list(speakers or [])
        self._tones = dict(tones or {})
        self._running: list[Child] = []
        self._speech: Child | None = None
        self._on_notice = on_notice
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
        """How many players and speech programs are still running (finished ones are reaped)."""
        self._reap()
        return len(self._running)

    def play(self, cue: Cue, words: str | None = None) -> None:
        """Play ``cue``; in ``voice`` mode speak ``words`` instead, if there are any."""
        if self._off:
            return
        self._reap()
        text = speakable(words)
        while True:  # each failure to start removes a program, so this ends
            if text and self._speakers:
                self._hush()  # the newest prompt is the one that matters
                if self._start(self._speakers, text, speech=True):
                    return
            elif self._players:
                if cue is Cue.TICK and len(self._running) >= MAX_PLAYING:
                    return
                if self._start(self._players, str(self._tones[cue])):
                    return
            else:
                if cue is not Cue.TICK:  # the terminal bell is no soft tick
                    self._bell()
                return

    def stop(self) -> None:
        """Silence everything still playing; the next :meth:`play` works as usual."""
        self._reap()
        for child in self._running:
            self._terminate(child)
        self._reap()

    def _start(self, pool: list[Program], argument: str, *, speech: bool = False) -> bool:
        program = pool[0]
        try:
            process = subprocess.Popen(
                program.argv(argument),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own process group: a Ctrl+C is not for it
            )
        except OSError as error:
            self._drop(program, pool, f"Cannot start {program.name} ({error.strerror or error})")
            return False
        child = Child(process, program, pool)
        self._running.append(child)
        if speech:
            self._speech = child
        return True

    def _reap(self) -> None:
        running: list[Child] = []
        for child in self._running:
            status = child.process.poll()
            if status is None:
                running.append(child)
            elif status == 0:
                child.program.worked = True
            elif status > 0 and not child.program.worked:
                # It never worked here (no sound server, no audio device): try the next one.
                self._drop(
                    child.program, child.pool, f"{child.program.name} failed (status {status})"
                )
        self._running = running
        if self._speech is not None and self._speech not in running:
            self._speech = None

    def _hush(self) -> None:
        if self._speech is not None:
            self._terminate(self._speech)
            self._speech = None

    @staticmethod
    def _terminate(child: Child) -> None:
        # Not reaped yet, so its pid (and process group) cannot belong to anyone else.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.process.pid, signal.SIGTERM)

    def _drop(self, program: Program, pool: list[Program], reason: str) -> None:
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
) -> Sound:
    """The :class:`Sound` for ``setting`` (or ``SCALP_TUI_SOUND``) on this machine.

    Looks the programs up with ``which`` and, when tones may play, writes the WAV files into
    ``cache_dir`` (the user's cache folder by default) if they are not there yet.
    """
    mode, unknown = choose_mode(setting, environ)
    notices = [unknown] if unknown else []
    if mode in {"off", "bell"}:
        return Sound(bell=bell, off=mode == "off", notice=unknown, on_notice=on_notice)
    speakers = find_programs(speech_programs(platform), which) if mode == "voice" else []
    players = find_programs(tone_players(platform), which)
    tones: dict[Cue, Path] = {}
    missing: list[str] = []
    if mode == "voice" and not speakers:
        missing.append(f"No speech program found ({', '.join(speech_programs(platform))})")
    if not players:
        missing.append(f"No sound player found ({', '.join(tone_players(platform))})")
    else:
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
    )
