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
with one line for the user in :attr:`Sound.notice`, once a run: no speech program to tones, no
player to the bell; so does a program that fails, hangs, or (espeak-ng without an audio device)
exits 0 having said ``error: ...``.

Playing never blocks: a player is a child process started with :class:`subprocess.Popen` and
never waited for. At most one plays at a time: each cue ends the one before (a soft tick gives
way to a cue still sounding instead), and one still running well after its sound should have
ended is hung: a watcher thread ends it (SIGTERM, then SIGKILL) and reaps it, and the next cue
falls back. :func:`stop_all` ends them all; it runs at exit, so no player outlives the app.
No Textual here: the UI imports this module, never the other way round.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import math
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import wave
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO


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

#: A program still running this long after its sound should have ended is hung: it is killed,
#: and it counts as a failure (the next cue falls back, the user is told).
HANG_SLACK_S = 3.0
#: Seconds of speech per character of the words, generously (espeak-ng says some 15 a second).
SPEECH_S_PER_CHAR = 0.1
#: A program asked to end (SIGTERM) that is still there after this is killed (SIGKILL).
KILL_AFTER_S = 0.2
#: How often a program that was signalled is polled until it is reaped.
REAP_EVERY_S = 0.02
#: How long :func:`stop_all` waits, at most, for the programs it ends (one stuck in the kernel
#: cannot be reaped at all).
STOP_WAIT_S = 2.0
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

#: Programs that can exit with status 0 without a sound, and the line on stderr that says so.
#: espeak-ng (1.51) with no audio device writes ALSA's complaints, then ``error: <strerror>``
#: (its speech.c, when the audio output cannot open), and exits 0.
SILENT_FAILURES: dict[str, re.Pattern[bytes]] = {"espeak-ng": re.compile(rb"^error: *(.*)$", re.M)}
#: Of a watched program's stderr this much is read, at most.
STDERR_BYTES = 65_536

#: Paths of the programs that have played in this run (a later failure may be a busy device).
_WORKED: set[str] = set()
#: Paths of the programs dropped in this run: the user was told once; later sessions skip them.
_FAILED: set[str] = set()


@dataclass(eq=False)
class Program:
    """A player or speech program found on PATH."""

    name: str
    path: str

    @property
    def worked(self) -> bool:
        """Whether it has exited with status 0, having played, at least once in this run."""
        return self.path in _WORKED

    def argv(self, argument: str) -> list[str]:
        return [self.path, *EXTRA_ARGS.get(self.name, ()), argument]


@dataclass(eq=False)
class Child:
    """A program started for one cue, until it is reaped."""

    process: subprocess.Popen[bytes]
    program: Program
    pool: list[Program]  # the list the program came from, for its fallback
    tick: bool  # a soft tick: it never cuts off another cue
    started: float  # time.monotonic()
    deadline: float  # still running then: hung
    ending: bool = False  # asked to end (a newer cue, stop, exit, a hang): its status says nothing
    hung: bool = False
    kill_at: float | None = None  # when SIGKILL follows the SIGTERM
    errors: bytes = b""  # its stderr, for the programs in SILENT_FAILURES
    judged: bool = False  # its failure (or not) has been taken into account


def silent_failure(name: str, errors: bytes) -> str | None:
    """What ``name`` said on stderr when it exited 0 without a sound; None if it played."""
    pattern = SILENT_FAILURES.get(name)
    match = pattern.search(errors) if pattern else None
    if match is None:
        return None
    said = match.group(1).decode("utf-8", "replace")
    said = " ".join("".join(char if char.isprintable() else " " for char in said).split())
    return said[:80] or "no audio output"


def _drain(stream: IO[bytes] | None) -> bytes:
    """What a reaped program left in its (non-blocking) stderr pipe; the pipe is closed."""
    if stream is None:
        return b""
    chunks: list[bytes] = []
    size = 0
    with contextlib.suppress(OSError), stream:  # BlockingIOError: a grandchild holds it open
        while size < STDERR_BYTES and (chunk := os.read(stream.fileno(), STDERR_BYTES - size)):
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


class _Children:
    """Every program this process started and has not reaped yet, whichever :class:`Sound`
    started it (the session screen makes one a session).

    One lock guards them: a program is signalled only while it is not reaped (so its pid and
    its process group are still its own), and it is reaped only here. A watcher thread, alive
    while there is a child, ends a child at its deadline and reaps what was ended; the UI's
    thread never waits.
    """

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._children: list[Child] = []
        self._watcher: threading.Thread | None = None
        self._at_exit = False

    def add(self, child: Child) -> None:
        with self._lock:
            self._children.append(child)
            if not self._at_exit:
                atexit.register(stop_all)
                self._at_exit = True
            if self._watcher is None:
                self._watcher = threading.Thread(
                    target=self._watch, name="scalp-tui sound", daemon=True
                )
                self._watcher.start()
            self._lock.notify()

    def poll(self, child: Child) -> int | None:
        """Its exit status, reaping it; None while it runs."""
        with self._lock:
            return self._poll(child)

    def sounding(self) -> list[Child]:
        """The programs still playing and not asked to end (the hung are ended here)."""
        with self._lock:
            self._tend(time.monotonic())
            return [child for child in self._children if not child.ending]

    def tend(self) -> None:
        with self._lock:
            self._tend(time.monotonic())

    def end(self, children: Iterable[Child]) -> None:
        """Ask ``children`` to end: SIGTERM now, SIGKILL from the watcher if need be."""
        with self._lock:
            now = time.monotonic()
            for child in children:
                self._end(child, now)
            self._lock.notify()

    def stop_all(self, wait: float) -> None:
        """End every program and reap it, waiting ``wait`` seconds at most."""
        with self._lock:
            give_up = time.monotonic() + wait
            for child in list(self._children):
                self._end(child, time.monotonic())
            while self._children and time.monotonic() < give_up:
                self._lock.wait(REAP_EVERY_S)
                self._tend(time.monotonic())

    def _poll(self, child: Child) -> int | None:
        status = child.process.poll()
        if status is not None and child in self._children:
            self._children.remove(child)
            child.errors = _drain(child.process.stderr)
        return status

    def _end(self, child: Child, now: float, *, hung: bool = False) -> None:
        if child.ending or self._poll(child) is not None:
            return
        child.ending, child.hung = True, hung
        child.kill_at = now + KILL_AFTER_S
        self._signal(child, signal.SIGTERM)

    @staticmethod
    def _signal(child: Child, signum: signal.Signals) -> None:
        # Its whole process group (a shell script's own children too): it was started in a
        # session of its own, so the group is its pid.
        pid = child.process.pid
        with contextlib.suppress(ProcessLookupError, PermissionError):
            try:
                os.killpg(pid, signum)
            except ProcessLookupError:  # it left its group: the process alone
                os.kill(pid, signum)

    def _tend(self, now: float) -> float:
        """Reap what ended, end the hung, kill what outlived its SIGTERM: the time to look
        again."""
        wake = now + 3600.0
        for child in list(self._children):
            if self._poll(child) is not None:
                continue
            if not child.ending and now >= child.deadline:
                self._end(child, now, hung=True)
            if not child.ending:
                wake = min(wake, child.deadline)
                continue
            if child.kill_at is not None and now >= child.kill_at:
                child.kill_at = None
                self._signal(child, signal.SIGKILL)
            wake = min(wake, now + REAP_EVERY_S)
        return wake

    def _watch(self) -> None:
        with self._lock:
            while self._children:
                now = time.monotonic()
                self._lock.wait(max(0.0, self._tend(now) - now))
            self._watcher = None


_CHILDREN = _Children()


def stop_all(wait: float = STOP_WAIT_S) -> None:
    """End every player and speech program this process started, and reap them. Runs at exit
    (registered once a program is started); the app may call it as it quits."""
    _CHILDREN.stop_all(wait)


def tone_seconds(cue: Cue) -> float:
    return frame_count(TONES[cue]) / RATE


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
            sounding = _CHILDREN.sounding()
            if tick and any(not child.tick for child in sounding):
                return
            _CHILDREN.end(sounding)
            if self._start(pool, argument, seconds, tick=tick):
                return

    def stop(self) -> None:
        """Silence everything it still plays; the next :meth:`play` works as usual."""
        _CHILDREN.end(self._children)
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
        _CHILDREN.add(child)
        return True

    def _reap(self) -> None:
        _CHILDREN.tend()  # the hung are ended (the watcher may not have woken yet)
        running: list[Child] = []
        for child in self._children:
            status = _CHILDREN.poll(child)
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
            _WORKED.add(child.program.path)
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
        _FAILED.add(program.path)
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
    speakers = [program for program in found_speakers if program.path not in _FAILED]
    players = [program for program in found_players if program.path not in _FAILED]
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
