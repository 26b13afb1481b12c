import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_demo_admin_logs_in_and_sees_the_dashboard(page, transactional_db, settings):
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))
    log_in(page, "admin@demo.test", settings.DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, Dewi Admin")).to_be_visible()
    expect(page.get_by_text("You are working in Demo as Admin")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Template message")).to_be_visible()
    expect(nav.get_by_role("link", name="Security")).to_be_visible()


def test_wrong_password_keeps_the_user_on_the_login_page(page, transactional_db, settings):
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))
    log_in(page, "admin@demo.test", "nope")
    expect(page.get_by_role("alert")).to_contain_text("don't match an account")
    expect(page).to_have_url("/accounts/login/")
