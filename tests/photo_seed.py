"""Progress photos the UI tests and snapshots make with Pillow and add through the one door
(``actions.add_photos``): each a different picture, so each is its own record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image, ImageDraw

from scalp_tui.actions import PhotoToAdd, add_photos
from scalp_tui.domain.photos import Angle, Photo
from scalp_tui.images import prepare_photo
from scalp_tui.store.repository import Repository
from tests.fixed import NOW


def picture(path: Path, shade: int, green: int = 90, size: tuple[int, int] = (120, 90)) -> Path:
    """A head-ish picture: a disc on a background whose colour tells the photos apart."""
    image = Image.new("RGB", size, (shade, green, 255 - shade))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w // 4, h // 6, 3 * w // 4, 5 * h // 6), fill=(230, 190, 160))
    image.save(path, "JPEG", quality=90)
    return path


def add_photos_on(
    repo: Repository, folder: Path, dates: list[dt.date], angle: Angle = Angle.FRONT
) -> list[Photo]:
    """One photo of ``angle`` on each of ``dates``, added as the app adds them."""
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for i, day in enumerate(dates):
        green = 30 + 40 * list(Angle).index(angle)
        path = picture(folder / f"{angle}-{i}-{day}.jpg", shade=(40 + 50 * i) % 256, green=green)
        items.append(PhotoToAdd(prepare_photo(path), angle, day, path.name))
    return [added.photo for added in add_photos(repo, items, NOW)]
