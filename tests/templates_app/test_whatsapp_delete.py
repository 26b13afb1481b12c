"""\"Delete from WhatsApp\" on a template's page: confirmation, the code when the toggle is on, the Graph API call."""

import re

import pytest

from accounts.models import ChannelAccountEvent
from security_settings.services import broadcast_template_otp_enable
from templates_app.models import Status, Template
from templates_app.services import VerificationRequired, template_delete_from_whatsapp
from templates_app.whatsapp_sync import account_templates_import
from tests.factories import ChannelAccountFactory
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, APP_SECRET, WABA_ID
from tests.templates_app.builders import new_template

CODE_RE = re.compile(r"(?<!\d)\d{6}(?!\d)")
STEPS = ("whatsapp-delete/", "whatsapp-delete/confirm/", "whatsapp-delete/verify/", "whatsapp-delete/resend/")


@pytest.fixture
def meta_account(org_a):
    return ChannelAccountFactory(
        organization=org_a,
        provider="meta",
        waba_id=WABA_ID,
        meta_app_id=APP_ID,
        meta_access_token=ACCESS_TOKEN,
        meta_app_secret=APP_SECRET,
    )


@pytest.fixture
def on_whatsapp(meta_account, admin, graph_api):
    """A template in two languages that WhatsApp has (imported), and one of another name."""
    graph_api.add_template(name="spring_sale", language="en_US", category="MARKETING")
    graph_api.add_template(name="spring_sale", language="id", category="MARKETING")
    graph_api.add_template(name="keep_me", language="en_US")
    account_templates_import(account_id=meta_account.pk, actor_id=admin.pk)
    return Template.objects.get(name="spring_sale")


def url(template, path=""):
    return f"/broadcast/templates/{template.pk}/{path}"


def last_code(mailoutbox, address):
    mail = [m for m in mailoutbox if address in m.to and "verification code" in m.subject][-1]
    (code,) = set(CODE_RE.findall(mail.body))
    return code


def _deletes(graph_api):
    return graph_api.requests_to("DELETE", "/message_templates")


def test_the_confirmation_says_the_name_is_gone_for_30_days(admin_client, on_whatsapp, graph_api):
    page = admin_client.get(url(on_whatsapp)).content.decode()
    assert "Delete from WhatsApp" in page
    dialog = admin_client.post(url(on_whatsapp, "whatsapp-delete/")).content.decode()
    assert "30 days" in dialog and "Delete from WhatsApp" in dialog
    assert _deletes(graph_api) == [] and Template.objects.get(pk=on_whatsapp.pk).status == Status.APPROVED


def test_confirming_deletes_every_language_and_keeps_the_template_as_deleted(
    admin_client, admin, org_a, meta_account, on_whatsapp, graph_api
):
    ids = set(on_whatsapp.submissions.values_list("provider_template_id", flat=True))
    response = admin_client.post(url(on_whatsapp, "whatsapp-delete/confirm/"))
    assert response.status_code == 303

    deletes = _deletes(graph_api)
    assert {d.query["hsm_id"] for d in deletes} == ids and {d.query["name"] for d in deletes} == {"spring_sale"}
    assert all(d.path == f"/v23.0/{WABA_ID}/message_templates" for d in deletes)
    assert {t["name"] for t in graph_api.templates.values()} == {"keep_me"}
    template = Template.objects.get(pk=on_whatsapp.pk)
    assert template.status == Status.DELETED
    assert set(template.submissions.values_list("status", flat=True)) == {Status.DELETED}
    last = template.events.last()
    assert (last.status, last.actor, last.source) == (Status.DELETED, admin, "user") and "30 days" in last.reason
    [audit] = ChannelAccountEvent.objects.filter(account=meta_account, action="template_deleted")
    assert audit.actor == admin and "spring_sale" in audit.details and audit.ip == "127.0.0.1"
    listing = admin_client.get("/broadcast/templates/").content.decode()
    assert "spring_sale" in listing and "Deleted" in listing
    # Nothing more to delete: no button, and a second try asks WhatsApp nothing.
    assert "Delete from WhatsApp" not in admin_client.get(url(on_whatsapp)).content.decode()
    admin_client.post(url(on_whatsapp, "whatsapp-delete/confirm/"))
    assert len(_deletes(graph_api)) == 2


def test_with_the_toggle_on_only_the_admins_emailed_code_deletes(
    admin_client, admin, org_a, on_whatsapp, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    # The service refuses without a verified code.
    with pytest.raises(VerificationRequired):
        template_delete_from_whatsapp(template=on_whatsapp, actor=admin)
    with django_capture_on_commit_callbacks(execute=True):
        dialog = admin_client.post(url(on_whatsapp, "whatsapp-delete/confirm/"))
    assert "Enter the code to delete “spring_sale” from WhatsApp." in dialog.content.decode()
    assert "delete the WhatsApp template “spring_sale”" in mailoutbox[-1].body
    code = last_code(mailoutbox, admin.email)

    wrong = admin_client.post(
        url(on_whatsapp, "whatsapp-delete/verify/"), {"code": "000000" if code != "000000" else "111111"}
    )
    assert wrong.status_code == 422
    assert _deletes(graph_api) == [] and Template.objects.get(pk=on_whatsapp.pk).status == Status.APPROVED

    admin_client.post(url(on_whatsapp, "whatsapp-delete/verify/"), {"code": code})
    assert Template.objects.get(pk=on_whatsapp.pk).status == Status.DELETED
    assert len(_deletes(graph_api)) == 2


def test_a_code_for_one_template_does_not_delete_another(
    admin_client, admin, org_a, on_whatsapp, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    other = Template.objects.get(name="keep_me")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url(other, "whatsapp-delete/confirm/"))
    code = last_code(mailoutbox, admin.email)
    response = admin_client.post(url(on_whatsapp, "whatsapp-delete/verify/"), {"code": code})
    assert response.status_code == 422
    assert _deletes(graph_api) == []
    assert set(Template.objects.values_list("status", flat=True)) == {Status.APPROVED}


@pytest.mark.parametrize("step", STEPS)
def test_agents_and_reviewers_cannot_delete(agent_client, reviewer_client, on_whatsapp, graph_api, step):
    for http in (agent_client, reviewer_client):
        assert http.post(url(on_whatsapp, step), {"code": "123456"}).status_code == 403
    assert _deletes(graph_api) == [] and Template.objects.get(pk=on_whatsapp.pk).status == Status.APPROVED


@pytest.mark.parametrize("step", STEPS)
def test_another_organizations_admin_cannot_delete(outsider_client, on_whatsapp, graph_api, step):
    assert outsider_client.post(url(on_whatsapp, step), {"code": "123456"}).status_code == 404
    assert _deletes(graph_api) == [] and Template.objects.get(pk=on_whatsapp.pk).status == Status.APPROVED


def test_a_refusal_by_whatsapp_changes_nothing_here(admin_client, on_whatsapp, graph_api):
    graph_api.error_next(status=403, code=200, message="(#200) Permissions error", match="DELETE")
    response = admin_client.post(url(on_whatsapp, "whatsapp-delete/confirm/"), follow=True)
    assert "WhatsApp did not delete the template" in response.content.decode()
    template = Template.objects.get(pk=on_whatsapp.pk)
    assert template.status == Status.APPROVED
    assert set(template.submissions.values_list("status", flat=True)) == {Status.APPROVED}
    assert not ChannelAccountEvent.objects.filter(action="template_deleted").exists()


def test_a_language_already_gone_on_whatsapp_counts_as_deleted(admin_client, on_whatsapp, graph_api):
    first = on_whatsapp.submissions.first().provider_template_id
    del graph_api.templates[first]
    admin_client.post(url(on_whatsapp, "whatsapp-delete/confirm/"))
    assert Template.objects.get(pk=on_whatsapp.pk).status == Status.DELETED


def test_review_desk_templates_and_drafts_have_nothing_to_delete_on_whatsapp(
    admin_client, org_a, agent, account_a, meta_account, graph_api
):
    for template in (new_template(org_a, agent, account_a), new_template(org_a, agent, meta_account, name="draft")):
        assert "Delete from WhatsApp" not in admin_client.get(url(template)).content.decode()
        admin_client.post(url(template, "whatsapp-delete/confirm/"))
        assert Template.objects.get(pk=template.pk).status == Status.DRAFT
    assert _deletes(graph_api) == []
