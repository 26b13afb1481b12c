"""Second-person approval in a real browser, on WhatsApp (fake Graph API) and on the review desk."""

import time

import pytest
from playwright.sync_api import expect

from security_settings.policies import SECOND_PERSON_APPROVAL
from security_settings.services import broadcast_template_otp_enable, security_setting_set
from templates_app.models import Template
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ChannelAccountFactory
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, WABA_ID
from tests.templates_app.builders import new_template

pytestmark = pytest.mark.browser


def _log_out(page):
    page.locator("details.usermenu summary").click()
    page.get_by_role("button", name="Log out").click()


def _submit_with_code(page, template, smtp, *, email):
    page.goto(f"/broadcast/templates/{template.pk}/edit/?lang=en_US")
    page.get_by_role("button", name="Submit").click()
    dialog = page.get_by_role("dialog")
    # The confirm step shows the content itself, not just a warning.
    expect(dialog).to_contain_text("Submit this template?")
    expect(dialog.locator(".confirm-preview .wa-body")).to_contain_text("Hello Budi, your order is on its way.")
    dialog.get_by_role("button", name="Submit").click()
    dialog.get_by_label("Verification code").fill(smtp.latest_code(email))
    dialog.get_by_role("button", name="Verify").click()
    return dialog


def test_on_whatsapp_nothing_is_sent_before_a_second_person_approves(
    page, org_a, agent, admin, reviewer, celery_worker, smtp, graph_api
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    security_setting_set(organization=org_a, policy=SECOND_PERSON_APPROVAL, value=True, actor=admin)
    account = ChannelAccountFactory(
        organization=org_a, provider="meta", waba_id=WABA_ID, meta_app_id=APP_ID, meta_access_token=ACCESS_TOKEN
    )
    template = new_template(org_a, agent, account, name="ramadan_promo", category="MARKETING")

    log_in(page, "agent@acme.test", PASSWORD)
    dialog = _submit_with_code(page, template, smtp, email="agent@acme.test")
    expect(dialog).to_contain_text("Template submitted: awaiting approval")
    dialog.get_by_role("link", name="Ok, got it").click()
    expect(page.locator("#template-table tbody tr", has_text="ramadan_promo")).to_contain_text("Awaiting approval")
    time.sleep(0.5)  # the worker has every chance to (wrongly) send it
    assert graph_api.templates == {}
    # The submitter is offered no decision on their own work.
    page.goto(f"/broadcast/templates/{template.pk}/")
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    _log_out(page)

    smtp.wait_for(to="reviewer@acme.test", subject="Awaiting your approval")
    log_in(page, "reviewer@acme.test", PASSWORD)
    page.goto("/broadcast/templates/")
    page.get_by_label("Awaiting my approval").check()
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="ramadan_promo").click()
    page.get_by_role("button", name="Approve").click()
    page.get_by_label("Verification code").fill(smtp.latest_code("reviewer@acme.test"))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("status").first).to_contain_text("on its way to WhatsApp")

    deadline = time.monotonic() + 15
    while not graph_api.templates and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(graph_api.templates) == 1
    page.reload()
    expect(page.locator(".timeline")).to_contain_text("Awaiting approval")
    assert Template.objects.get(pk=template.pk).status == "pending"


def test_on_the_review_desk_the_desk_is_the_approval(page, org_a, agent, admin, reviewer, account_a, celery_worker):
    security_setting_set(organization=org_a, policy=SECOND_PERSON_APPROVAL, value=True, actor=admin)
    template = new_template(org_a, agent, account_a, name="desk_promo", category="MARKETING")

    log_in(page, "agent@acme.test", PASSWORD)
    page.goto(f"/broadcast/templates/{template.pk}/edit/?lang=en_US")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Submit").click()
    expect(page.get_by_role("dialog")).to_contain_text("Template has been sent and is being checked")
    page.get_by_role("dialog").get_by_role("link", name="Ok, got it").click()
    _log_out(page)

    log_in(page, "reviewer@acme.test", PASSWORD)
    page.goto(f"/broadcast/templates/{template.pk}/")
    page.locator("#review-desk").get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status").first).to_contain_text("approved")
    assert Template.objects.get(pk=template.pk).status == "approved"
