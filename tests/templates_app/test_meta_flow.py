"""Flow C with the WhatsApp Business Platform: the task, the webhook and the sync against a fake Graph API."""

import hashlib
import hmac
import time

import pytest

from templates_app.models import Status, Template
from templates_app.services import template_digest, template_submit
from templates_app.submission import submission_run
from tests.factories import ChannelAccountFactory
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
from tests.templates_app.builders import new_template

SECRET = "app-secret-for-tests"
HOOK = "/webhooks/whatsapp/"


@pytest.fixture
def meta_account(org_a):
    return ChannelAccountFactory(
        organization=org_a, provider="meta", waba_id=WABA_ID, meta_app_id=APP_ID, meta_access_token=ACCESS_TOKEN
    )


@pytest.fixture(autouse=True)
def meta_settings(settings):
    settings.META_APP_SECRET = SECRET
    settings.META_WEBHOOK_VERIFY_TOKEN = "verify-me"


def _submit(template, actor, capture):
    with capture(execute=True):
        template_submit(template=template, actor=actor, fingerprint=template_digest(template))
    return Template.objects.get(pk=template.pk)


def _hook(client, *entries, secret=SECRET):
    body, headers = signed_webhook(webhook_payload(*entries), secret)
    return client.post(HOOK, body, content_type="application/json", headers=headers)


def test_a_submitted_template_reaches_whatsapp_once_per_language(
    org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    template = _submit(
        new_template(org_a, agent, meta_account, languages=["en_US", "id"]), agent, django_capture_on_commit_callbacks
    )
    assert template.status == Status.PENDING
    created = graph_api.created_templates
    assert sorted(t["language"] for t in created) == ["en_US", "id"]
    assert {t["name"] for t in created} == {"order_update"}
    ids = set(template.submissions.values_list("provider_template_id", flat=True))
    assert ids == set(graph_api.templates)

    # The same task delivered again sends nothing.
    Template.objects.filter(pk=template.pk).update(status=Status.SUBMITTING)
    submission_run(template_id=template.pk)
    assert len(graph_api.created_templates) == 2


def test_a_5xx_is_retried_and_then_succeeds(org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks):
    graph_api.fail_next(status=500, match="message_templates")
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    assert template.status == Status.PENDING
    assert len(graph_api.creation_requests) == 2  # one failed, one accepted


def test_a_429_waits_as_long_as_whatsapp_asks(org_a, agent, meta_account, graph_api):
    template = new_template(org_a, agent, meta_account)
    Template.objects.filter(pk=template.pk).update(status=Status.SUBMITTING)
    graph_api.throttle_next(retry_after=30, match="message_templates")
    outcome = submission_run(template_id=template.pk)
    assert (outcome.done, outcome.retry_in) == (False, 30)
    template.refresh_from_db()
    assert template.status == Status.SUBMITTING and "retrying" in template.status_reason
    assert template.claimed_at is None  # free for the retry


def test_a_timeout_is_temporary(org_a, agent, meta_account, graph_api, settings):
    settings.META_HTTP_TIMEOUT = 0.3
    template = new_template(org_a, agent, meta_account)
    Template.objects.filter(pk=template.pk).update(status=Status.SUBMITTING)
    graph_api.delay_next(1.0, match="message_templates")
    outcome = submission_run(template_id=template.pk)
    assert not outcome.done and outcome.retry_in > 0


def test_a_4xx_ends_in_submission_failed_with_whatsapps_message(
    org_a, agent, meta_account, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    graph_api.error_next(
        400,
        code=100,
        subcode=2388023,
        message="Invalid parameter",
        user_title="Message Template Language Is Being Deleted",
        user_msg="New English (US) content can't be added while the existing English (US) content is being deleted.",
        match="message_templates",
    )
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    assert template.status == Status.FAILED
    assert "is being deleted" in template.status_reason
    assert len(graph_api.creation_requests) == 1  # no retry of a permanent refusal
    assert mailoutbox[-1].subject == "Your template order_update could not be submitted"


def test_a_name_taken_on_whatsapp_by_other_content_ends_in_submission_failed(
    org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    existing = graph_api.add_template(
        name="order_update", language="en_US", status="APPROVED", components=[{"type": "BODY", "text": "Win a prize!"}]
    )
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    assert template.status == Status.FAILED
    assert template.status_reason == (
        "A template with this name and language already exists on WhatsApp with different content: "
        "duplicate it under another name."
    )
    assert not template.submissions.filter(provider_template_id=existing).exists()
    assert graph_api.templates[existing]["components"] == [{"type": "BODY", "text": "Win a prize!"}]


def test_retries_give_up_after_the_limit(
    org_a, agent, meta_account, graph_api, settings, django_capture_on_commit_callbacks
):
    settings.SUBMISSION_MAX_RETRIES = 2
    graph_api.fail_next(times=10, status=503, match="message_templates")
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    assert template.status == Status.FAILED
    assert template.status_reason.startswith("Gave up after 3 tries")
    assert len(graph_api.creation_requests) == 3


def test_the_webhook_handshake(client, db):
    ok = client.get(HOOK, {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"})
    assert ok.status_code == 200 and ok.content == b"1158201444"
    wrong = client.get(HOOK, {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"})
    assert wrong.status_code == 403


def test_webhook_updates_move_the_template_and_email_the_creator(
    client, org_a, agent, meta_account, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    with django_capture_on_commit_callbacks(execute=True):
        response = _hook(client, webhook_entry(status_change(template_id, "APPROVED")))
    assert response.status_code == 200
    template.refresh_from_db()
    assert template.status == Status.APPROVED
    assert mailoutbox[-1].subject == "Your template order_update is approved"
    assert list(template.events.values_list("status", "source"))[-1] == ("approved", "webhook")

    now = int(time.time())
    _hook(client, webhook_entry(quality_change(template_id, previous="GREEN", new="YELLOW"), time=now + 1))
    _hook(client, webhook_entry(category_change(template_id, previous="UTILITY", new="MARKETING"), time=now + 2))
    template.refresh_from_db()
    assert (template.quality, template.provider_category) == ("YELLOW", "MARKETING")


def test_forged_unsigned_and_malformed_webhooks_change_nothing(
    client, org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    assert _hook(client, webhook_entry(status_change(template_id, "APPROVED")), secret="forged").status_code == 403
    unsigned = client.post(HOOK, b'{"entry": []}', content_type="application/json")
    assert unsigned.status_code == 403
    garbage = b"not json"
    signature = "sha256=" + hmac.new(SECRET.encode(), garbage, hashlib.sha256).hexdigest()
    bad = client.post(HOOK, garbage, content_type="application/json", headers={"X-Hub-Signature-256": signature})
    assert bad.status_code == 400
    assert Template.objects.get(pk=template.pk).status == Status.PENDING


def test_a_webhook_naming_another_account_changes_nothing(
    client, org_a, agent, meta_account, graph_api, caplog, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    other_waba = "109876543210987"
    response = _hook(client, webhook_entry(status_change(template_id, "APPROVED"), waba_id=other_waba))
    assert response.status_code == 200  # acknowledged, so WhatsApp does not deliver it again
    no_account = webhook_entry(status_change(template_id, "APPROVED"))
    del no_account["id"]
    _hook(client, no_account)
    template.refresh_from_db()
    assert template.status == Status.PENDING
    assert not template.events.filter(status=Status.APPROVED).exists()
    assert f"template {template_id} for account {other_waba}" in caplog.text

    _hook(client, webhook_entry(status_change(template_id, "APPROVED")))  # its own account: applied
    template.refresh_from_db()
    assert template.status == Status.APPROVED


def test_a_webhook_of_a_review_desk_account_with_the_same_id_changes_nothing(
    client, org_a, agent, graph_api, django_capture_on_commit_callbacks
):
    desk = ChannelAccountFactory(organization=org_a, provider="review_desk", waba_id=WABA_ID)
    template = _submit(new_template(org_a, agent, desk), agent, django_capture_on_commit_callbacks)
    # Its review desk id made to look like a WhatsApp one: still not WhatsApp's to decide.
    template.submissions.update(provider_template_id="1689556908120000")
    response = _hook(client, webhook_entry(status_change("1689556908120000", "APPROVED")))
    assert response.status_code == 200
    assert Template.objects.get(pk=template.pk).status == Status.PENDING


def test_duplicate_and_out_of_order_events_are_settled_by_time(
    client, org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    now = int(time.time())
    rejected = webhook_entry(status_change(template_id, "REJECTED", reason="INVALID_FORMAT"), time=now + 10)
    late_pending = webhook_entry(status_change(template_id, "PENDING"), time=now + 5)
    _hook(client, rejected)
    _hook(client, rejected)  # delivered twice
    _hook(client, late_pending)  # an older event arriving last
    template.refresh_from_db()
    assert template.status == Status.REJECTED
    assert template.status_reason.startswith("INVALID_FORMAT")
    assert list(template.events.values_list("status", flat=True)).count("rejected") == 1


def test_the_periodic_sync_catches_a_missed_webhook(
    org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    from templates_app.tasks import sync_template_statuses

    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    graph_api.set_status(template_id, "APPROVED", quality="GREEN")
    with django_capture_on_commit_callbacks(execute=True):
        assert sync_template_statuses.delay().get() == 1
    template.refresh_from_db()
    assert template.status == Status.APPROVED
    assert list(template.events.values_list("source", flat=True))[-1] == "sync"


def test_admins_can_press_sync_status(
    admin_client, agent_client, org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    graph_api.set_status(template_id, "REJECTED", rejected_reason="TAG_CONTENT_MISMATCH")
    url = f"/broadcast/templates/{template.pk}/sync/"
    assert agent_client.post(url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url)
    template.refresh_from_db()
    assert template.status == Status.REJECTED and "TAG_CONTENT_MISMATCH" in template.status_reason


# --- what the real API does that a first fake did not ----------------------
def test_later_languages_go_with_the_category_whatsapp_gave_the_first(
    org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    graph_api.recategorise["order_update"] = "MARKETING"
    template = _submit(
        new_template(org_a, agent, meta_account, languages=["en_US", "id"]), agent, django_capture_on_commit_callbacks
    )
    assert template.status == Status.PENDING
    assert [t["category"] for t in graph_api.created_templates] == ["UTILITY", "MARKETING"]
    assert template.provider_category == "MARKETING"


def test_instant_approval_at_creation_is_shown_at_once(
    org_a, agent, meta_account, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    graph_api.approve_instantly = True
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    assert template.status == Status.APPROVED


def test_the_hourly_creation_limit_is_counted_per_whatsapp_business_account(
    org_a, agent, meta_account, graph_api, settings
):
    settings.SUBMISSIONS_PER_HOUR = 1
    second_number = ChannelAccountFactory(
        organization=org_a, provider="meta", waba_id=WABA_ID, meta_app_id=APP_ID, meta_access_token=ACCESS_TOKEN
    )
    first = new_template(org_a, agent, meta_account)
    waiting = new_template(org_a, agent, second_number, name="order_update_two")
    template_submit(template=first, actor=agent, fingerprint=template_digest(first))
    template_submit(template=waiting, actor=agent, fingerprint=template_digest(waiting))
    assert submission_run(template_id=first.pk).done
    outcome = submission_run(template_id=waiting.pk)
    assert not outcome.done and outcome.retry_in > 0
    assert "new templates an hour" in Template.objects.get(pk=waiting.pk).status_reason
    assert len(graph_api.created_templates) == 1


@pytest.mark.parametrize(
    ("event", "status"),
    [
        ("APPROVED", Status.APPROVED),
        ("REJECTED", Status.REJECTED),
        ("PAUSED", Status.PAUSED),
        ("DISABLED", Status.DISABLED),
        ("ARCHIVED", Status.ARCHIVED),
        ("PENDING_DELETION", Status.DELETED),
        ("DELETED", Status.DELETED),
        ("IN_APPEAL", Status.PENDING),
    ],
)
def test_every_status_event_moves_the_template(
    client, org_a, agent, meta_account, graph_api, event, status, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    _hook(client, webhook_entry(status_change(template_id, event)))
    assert Template.objects.get(pk=template.pk).status == status


def test_archived_then_unarchived_is_approved_again_with_both_on_the_timeline(
    client, org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    now = int(time.time())
    _hook(client, webhook_entry(status_change(template_id, "APPROVED"), time=now))
    _hook(client, webhook_entry(status_change(template_id, "ARCHIVED"), time=now + 1))
    assert Template.objects.get(pk=template.pk).status == Status.ARCHIVED
    _hook(client, webhook_entry(status_change(template_id, "UNARCHIVED"), time=now + 2))
    template.refresh_from_db()
    assert template.status == Status.APPROVED
    assert list(template.events.values_list("status", flat=True))[-3:] == ["approved", "archived", "approved"]
    assert "unarchived" in template.events.last().reason


@pytest.mark.parametrize("event", ["FLAGGED", "LOCKED", "LIMIT_EXCEEDED"])
def test_events_that_keep_the_status_are_noted_on_the_timeline(
    client, org_a, agent, meta_account, graph_api, event, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    _hook(client, webhook_entry(status_change(template_id, event)))
    template.refresh_from_db()
    assert template.status == Status.PENDING
    assert template.events.last().reason.startswith("en_US: ")


def test_a_category_change_announced_ahead_is_on_the_timeline(
    client, org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    notice = {
        "field": "template_category_update",
        "value": {
            "message_template_id": int(template_id),
            "message_template_name": "order_update",
            "message_template_language": "en_US",
            "correct_category": "MARKETING",
            "new_category": "UTILITY",
        },
    }
    _hook(client, webhook_entry(notice))
    template.refresh_from_db()
    assert template.provider_category == ""  # not changed yet
    assert template.events.last().reason == "en_US: WhatsApp will re-categorise this template as MARKETING."


# --- one app secret per account ---------------------------------------------
def test_an_accounts_own_app_secret_signs_its_webhooks(
    client, org_a, org_b, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    meta_account.meta_app_secret = "secret-of-account-a"
    meta_account.save()
    ChannelAccountFactory(
        organization=org_b, provider="meta", waba_id="109999999999999", meta_app_secret="secret-of-account-b"
    )
    template = _submit(new_template(org_a, agent, meta_account), agent, django_capture_on_commit_callbacks)
    (template_id,) = graph_api.templates
    approve = webhook_entry(status_change(template_id, "APPROVED"))

    assert _hook(client, approve, secret=SECRET).status_code == 403  # the default no longer speaks for it
    assert _hook(client, approve, secret="secret-of-account-b").status_code == 403  # another tenant's secret
    both = webhook_entry(status_change(template_id, "APPROVED"), waba_id="109999999999999")
    assert _hook(client, approve, both, secret="secret-of-account-b").status_code == 403
    assert Template.objects.get(pk=template.pk).status == Status.PENDING

    assert _hook(client, approve, secret="secret-of-account-a").status_code == 200
    assert Template.objects.get(pk=template.pk).status == Status.APPROVED


def test_without_any_secret_every_webhook_is_refused(client, settings, meta_account, db):
    settings.META_APP_SECRET = ""
    assert _hook(client, webhook_entry(status_change(1, "APPROVED")), secret="").status_code == 403
