"""Flow A of the help article, in a real browser, with the code read from the real mailbox."""

import pytest
from playwright.sync_api import expect

from security_settings.selectors import broadcast_template_otp_enabled
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _open_security(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Security").click()
    expect(page.get_by_role("heading", name="OTP Authentication on Broadcast Template")).to_be_visible()


def test_admin_enables_then_disables_with_emailed_codes(page, admin, org_a, celery_worker, smtp):
    log_in(page, "admin@acme.test", PASSWORD)
    _open_security(page)
    switch = page.get_by_role("switch", name="OTP Authentication on Broadcast Template")
    expect(switch).to_have_attribute("aria-checked", "false")

    switch.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Enable OTP Authentication on Broadcast Template?")
    dialog.get_by_role("button", name="Enable").click()
    expect(dialog.get_by_role("button", name="Verify")).to_be_visible()
    expect(page.get_by_role("button", name="Resend code")).to_be_disabled()  # counting down

    code = smtp.latest_code("admin@acme.test")
    dialog.get_by_label("Verification code").fill(code)
    dialog.get_by_role("button", name="Verify").click()
    expect(dialog).to_contain_text("OTP Authentication on Broadcast Template is enabled")
    assert broadcast_template_otp_enabled(organization_id=org_a.pk)

    dialog.get_by_role("link", name="OK").click()
    expect(switch).to_have_attribute("aria-checked", "true")
    expect(page.locator("#audit-trail")).to_contain_text("Turned on")

    switch.click()
    expect(dialog).to_contain_text("Disable OTP Authentication on Broadcast Template?")
    dialog.get_by_role("button", name="Disable").click()
    code = smtp.wait_for(to="admin@acme.test", subject="verification code", count=2)[-1].code()
    dialog.get_by_label("Verification code").fill(code)
    dialog.get_by_role("button", name="Verify").click()
    expect(dialog).to_contain_text("OTP Authentication on Broadcast Template is disabled")
    dialog.get_by_role("link", name="OK").click()
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(page.locator("#audit-trail tbody tr").first).to_contain_text("Turned off")
    smtp.wait_for(to="admin@acme.test", subject="was turned off")


def test_a_wrong_code_keeps_the_dialog_open_and_the_setting_unchanged(page, admin, org_a, celery_worker, smtp):
    log_in(page, "admin@acme.test", PASSWORD)
    _open_security(page)
    page.get_by_role("switch", name="OTP Authentication on Broadcast Template").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Enable").click()
    right = smtp.latest_code("admin@acme.test")
    dialog.get_by_label("Verification code").fill("000000" if right != "000000" else "111111")
    dialog.get_by_role("button", name="Verify").click()
    expect(dialog.get_by_role("alert")).to_contain_text("That code is not right. 4 tries left.")
    expect(dialog.get_by_role("button", name="Verify")).to_be_visible()
    assert not broadcast_template_otp_enabled(organization_id=org_a.pk)

    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("switch", name="OTP Authentication on Broadcast Template")).to_have_attribute(
        "aria-checked", "false"
    )
    expect(page.locator("#audit-trail")).to_contain_text("Verification failed (wrong code)")
