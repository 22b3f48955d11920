"""The sounds of a hands-free session (PRODUCT.md section 3, issue 14).

The user's eyes are on a mirror, so each moment of a session has a cue the UI plays with
:meth:`Sound.play`. The sound setting picks how it is heard:

- ``tones``: short WAV files this package writes itself with :mod:`wave` (one per cue, kept in
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
No Textual here: the UI imports this package, never the other way round.

The package: :mod:`.tones` (the cues and their WAV files), :mod:`.programs` (finding the
players, the children they run as), :mod:`.player` (the :class:`Sound` that plays a cue).
"""

from scalp_tui.sound.player import Sound, default_mode, make_sound
from scalp_tui.sound.programs import stop_all
from scalp_tui.sound.tones import Cue

__all__ = ["Cue", "Sound", "default_mode", "make_sound", "stop_all"]
