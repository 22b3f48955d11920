"""The programs that play and speak, and the children they run as: found on PATH, started
for one cue, never waited for; a watcher thread ends the hung (SIGTERM, then SIGKILL) and
reaps every one, and :func:`stop_all` ends them all at exit."""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO

#: A program asked to end (SIGTERM) that is still there after this is killed (SIGKILL).
KILL_AFTER_S = 0.2
#: How often a program that was signalled is polled until it is reaped.
REAP_EVERY_S = 0.02
#: How long :func:`stop_all` waits, at most, for the programs it ends (one stuck in the kernel
#: cannot be reaped at all).
STOP_WAIT_S = 2.0
#: Spoken words are cut to this length: a cue is a short prompt, never a paragraph.


def tone_players(platform: str) -> tuple[str, ...]:
    return ("afplay",) if platform == "darwin" else ("pw-play", "paplay", "aplay")


def speech_programs(platform: str) -> tuple[str, ...]:
    # On macOS `say` comes first: it is part of the system and speaks with the user's voice.
    return ("say", "espeak-ng", "spd-say") if platform == "darwin" else ("espeak-ng", "spd-say")


def every_platform(programs: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    """The names ``programs`` gives on Linux, then those only macOS has (for a label)."""
    return tuple(dict.fromkeys((*programs("linux"), *programs("darwin"))))


#: Options before the file or the words; none of these programs needs more.
EXTRA_ARGS: dict[str, tuple[str, ...]] = {"aplay": ("-q",)}

#: Programs that can exit with status 0 without a sound, and the line on stderr that says so.
#: espeak-ng (1.51) with no audio device writes ALSA's complaints, then ``error: <strerror>``
#: (its speech.c, when the audio output cannot open), and exits 0.
SILENT_FAILURES: dict[str, re.Pattern[bytes]] = {"espeak-ng": re.compile(rb"^error: *(.*)$", re.M)}
#: Of a watched program's stderr this much is read, at most.
STDERR_BYTES = 65_536

#: Paths of the programs that have played in this run (a later failure may be a busy device).
WORKED: set[str] = set()
#: Paths of the programs dropped in this run: the user was told once; later sessions skip them.
FAILED: set[str] = set()


@dataclass(eq=False)
class Program:
    """A player or speech program found on PATH."""

    name: str
    path: str

    @property
    def worked(self) -> bool:
        """Whether it has exited with status 0, having played, at least once in this run."""
        return self.path in WORKED

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


CHILDREN = _Children()


def stop_all(wait: float = STOP_WAIT_S) -> None:
    """End every player and speech program this process started, and reap them. Runs at exit
    (registered once a program is started); the app may call it as it quits."""
    CHILDREN.stop_all(wait)


def find_programs(names: Iterable[str], which: Callable[[str], str | None]) -> list[Program]:
    return [Program(name, path) for name in names if (path := which(name))]
