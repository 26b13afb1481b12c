"""What each page costs in queries, per role that opens it: a loop that queries per row shows up here.

The pages stay within 8 queries whatever the data: a full list page (and
more rows behind it), a template in two languages with its timeline and
submissions. The limits are the counts the pages make today.
"""

import pytest

from security_settings.services import broadcast_template_otp_enable
from templates_app.services import template_digest, template_submit
from tests.factories import ChannelAccountFactory, MembershipFactory, UserFactory
from tests.templates_app.builders import new_template

LIST, NEW = "/broadcast/templates/", "/broadcast/templates/new/"


@pytest.fixture
def busy_org(org_a, agent, admin, reviewer, account_a):
    """More rows than a page, by several creators on two accounts, in several statuses and languages."""
    other_account = ChannelAccountFactory(organization=org_a, display_name="Acme Outlet")
    others = [MembershipFactory(organization=org_a, role="agent", user=UserFactory()).user for _ in range(3)]
    for i in range(30):
        new_template(
            org_a,
            [agent, admin, *others][i % 5],
            [account_a, other_account][i % 2],
            name=f"promo_{chr(97 + i % 26)}{chr(97 + i // 26)}",
            languages=["en_US", "id"] if i % 3 else ["en_US"],
        )
    return org_a


@pytest.fixture
def pending(org_a, agent, account_a, django_capture_on_commit_callbacks):
    """A template in two languages at the review desk: a timeline, two submissions, a decision to offer."""
    template = new_template(org_a, agent, account_a, name="spring_sale", languages=["en_US", "id"])
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=template, actor=agent, fingerprint=template_digest(template))
    return template


@pytest.mark.parametrize(("who", "limit"), [("admin_client", 3), ("agent_client", 3), ("reviewer_client", 3)])
@pytest.mark.parametrize("query", ["", "?status=draft&language=id", "?mine=1", "?q=promo"])
def test_the_list_costs_the_same_queries_for_a_full_page(
    request, busy_org, who, limit, query, django_assert_max_num_queries
):
    client = request.getfixturevalue(who)
    with django_assert_max_num_queries(limit + (1 if "q=" in query else 0)):
        response = client.get(LIST + query)
    assert response.status_code == 200
    if not query:
        assert response.content.decode().count("<tr data-template=") == 25


@pytest.mark.parametrize("who", ["admin_client", "agent_client"])
def test_step_1_costs_three_queries(request, account_a, who, django_assert_max_num_queries):
    client = request.getfixturevalue(who)
    with django_assert_max_num_queries(3):
        response = client.get(NEW)
    assert response.status_code == 200 and 'value="id"' in response.content.decode()


@pytest.mark.parametrize("who", ["admin_client", "agent_client"])
def test_step_1_of_an_existing_draft_costs_four_queries(
    request, org_a, agent, account_a, who, django_assert_max_num_queries
):
    template = new_template(org_a, agent, account_a, languages=["en_US", "id"])
    client = request.getfixturevalue(who)
    with django_assert_max_num_queries(4):
        response = client.get(f"/broadcast/templates/{template.pk}/details/")
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["admin_client", "agent_client"])
@pytest.mark.parametrize("otp", [False, True])
def test_step_2_costs_two_queries_with_the_toggle_on_or_off(
    request, org_a, admin, agent, account_a, who, otp, django_assert_max_num_queries
):
    if otp:
        broadcast_template_otp_enable(organization=org_a, actor=admin)
    template = new_template(org_a, agent, account_a, languages=["en_US", "id"])
    client = request.getfixturevalue(who)
    with django_assert_max_num_queries(2):
        response = client.get(f"/broadcast/templates/{template.pk}/edit/?lang=id")
    assert response.status_code == 200
    # What the page says about the code step still follows the toggle, read with the membership.
    assert ("Submitting needs a verification code" in response.content.decode()) == otp


@pytest.mark.parametrize(("who", "limit"), [("admin_client", 7), ("agent_client", 5), ("reviewer_client", 7)])
def test_the_template_page_costs_at_most_seven_queries(request, pending, who, limit, django_assert_max_num_queries):
    client = request.getfixturevalue(who)
    with django_assert_max_num_queries(limit):
        response = client.get(f"/broadcast/templates/{pending.pk}/")
    assert response.status_code == 200 and "spring_sale" in response.content.decode()
