"""The Photos screen: the first and the latest photo of an angle side by side, what happened
between, blink and blend, adding from the screen, removing with undo, the checklist before
the next photo. Photos are made with Pillow and added through the one door; the screen
draws them with textual-image's half-cell renderer (SCALP_TUI_IMAGES)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL.Image import Image
from textual.widgets import Input

from scalp_tui.domain.photos import Angle
from scalp_tui.ui.screens.photos import PhotosScreen
from scalp_tui.ui.widgets.photo_image import renderer_for
from tests.fixed import seed_plan_and_history
from tests.photo_seed import add_photos_on, picture
from tests.pilots import go, screen_text
from tests.waiting import wait_for

START, LATER, LATEST = dt.date(2026, 10, 4), dt.date(2026, 11, 1), dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def half_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCALP_TUI_IMAGES", "halfcell")


async def drawn(pilot, screen: PhotosScreen, ids: tuple[str | None, str | None]) -> None:
    await wait_for(pilot, lambda: screen.drawn == ids, f"the panels to draw {ids}")


async def test_the_first_and_the_latest_side_by_side_with_what_happened_between(
    repo, open_app, tmp_path
):
    seed_plan_and_history(repo)
    first, _, latest = add_photos_on(repo, tmp_path / "in", [START, LATER, LATEST])
    async with open_app() as (app, pilot):
        screen = await go(pilot, "p", PhotosScreen)
        await drawn(pilot, screen, (first.id, latest.id))
        text = screen_text(app)
        assert "First: Sun 4 Oct" in text
        assert "Latest: Sun 22 Nov" in text
        assert "49 days between · 11 sessions done · adherence 90% (9 of 10 planned)" in text
        await pilot.press("left")
        await drawn(pilot, screen, (first.id, screen.of_angle[1].id))
        assert "2 of 3: Sun 1 Nov" in screen_text(app)
        assert "28 days between" in screen_text(app)
        await pilot.press("right", "space")
        await drawn(pilot, screen, (first.id, latest.id))
        assert "Blink: the first photo" in screen_text(app)
        right = app.screen.query_one("#right-image")
        left = app.screen.query_one("#left-image")
        assert right.image is left.image
        await pilot.press("space", "b")
        await wait_for(pilot, lambda: "Blend: first and Sun 22 Nov" in screen_text(app), "blend")
        blended = right.image
        assert blended is not left.image
        assert blended.size == left.image.size


async def test_an_empty_angle_says_how_to_add_one(repo, open_app):
    seed_plan_and_history(repo)
    async with open_app() as (app, pilot):
        await go(pilot, "p", PhotosScreen)
        await pilot.press("3")
        text = screen_text(app)
        assert "No crown photo yet." in text
        assert "scalp-tui photo add FILE --angle crown" in text
        assert "Add one here with a" in text
        assert "Every 4 weeks, the same room and light" in text  # the default interval


async def test_the_empty_angle_says_the_interval_the_settings_hold(repo, open_app):
    """It said "Every 4 weeks" whatever the setting."""
    from dataclasses import replace

    seed_plan_and_history(repo)
    repo.update_settings(lambda now: replace(now, photo_every_weeks=6))
    async with open_app() as (app, pilot):
        await go(pilot, "p", PhotosScreen)
        await pilot.press("3")
        assert "Every 6 weeks, the same room and light" in screen_text(app)


async def test_adding_a_photo_from_the_screen_and_a_bad_file_said_inline(repo, open_app, tmp_path):
    seed_plan_and_history(repo)
    good = picture(tmp_path / "top.jpg", shade=10)
    bad = tmp_path / "notes.txt"
    bad.write_text("not a photo")
    async with open_app() as (app, pilot):
        screen = await go(pilot, "p", PhotosScreen)
        await pilot.press("2", "a")
        await wait_for(pilot, lambda: app.screen is not screen, "the add dialog")
        app.screen.query_one("#photo-path", Input).value = str(bad)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Nothing added." in screen_text(app), "the error")
        assert "is not an image scalp-tui reads" in screen_text(app)
        assert repo.photos() == []
        app.screen.query_one("#photo-path", Input).value = str(good)
        app.screen.query_one("#photo-date", Input).value = "2026-11-20"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, "the dialog to close")
        (photo,) = repo.photos()
        assert (photo.angle, photo.date, photo.original_name) == (
            Angle.TOP,
            LATEST - dt.timedelta(2),
            "top.jpg",
        )
        await drawn(pilot, screen, (photo.id, None))
        assert "First: Fri 20 Nov" in screen_text(app)


async def test_removing_the_shown_photo_asks_and_u_puts_it_back(repo, open_app, tmp_path):
    seed_plan_and_history(repo)
    first, latest = add_photos_on(repo, tmp_path / "in", [START, LATEST])
    stored = repo.photo_path(latest).read_bytes()
    async with open_app() as (app, pilot):
        screen = await go(pilot, "p", PhotosScreen)
        await drawn(pilot, screen, (first.id, latest.id))
        await pilot.press("d")
        await wait_for(
            pilot, lambda: "Remove the front photo of Sun 22 Nov?" in screen_text(app), "ask"
        )
        await pilot.press("n")
        assert len(repo.photos()) == 2
        await pilot.press("d")
        await wait_for(pilot, lambda: app.screen is not screen, "the question")
        await pilot.press("y")
        await drawn(pilot, screen, (first.id, None))
        assert [p.id for p in repo.photos()] == [first.id]
        assert not repo.photo_path(latest).exists()
        await pilot.press("u")
        await drawn(pilot, screen, (first.id, latest.id))
        assert repo.photos() == [first, latest]
        assert repo.photo_path(latest).read_bytes() == stored


async def test_before_the_next_photo_the_last_one_and_the_checklist(repo, open_app, tmp_path):
    seed_plan_and_history(repo)
    first, latest = add_photos_on(repo, tmp_path / "in", [START, LATEST])
    async with open_app() as (app, pilot):
        screen = await go(pilot, "p", PhotosScreen)
        await drawn(pilot, screen, (first.id, latest.id))
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is not screen, "the checklist")
        text = screen_text(app)
        assert "Like your last front photo, Sun 22 Nov" in text
        for words in ("same light", "Dry, unstyled hair", "same distance", "haircut"):
            assert words in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back")


async def test_two_hundred_photos_read_only_the_two_shown(repo, open_app, tmp_path, monkeypatch):
    from scalp_tui.ui.widgets import photo_image

    seed_plan_and_history(repo)
    days = [START + dt.timedelta(days=i % 50) for i in range(200)]
    angles = list(Angle)
    for i, angle in enumerate(angles):
        add_photos_on(repo, tmp_path / f"in{i}", days[i * 40 : (i + 1) * 40], angle)
    assert len(repo.photos()) == 200
    read: list[Path] = []
    real = photo_image.shown_copy

    def counted(path: Path) -> Image:
        read.append(path)
        return real(path)

    monkeypatch.setattr(photo_image, "shown_copy", counted)
    async with open_app() as (_, pilot):
        screen = await go(pilot, "p", PhotosScreen)
        await wait_for(pilot, lambda: None not in screen.drawn, "the two photos")
        assert len(read) == 2


def test_the_renderer_is_chosen_from_the_environment_without_asking_the_terminal():
    assert renderer_for({"TERM": "xterm-kitty"}) == "kitty"
    assert renderer_for({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-1/default"}) == "halfcell"
    assert renderer_for({"TERM": "foot"}) == "sixel"
    assert renderer_for({"TERM": "xterm-256color"}) == "halfcell"
    assert renderer_for({"TERM": "xterm-kitty", "SCALP_TUI_IMAGES": "halfcell"}) == "halfcell"


async def test_a_photo_is_picked_in_the_folder_tree(repo, open_app, tmp_path, monkeypatch):
    """Issue 23 asks for a file picker: ctrl+o shows the folders and pictures from the home
    folder (nothing else: the notes file is left out), enter on a picture takes its path."""
    from textual.widgets import DirectoryTree

    seed_plan_and_history(repo)
    home = tmp_path / "home"
    (home / "Sync").mkdir(parents=True)
    picture(home / "Sync" / "crown.jpg", shade=30)
    (home / "Sync" / "notes.txt").write_text("not a photo")
    monkeypatch.setenv("HOME", str(home))
    async with open_app() as (app, pilot):
        screen = await go(pilot, "p", PhotosScreen)
        await pilot.press("3", "a")
        await wait_for(pilot, lambda: app.screen is not screen, "the add dialog")
        await pilot.press("ctrl+o")
        tree = app.screen.query_one(DirectoryTree)
        await wait_for(pilot, lambda: "Sync" in screen_text(app), "the home folder's entries")
        await pilot.press("down", "enter")  # open Sync
        await wait_for(pilot, lambda: "crown.jpg" in screen_text(app), "the folder's pictures")
        assert "notes.txt" not in screen_text(app)
        assert tree.has_focus
        await pilot.press("down", "enter")
        path = app.screen.query_one("#photo-path", Input).value
        assert path == str(home / "Sync" / "crown.jpg")
        await pilot.press("enter")  # the Add button has the focus
        await wait_for(pilot, lambda: app.screen is screen, "the dialog to close")
    (photo,) = repo.photos()
    assert photo.original_name == "crown.jpg" and photo.angle is Angle.CROWN
