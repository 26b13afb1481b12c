"""Flow E in a real browser: an Admin invites a person by email, they join and work with the role given,
then they are removed and lose access at once. The invitation is read from the real SMTP server."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_invited_person_joins_works_as_agent_and_loses_access_when_removed(
    browser, page, live_server, admin, org_a, account_a, celery_worker, smtp
):
    log_in(page, "admin@acme.test", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    expect(page.get_by_role("heading", name="Members")).to_be_visible()
    page.get_by_role("link", name="Invite member").click()
    page.get_by_label("Email").fill("nina@acme.test")
    page.get_by_label("Role").select_option("agent")
    page.get_by_role("button", name="Invite member").click()
    expect(page.get_by_role("status").first).to_contain_text("Invitation sent to nina@acme.test as Agent.")
    expect(page.locator("#invitations")).to_contain_text("nina@acme.test")

    (mail,) = smtp.wait_for(to="nina@acme.test", subject="invited you to Acme Retail")
    link = re.search(r"https?://\S+(/invitations/\S+?/)\s", mail.text).group(1)

    # The invitee, in their own browser.
    invitee = browser.new_context(base_url=live_server.url).new_page()
    invitee.set_default_timeout(15_000)
    invitee.goto(link)
    expect(invitee.get_by_role("heading", name="Join Acme Retail")).to_be_visible()
    invitee.get_by_label("Your name").fill("Nina Agent")
    invitee.get_by_label("Password", exact=True).fill("Kopi-tubruk-99")
    invitee.get_by_label("Password again").fill("Kopi-tubruk-99")
    invitee.get_by_role("button", name="Join Acme Retail").click()
    expect(invitee.get_by_text("Welcome to Acme Retail. You are Agent here.")).to_be_visible()
    nav = invitee.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Members")).to_have_count(0)  # an Agent, not an Admin
    nav.get_by_role("link", name="Template message").click()
    invitee.get_by_role("link", name="Add New Template").click()
    expect(invitee.get_by_label("Template name")).to_be_visible()

    # The Admin sees the new member and removes them.
    page.reload()
    row = page.locator('tr[data-member="nina@acme.test"]')
    expect(row).to_contain_text("Nina Agent")
    row.get_by_role("link", name="Remove").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Remove nina@acme.test?")
    dialog.get_by_role("button", name="Remove").click()
    expect(page.get_by_role("status").first).to_contain_text("nina@acme.test was removed.")
    expect(page.locator('tr[data-member="nina@acme.test"]')).to_have_count(0)

    # The invitee's very next click is refused.
    invitee.goto("/broadcast/templates/")
    expect(invitee.get_by_role("heading", name="Not allowed")).to_be_visible()
    invitee.context.close()
    page.goto("/settings/audit/")
    expect(page.locator("#audit-trail")).to_contain_text("nina@acme.test (Agent) was removed")
