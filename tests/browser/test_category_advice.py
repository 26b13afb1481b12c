"""The category advisor re-checks a Utility template's wording as the author types (only a browser shows that)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD
from tests.templates_app.builders import new_template

pytestmark = pytest.mark.browser


def test_typing_promotional_wording_into_a_utility_template_warns_next_to_the_category(page, agent, org_a, account_a):
    template = new_template(org_a, agent, account_a, category="UTILITY")
    log_in(page, "agent@acme.test", PASSWORD)
    page.goto(f"/broadcast/templates/{template.pk}/edit/?lang=en_US")
    advice = page.locator("[data-category-advice]")
    expect(advice).to_be_hidden()

    page.locator("#id_body").fill("Hello {{1}}, your order is on its way. Shop now and get 20% off your next order!")
    expect(advice).to_be_visible()
    expect(advice).to_contain_text("WhatsApp will likely file this as Marketing")
    expect(advice.locator("mark")).to_have_text(["Shop now", "get 20% off"])

    page.locator("#id_body").fill("Hello {{1}}, your order is on its way.")
    expect(advice).to_be_hidden()
    page.wait_for_load_state("networkidle")
