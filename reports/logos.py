"""Letterhead logos: what an upload must be, and how it becomes a small data: URL for WeasyPrint.

An upload is accepted only if its first bytes say PNG or JPEG, it is at most 500 kB and Pillow
can read it with sane dimensions. It is then re-encoded by Pillow (which drops metadata and
anything appended to the image) and scaled down to what a letterhead needs, so the stored file
always fits in the PDF fetcher's data: URL limit.
"""

import base64
import io
import struct

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from .pdf import MAX_DATA_URL_CHARS

MAX_UPLOAD_BYTES = 500 * 1024
# Refuse before decoding: a small file can declare a huge canvas (decompression bomb).
MAX_SOURCE_PIXELS = 6000 * 6000
# 70 mm x 25 mm at 300 dpi is enough for any letterhead logo.
MAX_SIZE = (830, 300)

# What Pillow raises on a malformed file: besides its own errors, a PNG chunk name that is not
# ASCII is a UnicodeDecodeError (a ValueError), and a short header a struct.error or EOFError.
UNREADABLE = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    Image.DecompressionBombError,
)

MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
MIME = {"png": "image/png", "jpeg": "image/jpeg"}


def sniff(head: bytes) -> str | None:
    """The image type the magic bytes announce ("png" or "jpeg"), or None."""
    for magic, kind in MAGIC.items():
        if head.startswith(magic):
            return kind
    return None


def check_logo(upload) -> str:  # type: ignore[no-untyped-def]
    """Raise ValidationError unless the upload is a PNG or JPEG up to 500 kB; return its kind."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The logo may be at most 500 kB."), code="too_large")
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    upload.seek(0)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The logo may be at most 500 kB."), code="too_large")
    kind = sniff(data[:8])
    if kind is None:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="not_image")
    try:
        with Image.open(io.BytesIO(data)) as image:
            wrong_kind = (image.format or "").lower() != kind
            if wrong_kind or image.width * image.height > MAX_SOURCE_PIXELS:
                raise ValidationError(_("The logo must be a PNG or JPEG image."), code="not_image")
            image.verify()
    except UNREADABLE as exc:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="not_image") from exc
    return kind


def normalise_logo(upload) -> ContentFile:  # type: ignore[no-untyped-def]
    """The checked upload re-encoded by Pillow, scaled to fit MAX_SIZE, with a safe name."""
    kind = check_logo(upload)
    upload.seek(0)
    with Image.open(io.BytesIO(upload.read())) as image:
        image.load()
        image.thumbnail(MAX_SIZE)
        out = io.BytesIO()
        if kind == "png":
            image.save(out, format="PNG", optimize=True)
        if kind == "jpeg" or out.tell() > max_inline_bytes():
            # A photo-like PNG can stay large after scaling; JPEG always fits.
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=85)
            kind = "jpeg"
    extension = "png" if kind == "png" else "jpg"
    return ContentFile(out.getvalue(), name=f"logo.{extension}")


def max_inline_bytes() -> int:
    """The largest image that still fits in the fetcher's data: URL limit once base64-encoded."""
    return (MAX_DATA_URL_CHARS - 64) // 4 * 3


def logo_data_url(data: bytes) -> str | None:
    """A data: URL for stored logo bytes, or None when they are not a PNG/JPEG or are too big."""
    kind = sniff(data[:8])
    if kind is None or len(data) > max_inline_bytes():
        return None
    return f"data:{MIME[kind]};base64,{base64.b64encode(data).decode('ascii')}"
