import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.middleware import CurrentMembershipMiddleware
from accounts.permissions import ADMINS, AUTHORS, EVERYONE, REVIEWERS, role_required


def _call(view, user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    request.session = {}
    CurrentMembershipMiddleware(lambda r: None)(request)
    return view(request)


@role_required(*ADMINS)
def admins_only(request):
    return HttpResponse("ok")


@role_required(*AUTHORS)
def authors_only(request):
    return HttpResponse("ok")


@role_required(*REVIEWERS)
def reviewers_only(request):
    return HttpResponse("ok")


@role_required(*EVERYONE)
def members_only(request):
    return HttpResponse("ok")


@pytest.mark.parametrize(
    "view,allowed",
    [
        (admins_only, {"admin"}),
        (authors_only, {"admin", "agent"}),
        (reviewers_only, {"admin", "reviewer"}),
        (members_only, {"admin", "agent", "reviewer"}),
    ],
    ids=["admins", "authors", "reviewers", "everyone"],
)
def test_each_role_is_allowed_or_refused(view, allowed, admin, agent, reviewer):
    for role, user in {"admin": admin, "agent": agent, "reviewer": reviewer}.items():
        if role in allowed:
            assert _call(view, user).status_code == 200, role
        else:
            with pytest.raises(PermissionDenied):
                _call(view, user)


def test_a_user_without_an_organization_is_refused(db):
    from tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        _call(members_only, UserFactory())


def test_refusal_is_a_clean_403_page(agent_client):
    response = agent_client.get("/settings/channels/")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_admin_sees_their_channel_account(admin_client, account_a):
    response = admin_client.get(f"/settings/channels/{account_a.pk}/")
    assert response.status_code == 200
    assert "Acme Store" in response.content.decode()


def test_another_organizations_channel_account_answers_404(admin_client, account_b):
    response = admin_client.get(f"/settings/channels/{account_b.pk}/")
    assert response.status_code == 404
    assert "Borealis" not in response.content.decode()


def test_channel_list_shows_only_the_own_organizations_accounts(admin_client, account_a, account_b):
    page = admin_client.get("/settings/channels/").content.decode()
    assert "Acme Store" in page and "Borealis Store" not in page
