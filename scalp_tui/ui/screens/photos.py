"""Photos: for one angle, the first progress photo and the latest side by side, and what
happened between them (the days, the sessions done, the adherence in that window).

Keys: the angles are tabs (``tab``/``shift+tab``, or ``1``-``5``); ``left``/``right`` move
the right-hand photo through the angle's dates; ``space`` shows the left photo in the right
panel and back (a blink comparison); ``b`` blends the two half and half; ``a`` adds a photo,
``d`` removes the right-hand one (asking first) and ``u`` puts it back; ``n`` shows the last
photo of the angle and the checklist for taking the next one like it.

Only the two photos shown are read, in a thread, as small copies (``photo_image``): with
hundreds of photos the screen opens as fast as with two. Pillow and textual-image are
loaded with this module, never for the first frame.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Static, Tab, Tabs

from scalp_tui.domain.dates import short_day
from scalp_tui.domain.matching import review
from scalp_tui.domain.photos import ANGLES, Angle, Comparison, Photo, compare, photos_of
from scalp_tui.store.errors import WRITE_ERRORS
from scalp_tui.ui.base import DataScreen
from scalp_tui.ui.widgets import photo_image
from scalp_tui.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from PIL.Image import Image

    from scalp_tui.actions import PhotoAdded, RemovedPhoto

#: What the right-hand panel shows: the photo chosen, the left one (blink), the two blended.
CHOSEN, BLINK, BLEND = "chosen", "blink", "blend"
#: Small copies kept in memory for moving back and forth (each at most 640 px long).
KEPT_COPIES = 8


def between_text(comparison: Comparison) -> str:
    """``63 days between · 12 sessions done · adherence 92% (11 of 12 planned)``."""
    days = "1 day" if comparison.days == 1 else f"{comparison.days} days"
    done = comparison.sessions_done
    sessions = "1 session" if done == 1 else f"{done} sessions"
    percent = comparison.adherence_percent
    if percent is None:
        adherence = "no planned date in between"
    else:
        adherence = f"adherence {percent:g}% ({comparison.kept} of {comparison.planned} planned)"
    return f"{days} between · {sessions} done · {adherence}"


class PhotosScreen(DataScreen[None]):
    CSS_PATH = "photos.tcss"
    BINDINGS = [
        Binding("tab", "next_angle", "Angle", id="photos.next_angle"),
        Binding("shift+tab", "previous_angle", "Angle", show=False, id="photos.previous_angle"),
        Binding("left", "move(-1)", "Earlier", id="photos.earlier"),
        Binding("right", "move(1)", "Later", id="photos.later"),
        Binding("space", "blink", "Blink", id="photos.blink"),
        Binding("b", "blend", "Blend", id="photos.blend"),
        Binding("a", "add", "Add", id="photos.add"),
        Binding("d", "remove", "Remove", id="photos.remove"),
        Binding("u", "undo", "Undo", show=False, id="photos.undo"),
        Binding("n", "before_next", "Next photo", id="photos.before_next"),
        *(
            Binding(str(i), f"angle('{angle}')", show=False, id=f"photos.angle_{angle}")
            for i, angle in enumerate(ANGLES, start=1)
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.angle = Angle.FRONT
        self.photos: list[Photo] = []  # every photo, oldest first
        self.index = 0  # the right-hand photo, in the angle's photos
        self.view = CHOSEN
        self.removed: RemovedPhoto | None = None
        self.copies: dict[str, Image] = {}
        self.blended: tuple[str, str, Image] | None = None
        #: The photo ids drawn in the two panels (None: empty), for the tests to wait on.
        self.drawn: tuple[str | None, str | None] = (None, None)

    def compose(self) -> ComposeResult:
        image = photo_image.image_class()
        yield Header()
        tabs = Tabs(*(Tab(angle, id=f"angle-{angle}") for angle in ANGLES), id="angles")
        tabs.can_focus = False  # left and right move through the dates; tab changes the angle
        yield tabs
        with Horizontal(id="photos-pair"):
            with Vertical(classes="photo-panel", id="photo-left"):
                yield Static(id="left-title", classes="photo-title")
                yield image(id="left-image", classes="photo-image")
            with Vertical(classes="photo-panel", id="photo-right"):
                yield Static(id="right-title", classes="photo-title")
                yield image(id="right-image", classes="photo-image")
        yield Static(id="photos-empty", markup=False)
        yield Static(id="photos-between", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Photos"
        self.load()
        self.watch_the_day()

    def reread(self) -> None:
        self.load()

    # -- what is shown ------------------------------------------------------------------------
    @property
    def of_angle(self) -> list[Photo]:
        return photos_of(self.photos, self.angle)

    def load(self, keep_index: bool = False) -> None:
        self.read_now()
        self.photos = self.scalp.repository.photos()
        count = len(self.of_angle)
        if not keep_index or not 0 < self.index < count:
            self.index = count - 1
        self.show()

    def pair(self) -> tuple[Photo | None, Photo | None]:
        """The left photo (the angle's first) and the right one (the chosen later one)."""
        photos = self.of_angle
        if not photos:
            return None, None
        if len(photos) == 1:
            return photos[0], None
        return photos[0], photos[max(1, self.index)]

    def show(self) -> None:
        today = self.scalp.clock.today()
        tabs = self.query_one(Tabs)
        if tabs.active != f"angle-{self.angle}":
            tabs.active = f"angle-{self.angle}"
        left, right = self.pair()
        count = len(self.of_angle)
        self.set_class(left is None, "-empty")
        self.query_one("#photos-empty", Static).update(self.empty_text() if left is None else "")
        left_title = "" if left is None else f"First: {short_day(left.date, today)}"
        self.query_one("#left-title", Static).update(left_title)
        self.query_one("#right-title", Static).update(self.right_title(right, count, today))
        between = ""
        if left is not None and right is not None:
            repo = self.scalp.repository
            plans, sessions = repo.plans(), repo.sessions()
            between = between_text(compare(left, right, sessions, review(plans, sessions, today)))
        elif left is not None:
            between = f"One {self.angle} photo so far: the next one shows beside it (a adds one)."
        self.query_one("#photos-between", Static).update(between)
        self.draw(left, right, self.view)

    def right_title(self, right: Photo | None, count: int, today: dt.date) -> str:
        if right is None:
            return ""
        if self.view == BLINK:
            return f"Blink: the first photo ({self.key_for('blink')}: back)"
        if self.view == BLEND:
            return (
                f"Blend: first and {short_day(right.date, today)} ({self.key_for('blend')}: back)"
            )
        latest = "Latest" if self.index == count - 1 else f"{self.index + 1} of {count}"
        return f"{latest}: {short_day(right.date, today)}"

    def empty_text(self) -> str:
        add = self.key_for("add")
        return (
            f"No {self.angle} photo yet.\n\n"
            f"Add one here with {add}, or from a terminal:\n"
            f"  scalp-tui photo add FILE --angle {self.angle}\n\n"
            f"{self.how_often()}, the same room and light, dry unstyled hair, the same distance."
        )

    def how_often(self) -> str:
        """How often the settings ask for photos: "Every 4 weeks" (the check-ins off: "Now
        and then")."""
        weeks = self.scalp.repository.settings().photo_every_weeks
        return f"Every {weeks} weeks" if weeks else "Now and then"

    # -- drawing: the small copies are read in a thread ------------------------------------
    def draw(self, left: Photo | None, right: Photo | None, view: str) -> None:
        wanted = [p for p in (left, right) if p is not None and p.id not in self.copies]
        if not wanted:
            self.put(left, right, view)
            return
        paths = [(p.id, self.scalp.repository.photo_path(p)) for p in wanted]
        self.read_copies(paths, left, right, view)

    @work(thread=True, exclusive=True, group="photo-copies")
    def read_copies(
        self,
        paths: list[tuple[str, object]],
        left: Photo | None,
        right: Photo | None,
        view: str,
    ) -> None:
        from pathlib import Path

        read: dict[str, Image | None] = {}
        for photo_id, path in paths:
            try:
                read[photo_id] = photo_image.shown_copy(Path(str(path)))
            except (OSError, ValueError):
                read[photo_id] = None  # a file gone or broken: the panel says so
        blended = None
        if view == BLEND and left is not None and right is not None:
            first = read.get(left.id) or self.copies.get(left.id)
            second = read.get(right.id) or self.copies.get(right.id)
            if first is not None and second is not None:
                blended = (left.id, right.id, photo_image.blend(first, second))
        self.app.call_from_thread(self.copies_read, read, blended, left, right, view)

    def copies_read(
        self,
        read: dict[str, Image | None],
        blended: tuple[str, str, Image] | None,
        left: Photo | None,
        right: Photo | None,
        view: str,
    ) -> None:
        if len(self.copies) + len(read) > KEPT_COPIES:
            self.copies.clear()
        self.copies.update({k: v for k, v in read.items() if v is not None})
        for photo_id, image in read.items():
            if image is None:
                self.notify("A photo's stored copy cannot be read.", severity="error")
                self.copies.pop(photo_id, None)
        if blended is not None:
            self.blended = blended
        if (left, right, view) == (*self.pair(), self.view):
            self.put(left, right, view)

    def put(self, left: Photo | None, right: Photo | None, view: str) -> None:
        left_copy = self.copies.get(left.id) if left else None
        right_copy = self.copies.get(right.id) if right else None
        if view == BLINK:
            right_copy = left_copy
        elif view == BLEND and left is not None and right is not None:
            if self.blended is None or self.blended[:2] != (left.id, right.id):
                if left_copy is None or right_copy is None:
                    return
                self.blended = (left.id, right.id, photo_image.blend(left_copy, right_copy))
            right_copy = self.blended[2]
        photo_image.set_image(self.query_one("#left-image"), left_copy)
        photo_image.set_image(self.query_one("#right-image"), right_copy)
        self.drawn = (left.id if left else None, right.id if right else None)

    # -- keys ---------------------------------------------------------------------------------
    def choose_angle(self, angle: Angle) -> None:
        self.angle = angle
        self.view = CHOSEN
        self.index = len(self.of_angle) - 1
        self.show()

    def action_angle(self, angle: str) -> None:
        self.choose_angle(Angle(angle))

    def action_next_angle(self, step: int = 1) -> None:
        self.choose_angle(Angle(ANGLES[(ANGLES.index(self.angle) + step) % len(ANGLES)]))

    def action_previous_angle(self) -> None:
        self.action_next_angle(-1)

    @on(Tabs.TabActivated)
    def tab_clicked(self, event: Tabs.TabActivated) -> None:
        angle = (event.tab.id or "").removeprefix("angle-")
        if angle in ANGLES and angle != self.angle:
            self.choose_angle(Angle(angle))

    def action_move(self, step: int) -> None:
        count = len(self.of_angle)
        if count < 3:
            return
        self.index = min(max(1, self.index + step), count - 1)
        self.view = CHOSEN
        self.show()

    def action_blink(self) -> None:
        if self.pair()[1] is not None:
            self.view = CHOSEN if self.view == BLINK else BLINK
            self.show()

    def action_blend(self) -> None:
        if self.pair()[1] is not None:
            self.view = CHOSEN if self.view == BLEND else BLEND
            self.show()

    def action_add(self) -> None:
        from scalp_tui.ui.screens.photo_dialogs import AddPhotoDialog

        self.app.push_screen(AddPhotoDialog(self.angle), self.added)

    def added(self, added: PhotoAdded | None) -> None:
        if added is None:
            return
        photo = added.photo
        day = short_day(photo.date, self.scalp.clock.today())
        if added.already:
            self.notify(f"That picture is stored already ({photo.angle}, {day}).")
        else:
            self.notify(f"Added: {photo.angle}, {day}.", title="Photo added")
        self.angle = photo.angle
        self.view = CHOSEN
        self.load()

    def action_remove(self) -> None:
        from scalp_tui.ui.widgets.dialogs import confirm

        left, right = self.pair()
        photo = right or left
        if photo is None:
            return
        day = short_day(photo.date, self.scalp.clock.today())
        question = confirm(
            f"Remove the {photo.angle} photo of {day}?",
            f"Its record and its stored copy go (your own file stays); "
            f"{self.key_for('undo')} puts it back while this screen is open.",
            yes="Remove",
            no="Keep",
        )
        self.app.push_screen(question, lambda answer: self.remove_answered(photo, answer))

    def remove_answered(self, photo: Photo, answer: str | None) -> None:
        from scalp_tui.actions import remove_photo

        if answer != "y":
            return
        try:
            self.removed = remove_photo(self.scalp.repository, photo.id)
        except WRITE_ERRORS as exc:  # KeyError: removed elsewhere meanwhile
            self.notify(f"Not removed: {exc}", severity="error", markup=False)
            return
        self.copies.pop(photo.id, None)
        self.view = CHOSEN
        self.notify(f"Photo removed; {self.key_for('undo')} puts it back.")
        self.load()

    def action_undo(self) -> None:
        from scalp_tui.actions import restore_photo

        if self.removed is None:
            self.notify("Nothing to undo.")
            return
        try:
            restore_photo(self.scalp.repository, self.removed)
        except WRITE_ERRORS as exc:  # ValueError: its bytes are gone
            self.notify(f"Not put back: {exc}", severity="error", markup=False)
            return
        self.angle = self.removed.photo.angle
        self.removed = None
        self.notify("Photo put back.")
        self.load()

    def action_before_next(self) -> None:
        from scalp_tui.ui.screens.photo_dialogs import BeforeNextPhoto

        photos = self.of_angle
        last = photos[-1] if photos else None
        image = self.copies.get(last.id) if last else None
        self.app.push_screen(BeforeNextPhoto(last, self.angle, image))
