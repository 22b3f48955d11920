"""Pictures the photo tests make with Pillow in tmp_path: a phone's JPEG (EXIF orientation, GPS,
date taken), a PNG, a HEIC, a truncated JPEG, a decompression bomb."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image

#: EXIF tags: Orientation (IFD0), the GPS IFD, the Exif IFD and DateTimeOriginal in it.
ORIENTATION, GPS_IFD, EXIF_IFD, DATE_TIME_ORIGINAL = 0x0112, 0x8825, 0x8769, 0x9003
RED, WHITE = (255, 0, 0), (255, 255, 255)


def half_red(size: tuple[int, int] = (60, 40)) -> Image.Image:
    """Red on the left half, white on the right: which way is up can be told."""
    image = Image.new("RGB", size, WHITE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def phone_jpeg(
    path: Path,
    *,
    orientation: int = 6,
    taken: str | None = "2026:11:20 08:00:00",
    size: tuple[int, int] = (60, 40),
) -> Path:
    """A JPEG as a phone writes it: stored sideways with EXIF orientation 6 (turn 90 degrees
    clockwise to view), GPS coordinates, a camera model, a date taken, a comment."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 22.0, 1.5), "E", (4.0, 53.0, 2.5)
    if taken is not None:
        exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = taken
    half_red(size).save(path, "JPEG", exif=exif.tobytes(), comment=b"at home", quality=95)
    return path


def png(path: Path, *, transparent: bool = True) -> Path:
    image = half_red().convert("RGBA")
    if transparent:
        image.putpixel((50, 5), (0, 0, 0, 0))
    image.save(path, "PNG")
    return path


def heic(path: Path) -> Path:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    half_red().save(path, "HEIF")
    return path


def truncated_jpeg(path: Path) -> Path:
    full = path.with_suffix(".full.jpg")
    half_red((400, 300)).save(full, "JPEG")
    data = full.read_bytes()
    full.unlink()
    path.write_bytes(data[: len(data) // 2])
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(path: Path, side: int = 30_000) -> Path:
    """A PNG of a few dozen bytes that says it is ``side`` x ``side`` pixels (30,000: 900
    million, over twice Pillow's limit; 10,000: 100 million, over it once, a warning)."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
    data += _chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def big_jpeg(path: Path, size: tuple[int, int] = (4032, 3024)) -> Path:
    """A 12-megapixel JPEG (a phone's 4:3), noisy enough to be as heavy as a photo."""
    Image.effect_noise(size, 30).convert("RGB").save(path, "JPEG", quality=90)
    return path
