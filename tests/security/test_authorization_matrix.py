"""Every URL the product serves x every role x an outsider x anonymous, built from the URLconf itself.

A new URL without a row here fails `test_every_url_has_a_row`: whoever adds a
page writes down who may open it.
"""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import DevMail, Membership
from team.models import Invitation
from templates_app.services import content_media_attach
from tests.templates_app.builders import PNG, new_template

LOGIN = "login"  # a redirect to the login page

# name -> expected GET status for (anonymous, admin, agent, reviewer, outsider).
# The outsider is an Admin of another organization: 404 for this organization's objects.
MATRIX = {
    "login": (200, 302, 302, 302, 302),
    "logout": (405, 405, 405, 405, 405),
    "password_reset": (200, 200, 200, 200, 200),
    "password_reset_done": (200, 200, 200, 200, 200),
    "password_reset_confirm": (200, 200, 200, 200, 200),
    "password_reset_complete": (200, 200, 200, 200, 200),
    "organization_switch": (405, 405, 405, 405, 405),
    "language_switch": (405, 405, 405, 405, 405),
    "javascript_catalog": (200, 200, 200, 200, 200),
    "channel_account_list": (LOGIN, 200, 403, 403, 200),
    "channel_account_detail": (LOGIN, 200, 403, 403, 404),
    "channel_connect": (LOGIN, 200, 403, 403, 200),
    "channel_phone_number": (LOGIN, 302, 403, 403, 404),
    "channel_import": (LOGIN, 405, 403, 403, 405),
    "channel_secrets": (LOGIN, 303, 403, 403, 404),
    "channel_secrets_confirm": (LOGIN, 405, 403, 403, 405),
    "channel_secrets_verify": (LOGIN, 405, 403, 403, 405),
    "channel_secrets_resend": (LOGIN, 405, 403, 403, 405),
    "channel_secrets_cancel": (LOGIN, 405, 403, 403, 405),
    "channel_disconnect": (LOGIN, 405, 403, 403, 405),
    "channel_disconnect_confirm": (LOGIN, 405, 403, 403, 405),
    "channel_disconnect_verify": (LOGIN, 405, 403, 403, 405),
    "channel_disconnect_resend": (LOGIN, 405, 403, 403, 405),
    "channel_disconnect_cancel": (LOGIN, 405, 403, 403, 405),
    "dev_mailbox": (404, 404, 404, 404, 404),
    "dev_mailbox_message": (404, 404, 404, 404, 404),
    "dashboard": (LOGIN, 200, 200, 200, 200),
    "healthz": (200, 200, 200, 200, 200),
    "whatsapp_webhook": (403, 403, 403, 403, 403),
    "security": (LOGIN, 200, 403, 403, 200),
    "security_toggle_confirm": (LOGIN, 200, 403, 403, 200),
    "security_toggle_verify": (LOGIN, 405, 403, 403, 405),
    "security_toggle_resend": (LOGIN, 405, 403, 403, 405),
    "security_toggle_cancel": (LOGIN, 405, 403, 403, 405),
    "security_code_lock_release": (LOGIN, 405, 403, 403, 405),
    "template_list": (LOGIN, 200, 200, 200, 200),
    "template_new": (LOGIN, 200, 200, 403, 200),
    "template_advisor_rules": (LOGIN, 200, 200, 200, 200),
    "template_detail": (LOGIN, 200, 200, 200, 404),
    "template_details_edit": (LOGIN, 200, 200, 403, 404),
    "template_edit": (LOGIN, 200, 200, 403, 404),
    "template_content": (LOGIN, 405, 405, 403, 405),
    "template_media_upload": (LOGIN, 405, 405, 403, 405),
    "template_media_remove": (LOGIN, 405, 405, 403, 405),
    "template_media_sample": (LOGIN, 200, 200, 200, 404),
    "template_submit_start": (LOGIN, 405, 405, 403, 405),
    "template_submit_confirm": (LOGIN, 405, 405, 403, 405),
    "template_submit_verify": (LOGIN, 405, 405, 403, 405),
    "template_submit_resend": (LOGIN, 405, 405, 403, 405),
    "template_submit_cancel": (LOGIN, 405, 405, 403, 405),
    "template_review": (LOGIN, 405, 403, 405, 405),
    "template_review_verify": (LOGIN, 405, 403, 405, 405),
    "template_review_resend": (LOGIN, 405, 403, 405, 405),
    "template_review_cancel": (LOGIN, 405, 403, 405, 405),
    "template_retry": (LOGIN, 405, 403, 403, 405),
    "template_retry_confirm": (LOGIN, 405, 403, 403, 405),
    "template_retry_verify": (LOGIN, 405, 403, 403, 405),
    "template_retry_resend": (LOGIN, 405, 403, 403, 405),
    "template_retry_cancel": (LOGIN, 405, 403, 403, 405),
    "template_sync": (LOGIN, 405, 403, 403, 405),
    "template_duplicate": (LOGIN, 405, 405, 403, 405),
    "template_delete": (LOGIN, 405, 405, 403, 405),
    "template_whatsapp_delete": (LOGIN, 405, 403, 403, 405),
    "template_whatsapp_delete_confirm": (LOGIN, 405, 403, 403, 405),
    "template_whatsapp_delete_verify": (LOGIN, 405, 403, 403, 405),
    "template_whatsapp_delete_resend": (LOGIN, 405, 403, 403, 405),
    "template_whatsapp_delete_cancel": (LOGIN, 405, 403, 403, 405),
    "members": (LOGIN, 200, 403, 403, 200),
    "member_invite": (LOGIN, 200, 403, 403, 200),
    "member_invite_verify": (LOGIN, 405, 403, 403, 405),
    "member_invite_resend": (LOGIN, 405, 403, 403, 405),
    "member_invite_cancel": (LOGIN, 405, 403, 403, 405),
    "invitation_resend": (LOGIN, 405, 403, 403, 405),
    "invitation_revoke": (LOGIN, 405, 403, 403, 405),
    "member_role": (LOGIN, 405, 403, 403, 405),
    "member_role_verify": (LOGIN, 405, 403, 403, 405),
    "member_role_resend": (LOGIN, 405, 403, 403, 405),
    "member_role_cancel": (LOGIN, 405, 403, 403, 405),
    "member_remove": (LOGIN, 200, 403, 403, 404),
    "member_remove_verify": (LOGIN, 405, 403, 403, 405),
    "member_remove_resend": (LOGIN, 405, 403, 403, 405),
    "member_remove_cancel": (LOGIN, 405, 403, 403, 405),
    "organization_settings": (LOGIN, 200, 403, 403, 200),
    "audit_trail": (LOGIN, 200, 403, 403, 200),
    "audit_trail_export": (LOGIN, 200, 403, 403, 200),
    "profile": (LOGIN, 200, 200, 200, 200),
    "profile_email": (LOGIN, 405, 405, 405, 405),
    "profile_password": (LOGIN, 405, 405, 405, 405),
    "profile_leave": (LOGIN, 405, 405, 405, 405),
    # A link from an email: anyone may open it; a token that was never issued answers 404.
    "profile_email_confirm": (404, 404, 404, 404, 404),
    "invitation_accept": (404, 404, 404, 404, 404),
}
# POST-only pages on this organization's objects: the outsider's POST answers 404 and changes nothing.
OUTSIDER_POSTS_404 = [
    "channel_import",
    "channel_secrets",
    "channel_secrets_confirm",
    "channel_secrets_verify",
    "channel_secrets_resend",
    "channel_secrets_cancel",
    "channel_disconnect",
    "channel_disconnect_confirm",
    "channel_disconnect_verify",
    "channel_disconnect_resend",
    "channel_disconnect_cancel",
    "template_content",
    "template_media_upload",
    "template_media_remove",
    "template_submit_start",
    "template_submit_confirm",
    "template_submit_verify",
    "template_submit_resend",
    "template_submit_cancel",
    "template_review",
    "template_review_verify",
    "template_review_resend",
    "template_review_cancel",
    "template_retry",
    "template_retry_confirm",
    "template_retry_verify",
    "template_retry_resend",
    "template_retry_cancel",
    "template_sync",
    "template_duplicate",
    "template_delete",
    "template_whatsapp_delete",
    "template_whatsapp_delete_confirm",
    "template_whatsapp_delete_verify",
    "template_whatsapp_delete_resend",
    "template_whatsapp_delete_cancel",
    "invitation_resend",
    "invitation_revoke",
    "member_role",
    "member_role_verify",
    "member_role_resend",
    "member_role_cancel",
    "member_remove",
    "member_remove_verify",
    "member_remove_resend",
    "member_remove_cancel",
]


def _named_patterns(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin site has its own staff check (tested below)
            yield from _named_patterns(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            yield entry.name, entry


def test_every_url_has_a_row():
    names = {name for name, _ in _named_patterns()}
    assert None not in names, "every URL needs a name so it can have a row"
    assert names - MATRIX.keys() == set(), "new URLs need a row in MATRIX"
    assert MATRIX.keys() - names == set(), "rows for URLs that no longer exist"


@pytest.fixture
def objects(org_a, agent, account_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    template = new_template(org_a, agent, account_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    content_media_attach(
        template=template,
        actor=template.created_by,
        language="en_US",
        upload=SimpleUploadedFile("a.png", PNG),
        header_format="IMAGE",
        all_languages=False,
    )
    mail = DevMail.objects.create(to="x@acme.test", subject="s", body="b")
    invitation = Invitation.objects.create(
        organization=org_a,
        email="new@acme.test",
        role="agent",
        invited_by=agent,
        nonce_hash="0" * 64,
        expires_at=timezone.now() + timedelta(days=7),
    )
    membership = Membership.objects.get(user=agent, organization=org_a)
    return {
        "template": template,
        "account": account_a,
        "mail": mail,
        "invitation": invitation,
        "membership": membership,
    }


def _url(name, objects):
    kwargs = {
        "channel_account_detail": {"account_id": objects["account"].pk},
        "channel_phone_number": {"account_id": objects["account"].pk},
        "channel_import": {"account_id": objects["account"].pk},
        "channel_secrets": {"account_id": objects["account"].pk},
        "channel_secrets_confirm": {"account_id": objects["account"].pk},
        "channel_secrets_verify": {"account_id": objects["account"].pk},
        "channel_secrets_resend": {"account_id": objects["account"].pk},
        "channel_secrets_cancel": {"account_id": objects["account"].pk},
        "channel_disconnect": {"account_id": objects["account"].pk},
        "channel_disconnect_confirm": {"account_id": objects["account"].pk},
        "channel_disconnect_verify": {"account_id": objects["account"].pk},
        "channel_disconnect_resend": {"account_id": objects["account"].pk},
        "channel_disconnect_cancel": {"account_id": objects["account"].pk},
        "dev_mailbox_message": {"mail_id": objects["mail"].pk},
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "security_toggle_confirm": {"policy": "broadcast-template-otp", "direction": "enable"},
        "security_toggle_verify": {"policy": "broadcast-template-otp", "direction": "enable"},
        "security_toggle_resend": {"policy": "broadcast-template-otp", "direction": "enable"},
        "security_toggle_cancel": {"policy": "broadcast-template-otp", "direction": "enable"},
        "invitation_resend": {"invitation_id": objects["invitation"].pk},
        "invitation_revoke": {"invitation_id": objects["invitation"].pk},
        "profile_leave": {"organization_id": objects["membership"].organization_id},
        "profile_email_confirm": {"token": "not-a-link"},
        "invitation_accept": {"token": "not-a-link"},
        "security_code_lock_release": {"lock_id": 1},
    }.get(name)
    if kwargs is None and name.startswith("member_") and name != "member_invite" and "invite" not in name:
        kwargs = {"membership_id": objects["membership"].pk}
    if (
        kwargs is None
        and name.startswith("template_")
        and name not in ("template_list", "template_new", "template_advisor_rules")
    ):
        kwargs = {"template_id": objects["template"].pk}
        if "content" in name or "media" in name:
            kwargs["language"] = "en_US"
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_who_may_open_what(name, objects, client, admin_client, agent_client, reviewer_client, outsider_client):
    url = _url(name, objects)
    for actor, http, expected in zip(
        ("anonymous", "admin", "agent", "reviewer", "outsider"),
        (client, admin_client, agent_client, reviewer_client, outsider_client),
        MATRIX[name],
        strict=True,
    ):
        response = http.get(url)
        if expected == LOGIN:
            assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), (actor, url)
        else:
            assert response.status_code == expected, (actor, url, response.status_code)


@pytest.mark.parametrize("name", OUTSIDER_POSTS_404)
def test_an_outsiders_post_to_this_organizations_objects_answers_404(name, objects, outsider_client):
    from templates_app.models import Template

    before = list(Template.objects.values_list("id", "status", "name"))
    response = outsider_client.post(_url(name, objects), {"decision": "approve", "code": "123456", "body": "x"})
    assert response.status_code == 404
    assert list(Template.objects.values_list("id", "status", "name")) == before


def test_the_operators_admin_site_is_for_staff_only(admin_client, client, db):
    # An organization Admin is not an operator.
    assert admin_client.get("/admin/").status_code == 302
    assert client.get("/admin/").status_code == 302


def test_operators_can_open_every_admin_page_and_cannot_change_audited_records(objects, org_a, admin, operator_client):
    from django.contrib import admin as django_admin

    from otp.models import SecurityEvent
    from otp.services import challenge_issue
    from security_settings.models import ToggleChange
    from security_settings.services import broadcast_template_otp_enable

    broadcast_template_otp_enable(organization=org_a, actor=admin)
    challenge_issue(user=admin, purpose="enable_broadcast_template_otp", subject=org_a, action="test")
    client = operator_client
    for model, model_admin in django_admin.site._registry.items():
        opts = model._meta
        if opts.label == "accounts.DevMail":
            # The development mailbox exists only with DEBUG on (tests run as production).
            assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/").status_code == 403
            continue
        assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/").status_code == 200, opts.label
        row = model.objects.first()
        if row is not None:
            assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/{row.pk}/change/").status_code == 200, (
                opts.label
            )
    for model in (ToggleChange, SecurityEvent):
        opts, row = model._meta, model.objects.first()
        assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/").status_code == 403
        assert (
            client.post(f"/admin/{opts.app_label}/{opts.model_name}/{row.pk}/delete/", {"post": "yes"}).status_code
            == 403
        )
        assert model.objects.filter(pk=row.pk).exists()
