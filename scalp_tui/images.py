"""A photo the user names, read with Pillow and made into the copy scalp-tui stores.

The stored copy: the orientation the camera wrote in EXIF applied to the pixels, then no
metadata at all (no EXIF, so no GPS, camera or thumbnail; no ICC profile, XMP or comment:
a wide-gamut photo is converted to sRGB first, so it looks the same), the longest side at
most 2048 px, JPEG. The original file is only read.

Pillow (and pillow-heif, for HEIC) is imported here only, and this module only by the
commands and screens that add a photo: neither ``status`` nor the app's first frame pays.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scalp_tui.domain.photos import MAX_SIDE
from scalp_tui.domain.validation import EARLIEST_DATE, LATEST_DATE
from scalp_tui.input_files import stat_input_file
from scalp_tui.store.photo_files import sha256_of

if TYPE_CHECKING:
    from PIL.Image import Image

#: What a photo can be: Pillow's format names (MPO: the JPEG of many phone cameras).
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "HEIF": "HEIC"}
JPEG_QUALITY = 90
#: EXIF: the Exif IFD, and DateTimeOriginal in it.
EXIF_IFD = 0x8769
DATE_TIME_ORIGINAL = 0x9003


class ImageRefused(ValueError):
    """The file is not a photo scalp-tui can store; the message says why. Nothing written."""


@dataclass(frozen=True)
class PreparedPhoto:
    """The stored copy's bytes and what its record says of it."""

    data: bytes
    sha256: str
    width: int
    height: int
    taken: dt.date | None  # EXIF DateTimeOriginal, when the photo has a sound one


def _open_pillow() -> None:
    """Pillow, with HEIC read through pillow-heif (registered once)."""
    global _registered
    if not _registered:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        _registered = True


_registered = False


def prepare_photo(source: Path) -> PreparedPhoto:
    """Read ``source`` and make its stored copy (in memory). ImageRefused for a file that
    is missing, not a regular file, empty, not a JPEG, PNG or HEIC image, truncated or
    damaged, or over Pillow's pixel limit (a decompression bomb)."""
    from PIL import Image, UnidentifiedImageError

    _open_pillow()
    _check_file(source)
    name = str(source)
    with warnings.catch_warnings():
        # Pillow warns over MAX_IMAGE_PIXELS and refuses over twice that: both refused here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(source) as image:
                kind = FORMATS.get(image.format or "")
                if kind is None:
                    raise ImageRefused(
                        f"{name} is a {image.format} image; scalp-tui takes JPEG, PNG or HEIC"
                    )
                taken = _date_taken(image)
                image.load()
                return _stored_copy(image, taken)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused(
                f"{name} has more pixels than Pillow opens ({Image.MAX_IMAGE_PIXELS:,}): "
                "refused as a possible decompression bomb"
            ) from None
        except UnidentifiedImageError:
            raise ImageRefused(
                f"{name} is not an image scalp-tui reads (JPEG, PNG or HEIC)"
            ) from None
        except ImageRefused:
            raise
        except OSError as exc:
            raise ImageRefused(f"{name} is truncated or damaged ({exc})") from None
        except Exception as exc:  # Pillow's decoders raise many kinds on a broken file
            raise ImageRefused(
                f"{name} cannot be read as an image ({type(exc).__name__}: {exc})"
            ) from None


def _check_file(source: Path) -> None:
    """A regular file with something in it (a FIFO is never opened: it would block)."""
    try:
        info = stat_input_file(source, "a photo")
    except ValueError as exc:
        raise ImageRefused(str(exc)) from None
    if info.st_size == 0:
        raise ImageRefused(f"{source} is empty (zero bytes), not a photo")


def _date_taken(image: Image) -> dt.date | None:
    """EXIF DateTimeOriginal ("2026:11:23 09:30:00"), or None when missing or not a date
    a record can hold (cameras with no clock write "0000:00:00 00:00:00")."""
    try:
        text = image.getexif().get_ifd(EXIF_IFD).get(DATE_TIME_ORIGINAL)
        if isinstance(text, bytes):
            text = text.decode("ascii", "replace")
        if not isinstance(text, str):
            return None
        day = dt.datetime.strptime(text.strip()[:19], "%Y:%m:%d %H:%M:%S").date()
    except Exception:  # no EXIF, a broken one: the date comes from elsewhere
        return None
    return day if EARLIEST_DATE <= day <= LATEST_DATE else None


def _stored_copy(image: Image, taken: dt.date | None) -> PreparedPhoto:
    from PIL import Image as PILImage
    from PIL import ImageOps

    upright = ImageOps.exif_transpose(image)  # a copy: the original's pixels untouched
    upright = _in_srgb(upright, image.info.get("icc_profile"))
    upright = _rgb(upright)
    upright.thumbnail((MAX_SIDE, MAX_SIDE), PILImage.Resampling.LANCZOS)
    upright.info.clear()  # no comment, dpi, exif, icc or xmp carried into the save
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=JPEG_QUALITY, exif=b"", icc_profile=None)
    data = out.getvalue()
    return PreparedPhoto(data, sha256_of(data), upright.width, upright.height, taken)


def _in_srgb(image: Image, icc: object) -> Image:
    """The pixels converted from the photo's ICC profile (an iPhone's Display P3) to sRGB,
    so that the copy, which carries no profile, looks the same. Left as they are when the
    profile cannot be read."""
    if not isinstance(icc, bytes) or not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode
        )
    except Exception:  # a broken or unsupported profile: the pixels as they are
        return image
    return converted if converted is not None else image


def _rgb(image: Image) -> Image:
    """RGB for JPEG; what was transparent becomes white (not black)."""
    from PIL import Image as PILImage

    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = PILImage.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")
