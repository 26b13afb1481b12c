"""The profile: name and language, password, email confirmed at the new address, organizations."""

from django.test import Client

from accounts.models import AuditEntry, Membership, Role, User
from tests.factories import PASSWORD, MembershipFactory

from .conftest import link_in

PROFILE = "/profile/"


def test_everyone_sees_their_profile_and_organizations(agent_client, agent, org_a, org_b):
    MembershipFactory(user=agent, organization=org_b, role=Role.REVIEWER)
    page = agent_client.get(PROFILE).content.decode()
    assert "agent@acme.test" in page and "Acme Retail" in page and "Borealis Foods" in page
    assert "Bahasa Indonesia" in page


def test_name_and_preferred_language_are_saved_and_audited(agent_client, agent, org_a):
    response = agent_client.post(PROFILE, {"full_name": "Agus Baru", "language": "id"})
    assert response.status_code == 302
    agent.refresh_from_db()
    assert (agent.full_name, agent.language) == ("Agus Baru", "id")
    entry = AuditEntry.objects.get(organization=org_a, action="profile_changed")
    assert entry.actor_email == "agent@acme.test" and entry.changes["language"] == ["", "id"]
    # From now on the pages speak Indonesian, the refusal included.
    bad = agent_client.post(PROFILE, {"full_name": "x", "language": "fr"})
    assert bad.status_code == 422 and "Masukkan pilihan yang valid" in bad.content.decode()


def test_password_change_needs_the_current_one_and_ends_other_sessions(agent_client, agent, org_a):
    other = Client()
    other.force_login(agent)
    wrong = agent_client.post(
        "/profile/password/",
        {"old_password": "nope", "new_password1": "Kopi-tubruk-99", "new_password2": "Kopi-tubruk-99"},
    )
    assert wrong.status_code == 422 and "Your current password is not right." in wrong.content.decode()
    ok = agent_client.post(
        "/profile/password/",
        {"old_password": PASSWORD, "new_password1": "Kopi-tubruk-99", "new_password2": "Kopi-tubruk-99"},
    )
    assert ok.status_code == 302
    agent.refresh_from_db()
    assert agent.check_password("Kopi-tubruk-99")
    assert agent_client.get(PROFILE).status_code == 200  # this session stays
    assert other.get(PROFILE).status_code == 302  # the other one is logged out
    assert AuditEntry.objects.filter(action="password_changed", actor_email="agent@acme.test").exists()


def test_email_change_is_confirmed_at_the_new_address_and_the_old_one_is_told(
    agent_client, agent, admin, org_a, post, mailoutbox
):
    wrong = post(agent_client, "/profile/email/", {"email": "agus@new.test", "password": "nope"})
    assert wrong.status_code == 422 and mailoutbox == []
    taken = post(agent_client, "/profile/email/", {"email": "admin@acme.test", "password": PASSWORD})
    assert "Another account already uses this email address." in taken.content.decode()

    asked = post(agent_client, "/profile/email/", {"email": "agus@new.test", "password": PASSWORD}, follow=True)
    assert "Your address stays agent@acme.test" in asked.content.decode()
    (mail,) = mailoutbox
    assert mail.to == ["agus@new.test"] and "Confirm your new email" in mail.subject
    agent.refresh_from_db()
    assert agent.email == "agent@acme.test"  # nothing changes before the link is confirmed

    link = link_in(mail)
    visitor = Client()
    assert "Change the email address of the account" in visitor.get(link).content.decode()
    assert User.objects.get(pk=agent.pk).email == "agent@acme.test"  # opening (link scanners) changes nothing
    done = post(visitor, link)
    assert "Your email address is now agus@new.test" in done.content.decode()
    agent.refresh_from_db()
    assert agent.email == "agus@new.test"
    told = mailoutbox[-1]
    assert told.to == ["agent@acme.test"] and "was changed" in told.subject and "agus@new.test" in told.body
    entry = AuditEntry.objects.get(organization=org_a, action="email_changed")
    assert entry.summary == "agent@acme.test → agus@new.test"

    again = visitor.post(link)
    assert again.status_code == 410 and "already used" in again.content.decode()


def test_a_member_leaves_an_organization_from_the_profile(agent_client, agent, org_a, org_b, post):
    MembershipFactory(user=agent, organization=org_b, role=Role.AGENT)
    post(agent_client, f"/profile/organizations/{org_a.pk}/leave/")
    assert list(Membership.objects.filter(user=agent).values_list("organization__name", flat=True)) == [
        "Borealis Foods"
    ]
    assert AuditEntry.objects.filter(organization=org_a, action="member_left", target="agent@acme.test").exists()
    assert "Borealis Foods" in agent_client.get("/").content.decode()


def test_nobody_leaves_an_organization_they_are_not_in(agent_client, org_b):
    assert agent_client.post(f"/profile/organizations/{org_b.pk}/leave/").status_code == 404
