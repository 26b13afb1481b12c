"""'Block submission when the screen flags content': off warns, on refuses, before any code is sent."""

import re

import pytest

from security_settings.policies import BLOCK_FLAGGED_CONTENT
from security_settings.services import broadcast_template_otp_enable, security_setting_set
from templates_app.models import Status, Template
from templates_app.services import ContentFlagged, template_digest, template_submit
from tests.templates_app.builders import VALID, new_template

GAMBLING = "Halo {{1}}, main slot gacor malam ini, deposit 10rb langsung maxwin!"
BLOCKED = "Your organization does not submit content the screen flags."


def url(template, path=""):
    return f"/broadcast/templates/{template.pk}/{path}"


def fingerprint_in(response) -> str:
    return re.search(r'name="fingerprint" value="(\w+)"', response.content.decode()).group(1)


@pytest.fixture
def flagged(org_a, agent, account_a):
    return new_template(org_a, agent, account_a, languages=("id",), data={**VALID, "body": GAMBLING})


@pytest.fixture
def block_on(org_a, admin):
    security_setting_set(organization=org_a, policy=BLOCK_FLAGGED_CONTENT, value=True, actor=admin)


def test_off_the_screen_warns_and_the_template_can_be_submitted(agent_client, flagged):
    shown = agent_client.post(url(flagged, "submit/"))
    page = shown.content.decode()
    assert "WhatsApp may reject this content" in page and BLOCKED not in page
    agent_client.post(url(flagged, "submit/confirm/"), {"fingerprint": fingerprint_in(shown)})
    assert Template.objects.get(pk=flagged.pk).status != Status.DRAFT


def test_on_the_confirm_step_refuses_with_the_reasons_and_sends_no_code(
    agent_client, flagged, block_on, org_a, admin, mailoutbox, django_capture_on_commit_callbacks
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    mailoutbox.clear()
    shown = agent_client.post(url(flagged, "submit/"))
    page = shown.content.decode()
    assert BLOCKED in page and "Gambling" in page
    assert ">Submit</button>" not in page

    with django_capture_on_commit_callbacks(execute=True):
        forced = agent_client.post(url(flagged, "submit/confirm/"), {"fingerprint": fingerprint_in(shown)})
    assert forced.status_code == 409 and BLOCKED in forced.content.decode()
    assert not [m for m in mailoutbox if "verification code" in m.subject]
    assert Template.objects.get(pk=flagged.pk).status == Status.DRAFT


def test_on_the_service_refuses_too(flagged, agent, block_on):
    with pytest.raises(ContentFlagged, match="Gambling"):
        template_submit(template=flagged, actor=agent, fingerprint=template_digest(flagged))
    assert Template.objects.get(pk=flagged.pk).status == Status.DRAFT


def test_on_clean_content_is_submitted_as_usual(agent_client, org_a, agent, account_a, block_on):
    clean = new_template(org_a, agent, account_a)
    shown = agent_client.post(url(clean, "submit/"))
    assert BLOCKED not in shown.content.decode()
    agent_client.post(url(clean, "submit/confirm/"), {"fingerprint": fingerprint_in(shown)})
    assert Template.objects.get(pk=clean.pk).status != Status.DRAFT


def test_the_setting_is_changed_with_a_code_on_the_security_page(
    admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    enable = "/settings/security/block-flagged-content/enable/"
    assert "Block submission when the screen flags content" in admin_client.get("/settings/security/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(enable)
    (code,) = set(re.findall(r"(?<!\d)\d{6}(?!\d)", mailoutbox[-1].body))
    from security_settings.selectors import flagged_content_blocked

    assert not flagged_content_blocked(organization_id=org_a.pk)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(enable + "verify/", {"code": code})
    assert flagged_content_blocked(organization_id=org_a.pk)
