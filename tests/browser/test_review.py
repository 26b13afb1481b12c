"""Flow C on the review desk, in a real browser: submitted by an agent, approved by a reviewer."""

import pytest
from playwright.sync_api import expect

from templates_app.services import template_submit
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
    template_submit(template=template, actor=agent)

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
    template_submit(template=template, actor=agent)

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
