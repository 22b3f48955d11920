"""The cues of a session and their tones: short WAV files written with :mod:`wave`, one per
cue, kept in the user's cache folder and replaced whole when missing or damaged."""

from __future__ import annotations

import io
import math
import struct
import wave
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from scalp_tui.store.atomic import atomic_write_bytes
from scalp_tui.store.database import APP_NAME


class Cue(StrEnum):
    STEP = "step"  # a step changed (a new pass, the serum, the finish)
    TICK = "tick"  # a soft tick: each of the last three seconds of a pass, each paced stroke
    MOVE = "move"  # the "move to: TOP" transition step begins
    PASS_DONE = "pass_done"  # a pass ended
    SESSION_DONE = "session_done"


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


def prepare_tones(folder: Path) -> dict[Cue, Path]:
    """The WAV file of every cue in ``folder``, written if missing or damaged (OSError if not)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[Cue, Path] = {}
    for cue, notes in TONES.items():
        path = tone_path(folder, cue)
        if not is_intact(path, frame_count(notes)):
            atomic_write_bytes(path, render(notes))
        paths[cue] = path
    return paths


def default_cache_dir() -> Path:
    # Imported here: a session that never plays tones need not load it.
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def tone_seconds(cue: Cue) -> float:
    return frame_count(TONES[cue]) / RATE
