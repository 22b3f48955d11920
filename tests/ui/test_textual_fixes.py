"""scalp_tui.ui.textual_fixes: on Textual 8.2.8 only, against the very source it was written for.

When Textual moves, the first two tests fail until someone reads the fixes again: each fix's
bug may be gone (then delete the fix), or the method it wraps may have changed under it.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Mapping
from importlib.metadata import version
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from scalp_tui.ui import textual_fixes
from scalp_tui.ui.textual_fixes import SOURCE_SHA256, WRITTEN_FOR, apply

ORIGINAL_MOVE_PAGE = textual_fixes._original_move_page
#: Textual's own method behind each name of SOURCE_SHA256 (the class now holds the fix).
ORIGINALS: dict[str, Callable[..., Any]] = {
    "textual.widgets.OptionList._move_page": ORIGINAL_MOVE_PAGE,
}


def source_of(name: str) -> str:
    return inspect.getsource(ORIGINALS[name])


def changed(sources: Mapping[str, str]) -> list[str]:
    """The methods whose source is not the one the fixes were written against."""
    return [
        name
        for name, text in sources.items()
        if hashlib.sha256(text.encode()).hexdigest() != SOURCE_SHA256[name]
    ]


def test_textual_is_the_version_the_fixes_were_written_for():
    installed = version("textual")
    if installed != WRITTEN_FOR:
        pytest.fail(
            f"\n\n  TEXTUAL MOVED: {installed} is installed; scalp_tui/ui/textual_fixes.py was "
            f"written for {WRITTEN_FOR}\n  and does nothing on any other version. For each fix: "
            "is its bug still in Textual\n  (the docstring has a reproduction)? If not, delete "
            "it; if so, check the method it wraps,\n  then set WRITTEN_FOR and SOURCE_SHA256 "
            "to the new Textual.\n",
            pytrace=False,
        )


def test_the_wrapped_methods_are_the_source_the_fixes_were_written_against():
    assert set(ORIGINALS) == set(SOURCE_SHA256)
    moved = changed({name: source_of(name) for name in SOURCE_SHA256})
    if moved:
        pytest.fail(
            f"\n\n  TEXTUAL CHANGED {', '.join(moved)}: the fix wrapping it was written "
            f"against Textual {WRITTEN_FOR}'s source.\n  Read the new source, check the fix "
            "still holds (or is still needed), then update SOURCE_SHA256.\n",
            pytrace=False,
        )


def test_another_source_fails_the_pin():
    name = "textual.widgets.OptionList._move_page"
    upstream = source_of(name)
    assert changed({name: upstream}) == []
    guarded = upstream.replace("if not self._options:", "if not self._options or not self._lines:")
    assert guarded != upstream
    assert changed({name: guarded}) == [name]


def test_the_installed_version_is_read_as_importlib_metadata_reads_it():
    assert textual_fixes.installed_textual() == version("textual")


@pytest.fixture
def unpatched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual as it ships, for one test (the app's import patched it)."""
    monkeypatch.setattr(OptionList, "_move_page", ORIGINAL_MOVE_PAGE)


@pytest.mark.parametrize("other", ["8.2.9", "8.2.7", "9.0.0", "8.2.8rc1"])
def test_on_another_version_nothing_is_patched(unpatched, other):
    assert apply(version=other) is False
    assert OptionList._move_page is ORIGINAL_MOVE_PAGE


def test_an_unknown_installed_version_patches_nothing(unpatched, monkeypatch):
    monkeypatch.setattr(textual_fixes, "installed_textual", lambda: None)
    assert apply() is False
    assert OptionList._move_page is ORIGINAL_MOVE_PAGE


def test_on_the_version_written_for_the_fix_is_applied(unpatched):
    assert apply(version=WRITTEN_FOR) is True
    assert OptionList._move_page is textual_fixes._move_page


class PageDownEarly(App[None]):
    """The reproduction of the fix's docstring: a page key handled before the first layout."""

    def __init__(self) -> None:
        super().__init__()
        self.raised: list[BaseException] = []

    def compose(self) -> ComposeResult:
        yield OptionList("one", "two", "three")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        try:
            options.action_page_down()  # type: ignore[no-untyped-call]
        except KeyError as error:  # ended the app, uncaught
            self.raised.append(error)


async def test_a_page_key_before_layout_raises_without_the_fix(unpatched):
    app = PageDownEarly()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
    assert len(app.raised) == 1


async def test_a_page_key_before_layout_does_nothing_with_the_fix(unpatched):
    assert apply(version=WRITTEN_FOR)
    app = PageDownEarly()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert app.query_one(OptionList).highlighted == 0
    assert app.raised == []
