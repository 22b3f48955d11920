"""The sound layer with fake players on PATH: small scripts that log their argv and exit.

Each fake appends one line to a shared log: ``start<TAB>pid<TAB>name<TAB>arg<TAB>arg...``, then,
if it is a slow one, sleeps and appends ``end<TAB>pid<TAB>name``. A hung one becomes ``sleep``
in the same process (the logged pid is the player's), ignoring SIGTERM if asked. Tests wait for
log lines and for processes to go with a deadline, never a fixed sleep.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import wave
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from scalp_tui.domain.settings import SOUND_MODES
from scalp_tui.sound import Cue, Sound, default_mode, make_sound, stop_all
from scalp_tui.sound.player import ENV_VAR, HANG_SLACK_S, speakable
from scalp_tui.sound.tones import RATE, TONES, render, tone_path
from tests.waiting import wait_until

ALL_PROGRAMS = ("pw-play", "paplay", "aplay", "afplay", "espeak-ng", "spd-say", "say")
LINUX_PLAYERS = ("pw-play", "paplay", "aplay")
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    """One start of a fake program, as it logged it."""

    pid: int
    name: str
    args: list[str]


@dataclass
class FakeBin:
    folder: Path
    log: Path

    def add(
        self,
        name: str,
        *,
        sleep: float = 0,
        status: int = 0,
        shebang: str = "/bin/sh",
        hang: bool = False,
        ignore_term: bool = False,
        term_status: int | None = None,
        stderr: str = "",
    ) -> None:
        """A fake ``name`` that logs its start (and end), writes ``stderr``, sleeps ``sleep`` s,
        exits ``status`` (``term_status`` if SIGTERM ends it); or, with ``hang``, never ends
        (and with ``ignore_term`` ignores SIGTERM: only SIGKILL ends it)."""
        script = self.folder / name
        script.write_text(
            f"#!{shebang}\n"
            + ("trap '' TERM\n" if ignore_term else "")
            + (f"trap 'exit {term_status}' TERM\n" if term_status is not None else "")
            + f'line="start\t$$\t{name}"\n'
            'for arg in "$@"; do line="$line\t$arg"; done\n'
            f"printf '%s\\n' \"$line\" >> '{self.log}'\n"
            + (f"printf '%s\\n' {shlex.quote(stderr)} >&2\n" if stderr else "")
            + ("exec sleep 600\n" if hang else "")
            + (
                f"sleep {sleep}\nprintf 'end\\t%s\\t%s\\n' $$ {name} >> '{self.log}'\n"
                if sleep
                else ""
            )
            + f"exit {status}\n"
        )
        script.chmod(0o755)

    def which(self, name: str) -> str | None:
        return shutil.which(name, path=str(self.folder))

    def lines(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [line.split("\t") for line in self.log.read_text().splitlines()]

    def runs(self) -> list[Run]:
        return [Run(int(line[1]), line[2], line[3:]) for line in self.lines() if line[0] == "start"]

    def ended(self) -> set[int]:
        return {int(line[1]) for line in self.lines() if line[0] == "end"}

    def wait_runs(self, count: int) -> list[Run]:
        wait_until(lambda: len(self.runs()) >= count, f"{count} program start(s) in {self.log}")
        return self.runs()


def alive(pid: int) -> bool:
    """Whether ``pid`` is still a process: running, or a zombie that nobody has reaped."""
    return Path(f"/proc/{pid}").exists()


@pytest.fixture
def fake_bin(tmp_path: Path) -> FakeBin:
    folder = tmp_path / "bin"
    folder.mkdir()
    return FakeBin(folder, tmp_path / "calls.log")


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One tone cache for the tests that are not about writing it (rendering takes a moment)."""
    return tmp_path_factory.mktemp("cache")


class Bell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


@pytest.fixture
def bell() -> Bell:
    return Bell()


@pytest.fixture
def sound_for(fake_bin: FakeBin, bell: Bell, shared_cache: Path) -> Iterator[Callable[..., Sound]]:
    """``sound_for(setting, ...)``: a Sound with the fake PATH and a bell that counts.

    Whatever is still playing at the end of the test (the slow fakes) is stopped.
    """
    sounds: list[Sound] = []

    def build(
        setting: str,
        *,
        platform: str = "linux",
        environ: dict[str, str] | None = None,
        cache_dir: Path | None = None,
        on_notice: Callable[[str], None] | None = None,
        slack: float = HANG_SLACK_S,
    ) -> Sound:
        sound = make_sound(
            setting,
            bell=bell,
            environ=environ or {},
            which=fake_bin.which,
            platform=platform,
            cache_dir=cache_dir or shared_cache,
            on_notice=on_notice,
            slack=slack,
        )
        sounds.append(sound)
        return sound

    yield build
    for sound in sounds:
        sound.stop()
    wait_until(lambda: all(sound.playing == 0 for sound in sounds), "the fake players to stop")


# --- Which program plays -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        (ALL_PROGRAMS, "pw-play"),
        (("paplay", "aplay", "afplay"), "paplay"),
        (("aplay", "afplay", "say"), "aplay"),
    ],
)
def test_linux_plays_tones_through_the_first_player_found(
    fake_bin, sound_for, bell, shared_cache, present, expected
):
    for name in present:
        fake_bin.add(name)
    sound = sound_for("tones")
    assert (sound.mode, sound.notice) == ("tones", None)

    sound.play(Cue.STEP)

    [run] = fake_bin.wait_runs(1)
    assert run.name == expected
    assert run.args[-1] == str(tone_path(shared_cache, Cue.STEP))
    assert run.args[:-1] == (["-q"] if expected == "aplay" else [])
    assert bell.rings == 0


def test_macos_plays_tones_with_afplay_and_speaks_with_say(fake_bin, sound_for, shared_cache):
    for name in ALL_PROGRAMS:
        fake_bin.add(name)

    sound_for("tones", platform="darwin").play(Cue.PASS_DONE)
    fake_bin.wait_runs(1)  # a cue ends the one still playing, maybe before it starts
    sound_for("voice", platform="darwin").play(Cue.STEP, "Crown. Roll front to back.")

    runs = fake_bin.wait_runs(2)
    assert sorted((run.name, run.args[-1]) for run in runs) == [
        ("afplay", str(tone_path(shared_cache, Cue.PASS_DONE))),
        ("say", "Crown. Roll front to back."),
    ]


def test_macos_without_afplay_rings_the_bell_even_if_linux_players_exist(fake_bin, sound_for, bell):
    for name in LINUX_PLAYERS:
        fake_bin.add(name)
    sound = sound_for("tones", platform="darwin")

    sound.play(Cue.STEP)

    assert sound.mode == "bell"
    assert sound.notice == "No sound player found (afplay): using the terminal bell."
    assert bell.rings == 1
    assert sound.playing == 0


# --- The tones -----------------------------------------------------------------------------------


def test_every_cue_has_its_own_valid_wav(fake_bin, sound_for, tmp_path):
    fake_bin.add("pw-play")
    cache = tmp_path / "cache" / "scalp-tui"  # created when missing
    sound_for("tones", cache_dir=cache)

    contents = {}
    for cue in Cue:
        with wave.open(str(tone_path(cache, cue)), "rb") as wav:
            assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
            assert 8_000 <= wav.getframerate() <= 48_000
            seconds = wav.getnframes() / wav.getframerate()
            frames = wav.readframes(wav.getnframes())
        assert 0.02 <= seconds <= 1.5
        samples = memoryview(frames).cast("h")
        assert len(samples) == round(seconds * RATE)
        loudest = max(abs(sample) for sample in samples)
        assert 3_000 < loudest < 32_767  # audible, not clipped
        assert abs(samples[0]) < 1_000 and abs(samples[-1]) < 1_000  # faded: no click
        contents[cue] = (seconds, frames)
    assert len({frames for _, frames in contents.values()}) == len(Cue)
    assert sorted(contents, key=lambda cue: contents[cue][0])[0] is Cue.TICK
    assert contents[Cue.SESSION_DONE][0] > contents[Cue.PASS_DONE][0]
    assert sorted(path.name for path in cache.iterdir()) == sorted(
        tone_path(cache, cue).name for cue in Cue
    )  # nothing else: no temp file left behind


def test_wavs_are_written_once_and_rewritten_when_missing_or_damaged(fake_bin, sound_for, tmp_path):
    fake_bin.add("pw-play")
    cache = tmp_path / "cache"
    sound_for("tones", cache_dir=cache)
    inodes = {cue: tone_path(cache, cue).stat().st_ino for cue in Cue}

    sound_for("tones", cache_dir=cache)  # a second run leaves good files alone
    assert {cue: tone_path(cache, cue).stat().st_ino for cue in Cue} == inodes

    good = tone_path(cache, Cue.STEP).read_bytes()
    tone_path(cache, Cue.TICK).unlink()
    tone_path(cache, Cue.STEP).write_bytes(good[: len(good) // 2])  # truncated
    tone_path(cache, Cue.MOVE).write_bytes(b"")
    tone_path(cache, Cue.PASS_DONE).write_bytes(b"RIFF\x00\x01not a wave file at all")
    tone_path(cache, Cue.SESSION_DONE).write_bytes(b"RIF")
    sound = sound_for("tones", cache_dir=cache)

    assert (sound.mode, sound.notice) == ("tones", None)
    for cue in Cue:
        assert tone_path(cache, cue).read_bytes() == render(TONES[cue])


def test_an_unwritable_cache_falls_back_to_the_bell_with_one_notice(
    fake_bin, sound_for, bell, tmp_path
):
    fake_bin.add("pw-play")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    sound = sound_for("tones", cache_dir=blocker / "cache")

    sound.play(Cue.STEP)

    assert sound.mode == "bell"
    assert sound.notice is not None
    assert sound.notice.startswith(f"Cannot write the sound files in {blocker / 'cache'} (")
    assert sound.notice.endswith("): using the terminal bell.")
    assert bell.rings == 1
    assert sound.playing == 0


# --- Voice -------------------------------------------------------------------------------------


def test_voice_speaks_each_cues_words_through_espeak_ng(fake_bin, sound_for, bell):
    for name in ALL_PROGRAMS:
        fake_bin.add(name)
    sound = sound_for("voice")
    assert (sound.mode, sound.notice) == ("voice", None)
    prompts = [
        (Cue.STEP, "Crown. Roll front to back."),
        (Cue.MOVE, "Move to: top."),
        (Cue.PASS_DONE, "Pass done."),
        (Cue.SESSION_DONE, "Session done. Well done."),
    ]

    for done, (cue, words) in enumerate(prompts, start=1):
        sound.play(cue, words)
        fake_bin.wait_runs(done)  # one at a time: a new prompt cuts off the one still speaking

    assert [(run.name, run.args) for run in fake_bin.runs()] == [
        ("espeak-ng", [words]) for _, words in prompts
    ]
    assert bell.rings == 0


def test_voice_plays_the_tone_for_a_cue_without_words(fake_bin, sound_for, shared_cache):
    for name in ("espeak-ng", "aplay"):
        fake_bin.add(name)
    sound = sound_for("voice")

    for done, (cue, words) in enumerate([(Cue.TICK, None), (Cue.STEP, ""), (Cue.MOVE, " \n ")]):
        sound.play(cue, words)
        fake_bin.wait_runs(done + 1)  # a cue ends the one still playing, maybe before it starts

    runs = fake_bin.runs()
    assert sorted((run.name, run.args[-1]) for run in runs) == sorted(
        ("aplay", str(tone_path(shared_cache, cue))) for cue in (Cue.TICK, Cue.STEP, Cue.MOVE)
    )


def test_voice_uses_spd_say_without_espeak_ng(fake_bin, sound_for):
    for name in ("spd-say", "say", "pw-play"):
        fake_bin.add(name)

    sound_for("voice").play(Cue.STEP, "Top. Roll left to right.")

    [run] = fake_bin.wait_runs(1)
    assert (run.name, run.args) == ("spd-say", ["Top. Roll left to right."])


def test_words_reach_the_speech_program_as_one_plain_argument(fake_bin, sound_for):
    fake_bin.add("espeak-ng")
    sound = sound_for("voice")

    sound.play(Cue.STEP, "--version\nRoll\tfront \x1b[31mto back")

    [run] = fake_bin.wait_runs(1)
    assert run.args == ["version Roll front [31mto back"]
    assert speakable("- -x") == "x"
    assert speakable(None) == speakable("-- \n") == ""


def test_a_new_prompt_cuts_off_the_one_still_speaking(fake_bin, sound_for):
    fake_bin.add("espeak-ng", sleep=30)
    sound = sound_for("voice")
    sound.play(Cue.STEP, "Crown. Roll front to back.")
    [first] = fake_bin.wait_runs(1)

    sound.play(Cue.MOVE, "Move to: top.")

    second = fake_bin.wait_runs(2)[1]
    assert second.args == ["Move to: top."]
    wait_until(lambda: sound.playing == 1, "the first prompt to be cut off")
    assert first.pid not in fake_bin.ended()  # killed, not finished
    sound.stop()
    wait_until(lambda: sound.playing == 0, "stop() to silence the second")


@pytest.mark.parametrize(
    ("present", "mode", "rings"),
    [(("paplay",), "tones", 0), ((), "bell", 1)],
)
def test_voice_without_a_speech_program_falls_back(fake_bin, sound_for, bell, present, mode, rings):
    for name in present:
        fake_bin.add(name)
    sound = sound_for("voice")

    sound.play(Cue.STEP, "Crown. Roll front to back.")

    assert sound.mode == mode
    expected = "No speech program found (espeak-ng, spd-say)"
    if mode == "tones":
        assert sound.notice == f"{expected}: using tones."
        [run] = fake_bin.wait_runs(1)
        assert run.name == "paplay"
    else:
        assert sound.notice == (
            f"{expected}. No sound player found (pw-play, paplay, aplay): using the terminal bell."
        )
    assert bell.rings == rings


def test_voice_without_a_player_rings_the_bell_for_cues_without_words(fake_bin, sound_for, bell):
    fake_bin.add("espeak-ng")
    sound = sound_for("voice")

    sound.play(Cue.TICK)  # a bell is no soft tick: nothing
    sound.play(Cue.MOVE)
    sound.play(Cue.STEP, "Top.")

    assert sound.mode == "voice"
    assert sound.notice == (
        "No sound player found (pw-play, paplay, aplay): cues without words use the terminal bell."
    )
    assert bell.rings == 1
    [run] = fake_bin.wait_runs(1)
    assert (run.name, run.args) == ("espeak-ng", ["Top."])


# --- Bell, off, and the setting ----------------------------------------------------------------


def test_no_player_falls_back_to_the_bell_with_one_notice(fake_bin, sound_for, bell):
    fake_bin.add("espeak-ng")  # a speech program is no use to `tones`
    notices: list[str] = []
    sound = sound_for("tones", on_notice=notices.append)

    for cue in Cue:
        sound.play(cue, "Words are ignored by tones.")

    assert sound.mode == "bell"
    assert (
        sound.notice == "No sound player found (pw-play, paplay, aplay): using the terminal bell."
    )
    assert notices == []  # nothing new happened while playing
    assert bell.rings == len(Cue) - 1  # every cue but the tick: a bell is no soft tick
    assert sound.playing == 0


@pytest.mark.parametrize(
    ("present", "platform", "expected"),
    [
        ((), "linux", "bell"),
        (("espeak-ng", "say", "afplay"), "linux", "bell"),  # none of Linux's players
        (("aplay",), "linux", "tones"),
        (("pw-play", "paplay"), "linux", "tones"),
        (("aplay",), "darwin", "bell"),
        (("afplay",), "darwin", "tones"),
    ],
)
def test_a_new_database_starts_with_tones_only_where_a_player_exists(
    fake_bin, present, platform, expected
):
    for name in present:
        fake_bin.add(name)
    assert default_mode(fake_bin.which, platform) == expected


def test_bell_mode_rings_for_every_cue_but_the_tick_and_starts_nothing(fake_bin, sound_for, bell):
    for name in ALL_PROGRAMS:
        fake_bin.add(name, sleep=60)  # one that started would still be playing
    sound = sound_for("bell")

    for cue in Cue:
        sound.play(cue, "Crown.")

    assert (sound.mode, sound.notice, bell.rings, sound.playing) == ("bell", None, len(Cue) - 1, 0)
    assert fake_bin.runs() == []


def test_off_plays_nothing_and_never_rings(fake_bin, sound_for, bell):
    for name in ALL_PROGRAMS:
        fake_bin.add(name)
    sound = sound_for("off")

    for cue in Cue:
        sound.play(cue, "Crown. Roll front to back.")

    assert (sound.mode, sound.notice, bell.rings, sound.playing) == ("off", None, 0, 0)
    assert fake_bin.runs() == []


@pytest.mark.parametrize(
    ("setting", "env", "mode", "program"),
    [
        ("tones", "voice", "voice", "espeak-ng"),
        ("off", "tones", "tones", "pw-play"),
        ("voice", "bell", "bell", None),
        ("tones", "off", "off", None),
        ("off", " Voice ", "voice", "espeak-ng"),
        ("voice", "", "voice", "espeak-ng"),  # an empty override is no override
    ],
)
def test_the_environment_variable_overrides_the_setting(
    fake_bin, sound_for, bell, setting, env, mode, program
):
    for name in ALL_PROGRAMS:
        fake_bin.add(name)
    sound = sound_for(setting, environ={ENV_VAR: env})

    sound.play(Cue.STEP, "Crown.")

    assert (sound.mode, sound.notice) == (mode, None)
    if program:
        [run] = fake_bin.wait_runs(1)
        assert run.name == program
    else:
        assert sound.playing == 0
    assert bell.rings == (1 if mode == "bell" else 0)


@pytest.mark.parametrize(
    ("setting", "env", "notice"),
    [
        ("loud", None, "Unknown sound setting 'loud' (bell, tones, voice or off): using tones."),
        ("voice", "beep", f"Unknown {ENV_VAR} 'beep' (bell, tones, voice or off): using tones."),
    ],
)
def test_an_unknown_mode_is_tones_with_a_notice(fake_bin, sound_for, setting, env, notice):
    fake_bin.add("pw-play")
    sound = sound_for(setting, environ={ENV_VAR: env} if env else {})

    sound.play(Cue.STEP)

    assert (sound.mode, sound.notice) == ("tones", notice)
    assert fake_bin.wait_runs(1)[0].name == "pw-play"


def test_modes_are_the_documented_four():
    assert SOUND_MODES == ("tones", "bell", "voice", "off")


# --- Never blocking, never piling up -------------------------------------------------------------


def test_a_slow_player_does_not_delay_the_next_cue_it_is_cut_off_by_it(fake_bin, sound_for):
    fake_bin.add("pw-play", sleep=30)
    sound = sound_for("tones")

    sound.play(Cue.PASS_DONE)
    fake_bin.wait_runs(1)
    sound.play(Cue.MOVE)

    first, second = fake_bin.wait_runs(2)
    # The second started while the first was still playing: play() did not wait for it.
    assert {Path(first.args[-1]).name, Path(second.args[-1]).name} == {
        "pass_done.v1.wav",
        "move.v1.wav",
    }
    wait_until(lambda: not alive(first.pid), "the first player to be ended and reaped")
    assert fake_bin.ended() == set()  # ended by us, not finished
    assert alive(second.pid)
    assert sound.playing == 1


def test_finished_players_are_reaped(fake_bin, sound_for):
    fake_bin.add("pw-play")
    sound = sound_for("tones")

    for done, cue in enumerate(Cue, start=1):
        sound.play(cue)
        fake_bin.wait_runs(done)
        # Reaped once it has finished (a tick would give way to a chime still playing).
        wait_until(lambda: sound.playing == 0, "the finished player to be reaped")

    assert [Path(run.args[-1]).name.split(".")[0] for run in fake_bin.runs()] == list(Cue)


def test_a_tick_never_cuts_off_a_cue_still_sounding_but_replaces_a_tick(fake_bin, sound_for):
    fake_bin.add("pw-play", sleep=30)
    sound = sound_for("tones")
    sound.play(Cue.STEP)
    [step] = fake_bin.wait_runs(1)

    sound.play(Cue.TICK)  # the chime (a spoken prompt in voice mode) matters more

    assert sound.playing == 1
    assert len(fake_bin.runs()) == 1 and alive(step.pid)

    sound.play(Cue.PASS_DONE)  # any other cue replaces it
    fake_bin.wait_runs(2)
    sound.stop()
    wait_until(lambda: sound.playing == 0, "stop() to end the chime")
    sound.play(Cue.TICK)
    fake_bin.wait_runs(3)
    sound.play(Cue.TICK)  # a tick replaces a tick

    runs = fake_bin.wait_runs(4)
    assert [Path(run.args[-1]).name for run in runs] == [
        "step.v1.wav",
        "pass_done.v1.wav",
        "tick.v1.wav",
        "tick.v1.wav",
    ]
    wait_until(lambda: [run.pid for run in runs if alive(run.pid)] == [runs[-1].pid],
               "all but the last tick to be ended")  # fmt: skip
    assert fake_bin.ended() == set()
    assert sound.playing == 1


# --- Players that do not work --------------------------------------------------------------------


def test_a_player_that_cannot_start_falls_back_to_the_bell_once(fake_bin, sound_for, bell):
    fake_bin.add("pw-play", shebang="/nonexistent/interpreter")  # found on PATH, exec fails
    notices: list[str] = []
    sound = sound_for("tones", on_notice=notices.append)
    assert (sound.mode, sound.notice) == ("tones", None)

    sound.play(Cue.STEP)
    sound.play(Cue.MOVE)

    assert sound.mode == "bell"
    assert bell.rings == 2  # the cue that failed is not lost
    assert len(notices) == 1
    assert notices[0].startswith("Cannot start pw-play (")
    assert notices[0].endswith("): using the terminal bell.")
    assert sound.notice == notices[0]
    assert sound.playing == 0


def test_a_speech_program_that_cannot_start_falls_back_to_tones(fake_bin, sound_for, bell):
    fake_bin.add("espeak-ng", shebang="/nonexistent/interpreter")
    fake_bin.add("paplay")
    notices: list[str] = []
    sound = sound_for("voice", on_notice=notices.append)

    sound.play(Cue.STEP, "Crown.")

    assert sound.mode == "tones"
    [run] = fake_bin.wait_runs(1)
    assert run.name == "paplay"
    assert len(notices) == 1 and notices[0].endswith("): using tones.")
    assert bell.rings == 0


def test_a_player_that_fails_before_ever_working_gives_way_to_the_next(fake_bin, sound_for, bell):
    fake_bin.add("pw-play", status=1)  # e.g. no PipeWire server running
    fake_bin.add("aplay")
    notices: list[str] = []
    sound = sound_for("tones", on_notice=notices.append)

    sound.play(Cue.STEP)
    fake_bin.wait_runs(1)
    wait_until(lambda: sound.playing == 0, "pw-play to exit")  # reaping notices the failure
    sound.play(Cue.PASS_DONE)

    runs = fake_bin.wait_runs(2)
    assert [run.name for run in runs] == ["pw-play", "aplay"]
    assert notices == ["pw-play failed (status 1): using aplay."]
    assert (sound.mode, bell.rings) == ("tones", 0)


def test_a_player_that_worked_is_kept_after_one_failure(fake_bin, sound_for):
    fake_bin.add("pw-play")
    fake_bin.add("aplay")
    sound = sound_for("tones")
    sound.play(Cue.STEP)
    fake_bin.wait_runs(1)
    wait_until(lambda: sound.playing == 0, "pw-play to exit")
    fake_bin.add("pw-play", status=1)  # a busy device, once

    sound.play(Cue.TICK)
    fake_bin.wait_runs(2)
    wait_until(lambda: sound.playing == 0, "pw-play to exit")
    sound.play(Cue.PASS_DONE)

    assert [run.name for run in fake_bin.wait_runs(3)] == ["pw-play"] * 3
    assert sound.notice is None


# --- Players that hang, and the end of the app (issue 21, case 13) --------------------------------

#: Nine cues in a row, as in the issue ("9 after 40 s"), none of them a tick.
NINE_CUES = [Cue.STEP, Cue.MOVE, Cue.PASS_DONE] * 2 + [Cue.STEP, Cue.SESSION_DONE, Cue.STEP]


@pytest.mark.slow  # hung processes: make test-fast leaves it out
@pytest.mark.parametrize("ignore_term", [False, True], ids=["hung", "ignoring-sigterm"])
def test_at_most_one_player_lives_however_many_cues_hang(fake_bin, sound_for, bell, ignore_term):
    fake_bin.add("pw-play", hang=True, ignore_term=ignore_term)
    sound = sound_for("tones", slack=600)  # about replacing, not about the bound

    for done, cue in enumerate(NINE_CUES, start=1):
        sound.play(cue)
        fake_bin.wait_runs(done)

    runs = fake_bin.runs()
    wait_until(lambda: [run.pid for run in runs if alive(run.pid)] == [runs[-1].pid],
               "every player but the newest to be ended and reaped")  # fmt: skip
    assert sound.playing == 1
    assert bell.rings == 0


@pytest.mark.slow  # hung processes: make test-fast leaves it out
@pytest.mark.parametrize(
    ("present", "outcome", "rings", "players"),
    [
        ((), "using the terminal bell", 2, ["pw-play"]),
        (("aplay",), "using aplay", 0, ["pw-play", "aplay", "aplay"]),
    ],
)
def test_a_hung_player_is_killed_after_its_bound_and_the_next_cue_falls_back(
    fake_bin, sound_for, bell, present, outcome, rings, players
):
    fake_bin.add("pw-play", hang=True, ignore_term=True)
    for name in present:
        fake_bin.add(name)
    notices: list[str] = []
    sound = sound_for("tones", on_notice=notices.append, slack=0.1)
    sound.play(Cue.STEP)  # a 0.6 s chime
    [run] = fake_bin.wait_runs(1)

    # Nothing more is played: it is killed (SIGTERM, then SIGKILL) and reaped all the same.
    wait_until(lambda: not alive(run.pid), "the hung player to be killed and reaped")
    sound.play(Cue.MOVE)
    fake_bin.wait_runs(len(players) - 1)
    sound.play(Cue.PASS_DONE)

    assert notices == [f"pw-play hung (still playing after 0.7 s): {outcome}."]
    assert sound.notice == notices[0]
    assert bell.rings == rings  # not a cue lost without a sound
    assert [run.name for run in fake_bin.wait_runs(len(players))] == players


def test_a_player_cut_off_by_the_next_cue_is_no_failure_whatever_its_status(fake_bin, sound_for):
    fake_bin.add("pw-play", sleep=30, term_status=1)  # as aplay: "Aborted by signal", status 1
    fake_bin.add("aplay")
    notices: list[str] = []
    sound = sound_for("tones", on_notice=notices.append)
    sound.play(Cue.STEP)
    [first] = fake_bin.wait_runs(1)

    sound.play(Cue.MOVE)
    fake_bin.wait_runs(2)
    wait_until(lambda: not alive(first.pid), "the first player to be ended")
    sound.play(Cue.PASS_DONE)

    assert [run.name for run in fake_bin.wait_runs(3)] == ["pw-play"] * 3
    assert (notices, sound.notice, sound.mode) == ([], None, "tones")


@pytest.mark.slow  # hung processes: make test-fast leaves it out
def test_a_player_that_hung_is_not_tried_again_in_the_next_session(fake_bin, sound_for, bell):
    fake_bin.add("pw-play", hang=True)
    notices: list[str] = []
    first = sound_for("tones", on_notice=notices.append, slack=0.1)
    first.play(Cue.STEP)
    [run] = fake_bin.wait_runs(1)
    wait_until(lambda: not alive(run.pid), "the hung player to be killed")
    first.play(Cue.MOVE)
    assert len(notices) == 1 and bell.rings == 1

    second = sound_for("tones", on_notice=notices.append)  # the next session, same run
    second.play(Cue.STEP)

    assert (second.mode, second.notice) == ("bell", None)  # told once a run, not again
    assert len(notices) == 1
    assert bell.rings == 2
    assert len(fake_bin.runs()) == 1


def test_a_cue_of_the_next_session_ends_the_player_of_the_last(fake_bin, sound_for):
    fake_bin.add("pw-play", hang=True)
    sound_for("tones", slack=600).play(Cue.SESSION_DONE)
    [old] = fake_bin.wait_runs(1)

    sound_for("tones", slack=600).play(Cue.STEP)  # the session screen makes a Sound a session

    new = fake_bin.wait_runs(2)[1]
    wait_until(lambda: not alive(old.pid), "the last session's player to be ended")
    assert alive(new.pid)


def test_stop_all_ends_and_reaps_every_player_before_it_returns(fake_bin, sound_for):
    fake_bin.add("pw-play", hang=True, ignore_term=True)
    sound = sound_for("tones", slack=600)
    sound.play(Cue.STEP)
    [run] = fake_bin.wait_runs(1)

    stop_all()

    assert not alive(run.pid)  # SIGTERM ignored: SIGKILL, and reaped (no zombie)
    assert sound.playing == 0


AT_EXIT = """
import shutil, sys, time
from pathlib import Path
from scalp_tui.sound import Cue, make_sound

folder, cache, log = sys.argv[1:]
sound = make_sound(
    "tones", bell=lambda: None, environ={}, platform="linux", cache_dir=Path(cache),
    which=lambda name: shutil.which(name, path=folder),
)
sound.play(Cue.STEP)
deadline = time.monotonic() + 10
while not (Path(log).exists() and Path(log).read_text()) and time.monotonic() < deadline:
    time.sleep(0.02)
print(sound.playing)
"""


@pytest.mark.slow  # hung processes: make test-fast leaves it out
def test_no_player_outlives_the_app(fake_bin, shared_cache):
    fake_bin.add("pw-play", hang=True, ignore_term=True)

    done = subprocess.run(
        [sys.executable, "-c", AT_EXIT, str(fake_bin.folder), str(shared_cache), str(fake_bin.log)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )

    [run] = fake_bin.runs()
    try:
        assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")
        wait_until(lambda: not alive(run.pid), "the player to be gone once the app has exited")
    finally:
        if alive(run.pid):
            os.kill(run.pid, signal.SIGKILL)


# --- A speech program that exits 0 without speaking (issue 21, case 23) --------------------------

#: What espeak-ng 1.51 writes without an audio device, exiting with status 0 all the same.
ESPEAK_NO_DEVICE = (
    "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n"
    "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\n"
    "error: No such file or directory"
)


@pytest.mark.parametrize(
    ("present", "outcome", "rings", "programs"),
    [
        (("paplay",), "using tones", 0, ["espeak-ng", "paplay", "paplay"]),
        ((), "using the terminal bell", 2, ["espeak-ng"]),
    ],
)
def test_espeak_ng_that_exits_0_without_an_audio_device_gives_way_with_a_notice(
    fake_bin, sound_for, bell, present, outcome, rings, programs
):
    fake_bin.add("espeak-ng", stderr=ESPEAK_NO_DEVICE)
    for name in present:
        fake_bin.add(name)
    notices: list[str] = []
    sound = sound_for("voice", on_notice=notices.append)
    sound.play(Cue.STEP, "Crown. Roll front to back.")
    fake_bin.wait_runs(1)
    wait_until(lambda: sound.playing == 0, "espeak-ng to exit")

    sound.play(Cue.MOVE, "Move to: top.")
    fake_bin.wait_runs(len(programs) - 1)
    sound.play(Cue.PASS_DONE, "Pass done.")

    assert notices == [f"espeak-ng could not play (No such file or directory): {outcome}."]
    assert sound.notice == notices[0]
    assert bell.rings == rings
    assert [run.name for run in fake_bin.wait_runs(len(programs))] == programs

    again = sound_for("voice", on_notice=notices.append)  # the next session: told once a run
    assert again.notice is None or "espeak-ng" not in again.notice
    again.play(Cue.STEP, "Top. Roll left to right.")
    assert len(notices) == 1
    assert not [run for run in fake_bin.runs()[len(programs) :] if run.name == "espeak-ng"]


def test_espeak_ng_warnings_without_an_error_are_no_failure(fake_bin, sound_for, bell):
    fake_bin.add("espeak-ng", stderr="ALSA lib pcm.c:8568:(snd_pcm_recover) underrun occurred")
    fake_bin.add("paplay")
    notices: list[str] = []
    sound = sound_for("voice", on_notice=notices.append)

    sound.play(Cue.STEP, "Crown.")
    fake_bin.wait_runs(1)
    wait_until(lambda: sound.playing == 0, "espeak-ng to exit")
    sound.play(Cue.MOVE, "Move to: top.")

    assert [(run.name, run.args) for run in fake_bin.wait_runs(2)] == [
        ("espeak-ng", ["Crown."]),
        ("espeak-ng", ["Move to: top."]),
    ]
    assert (notices, sound.notice, bell.rings) == ([], None, 0)
