"""Flow C on the review desk, in a real browser: submitted by an agent, approved by a reviewer."""

import time

import pytest
from playwright.sync_api import expect

from templates_app.services import template_digest, template_submit
from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.templates_app.builders import new_template

pytestmark = pytest.mark.browser


def _log_out(page):
    page.locator("details.usermenu summary").click()
    page.get_by_role("button", name="Log out").click()


def test_reviewer_approves_and_the_agent_sees_it_and_gets_the_email(
    page, agent, reviewer, org_a, account_a, celery_worker, smtp
):
    template = new_template(org_a, agent, account_a, name="spring_sale", category="MARKETING")
    template_submit(template=template, actor=agent, fingerprint=template_digest(template))

    log_in(page, "reviewer@acme.test", PASSWORD)
    page.goto("/broadcast/templates/")
    row = page.locator("#template-table tbody tr", has_text="spring_sale")
    expect(row).to_contain_text("Pending")  # the worker took it to the review desk
    row.get_by_role("link", name="spring_sale").click()
    desk = page.locator("#review-desk")
    expect(desk.get_by_role("button", name="Approve")).to_be_visible()
    desk.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status").first).to_contain_text("approved")
    _log_out(page)

    log_in(page, "agent@acme.test", PASSWORD)
    page.goto("/broadcast/templates/")
    expect(page.locator("#template-table tbody tr", has_text="spring_sale")).to_contain_text("Approved")
    mail = smtp.wait_for(to="agent@acme.test", subject="is approved")[-1]
    assert "spring_sale" in mail.text


def test_reviewer_rejects_with_a_reason_the_agent_can_read(
    page, agent, reviewer, org_a, account_a, celery_worker, smtp
):
    template = new_template(org_a, agent, account_a, name="flash_deal", category="MARKETING")
    template_submit(template=template, actor=agent, fingerprint=template_digest(template))

    log_in(page, "reviewer@acme.test", PASSWORD)
    page.goto(f"/broadcast/templates/{template.pk}/")
    desk = page.locator("#review-desk")
    expect(desk).to_be_visible()
    desk.get_by_label("Reason").select_option("PROMOTIONAL")
    desk.get_by_label("Details").fill("Discount wording in a Utility-style message")
    desk.get_by_role("button", name="Reject").click()
    expect(page.locator(".status-reason-full")).to_contain_text("PROMOTIONAL: Discount wording")
    _log_out(page)

    log_in(page, "agent@acme.test", PASSWORD)
    page.goto("/broadcast/templates/")
    expect(page.locator("#template-table tbody tr", has_text="flash_deal")).to_contain_text("PROMOTIONAL")
    mail = smtp.wait_for(to="agent@acme.test", subject="is rejected")[-1]
    assert "PROMOTIONAL" in mail.text


def test_a_template_sent_to_whatsapp_ends_rejected_with_its_reason(
    page, agent, org_a, celery_worker, smtp, graph_api, live_server, settings
):
    import requests

    from tests.factories import ChannelAccountFactory
    from tests.fakes.graph_api import (
        ACCESS_TOKEN,
        APP_ID,
        WABA_ID,
        signed_webhook,
        status_change,
        webhook_entry,
        webhook_payload,
    )

    settings.META_APP_SECRET = "browser-test-secret"
    account = ChannelAccountFactory(
        organization=org_a, provider="meta", waba_id=WABA_ID, meta_app_id=APP_ID, meta_access_token=ACCESS_TOKEN
    )
    template = new_template(org_a, agent, account, name="meta_promo", category="MARKETING")

    log_in(page, "agent@acme.test", PASSWORD)
    page.goto(f"/broadcast/templates/{template.pk}/edit/?lang=en_US")
    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Submit").click()
    expect(page.get_by_role("dialog")).to_contain_text("Template has been sent and is being checked")
    page.get_by_role("dialog").get_by_role("link", name="Ok, got it").click()

    deadline = time.monotonic() + 15
    while not graph_api.templates and time.monotonic() < deadline:
        time.sleep(0.1)
    (whatsapp_id,) = graph_api.templates
    page.reload()
    expect(page.locator("#template-table tbody tr", has_text="meta_promo")).to_contain_text("Pending")

    body, headers = signed_webhook(
        webhook_payload(
            webhook_entry(status_change(whatsapp_id, "REJECTED", name="meta_promo", reason="INVALID_FORMAT"))
        ),
        settings.META_APP_SECRET,
    )
    assert (
        requests.post(live_server.url + "/webhooks/whatsapp/", data=body, headers=headers, timeout=10).status_code
        == 200
    )
    page.reload()
    row = page.locator("#template-table tbody tr", has_text="meta_promo")
    expect(row).to_contain_text("Rejected")
    expect(row).to_contain_text("INVALID_FORMAT")
    mail = smtp.wait_for(to="agent@acme.test", subject="is rejected")[-1]
    assert "INVALID_FORMAT" in mail.text
