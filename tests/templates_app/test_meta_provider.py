"""The `meta` approval provider against a fake Graph API on localhost that speaks WhatsApp's JSON."""

import json
import socket
import struct
import time
import traceback
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Provider as ProviderChoice
from templates_app.models import Submission
from templates_app.providers import provider_for
from templates_app.providers.base import (
    PermanentProviderError,
    StatusUpdate,
    SubmitResult,
    TemporaryProviderError,
    WebhookRejected,
)
from templates_app.providers.meta import (
    TEMPLATE_FIELDS,
    MetaProvider,
    parse_webhook,
    verify_handshake,
    verify_signature,
)
from templates_app.services import content_media_attach, content_save, template_create
from tests.factories import ChannelAccountFactory
from tests.fakes import graph_api as fake_graph_api
from tests.fakes.graph_api import (
    ACCESS_TOKEN,
    APP_ID,
    WABA_ID,
    category_change,
    quality_change,
    signed_webhook,
    status_change,
    webhook_entry,
    webhook_payload,
)
from tests.templates_app.builders import PNG

graph_api = fake_graph_api.graph_api  # the fixture

VERSION = "v23.0"
APP_SECRET = "meta-app-secret-for-tests"
VERIFY_TOKEN = "verify-token-for-tests"

FULL = {
    "header_format": "TEXT",
    "header_text": "Order {{1}} update",
    "header_text_example": "#1042",
    "body": "Hello {{1}}, your order {{2}} is on its way.",
    "body_examples": ["Budi", "#1042"],
    "footer": "Acme Retail",
    "buttons": [
        {"kind": "QUICK_REPLY", "text": "Stop promotions"},
        {"kind": "PHONE_NUMBER", "text": "Call us", "phone_number": "+62 812-3456 7890"},
        {"kind": "URL", "text": "Track order", "url": "https://acme.example/orders/{{1}}", "url_example": "1042"},
    ],
}
FULL_JSON = {
    "name": "order_update",
    "language": "en_US",
    "category": "UTILITY",
    "parameter_format": "POSITIONAL",
    "components": [
        {"type": "HEADER", "format": "TEXT", "text": "Order {{1}} update", "example": {"header_text": ["#1042"]}},
        {
            "type": "BODY",
            "text": "Hello {{1}}, your order {{2}} is on its way.",
            "example": {"body_text": [["Budi", "#1042"]]},
        },
        {"type": "FOOTER", "text": "Acme Retail"},
        {
            "type": "BUTTONS",
            "buttons": [
                {"type": "QUICK_REPLY", "text": "Stop promotions"},
                {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+6281234567890"},
                {
                    "type": "URL",
                    "text": "Track order",
                    "url": "https://acme.example/orders/{{1}}",
                    "example": ["https://acme.example/orders/1042"],
                },
            ],
        },
    ],
}
PLAIN = {"header_format": "NONE", "body": "Your order is on its way.", "footer": " ", "buttons": []}
JPEG = b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\xff\xd9"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
MP4 = struct.pack(">I", 24) + b"ftypisom" + struct.pack(">I", 0x200) + b"isomavc1" + struct.pack(">I", 8) + b"mdat"


@pytest.fixture(autouse=True)
def meta_settings(settings):
    settings.META_GRAPH_API_VERSION = VERSION
    settings.META_APP_SECRET = APP_SECRET
    settings.META_WEBHOOK_VERIFY_TOKEN = VERIFY_TOKEN
    settings.META_HTTP_TIMEOUT = 5


@pytest.fixture
def account(org_a):
    return ChannelAccountFactory(
        organization=org_a,
        provider=ProviderChoice.META,
        waba_id=WABA_ID,
        meta_app_id=APP_ID,
        meta_access_token=ACCESS_TOKEN,
    )


@pytest.fixture
def provider(account):
    account.refresh_from_db()  # the token as stored: encrypted, decrypted on read
    return provider_for(account)


def make_template(org, agent, account, data=FULL, *, name="order_update", language="en_US", category="UTILITY"):
    template = template_create(
        organization=org, actor=agent, channel_account=account, name=name, category=category, languages=[language]
    )
    content_save(template=template, actor=template.created_by, language=language, data=data)
    return template, template.contents.get(language=language)


def with_media(org, agent, account, header_format, filename, data):
    template, _ = make_template(org, agent, account, PLAIN)
    content_media_attach(
        template=template,
        actor=template.created_by,
        language="en_US",
        upload=SimpleUploadedFile(filename, data),
        header_format=header_format,
        all_languages=False,
    )
    return template, template.contents.get(language="en_US")


# --- submission -------------------------------------------------------------
def test_meta_accounts_get_the_meta_provider(provider):
    assert isinstance(provider, MetaProvider)
    assert provider.name == "meta"


def test_submit_sends_the_documented_template_json(graph_api, provider, org_a, agent, account):
    template, content = make_template(org_a, agent, account)

    provider.submit_content(template=template, content=content)

    assert graph_api.created_templates == [FULL_JSON]
    [request] = graph_api.creation_requests
    assert request.path == f"/{VERSION}/{WABA_ID}/message_templates"
    assert request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert "access_token" not in request.query


def test_submit_maps_whatsapps_answer_to_a_submit_result(graph_api, provider, org_a, agent, account):
    template, content = make_template(org_a, agent, account)

    result = provider.submit_content(template=template, content=content)

    [created] = graph_api.templates.values()
    assert result == SubmitResult(provider_template_id=created["id"], status="pending", category="UTILITY")


def test_empty_parts_are_left_out(graph_api, provider, org_a, agent, account):
    template, content = make_template(org_a, agent, account, PLAIN, category="MARKETING")

    provider.submit_content(template=template, content=content)

    assert graph_api.created_templates == [
        {
            "name": "order_update",
            "language": "en_US",
            "category": "MARKETING",
            "parameter_format": "POSITIONAL",
            "components": [{"type": "BODY", "text": "Your order is on its way."}],
        }
    ]


def test_a_url_without_a_variable_has_no_example(graph_api, provider, org_a, agent, account):
    data = {**PLAIN, "buttons": [{"kind": "URL", "text": "Our shop", "url": " https://acme.example/shop "}]}
    template, content = make_template(org_a, agent, account, data)

    provider.submit_content(template=template, content=content)

    [created] = graph_api.created_templates
    assert created["components"][-1] == {
        "type": "BUTTONS",
        "buttons": [{"type": "URL", "text": "Our shop", "url": "https://acme.example/shop"}],
    }


@pytest.mark.parametrize(
    ("header_format", "filename", "data", "mime"),
    [
        ("IMAGE", "banner.png", PNG, "image/png"),
        ("IMAGE", "banner.jpg", JPEG, "image/jpeg"),
        ("VIDEO", "clip.mp4", MP4, "video/mp4"),
        ("DOCUMENT", "invoice.pdf", PDF, "application/pdf"),
    ],
    ids=["png", "jpeg", "mp4", "pdf"],
)
def test_a_media_header_goes_through_the_resumable_upload(
    graph_api, provider, org_a, agent, account, header_format, filename, data, mime
):
    template, content = with_media(org_a, agent, account, header_format, filename, data)

    result = provider.submit_content(template=template, content=content)

    start, upload, create = graph_api.requests
    assert (start.method, start.path) == ("POST", f"/{VERSION}/{APP_ID}/uploads")
    assert start.query == {"file_name": filename, "file_length": str(len(data)), "file_type": mime}
    assert start.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert upload.method == "POST" and upload.path.startswith(f"/{VERSION}/upload:")
    assert upload.headers["Authorization"] == f"OAuth {ACCESS_TOKEN}"
    assert upload.headers["File-Offset"] == "0"
    assert upload.body == data
    [handle] = graph_api.handles
    assert graph_api.handles[handle]["data"] == data
    assert create.json()["components"][0] == {
        "type": "HEADER",
        "format": header_format,
        "example": {"header_handle": [handle]},
    }
    assert result.provider_template_id in graph_api.templates


def test_an_interrupted_upload_resumes_where_whatsapp_stopped(graph_api, provider, org_a, agent, account):
    big = MP4 + b"\x00" * 700_000  # larger than one chunk read from storage
    template, content = with_media(org_a, agent, account, "VIDEO", "clip.mp4", big)
    graph_api.interrupt_next_upload(after_bytes=300_000)

    provider.submit_content(template=template, content=content)

    first, status, rest = (
        graph_api.requests_to("POST", "/upload:")[:1]
        + graph_api.requests_to("GET", "/upload:")
        + (graph_api.requests_to("POST", "/upload:")[1:])
    )
    assert first.headers["File-Offset"] == "0"
    assert rest.headers["File-Offset"] == "300000" and rest.body == big[300_000:]
    [handle] = graph_api.handles
    assert graph_api.handles[handle]["data"] == big


def test_a_media_header_needs_the_accounts_meta_app_id(graph_api, provider, org_a, agent, account):
    template, content = with_media(org_a, agent, account, "IMAGE", "banner.png", PNG)
    account.meta_app_id = ""

    with pytest.raises(PermanentProviderError, match="Meta app ID"):
        provider.submit_content(template=template, content=content)

    assert graph_api.requests == []


def test_a_second_delivery_adopts_the_template_instead_of_creating_another(graph_api, provider, org_a, agent, account):
    template, content = make_template(org_a, agent, account)
    first = provider.submit_content(template=template, content=content)

    second = provider.submit_content(template=template, content=content)

    assert second.provider_template_id == first.provider_template_id
    assert len(graph_api.created_templates) == 1
    assert len(graph_api.creation_requests) == 2
    [lookup] = graph_api.requests_to("GET", "/message_templates")
    assert lookup.query["name"] == "order_update"


def test_an_existing_template_with_the_same_content_is_adopted_with_its_status(
    graph_api, provider, org_a, agent, account
):
    graph_api.add_template(name="order_update_v2", language="en_US")  # a longer name: no exact match
    graph_api.add_template(name="order_update", language="id")  # another language: no match
    existing = graph_api.add_template(
        name="order_update", language="en_US", status="APPROVED", components=FULL_JSON["components"]
    )
    template, content = make_template(org_a, agent, account)

    result = provider.submit_content(template=template, content=content)

    assert result == SubmitResult(provider_template_id=existing, status="approved", category="UTILITY")
    assert graph_api.created_templates == []


def test_adoption_reads_every_page_of_the_list(graph_api, provider, org_a, agent, account):
    for n in range(150):
        graph_api.add_template(name=f"order_update_{n}", language="en_US")
    existing = graph_api.add_template(name="order_update", language="en_US", components=FULL_JSON["components"])
    template, content = make_template(org_a, agent, account)

    result = provider.submit_content(template=template, content=content)

    assert result.provider_template_id == existing
    assert len(graph_api.requests_to("GET", "/message_templates")) == 2


def _with(components, kind, **changes):
    return [{**component, **changes} if component["type"] == kind else component for component in components]


@pytest.mark.parametrize(
    ("category", "components"),
    [
        ("UTILITY", _with(FULL_JSON["components"], "BODY", text="Hello {{1}}, your order {{2}} was cancelled.")),
        ("UTILITY", _with(FULL_JSON["components"], "FOOTER", text="Someone else")),
        ("UTILITY", [c for c in FULL_JSON["components"] if c["type"] != "BUTTONS"]),
        ("UTILITY", _with(FULL_JSON["components"], "HEADER", text="Your order {{1}}")),
        (
            "UTILITY",
            _with(
                FULL_JSON["components"],
                "BUTTONS",
                buttons=[{"type": "URL", "text": "Track order", "url": "https://evil.example/{{1}}"}],
            ),
        ),
        ("MARKETING", FULL_JSON["components"]),
    ],
    ids=["body", "footer", "no-buttons", "header", "url", "category"],
)
def test_an_existing_template_with_other_content_is_never_adopted(
    graph_api, provider, org_a, agent, account, category, components
):
    graph_api.add_template(
        name="order_update", language="en_US", category=category, status="APPROVED", components=components
    )
    template, content = make_template(org_a, agent, account)

    with pytest.raises(PermanentProviderError) as raised:
        provider.submit_content(template=template, content=content)

    assert raised.value.message == (
        "A template with this name and language already exists on WhatsApp with different content: "
        "duplicate it under another name."
    )
    assert graph_api.created_templates == []


def test_an_existing_template_whatsapp_re_categorised_is_still_ours(graph_api, provider, org_a, agent, account):
    existing = graph_api.add_template(
        name="order_update", language="en_US", status="APPROVED", components=FULL_JSON["components"]
    )
    graph_api.set_status(existing, "APPROVED", category="MARKETING")  # it was UTILITY, as we send it
    template, content = make_template(org_a, agent, account)

    result = provider.submit_content(template=template, content=content)

    assert result.provider_template_id == existing


def test_an_adopted_media_template_is_compared_without_its_sample(graph_api, provider, org_a, agent, account):
    template, content = with_media(org_a, agent, account, "IMAGE", "banner.png", PNG)
    first = provider.submit_content(template=template, content=content)
    # WhatsApp shows a media sample as a URL of its own, never as the handle it was created with.
    stored = graph_api.templates[first.provider_template_id]
    stored["components"][0]["example"] = {"header_handle": ["https://scontent.whatsapp.net/v/sample.png"]}

    second = provider.submit_content(template=template, content=content)

    assert second.provider_template_id == first.provider_template_id
    assert len(graph_api.created_templates) == 1


def test_already_exists_without_a_template_to_adopt_is_permanent(graph_api, provider, org_a, agent, account):
    graph_api.error_next(
        subcode=2388024,
        user_title="Content in This Language Already Exists",
        user_msg=(
            "There is already English (US) content for this template. You can create a new template and try again."
        ),
        match="POST",
    )
    template, content = make_template(org_a, agent, account)

    with pytest.raises(PermanentProviderError) as raised:
        provider.submit_content(template=template, content=content)

    assert raised.value.message == (
        "Content in This Language Already Exists: There is already English (US) content for this template. "
        "You can create a new template and try again."
    )


def test_a_timed_out_creation_that_went_through_is_adopted_on_retry(
    graph_api, provider, settings, org_a, agent, account
):
    settings.META_HTTP_TIMEOUT = 0.2
    graph_api.delay_next(0.6, match="POST /")
    template, content = make_template(org_a, agent, account)

    with pytest.raises(TemporaryProviderError, match="did not answer in time"):
        provider.submit_content(template=template, content=content)
    deadline = time.monotonic() + 3
    while not graph_api.templates and time.monotonic() < deadline:
        time.sleep(0.05)
    result = provider.submit_content(template=template, content=content)

    [created] = graph_api.templates.values()
    assert result.provider_template_id == created["id"]
    assert len(graph_api.created_templates) == 1


# --- errors -----------------------------------------------------------------
def test_a_server_error_is_temporary(graph_api, provider, org_a, agent, account):
    graph_api.fail_next(status=500)
    template, content = make_template(org_a, agent, account)

    with pytest.raises(TemporaryProviderError) as raised:
        provider.submit_content(template=template, content=content)

    assert raised.value.retry_after is None
    assert graph_api.created_templates == []


def test_a_timeout_is_temporary(graph_api, provider, settings, org_a, agent, account):
    settings.META_HTTP_TIMEOUT = 0.2
    graph_api.delay_next(0.5)
    template, content = make_template(org_a, agent, account)

    with pytest.raises(TemporaryProviderError, match="did not answer in time"):
        provider.submit_content(template=template, content=content)


def test_an_unreachable_api_is_temporary(provider, settings, org_a, agent, account):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.META_GRAPH_API_URL = f"http://127.0.0.1:{port}"
    template, content = make_template(org_a, agent, account)

    with pytest.raises(TemporaryProviderError, match="could not be reached"):
        provider.submit_content(template=template, content=content)


def test_429_is_temporary_and_says_when_to_retry(graph_api, provider, org_a, agent, account):
    graph_api.throttle_next(retry_after=30)
    template, content = make_template(org_a, agent, account)

    with pytest.raises(TemporaryProviderError) as raised:
        provider.submit_content(template=template, content=content)

    assert raised.value.retry_after == 30


@pytest.mark.parametrize("code", [4, 17, 32, 613, 80007, 80008, 130429])
def test_throttling_codes_are_temporary_even_as_http_400(graph_api, provider, org_a, agent, account, code):
    graph_api.error_next(code=code, message=f"(#{code}) Application request limit reached")
    template, content = make_template(org_a, agent, account)

    with pytest.raises(TemporaryProviderError, match="slow down"):
        provider.submit_content(template=template, content=content)


def test_the_business_use_case_header_says_when_to_retry(graph_api, provider, org_a, agent, account):
    usage = {WABA_ID: [{"type": "whatsapp_business_management", "estimated_time_to_regain_access": 5}]}
    graph_api.error_next(code=80008, headers={"X-Business-Use-Case-Usage": json.dumps(usage)})
    template, content = make_template(org_a, agent, account)

    with pytest.raises(TemporaryProviderError) as raised:
        provider.submit_content(template=template, content=content)

    assert raised.value.retry_after == 300


def test_words_in_the_message_never_make_an_error_temporary(graph_api, provider, org_a, agent, account):
    graph_api.error_next(
        subcode=2388299,
        user_title="Rate limit hit",
        user_msg="Too many requests: you've reached the rate limit for creating templates, try again later.",
    )
    template, content = make_template(org_a, agent, account)

    with pytest.raises(PermanentProviderError):
        provider.submit_content(template=template, content=content)


def test_an_error_whatsapp_marks_transient_is_temporary(graph_api, provider, org_a, agent, account):
    graph_api.error_next(code=100, subcode=2388299, is_transient=True)
    template, content = make_template(org_a, agent, account)

    with pytest.raises(TemporaryProviderError):
        provider.submit_content(template=template, content=content)


def test_a_refusal_is_permanent_with_whatsapps_words_for_the_user(graph_api, provider, org_a, agent, account):
    graph_api.error_next(
        user_title="Message Template Format Error",
        user_msg="The footer of your template can't contain emojis.",
    )
    template, content = make_template(org_a, agent, account)

    with pytest.raises(PermanentProviderError) as raised:
        provider.submit_content(template=template, content=content)

    assert raised.value.message == "Message Template Format Error: The footer of your template can't contain emojis."


def test_without_a_user_message_the_developer_message_is_given_without_its_code(
    graph_api, provider, org_a, agent, account
):
    graph_api.error_next(message="(#100) Param components[1]['text'] must be at most 1024 characters")
    template, content = make_template(org_a, agent, account)

    with pytest.raises(PermanentProviderError) as raised:
        provider.submit_content(template=template, content=content)

    assert raised.value.message == "Param components[1]['text'] must be at most 1024 characters"


def test_the_fakes_own_validation_refusals_are_permanent(graph_api, provider, org_a, agent, account):
    data = {**FULL, "body_examples": ["Budi"]}  # {{2}} without a sample reaches WhatsApp
    template, content = make_template(org_a, agent, account, data)

    with pytest.raises(PermanentProviderError, match="2 variables"):
        provider.submit_content(template=template, content=content)


def test_a_rejected_token_is_permanent_and_says_what_to_do(graph_api, provider, org_a, agent, account):
    account.meta_access_token = "EAAJBsomeoldtokenthatexpired"
    template, content = make_template(org_a, agent, account)

    with pytest.raises(PermanentProviderError, match="access token"):
        provider.submit_content(template=template, content=content)


def _raise_each_way(graph_api, provider, settings, template, content):
    """Every error the provider raises, in one list."""
    errors = []
    faults = [
        lambda: graph_api.fail_next(),
        lambda: graph_api.throttle_next(),
        lambda: graph_api.error_next(message=f"Invalid OAuth access token {ACCESS_TOKEN}"),
        lambda: graph_api.error_next(user_title="Bad", user_msg=f"token={ACCESS_TOKEN} refused", code=4),
        lambda: graph_api.error_next(status=401, code=190, message=f"Token {ACCESS_TOKEN} expired"),
        lambda: graph_api.delay_next(0.5),
    ]
    settings.META_HTTP_TIMEOUT = 0.2
    for queue_fault in faults:
        queue_fault()
        with pytest.raises((TemporaryProviderError, PermanentProviderError)) as raised:
            provider.submit_content(template=template, content=content)
        errors.append(raised.value)
    settings.META_GRAPH_API_URL = "http://127.0.0.1:9"
    with pytest.raises(TemporaryProviderError) as raised:
        provider.submit_content(template=template, content=content)
    errors.append(raised.value)
    return errors


def test_the_access_token_never_appears_in_errors_or_logs(graph_api, provider, settings, caplog, org_a, agent, account):
    template, content = make_template(org_a, agent, account)

    errors = _raise_each_way(graph_api, provider, settings, template, content)

    assert len(errors) == 7
    assert "answered HTTP 500" in caplog.text  # the failures were logged, without the token
    for error in errors:
        shown = [str(error), repr(error), error.message, "".join(traceback.format_exception(error))]
        assert not any(ACCESS_TOKEN in text for text in shown)
    assert ACCESS_TOKEN not in caplog.text


# --- status sync ------------------------------------------------------------
@pytest.fixture
def submission(org_a, agent, account):
    template, _ = make_template(org_a, agent, account)

    def make(provider_template_id):
        submission, _ = Submission.objects.update_or_create(
            template=template,
            language="en_US",
            defaults={"provider": "meta", "provider_template_id": provider_template_id},
        )
        return submission

    return make


@pytest.mark.parametrize(
    ("whatsapp_status", "status"),
    [
        ("APPROVED", "approved"),
        ("REJECTED", "rejected"),
        ("PENDING", "pending"),
        ("IN_APPEAL", "pending"),
        ("PAUSED", "paused"),
        ("DISABLED", "disabled"),
        ("REINSTATED", "approved"),
        ("FLAGGED", None),
        ("PENDING_DELETION", "deleted"),
        ("DELETED", "deleted"),
        ("ARCHIVED", "archived"),
        ("UNARCHIVED", "approved"),
        ("LOCKED", None),
        ("LIMIT_EXCEEDED", None),
    ],
)
def test_fetch_status_maps_whatsapps_status(graph_api, provider, submission, whatsapp_status, status):
    template_id = graph_api.add_template(name="order_update", language="en_US", status=whatsapp_status)

    update = provider.fetch_status(submission=submission(template_id))

    assert update.status == status
    assert update.raw_event == whatsapp_status
    assert update.provider_template_id == template_id
    if whatsapp_status == "FLAGGED":
        assert "flagged" in update.reason


def test_fetch_status_reads_the_reason_quality_and_category(graph_api, provider, submission):
    template_id = graph_api.add_template(name="order_update", language="en_US", status="PENDING")
    graph_api.set_status(template_id, "REJECTED", rejected_reason="INVALID_FORMAT", quality="RED", category="MARKETING")
    before = timezone.now()

    update = provider.fetch_status(submission=submission(template_id))

    assert update == StatusUpdate(
        provider_template_id=template_id,
        occurred_at=update.occurred_at,
        status="rejected",
        reason="INVALID_FORMAT",
        quality="RED",
        category="MARKETING",
        raw_event="REJECTED",
    )
    assert before <= update.occurred_at <= timezone.now()
    [read] = graph_api.requests
    assert (read.method, read.path, read.query) == ("GET", f"/{VERSION}/{template_id}", {"fields": TEMPLATE_FIELDS})
    assert read.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"


def test_fetch_status_of_an_approved_template_has_no_reason(graph_api, provider, submission):
    template_id = graph_api.add_template(name="order_update", language="en_US", status="APPROVED")

    update = provider.fetch_status(submission=submission(template_id))

    assert (update.status, update.reason, update.quality) == ("approved", "", "UNKNOWN")


@pytest.mark.parametrize("provider_template_id", ["", "desk-12"])
def test_fetch_status_without_a_whatsapp_id_asks_nothing(graph_api, provider, submission, provider_template_id):
    assert provider.fetch_status(submission=submission(provider_template_id)) is None
    assert graph_api.requests == []


def test_fetch_status_errors_are_mapped_too(graph_api, provider, submission):
    template_id = graph_api.add_template(name="order_update", language="en_US")
    graph_api.throttle_next(retry_after=12)

    with pytest.raises(TemporaryProviderError) as raised:
        provider.fetch_status(submission=submission(template_id))

    assert raised.value.retry_after == 12
    with pytest.raises(PermanentProviderError):
        provider.fetch_status(submission=submission("999"))  # unknown to WhatsApp


# --- webhook: subscription handshake -----------------------------------------
def hub(mode="subscribe", token=VERIFY_TOKEN, challenge="1158201444"):
    params = {"hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge}
    return {key: value for key, value in params.items() if value is not None}


def test_the_handshake_answers_the_challenge():
    assert verify_handshake(hub()) == "1158201444"


@pytest.mark.parametrize(
    "params",
    [
        hub(token="not-the-token"),
        hub(token=VERIFY_TOKEN + "x"),
        hub(token=None),
        hub(mode="unsubscribe"),
        hub(mode=None),
        hub(challenge=None),
        hub(challenge="<script>alert(1)</script>"),
        {},
    ],
)
def test_the_handshake_refuses_anything_else(params):
    with pytest.raises(WebhookRejected):
        verify_handshake(params)


def test_an_empty_configured_verify_token_never_matches(settings):
    settings.META_WEBHOOK_VERIFY_TOKEN = ""

    with pytest.raises(WebhookRejected):
        verify_handshake(hub(token=""))


# --- webhook: signature ----------------------------------------------------
def test_a_signed_body_is_accepted():
    body, headers = signed_webhook(webhook_payload(webhook_entry(status_change(1, "APPROVED"))), APP_SECRET)

    verify_signature(body, headers["X-Hub-Signature-256"])
    verify_signature(body, headers["X-Hub-Signature-256"].upper().replace("SHA256=", "sha256="))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda body, sig: (body, signed_webhook(json.loads(body), "another-secret")[1]["X-Hub-Signature-256"]),
        lambda body, sig: (body.replace(b"APPROVED", b"REJECTED"), sig),
        lambda body, sig: (body, None),
        lambda body, sig: (body, ""),
        lambda body, sig: (body, sig.removeprefix("sha256=")),
        lambda body, sig: (body, sig.replace("sha256=", "sha1=")),
        lambda body, sig: (body, "sha256="),
        lambda body, sig: (body, sig[:-1]),
        lambda body, sig: (body, sig + "é"),
    ],
)
def test_a_forged_missing_or_malformed_signature_is_refused(tamper):
    body, headers = signed_webhook(webhook_payload(webhook_entry(status_change(1, "APPROVED"))), APP_SECRET)
    body, signature = tamper(body, headers["X-Hub-Signature-256"])

    with pytest.raises(WebhookRejected):
        verify_signature(body, signature)


def test_an_empty_app_secret_never_matches(settings):
    settings.META_APP_SECRET = ""
    body, headers = signed_webhook(webhook_payload(), "")

    with pytest.raises(WebhookRejected):
        verify_signature(body, headers["X-Hub-Signature-256"])


# --- webhook: parsing -------------------------------------------------------
def at(seconds):
    return datetime.fromtimestamp(seconds, tz=UTC)


def body_of(*entries):
    return json.dumps(webhook_payload(*entries)).encode()


def test_a_status_update_is_parsed():
    body = body_of(webhook_entry(status_change(1689556908129832, "APPROVED"), time=1739321024))

    assert parse_webhook(body) == [
        StatusUpdate(
            provider_template_id="1689556908129832",
            occurred_at=at(1739321024),
            status="approved",
            reason="",
            raw_event="APPROVED",
            waba_id=WABA_ID,
        )
    ]


def test_a_rejection_keeps_the_reason_code_and_whatsapps_explanation():
    rejection = {"reason": "Variables can't be at the start.", "recommendation": "Add words before {{1}}."}
    body = body_of(
        webhook_entry(status_change(7, "REJECTED", reason="INVALID_FORMAT", rejection_info=rejection), time=1751247548)
    )

    [update] = parse_webhook(body)

    assert update.status == "rejected"
    assert update.reason == "INVALID_FORMAT: Variables can't be at the start. Add words before {{1}}."


def test_a_pause_keeps_whatsapps_title_and_description():
    other = {"title": "FIRST_PAUSE", "description": "Your WhatsApp message template has been paused for 3 hours."}
    [update] = parse_webhook(body_of(webhook_entry(status_change(7, "PAUSED", other_info=other))))

    assert (update.status, update.reason) == (
        "paused",
        "FIRST_PAUSE Your WhatsApp message template has been paused for 3 hours.",
    )


def test_a_flag_keeps_the_status_and_says_why():
    [update] = parse_webhook(body_of(webhook_entry(status_change(7, "FLAGGED"))))

    assert update.status is None
    assert "flagged" in update.reason
    assert update.raw_event == "FLAGGED"


def test_an_unknown_event_is_passed_on_without_a_status():
    [update] = parse_webhook(body_of(webhook_entry(status_change(7, "SOMETHING_NEW", reason=None))))

    assert (update.status, update.reason, update.raw_event) == (None, "", "SOMETHING_NEW")


def test_category_and_quality_updates_are_parsed():
    body = body_of(
        webhook_entry(
            category_change(7, previous="UTILITY", new="MARKETING"),
            quality_change(7, previous="GREEN", new="YELLOW"),
            time=1746169200,
        )
    )

    assert parse_webhook(body) == [
        StatusUpdate(
            provider_template_id="7",
            occurred_at=at(1746169200),
            category="MARKETING",
            raw_event="template_category_update",
            waba_id=WABA_ID,
        ),
        StatusUpdate(
            provider_template_id="7",
            occurred_at=at(1746169200),
            quality="YELLOW",
            raw_event="message_template_quality_update",
            waba_id=WABA_ID,
        ),
    ]


def test_a_category_change_announced_ahead_says_what_is_coming():
    notice = {
        "field": "template_category_update",
        "value": {
            "message_template_id": 7,
            "message_template_name": "order_update",
            "message_template_language": "en_US",
            "correct_category": "MARKETING",
            "new_category": "UTILITY",
            "category_update_timestamp": 1760711433,
        },
    }
    [update] = parse_webhook(body_of(webhook_entry(notice)))

    assert update.category == "UTILITY"  # still its category until the change happens
    assert "MARKETING" in update.reason


def test_other_fields_are_ignored():
    messages = {"field": "messages", "value": {"messaging_product": "whatsapp", "statuses": []}}

    assert parse_webhook(body_of(webhook_entry(messages))) == []
    assert parse_webhook(body_of()) == []


def test_duplicated_and_out_of_order_entries_are_parsed_faithfully():
    later = webhook_entry(status_change(7, "REJECTED", reason="SCAM"), time=1700000200)
    earlier = webhook_entry(status_change(7, "APPROVED"), time=1700000100)
    body = body_of(later, earlier, later)

    updates = parse_webhook(body)

    assert [(u.status, u.occurred_at) for u in updates] == [
        ("rejected", at(1700000200)),
        ("approved", at(1700000100)),
        ("rejected", at(1700000200)),
    ]


def test_a_missing_or_odd_time_falls_back_to_now():
    entry = webhook_entry(status_change(7, "APPROVED"))
    for odd in (None, "1700000000", True, -5, 1e300):
        entry["time"] = odd
        before = timezone.now()
        [update] = parse_webhook(body_of(entry))
        assert before <= update.occurred_at <= timezone.now() + timedelta(seconds=1)


@pytest.mark.parametrize(
    "change",
    [
        {"field": "message_template_status_update", "value": ["not", "an", "object"]},
        {"field": "message_template_status_update", "value": None},
        {"field": "message_template_status_update", "value": {"event": "APPROVED", "message_template_id": {"id": 7}}},
        {"field": "message_template_status_update", "value": {"event": "APPROVED", "message_template_id": True}},
        {"field": "message_template_status_update", "value": {"event": "APPROVED", "message_template_id": "7; DROP"}},
        {"field": "message_template_status_update", "value": {"event": "APPROVED", "message_template_id": 7.5}},
        {"field": "message_template_status_update", "value": {"event": 5, "message_template_id": 7}},
        {"field": "message_template_status_update", "value": {"message_template_id": 7}},
        {"field": "template_category_update", "value": {"message_template_id": 7, "new_category": ["MARKETING"]}},
        {"field": "message_template_quality_update", "value": {"message_template_id": 7, "new_quality_score": 3}},
        {"field": ["message_template_status_update"], "value": {"event": "APPROVED", "message_template_id": 7}},
        "message_template_status_update",
        None,
    ],
)
def test_a_change_with_wrong_types_is_skipped_without_raising(change):
    good = status_change(8, "APPROVED")
    body = body_of(webhook_entry(change, good))

    assert [u.provider_template_id for u in parse_webhook(body)] == ["8"]


def test_odd_reason_details_are_skipped_but_the_update_kept():
    change = status_change(7, "REJECTED", reason=["SCAM"], rejection_info="not an object", other_info={"title": 3})

    [update] = parse_webhook(body_of(webhook_entry(change)))

    assert (update.status, update.reason) == ("rejected", "")


def test_odd_entries_are_skipped():
    body = json.dumps({"entry": [None, "x", {"changes": "x"}, {"time": 1}, webhook_entry(status_change(8, "PAUSED"))]})

    assert [u.status for u in parse_webhook(body.encode())] == ["paused"]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'"entry"',
        b"null",
        b"{}",
        b'{"entry": {}}',
        b'{"entry": "x"}',
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="nested-too-deeply"),
    ],
)
def test_a_malformed_body_is_a_value_error(body):
    with pytest.raises(ValueError):
        parse_webhook(body)
