"""Invite member: the email, the link, joining as a new or existing person, and every way a link stops working."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import AuditEntry, Membership, Role, User
from team.models import Invitation
from tests.factories import PASSWORD, MembershipFactory, UserFactory

from .conftest import link_in

INVITE = "/settings/members/invite/"
MEMBERS = "/settings/members/"


def _pending(client) -> str:
    """The pending invitations table of the members page."""
    return client.get(MEMBERS).content.decode().split('id="invitations"')[1].split("</section>")[0]


def _invite(post, admin_client, mailoutbox, email="new@acme.test", role="agent"):
    response = post(admin_client, INVITE, {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()
    mail = mailoutbox[-1]
    assert mail.to == [email]
    return link_in(mail)


def test_an_invitation_arrives_by_email_with_a_link_and_is_listed_and_audited(admin_client, org_a, post, mailoutbox):
    link = _invite(post, admin_client, mailoutbox, role="reviewer")
    mail = mailoutbox[-1]
    assert "invited you to Acme Retail" in mail.subject
    assert "as Reviewer" in mail.body and "admin@acme.test" in mail.body
    assert "new@acme.test" in _pending(admin_client)
    entry = AuditEntry.objects.get(organization=org_a, action="invitation_sent")
    assert (entry.actor_email, entry.target, entry.ip) == ("admin@acme.test", "new@acme.test", "127.0.0.1")
    assert link.startswith("/invitations/")


def test_a_new_person_sets_name_and_password_joins_and_works_with_the_role_given(admin_client, org_a, post, mailoutbox):
    link = _invite(post, admin_client, mailoutbox, role="agent")
    visitor = Client()
    page = visitor.get(link).content.decode()
    assert "Join Acme Retail" in page and "new@acme.test" in page and "Agent" in page

    short = visitor.post(link, {"full_name": "Nina New", "password1": "short", "password2": "short"})
    assert short.status_code == 422 and "too short" in short.content.decode()
    assert not User.objects.filter(email="new@acme.test").exists()

    joined = visitor.post(link, {"full_name": "Nina New", "password1": "Kopi-tubruk-99", "password2": "Kopi-tubruk-99"})
    assert joined.status_code == 302 and joined["Location"] == "/"
    user = User.objects.get(email="new@acme.test")
    assert user.full_name == "Nina New" and user.check_password("Kopi-tubruk-99")
    assert Membership.objects.get(user=user, organization=org_a).role == Role.AGENT
    # Logged in, in the organization, with the Agent's pages and not the Admin's.
    assert visitor.get("/broadcast/templates/new/").status_code == 200
    assert visitor.get(MEMBERS).status_code == 403
    assert AuditEntry.objects.filter(organization=org_a, action="invitation_accepted", target="new@acme.test").exists()


def test_someone_with_an_account_logs_in_and_joins_with_it(admin_client, org_a, org_b, post, mailoutbox):
    existing = MembershipFactory(organization=org_b, role=Role.ADMIN, user=UserFactory(email="ola@borealis.test")).user
    link = _invite(post, admin_client, mailoutbox, email="OLA@borealis.test", role="reviewer")
    visitor = Client()
    page = visitor.get(link).content.decode()
    assert "already has an account" in page and "Log in to join" in page
    assert visitor.post(link).status_code == 302  # no account is made or changed without logging in
    assert not Membership.objects.filter(user=existing, organization=org_a).exists()

    login = visitor.post(f"/accounts/login/?next={link}", {"username": "ola@borealis.test", "password": PASSWORD})
    assert login["Location"] == link
    assert "Join Acme Retail" in visitor.get(link).content.decode()
    assert visitor.post(link)["Location"] == "/"
    assert Membership.objects.get(user=existing, organization=org_a).role == Role.REVIEWER
    assert "Acme Retail" in visitor.get("/").content.decode()  # now working in the new organization
    assert visitor.get("/broadcast/templates/new/").status_code == 403  # a Reviewer there
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)


def test_the_link_opened_in_someone_elses_session_does_not_join_them(
    admin_client, agent_client, agent, org_a, post, mailoutbox
):
    link = _invite(post, admin_client, mailoutbox, email="new@acme.test")
    response = agent_client.post(link)
    page = response.content.decode()
    assert response.status_code == 403
    assert "This invitation is for another account" in page and "<strong>new@acme.test</strong>" in page
    assert Invitation.objects.get().accepted_at is None


def test_a_link_used_twice_says_so(admin_client, org_a, post, mailoutbox):
    link = _invite(post, admin_client, mailoutbox)
    first = Client()
    first.post(link, {"full_name": "N", "password1": "Kopi-tubruk-99", "password2": "Kopi-tubruk-99"})
    again = Client().get(link)
    assert again.status_code == 410 and "This invitation was already used" in again.content.decode()
    repost = Client().post(link, {"full_name": "X", "password1": "Other-pass-123", "password2": "Other-pass-123"})
    assert repost.status_code == 410
    assert User.objects.get(email="new@acme.test").check_password("Kopi-tubruk-99")


def test_a_revoked_invitation_says_so_and_no_longer_joins(admin_client, org_a, post, mailoutbox):
    link = _invite(post, admin_client, mailoutbox)
    invitation = Invitation.objects.get()
    response = post(admin_client, f"/settings/members/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    assert "new@acme.test" not in _pending(admin_client)
    opened = Client().get(link)
    assert opened.status_code == 410 and "revoked" in opened.content.decode()
    joined = Client().post(link, {"full_name": "N", "password1": "Kopi-tubruk-99", "password2": "Kopi-tubruk-99"})
    assert joined.status_code == 410 and not User.objects.filter(email="new@acme.test").exists()
    assert AuditEntry.objects.filter(action="invitation_revoked", target="new@acme.test").exists()


def test_resend_sends_a_new_link_and_the_old_one_stops_working(admin_client, org_a, post, mailoutbox):
    old_link = _invite(post, admin_client, mailoutbox)
    invitation = Invitation.objects.get()
    url = f"/settings/members/invitations/{invitation.pk}/resend/"

    too_soon = post(admin_client, url, follow=True)
    assert "was just sent" in too_soon.content.decode() and len(mailoutbox) == 1

    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now() - timedelta(minutes=5), expires_at=timezone.now() + timedelta(days=1)
    )
    post(admin_client, url)
    assert len(mailoutbox) == 2
    new_link = link_in(mailoutbox[-1])
    assert new_link != old_link
    replaced = Client().get(old_link)
    assert replaced.status_code == 410 and "A newer invitation was sent" in replaced.content.decode()
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=6, hours=23)  # 7 days again
    assert Client().get(new_link).status_code == 200


def test_an_expired_link_says_so(admin_client, org_a, post, mailoutbox):
    link = _invite(post, admin_client, mailoutbox)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().get(link)
    assert response.status_code == 410 and "This invitation has expired" in response.content.decode()
    assert "Expired" in _pending(admin_client)
    # Inviting the same address again makes a new invitation.
    _invite(post, admin_client, mailoutbox)
    assert Invitation.objects.filter(revoked_at=None).count() == 1


def test_a_tampered_or_made_up_link_is_not_valid(admin_client, post, mailoutbox):
    link = _invite(post, admin_client, mailoutbox)
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + "x/"
    response = Client().get(tampered)
    assert response.status_code == 404 and "This invitation link is not valid" in response.content.decode()


def test_an_email_already_in_the_organization_or_already_invited_says_so(admin_client, agent, org_a, post, mailoutbox):
    response = post(admin_client, INVITE, {"email": "AGENT@acme.test", "role": "reviewer"})
    assert response.status_code == 422
    assert "AGENT@acme.test is already a member of Acme Retail" in response.content.decode()
    _invite(post, admin_client, mailoutbox)
    again = post(admin_client, INVITE, {"email": "new@acme.test", "role": "agent"})
    assert again.status_code == 422 and "already has a pending invitation" in again.content.decode()
    assert len(mailoutbox) == 1


def test_invitations_are_rate_limited_per_organization(admin_client, org_a, post, mailoutbox, settings):
    settings.INVITATIONS_PER_HOUR = 2
    _invite(post, admin_client, mailoutbox, email="one@acme.test")
    _invite(post, admin_client, mailoutbox, email="two@acme.test")
    third = post(admin_client, INVITE, {"email": "three@acme.test", "role": "agent"})
    assert third.status_code == 422
    assert "sent 2 invitations in the last hour" in third.content.decode()
    assert len(mailoutbox) == 2 and not Invitation.objects.filter(email="three@acme.test").exists()


def test_bad_input_gets_a_message_next_to_the_field(admin_client, db):
    response = admin_client.post(INVITE, {"email": "not-an-email", "role": "owner"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Enter a valid email address." in page and "Select a valid choice." in page


@pytest.mark.parametrize("action", ["resend", "revoke"])
def test_an_outsider_cannot_touch_another_organizations_invitation(
    admin_client, outsider_client, post, mailoutbox, action
):
    _invite(post, admin_client, mailoutbox)
    invitation = Invitation.objects.get()
    response = post(outsider_client, f"/settings/members/invitations/{invitation.pk}/{action}/")
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None and invitation.send_count == 1 and len(mailoutbox) == 1
