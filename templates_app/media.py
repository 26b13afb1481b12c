"""Checking media header samples by what the file contains.

A file's name and the content type the browser declares are whatever the
uploader says they are, so neither is trusted: the first bytes decide.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_lazy

MB = 1024 * 1024
HEAD_SIZE = 64

JPEG = "image/jpeg"
PNG = "image/png"
MP4 = "video/mp4"
PDF = "application/pdf"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MP4_BRANDS = frozenset(
    {
        b"isom",
        b"iso2",
        b"iso3",
        b"iso4",
        b"iso5",
        b"iso6",
        b"mp41",
        b"mp42",
        b"avc1",
        b"M4V ",
        b"dash",
        b"mmp4",
    }
)

NOT_VIDEO_BRANDS = frozenset({b"qt  ", b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "})


@dataclass(frozen=True)
class MediaRule:
    """What one media header accepts."""

    sniff: Callable[[bytes], str | None]
    mime_types: tuple[str, ...]
    max_size: int
    plural: str
    wrong_type_message: str


def _sniff_image(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    # IHDR must be the first chunk; check it when the head is long enough.
    if head.startswith(PNG_SIGNATURE) and (len(head) < 16 or head[12:16] == b"IHDR"):
        return PNG
    return None


def _sniff_video(head: bytes) -> str | None:
    # An ISO base media file opens with an `ftyp` box: 4-byte size, "ftyp",
    # the major brand, a minor version, then compatible brands. The major
    # brand decides; the compatible ones are a fallback for encoders with
    # their own major brand, unless it is QuickTime or audio-only.
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    box_size = int.from_bytes(head[0:4], "big")
    if box_size < 16:
        return None
    major_brand = head[8:12]
    if major_brand in NOT_VIDEO_BRANDS:
        return None
    compatible_brands = [head[i : i + 4] for i in range(16, min(len(head), box_size) - 3, 4)]
    # A 3GPP file is refused even when it lists MP4 brands as compatible:
    # WhatsApp's upload API takes video/mp4 only.
    if major_brand.startswith((b"3gp", b"3g2")):
        return None
    for brand in [major_brand, *compatible_brands]:
        if brand in MP4_BRANDS:
            return MP4
    return None


def _sniff_document(head: bytes) -> str | None:
    return PDF if head.startswith(b"%PDF-") else None


MEDIA_RULES: dict[str, MediaRule] = {
    "IMAGE": MediaRule(
        sniff=_sniff_image,
        mime_types=(JPEG, PNG),
        max_size=5 * MB,
        plural=gettext_lazy("Images"),
        wrong_type_message=gettext_lazy("This file is not a JPEG or PNG image."),
    ),
    "VIDEO": MediaRule(
        sniff=_sniff_video,
        mime_types=(MP4,),
        max_size=16 * MB,
        plural=gettext_lazy("Videos"),
        wrong_type_message=gettext_lazy("This file is not an MP4 video (WhatsApp takes video samples as MP4 only)."),
    ),
    "DOCUMENT": MediaRule(
        sniff=_sniff_document,
        mime_types=(PDF,),
        max_size=100 * MB,
        plural=gettext_lazy("Documents"),
        wrong_type_message=gettext_lazy("This file is not a PDF document."),
    ),
}


def sniff_media(header_format: str, head: bytes, size: int) -> tuple[str | None, str | None]:
    """(MIME type, None) for an acceptable sample; (None, message) otherwise.

    head is the start of the file (HEAD_SIZE bytes are enough), size its
    full length in bytes.
    """
    rule = MEDIA_RULES.get(header_format)
    if rule is None:
        return None, gettext("Only image, video and document headers take a sample file.")
    if size <= 0 or not head:
        return None, gettext("The file is empty.")
    mime_type = rule.sniff(bytes(head[:HEAD_SIZE]))
    if mime_type is None:
        return None, str(rule.wrong_type_message)
    if size > rule.max_size:
        return None, gettext("%(kind)s can be at most %(most)s MB (this one is %(size)s MB).") % {
            "kind": rule.plural,
            "most": rule.max_size // MB,
            "size": _megabytes(size),
        }
    return mime_type, None


def sniff_upload(header_format: str, fileobj: Any) -> tuple[str | None, str | None]:
    """sniff_media for a file-like object (an UploadedFile, an open file).

    Reads only the first bytes, takes the size from .size or by seeking to
    the end, and leaves the file rewound to its start.
    """
    try:
        fileobj.seek(0)
        head = fileobj.read(HEAD_SIZE) or b""
        size = getattr(fileobj, "size", None)
        if not isinstance(size, int):
            size = fileobj.seek(0, io.SEEK_END)
            if not isinstance(size, int):
                size = fileobj.tell()
        fileobj.seek(0)
    except (OSError, ValueError, AttributeError):
        return None, gettext("The file could not be read: try uploading it again.")
    if isinstance(head, str):
        head = head.encode("utf-8", "surrogatepass")
    return sniff_media(header_format, head, size)


def _megabytes(size: int) -> str:
    # Rounded up, so a file just over the limit never reads as "5.0 MB".
    return f"{math.ceil(size * 10 / MB) / 10:.1f}"
