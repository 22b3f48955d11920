"""Small modal questions: yes or no, and choices with keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from scalp_tui.ui.base import ScalpScreen

if TYPE_CHECKING:
    from scalp_tui.session_control import Question
from scalp_tui.ui.format import plain_lines
from scalp_tui.ui.widgets.footer import KeyFooter

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType], ScalpScreen[ResultType]):
    """A modal screen that closes once, however many keys were already on their way.

    ModalScreen comes first: Textual's CSS follows a widget's first base only.

    Textual's ``dismiss`` pops whatever screen is on top: a second escape queued behind the
    first would close the screen below as well.
    """

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self.app.screen is not self:
            return AwaitComplete()  # already closing
        return super().dismiss(result)

    def on_mount(self) -> None:
        """The dialog's own key bar over the one of the screen below: a modal takes every
        key, so the keys said there would do nothing."""
        self.mount(KeyFooter(session_banner=False))


#: The cells inside a question's frame (64 wide: its border and padding take 6), for its
#: answers side by side, each with a space either side and two between.
ANSWERS_WIDTH = 58


class Choice(Dialog[str]):
    """Asks a question; dismisses with the key of the chosen answer (``escape`` -> cancel).

    The title, the message and the answers are plain text, never markup: a message may quote
    the user's note or zone names as they are.
    """

    DEFAULT_CSS = """
    Choice { align: center middle; }
    Choice > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: thick $warning 60%; background: $surface; padding: 1 2;
    }
    Choice .choice-title { text-style: bold; margin-bottom: 1; }
    Choice Horizontal, Choice .-stacked { height: auto; margin-top: 1; }
    Choice Button { margin-right: 2; }
    """

    def __init__(
        self, title: str, message: str, answers: list[tuple[str, str]], cancel: str
    ) -> None:
        """``answers``: (key, label) pairs; ``cancel``: the key escape answers with."""
        super().__init__()
        self.title_text = title
        self.message = message
        self.answers = answers
        self.cancel = cancel
        # The answers' keys, said in the key bar as on the buttons.
        for key, label in answers:
            self._bindings.bind(key, f"answer({key!r})", label)
        self._bindings.bind("escape", f"answer({cancel!r})", show=False)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain_lines(self.title_text), classes="choice-title")
            yield Static(plain_lines(self.message), id="choice-message")
            # Side by side when they fit the dialog (58 cells inside), else one a line: a
            # long answer ran past the dialog's edge ("record it as aborted (a").
            labels = sum(len(f"{label} ({key})") + 4 for key, label in self.answers)
            with Horizontal() if labels <= ANSWERS_WIDTH else Vertical(classes="-stacked"):
                for i, (key, label) in enumerate(self.answers):
                    yield Button(
                        plain_lines(f"{label} ({key})"),
                        id=f"answer-{key}",
                        variant="primary" if i == 0 else "default",
                        compact=True,
                    )

    def action_answer(self, key: str) -> None:
        self.dismiss(key)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("answer-"))


def confirm(title: str, message: str, yes: str = "Yes", no: str = "No") -> Choice:
    """A yes/no question: dismisses with "y" or "n" (escape is no)."""
    return Choice(title, message, [("y", yes), ("n", no)], cancel="n")


def ask(question: Question) -> Choice:
    """The dialog that asks ``question`` (see ``session_control.Question``)."""
    return Choice(question.title, question.message, list(question.answers), question.cancel)
