"""Media header samples are judged by their bytes, never by name or declared type."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from templates_app.media import HEAD_SIZE, MB, MEDIA_RULES, sniff_media, sniff_upload


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def tiny_png() -> bytes:
    """A complete 1x1 grey PNG."""
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    pixels = png_chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    return b"\x89PNG\r\n\x1a\n" + header + pixels + png_chunk(b"IEND", b"")


def tiny_jpeg() -> bytes:
    """Start of a JFIF JPEG: SOI, then an APP0 segment."""
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\xff\xd9"


def ftyp_box(major: bytes, *compatible: bytes) -> bytes:
    """An ISO base media `ftyp` box followed by the start of an mdat box."""
    body = major + struct.pack(">I", 0x200) + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + struct.pack(">I", 8) + b"mdat"


TINY_PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


@pytest.mark.parametrize(
    ("header_format", "content", "mime_type"),
    [
        ("IMAGE", tiny_png(), "image/png"),
        ("IMAGE", tiny_jpeg(), "image/jpeg"),
        ("IMAGE", b"\xff\xd8\xff\xe1" + b"\x00\x10Exif\x00\x00", "image/jpeg"),
        ("VIDEO", ftyp_box(b"isom", b"isom", b"iso2", b"avc1", b"mp41"), "video/mp4"),
        ("VIDEO", ftyp_box(b"mp42", b"mp42", b"isom"), "video/mp4"),
        ("VIDEO", ftyp_box(b"M4V ", b"M4V ", b"M4A ", b"mp42"), "video/mp4"),
        ("VIDEO", ftyp_box(b"dash", b"iso6"), "video/mp4"),
        ("VIDEO", ftyp_box(b"XAVC", b"XAVC", b"mp42"), "video/mp4"),
        ("DOCUMENT", TINY_PDF, "application/pdf"),
    ],
)
def test_accepted_samples(header_format, content, mime_type):
    assert sniff_media(header_format, content[:HEAD_SIZE], len(content)) == (mime_type, None)


@pytest.mark.parametrize(
    ("header_format", "content", "message"),
    [
        ("IMAGE", b"just some text, renamed to photo.jpg\n", "This file is not a JPEG or PNG image."),
        ("IMAGE", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "not a JPEG or PNG image"),
        ("IMAGE", b"RIFF\x24\x00\x00\x00WEBPVP8 ", "not a JPEG or PNG image"),
        ("IMAGE", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "not a JPEG or PNG image"),
        ("IMAGE", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dtEXt" + b"\x00" * 20, "not a JPEG or PNG image"),
        ("IMAGE", TINY_PDF, "not a JPEG or PNG image"),
        (
            "VIDEO",
            ftyp_box(b"qt  ", b"qt  "),
            "This file is not an MP4 video (WhatsApp takes video samples as MP4 only).",
        ),
        ("VIDEO", ftyp_box(b"3gp4", b"isom", b"3gp4"), "not an MP4 video"),
        ("VIDEO", ftyp_box(b"3gp5"), "not an MP4 video"),
        ("VIDEO", ftyp_box(b"3g2a", b"3g2a", b"mp42"), "not an MP4 video"),
        ("VIDEO", ftyp_box(b"M4A ", b"M4A ", b"mp42", b"isom"), "not an MP4 video"),
        ("VIDEO", ftyp_box(b"heic", b"mif1", b"heic"), "not an MP4 video"),
        ("VIDEO", b"\x1a\x45\xdf\xa3" + b"\x00" * 28, "not an MP4 video"),
        ("VIDEO", b"\x00\x00\x00\x04ftypisom", "not an MP4 video"),
        ("VIDEO", tiny_png(), "not an MP4 video"),
        ("DOCUMENT", b"PK\x03\x04\x14\x00\x06\x00", "This file is not a PDF document."),
        ("DOCUMENT", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "not a PDF document"),
        ("DOCUMENT", b"  %PDF-1.4 but not at the start", "not a PDF document"),
        ("DOCUMENT", tiny_jpeg(), "not a PDF document"),
    ],
)
def test_refused_samples(header_format, content, message):
    mime_type, error = sniff_media(header_format, content[:HEAD_SIZE], len(content))
    assert mime_type is None
    assert message in error


@pytest.mark.parametrize(
    ("header_format", "head", "size", "message"),
    [
        ("IMAGE", tiny_png(), 5 * MB, None),
        ("IMAGE", tiny_png(), 5 * MB + 1, "Images can be at most 5 MB (this one is 5.1 MB)."),
        ("IMAGE", tiny_jpeg(), int(7.2 * MB), "Images can be at most 5 MB (this one is 7.2 MB)."),
        ("VIDEO", ftyp_box(b"isom"), 16 * MB, None),
        ("VIDEO", ftyp_box(b"isom"), 20 * MB, "Videos can be at most 16 MB (this one is 20.0 MB)."),
        ("DOCUMENT", TINY_PDF, 100 * MB, None),
        ("DOCUMENT", TINY_PDF, 150 * MB, "Documents can be at most 100 MB (this one is 150.0 MB)."),
    ],
)
def test_size_limits(header_format, head, size, message):
    mime_type, error = sniff_media(header_format, head[:HEAD_SIZE], size)
    assert error == message
    assert (mime_type is None) == (message is not None)


def test_size_limits_match_whatsapp():
    assert MEDIA_RULES["IMAGE"].max_size == 5 * 1024 * 1024
    assert MEDIA_RULES["VIDEO"].max_size == 16 * 1024 * 1024
    assert MEDIA_RULES["DOCUMENT"].max_size == 100 * 1024 * 1024


@pytest.mark.parametrize(("head", "size"), [(b"", 0), (b"", 10), (tiny_png(), 0)])
def test_empty_files_are_refused(head, size):
    assert sniff_media("IMAGE", head, size) == (None, "The file is empty.")


@pytest.mark.parametrize("header_format", ["NONE", "TEXT", "AUDIO", ""])
def test_only_media_headers_take_a_file(header_format):
    assert sniff_media(header_format, tiny_png(), 100) == (
        None,
        "Only image, video and document headers take a sample file.",
    )


def test_upload_is_judged_by_content_not_name_or_declared_type():
    upload = SimpleUploadedFile("invoice.pdf", tiny_png(), content_type="application/pdf")
    assert sniff_upload("DOCUMENT", upload) == (None, "This file is not a PDF document.")
    assert sniff_upload("IMAGE", upload) == ("image/png", None)


def test_text_file_renamed_jpg_on_disk_is_refused(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_text("Not a photo at all.\n")
    with path.open("rb") as fileobj:
        assert sniff_upload("IMAGE", fileobj) == (None, "This file is not a JPEG or PNG image.")


def test_upload_size_is_taken_by_seeking_when_there_is_no_size():
    fileobj = io.BytesIO(tiny_jpeg() + b"\x00" * (5 * MB))
    assert sniff_upload("IMAGE", fileobj) == (None, "Images can be at most 5 MB (this one is 5.1 MB).")


def test_upload_is_rewound_after_reading():
    content = ftyp_box(b"mp42", b"isom") + b"\x00" * 1000
    fileobj = io.BytesIO(content)
    fileobj.seek(200)
    assert sniff_upload("VIDEO", fileobj) == ("video/mp4", None)
    assert fileobj.tell() == 0
    assert fileobj.read() == content


def test_upload_of_an_empty_file():
    assert sniff_upload("DOCUMENT", SimpleUploadedFile("empty.pdf", b"")) == (None, "The file is empty.")


def test_unreadable_upload_gets_a_message():
    class ClosedUpload(io.BytesIO):
        def read(self, *args):
            raise OSError("connection reset")

    assert sniff_upload("IMAGE", ClosedUpload(b"abc")) == (None, "The file could not be read: try uploading it again.")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["IMAGE", "VIDEO", "DOCUMENT", "TEXT"]),
    st.one_of(
        st.binary(max_size=HEAD_SIZE),
        st.builds(lambda tail: b"\x00\x00\x00\x18ftyp" + tail, st.binary(max_size=56)),
        st.builds(lambda tail: b"\x89PNG\r\n\x1a\n" + tail, st.binary(max_size=56)),
    ),
    st.integers(min_value=-1, max_value=200 * MB),
)
def test_any_bytes_get_exactly_a_type_or_a_message(header_format, head, size):
    mime_type, error = sniff_media(header_format, head, size)
    assert (mime_type is None) != (error is None)
    assert mime_type in {None, "image/jpeg", "image/png", "video/mp4", "application/pdf"}
