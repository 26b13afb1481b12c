"""A connected account's secrets and disconnecting it: the admin's code when the toggle is on, audited,
and a disconnected account's templates read-only."""

import re

import pytest

from accounts.models import ChannelAccount, ChannelAccountEvent
from security_settings.services import broadcast_template_otp_enable
from templates_app.models import Status, Template
from templates_app.services import TemplateError, template_create, template_digest, template_send_again, template_submit
from templates_app.whatsapp_accounts import (
    ConnectionRefused,
    channel_account_disconnect,
    channel_account_secrets_change,
)
from templates_app.whatsapp_sync import account_status_sync, account_templates_import
from tests.factories import ChannelAccountFactory
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, APP_SECRET, WABA_ID
from tests.templates_app.builders import new_template

CODE_RE = re.compile(r"(?<!\d)\d{6}(?!\d)")
NEW_TOKEN = "EAAJBfakeRotatedSystemUserToken9Zx"
SECRETS_STEPS = ("secrets/", "secrets/confirm/", "secrets/verify/", "secrets/resend/", "secrets/cancel/")
DISCONNECT_STEPS = (
    "disconnect/",
    "disconnect/confirm/",
    "disconnect/verify/",
    "disconnect/resend/",
    "disconnect/cancel/",
)


@pytest.fixture
def meta_account(org_a):
    return ChannelAccountFactory(
        organization=org_a,
        display_name="Acme WhatsApp",
        provider="meta",
        waba_id=WABA_ID,
        meta_app_id=APP_ID,
        meta_access_token=ACCESS_TOKEN,
        meta_app_secret=APP_SECRET,
    )


@pytest.fixture
def new_token(graph_api):
    graph_api.add_account(waba_id=WABA_ID, app_id=APP_ID, access_token=NEW_TOKEN)
    return NEW_TOKEN


def url(account, path=""):
    return f"/settings/channels/{account.pk}/{path}"


def last_code(mailoutbox, address):
    mail = [m for m in mailoutbox if address in m.to and "verification code" in m.subject][-1]
    (code,) = set(CODE_RE.findall(mail.body))
    return code


def stored(account):
    return ChannelAccount.objects.get(pk=account.pk)


# --- secrets ---------------------------------------------------------------------
def test_a_new_token_is_checked_live_saved_and_audited(admin_client, admin, meta_account, new_token, graph_api):
    page = admin_client.get(url(meta_account, "secrets/")).content.decode()
    assert "New system user access token" in page and ACCESS_TOKEN not in page and APP_SECRET not in page

    response = admin_client.post(url(meta_account, "secrets/"), {"access_token": new_token})
    assert response.status_code == 302
    assert (stored(meta_account).meta_access_token, stored(meta_account).meta_app_secret) == (new_token, APP_SECRET)
    assert any(r.access_token == new_token for r in graph_api.requests_to("POST", "/subscribed_apps"))
    [event] = ChannelAccountEvent.objects.filter(account=meta_account, action="secrets_changed")
    assert event.actor == admin and event.details == "Changed: access token" and event.ip == "127.0.0.1"
    detail = admin_client.get(url(meta_account)).content.decode()
    assert new_token not in detail and "Changed the app secret or access token" in detail


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"access_token": "EAAJBwrong"}, "did not accept the access token"),
        ({"app_secret": "not-the-secret"}, "The app secret does not belong"),
        ({}, "Enter a new app secret, a new access token, or both."),
    ],
    ids=["bad-token", "bad-secret", "nothing"],
)
def test_refused_secrets_are_named_and_nothing_changes(admin_client, meta_account, graph_api, data, message):
    response = admin_client.post(url(meta_account, "secrets/"), data)
    assert response.status_code == 422 and message in response.content.decode()
    assert (stored(meta_account).meta_access_token, stored(meta_account).meta_app_secret) == (ACCESS_TOKEN, APP_SECRET)
    assert not ChannelAccountEvent.objects.filter(action="secrets_changed").exists()


def test_with_the_toggle_on_secrets_change_only_after_the_admins_code(
    admin_client, admin, org_a, meta_account, new_token, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    # Without a code: no form, a post changes nothing and nothing is tried at WhatsApp.
    page = admin_client.get(url(meta_account, "secrets/")).content.decode()
    assert "Send code" in page and "New system user access token" not in page
    admin_client.post(url(meta_account, "secrets/"), {"access_token": new_token})
    with pytest.raises(ConnectionRefused, match="Verify the code"):
        channel_account_secrets_change(account=meta_account, actor=admin, access_token=new_token)
    assert stored(meta_account).meta_access_token == ACCESS_TOKEN and graph_api.requests == []

    with django_capture_on_commit_callbacks(execute=True):
        dialog = admin_client.post(url(meta_account, "secrets/confirm/"))
    assert "Enter the code to change the app secret or access token of “Acme WhatsApp”." in dialog.content.decode()
    code = last_code(mailoutbox, admin.email)
    wrong = admin_client.post(url(meta_account, "secrets/verify/"), {"code": "000000" if code != "000000" else "1"})
    assert wrong.status_code == 422
    assert "Send code" in admin_client.get(url(meta_account, "secrets/")).content.decode()

    assert admin_client.post(url(meta_account, "secrets/verify/"), {"code": code}).status_code == 303
    assert "New system user access token" in admin_client.get(url(meta_account, "secrets/")).content.decode()
    admin_client.post(url(meta_account, "secrets/"), {"access_token": new_token})
    assert stored(meta_account).meta_access_token == new_token
    # The code is used up: the next change needs a new one.
    assert "Send code" in admin_client.get(url(meta_account, "secrets/")).content.decode()


def test_a_code_verified_for_another_account_does_not_unlock_this_one(
    admin_client, admin, org_a, meta_account, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    other = ChannelAccountFactory(
        organization=org_a, provider="meta", waba_id="1", meta_app_id=APP_ID, meta_access_token="t"
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url(other, "secrets/confirm/"))
    admin_client.post(url(other, "secrets/verify/"), {"code": last_code(mailoutbox, admin.email)})
    assert "Send code" in admin_client.get(url(meta_account, "secrets/")).content.decode()
    with pytest.raises(ConnectionRefused):
        channel_account_secrets_change(account=meta_account, actor=admin, access_token="EAAJBx")


# --- disconnect -----------------------------------------------------------------
def test_disconnecting_says_what_it_means_then_keeps_the_templates_read_only(
    admin_client, agent_client, admin, agent, org_a, meta_account, graph_api, django_capture_on_commit_callbacks
):
    graph_api.add_template(name="welcome", language="en_US")
    account_templates_import(account_id=meta_account.pk, actor_id=admin.pk)
    draft = new_template(org_a, agent, meta_account, name="later")

    dialog = admin_client.post(url(meta_account, "disconnect/")).content.decode()
    assert "read-only" in dialog and "Disconnect" in dialog
    assert stored(meta_account).disconnected_at is None
    admin_client.post(url(meta_account, "disconnect/confirm/"))

    account = stored(meta_account)
    assert account.disconnected_at is not None and account.meta_access_token == ""
    assert account.meta_app_secret == APP_SECRET  # its webhooks are still checked
    [event] = ChannelAccountEvent.objects.filter(account=meta_account, action="disconnected")
    assert event.actor == admin
    # Its templates stay, read-only.
    imported = Template.objects.get(name="welcome")
    assert imported.status == Status.APPROVED
    page = admin_client.get(f"/broadcast/templates/{imported.pk}/").content.decode()
    assert "Delete from WhatsApp" not in page and "Sync status" not in page
    # The wizard no longer offers it, and the services refuse it.
    wizard = agent_client.get("/broadcast/templates/new/").content.decode()
    assert "Acme WhatsApp" not in wizard
    response = agent_client.post(
        "/broadcast/templates/new/",
        {"channel_account": meta_account.pk, "name": "new_one", "category": "UTILITY", "languages": ["en_US"]},
    )
    assert response.status_code == 422 and not Template.objects.filter(name="new_one").exists()
    with pytest.raises(TemplateError, match="disconnected"):
        template_create(
            organization=org_a, actor=agent, channel_account=account, name="x", category="UTILITY", languages=["id"]
        )
    with pytest.raises(TemplateError, match="disconnected"):
        template_submit(template=draft, actor=agent, fingerprint=template_digest(draft))
    assert Template.objects.get(pk=draft.pk).status == Status.DRAFT
    # Nothing more is asked of WhatsApp for it.
    graph_api.requests.clear()
    assert account_status_sync(account_id=account.pk) == 0
    assert account_templates_import(account_id=account.pk, actor_id=admin.pk).templates == 0
    admin_client.post(url(meta_account, "import/"))
    assert graph_api.requests == []


def test_a_failed_template_of_a_disconnected_account_cannot_be_retried(admin, org_a, agent, meta_account, graph_api):
    template = new_template(org_a, agent, meta_account)
    channel_account_disconnect(account=meta_account, actor=admin)
    Template.objects.filter(pk=template.pk).update(status=Status.FAILED)
    with pytest.raises(TemplateError, match="disconnected"):
        template_send_again(template=Template.objects.get(pk=template.pk), actor=admin)
    assert Template.objects.get(pk=template.pk).status == Status.FAILED


def test_with_the_toggle_on_disconnecting_needs_the_admins_code(
    admin_client, admin, org_a, meta_account, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    with pytest.raises(ConnectionRefused, match="Verify the code"):
        channel_account_disconnect(account=meta_account, actor=admin)
    with django_capture_on_commit_callbacks(execute=True):
        dialog = admin_client.post(url(meta_account, "disconnect/confirm/"))
    assert "Enter the code to disconnect “Acme WhatsApp”." in dialog.content.decode()
    assert stored(meta_account).disconnected_at is None
    code = last_code(mailoutbox, admin.email)
    wrong = admin_client.post(url(meta_account, "disconnect/verify/"), {"code": "000000" if code != "000000" else "1"})
    assert wrong.status_code == 422
    assert stored(meta_account).disconnected_at is None
    admin_client.post(url(meta_account, "disconnect/verify/"), {"code": code})
    assert stored(meta_account).disconnected_at is not None


@pytest.mark.parametrize("step", SECRETS_STEPS + DISCONNECT_STEPS)
def test_agents_reviewers_and_other_organizations_cannot_change_or_disconnect(
    agent_client, reviewer_client, outsider_client, meta_account, new_token, graph_api, step
):
    data = {"access_token": new_token, "code": "123456"}
    assert agent_client.post(url(meta_account, step), data).status_code == 403
    assert reviewer_client.post(url(meta_account, step), data).status_code == 403
    assert outsider_client.post(url(meta_account, step), data).status_code == 404
    account = stored(meta_account)
    assert (account.meta_access_token, account.disconnected_at) == (ACCESS_TOKEN, None)
    assert graph_api.requests == []
