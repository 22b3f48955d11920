"""The Photos screen's dialogs: adding a photo (a file, its angle, perhaps its date), and the
last photo of an angle with the consistency checklist, before the next one is taken.

The file is picked in a tree of folders and pictures (Textual's DirectoryTree, from the home
folder) or typed (``~`` works); what is wrong with it is said under the field. The file is
read in a thread (Pillow: a 12-megapixel JPEG takes a quarter of a second), the photo is
stored through ``actions.add_photos``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Input, Label, Select, Static

from scalp_tui.actions import PhotoAdded
from scalp_tui.domain.dates import short_day
from scalp_tui.domain.photos import ANGLES, Angle, Photo, check_photo_date, photo_date
from scalp_tui.domain.validation import InvalidValue
from scalp_tui.store.errors import WRITE_ERRORS
from scalp_tui.ui.widgets.dialogs import Dialog
from scalp_tui.ui.widgets.messages import InlineError
from scalp_tui.ui.widgets.photo_image import image_class, set_image

if TYPE_CHECKING:
    from PIL.Image import Image

    from scalp_tui.images import PreparedPhoto

#: What makes two photos comparable (the guides: light and wet hair fake a trend).
CONSISTENCY = (
    "The same room, the same light (no window behind you).",
    "Dry, unstyled hair: wet or styled hair shows more scalp.",
    "The same distance and height: the camera where it was last time.",
    "Note the days since your last haircut: a fresh cut looks thinner.",
)


#: What the file picker lists besides folders (Pillow and pillow-heif read these).
PICTURE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".heic", ".heif"})


class PictureTree(DirectoryTree):
    """Folders and pictures only, hidden ones left out."""

    DEFAULT_CSS = "PictureTree { height: 8; display: none; } PictureTree.-shown { display: block; }"

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.is_dir() or path.suffix.lower() in PICTURE_SUFFIXES)
        ]


class AddPhotoDialog(Dialog[PhotoAdded | None]):
    """Dismisses with what was added (or found stored already), or None."""

    BINDINGS = [
        Binding("ctrl+o", "browse", "Browse", id="add_photo.browse"),
        Binding("escape", "cancel", "Cancel", id="add_photo.cancel"),
    ]
    AUTO_FOCUS = "#photo-path"  # a path typed or pasted, or ctrl+o: the picker

    def __init__(self, angle: Angle, start: Path | None = None) -> None:
        """``start``: the folder the picker opens on (the home folder)."""
        super().__init__()
        self.angle = angle
        self.start = start or Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="add-photo"):
            yield Static("Add a progress photo", classes="dialog-title")
            yield Static(
                "A JPEG, PNG or HEIC file (from your phone: a synced folder). It is copied "
                "in, upright, with its location and camera data dropped; the file stays as it is.",
                classes="muted",
            )
            yield Label(f"File (its path, or {self.key_for('browse')} to pick it)")
            yield Input(placeholder="~/Pictures/front.jpg", id="photo-path", compact=True)
            yield PictureTree(self.start, id="photo-tree")
            yield Label("Angle")
            options = [(a, a) for a in ANGLES]
            yield Select(options, value=self.angle.value, allow_blank=False, id="photo-angle")
            yield Label("Date (YYYY-MM-DD; empty: the photo's own date, else today)")
            yield Input(placeholder="YYYY-MM-DD", id="photo-date", compact=True)
            yield InlineError(id="photo-error")
            with Horizontal(classes="buttons"):
                yield Button("Add", id="photo-add", variant="primary", compact=True)
                yield Button("Browse", id="photo-browse", compact=True)
                yield Button("Cancel", id="photo-cancel", compact=True)

    @on(Button.Pressed, "#photo-browse")
    def action_browse(self) -> None:
        """The picker under the path (shown on demand: the dialog fits 64x20 without it)."""
        tree = self.query_one(PictureTree)
        tree.toggle_class("-shown")
        if tree.has_class("-shown"):
            tree.focus()
        else:
            self.query_one("#photo-path", Input).focus()

    @on(DirectoryTree.FileSelected, "#photo-tree")
    def picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#photo-path", Input).value = str(event.path)
        self.query_one(PictureTree).remove_class("-shown")
        self.query_one("#photo-add", Button).focus()

    @on(Button.Pressed, "#photo-add")
    @on(Input.Submitted)
    def add(self) -> None:
        error = self.query_one("#photo-error", InlineError)
        text = self.query_one("#photo-path", Input).value.strip()
        if not text:
            error.show("Name the photo's file.")
            return
        today = self.scalp.clock.today()
        given: dt.date | None = None
        typed = self.query_one("#photo-date", Input).value.strip()
        if typed:
            try:
                given = check_photo_date(dt.date.fromisoformat(typed), today)
            except ValueError:
                error.show(f"{typed!r} is not a date: write it as YYYY-MM-DD.")
                return
            except InvalidValue as exc:
                error.show(str(exc))
                return
        angle = Angle(str(self.query_one("#photo-angle", Select).value))
        error.show("Reading the photo…")
        self.prepare(Path(text).expanduser(), angle, given, today)

    @work(thread=True, exclusive=True)
    def prepare(self, path: Path, angle: Angle, given: dt.date | None, today: dt.date) -> None:
        """Read the file in a thread (Pillow), then store it on the app's thread."""
        from scalp_tui.images import ImageRefused, prepare_photo

        try:
            prepared = prepare_photo(path)
        except ImageRefused as exc:
            self.app.call_from_thread(self.refused, str(exc))
            return
        self.app.call_from_thread(self.store, prepared, path, angle, given, today)

    def refused(self, message: str) -> None:
        self.query_one("#photo-error", InlineError).show(f"{message}. Nothing added.")

    def store(
        self,
        prepared: PreparedPhoto,
        path: Path,
        angle: Angle,
        given: dt.date | None,
        today: dt.date,
    ) -> None:
        from scalp_tui.actions import PhotoToAdd, add_photos

        day, _ = photo_date(prepared.taken, given, today)
        item = PhotoToAdd(prepared, angle, day, path.name[:255] or None)
        try:
            (added,) = add_photos(self.scalp.repository, [item], self.scalp.clock.now())
        except WRITE_ERRORS as exc:
            self.refused(f"Not saved: {exc}")
            return
        self.dismiss(added)

    @on(Button.Pressed, "#photo-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class BeforeNextPhoto(Dialog[None]):
    """The last photo of an angle, to take the next one like it, and the checklist."""

    DEFAULT_CSS = """
    BeforeNextPhoto { align: center middle; }
    BeforeNextPhoto #before-next { width: 72; max-width: 100%; max-height: 100%; }
    BeforeNextPhoto #before-next-image { width: 100%; height: 12; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="before_next.close")]

    def __init__(self, photo: Photo | None, angle: Angle, image: Image | None) -> None:
        super().__init__()
        self.photo = photo
        self.angle = angle
        self.image = image

    def compose(self) -> ComposeResult:
        today = self.scalp.clock.today()
        with Vertical(classes="dialog", id="before-next"):
            if self.photo is None:
                title = f"Your first {self.angle.value} photo"
            else:
                title = (
                    f"Like your last {self.angle.value} photo, {short_day(self.photo.date, today)}"
                )
            yield Static(title, classes="dialog-title")
            if self.image is not None:
                picture = image_class()(id="before-next-image")
                set_image(picture, self.image)
                yield picture
            yield Static(
                "\n".join(f"[ ] {line}" for line in CONSISTENCY),
                id="before-next-list",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("Close", id="before-next-close", compact=True)

    @on(Button.Pressed, "#before-next-close")
    def action_close(self) -> None:
        self.dismiss(None)
