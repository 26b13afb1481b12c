"""What the template tests build over and over: a real PNG, valid content, drafts."""

import struct
import zlib

from templates_app.services import content_save, template_create


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# A real 1x1 greyscale PNG: media checks read these bytes, not a file name.
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    + _png_chunk(b"IEND", b"")
)

BODY = "Hello {{1}}, your order is on its way."
VALID = {
    "header_format": "NONE",
    "body": BODY,
    "body_examples": ["Budi"],
    "footer": "Acme Retail",
    "buttons": [{"kind": "QUICK_REPLY", "text": "Track order"}],
}


def new_template(org, actor, account, *, name="order_update", languages=("en_US",), category="UTILITY", data=VALID):
    """A draft whose every language holds `data` (None: left empty)."""
    template = template_create(
        organization=org, actor=actor, channel_account=account, name=name, category=category, languages=list(languages)
    )
    if data is not None:
        for language in template.languages:
            content_save(template=template, actor=template.created_by, language=language, data=data)
    return template
