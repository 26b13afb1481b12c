"""The layout's top bar: rendered once per person, organizations, role, section and language, with the CSRF token
and the current address filled in per request (qontak_broadcast.context_processors.topbar)."""

import re

from django.test import Client

from accounts.models import Membership, Organization, Role
from tests.factories import MembershipFactory

LIST = "/broadcast/templates/"


def _bar(response) -> str:
    assert response.status_code == 200
    return re.search(r'<header class="topbar">.*?</header>', response.content.decode(), re.S).group(0)


def test_each_person_sees_their_own_name_email_and_role(admin, agent, admin_client, agent_client):
    for _ in range(2):  # the second time from the bar rendered the first time
        mine, theirs = _bar(agent_client.get(LIST)), _bar(admin_client.get(LIST))
        assert "agent@acme.test" in mine and "admin@acme.test" not in mine
        assert "admin@acme.test" in theirs and "agent@acme.test" not in theirs
        assert ">Agent</span>" in mine and ">Admin</span>" in theirs
        assert "/settings/security/" not in mine and "/settings/security/" in theirs


def test_a_renamed_organization_and_a_new_membership_show_at_once(admin, admin_client, org_a, org_b):
    assert "Acme Retail" in _bar(admin_client.get(LIST))
    Organization.objects.filter(pk=org_a.pk).update(name="Acme Grosir")
    MembershipFactory(organization=org_b, user=admin, role=Role.AGENT)
    bar = _bar(admin_client.get(LIST))
    assert "Acme Grosir" in bar and "Acme Retail" not in bar and "Borealis Foods" in bar
    Membership.objects.filter(user=admin, organization=org_a).update(role=Role.REVIEWER)
    assert ">Reviewer</span>" in _bar(admin_client.get(LIST))


def test_the_section_of_the_site_is_the_one_highlighted(admin_client):
    def active(path):
        return re.findall(r'<a href="([^"]+)" class="active">', _bar(admin_client.get(path)))

    assert active(LIST) == ["/broadcast/templates/"]
    assert active("/settings/security/") == ["/settings/security/"]
    assert active("/settings/members/") == ["/settings/members/"]


def test_the_language_switcher_returns_to_this_very_address(agent_client):
    bar = _bar(agent_client.get(LIST + "?status=draft&q=<b>"))
    assert '<input type="hidden" name="next" value="/broadcast/templates/?status=draft&amp;q=%3Cb%3E">' in bar


def test_the_bars_forms_carry_this_sessions_csrf_token(agent):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(agent)
    bar = _bar(browser.get(LIST))
    form = re.search(r'<form class="language-switcher".*?</form>', bar, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert browser.post("/accounts/language/", {"language": "id", "next": LIST}).status_code == 403
    response = browser.post("/accounts/language/", {"language": "id", "next": LIST, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    agent.refresh_from_db()
    assert agent.language == "id"


def test_a_page_masks_its_csrf_token_once_and_each_page_anew(agent, account_a):
    """The layout's htmx header, the top bar's forms and the page's forms share one masked token; the next page
    gets another (masking per response is what keeps the secret out of compressed pages)."""
    from templates_app.models import Template

    draft = Template.objects.create(
        organization=account_a.organization, channel_account=account_a, name="welcome", created_by=agent
    )
    draft.contents.create(language="en_US", body="Hello")
    draft.languages = ["en_US"]
    draft.save()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(agent)
    pages = [browser.get(f"/broadcast/templates/{draft.pk}/edit/?lang=en_US").content.decode() for _ in range(2)]
    tokens = [
        re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page) + re.findall(r'"X-CSRFToken": "([^"]+)"', page)
        for page in pages
    ]
    assert len(tokens[0]) >= 5 and len(set(tokens[0])) == 1 and len(set(tokens[1])) == 1
    assert tokens[0][0] != tokens[1][0]
    response = browser.post(
        "/accounts/language/", {"language": "id", "next": LIST}, headers={"X-CSRFToken": tokens[0][0]}
    )
    assert response.status_code == 302
