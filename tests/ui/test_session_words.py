"""What the session screen says and shows around its steps (issue 21, cases 21 and 22): no toast
over a pass, the stopped screen's advice, a diagonal's words at 64x20, the spoken prompts."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Static
from textual.widgets._toast import Toast

from scalp_tui.domain.directions import DIAGONAL_FRONT_LEFT
from scalp_tui.sound import Cue, Sound
from scalp_tui.store.repository import Repository
from scalp_tui.ui.screens.session import SessionScreen
from tests.pilots import opened, screen_text, text_of


async def test_a_toast_never_covers_the_countdown_or_the_next_line_of_a_pass(
    seeded_repo: Repository,
):
    """At 80x24 a toast lay over the countdown and the "next:" line during a pass."""
    async with opened(seeded_repo, size=(80, 24), notifications=True) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")  # the first pass
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        before = screen_text(app)
        assert "next: Move to: top" in before
        app.notify("A notice from elsewhere, long enough to cover two lines", title="Notice")
        screen.sound_notice("No player found: the bell rings instead.")  # the screen's own
        await pilot.pause()
        after = screen_text(app)
        toasts = [toast for toast in app.screen.query(Toast) if toast.visible]
        assert not toasts and "A notice from elsewhere" not in after
        assert "next: Move to: top" in after.splitlines()[-2]
        # The screen's own notice is said in its advice line, above the progress bar.
        advice = str(screen.query_one("#advice", Static).render())
        assert advice == "Sound: No player found: the bell rings instead."
        countdown = screen.query_one("#countdown")
        assert countdown.region.height >= 4  # still a big countdown, nothing over it


async def test_the_stopped_screen_speaks_of_cleaning_the_roller_too(seeded_repo: Repository):
    """After a "no" (the check asks of the scalp and of the roller) it spoke only of scalp
    conditions."""
    async with opened(seeded_repo, size=(64, 20)) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "x")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Session stopped" in text
        assert "consult a dermatologist first" in text
        assert "clean it with rubbing alcohol and let it dry fully" in text
        assert "“Infection is a risk if you do not clean the roller after each use.”" in text
        assert "c: back to the calendar" in text


async def test_a_diagonal_pass_keeps_one_way_only_at_64x20(seeded_repo: Repository):
    """Its direction's words took two lines and pushed "one way only." out of their box."""
    seeded_repo.update_settings(lambda now: replace(now, directions=(DIAGONAL_FRONT_LEFT,)))
    async with opened(seeded_repo, size=(64, 20)) as (app, pilot):
        await pilot.pause()
        await pilot.press("s", "y", "n")
        await pilot.pause()
        words = text_of(app, "#direction-words")
        assert words.endswith("one way only.")
        assert "one way only." in screen_text(app)
        assert "next: Move to: top" in screen_text(app)


class Heard(Sound):
    """Keeps the words each cue would speak."""

    def __init__(self) -> None:
        super().__init__(bell=lambda: None)
        self.said: list[str | None] = []

    def play(self, cue: Cue, words: str | None = None) -> None:
        if cue is not Cue.TICK:
            self.said.append(words)


async def test_spoken_prompts_end_as_sentences_once(seeded_repo: Repository):
    """The finish step was spoken "How does your scalp feel?."."""
    async with opened(seeded_repo) as (app, pilot):
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        heard = Heard()
        app.session_screen.sound = heard
        await pilot.press("y", *"n" * 12)
        await pilot.pause()
        assert heard.said[-1] == "How does your scalp feel?"
        assert "Move to: top." in heard.said
        assert all(words and not words.endswith(("?.", "..", ":.")) for words in heard.said)
