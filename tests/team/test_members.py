"""Roles and removal: effect on the member's next request, the last-Admin rule, and the code for Admin changes."""

import pytest
from django.test import Client

from accounts.models import AuditEntry, Membership, Role
from team.services import CodeRequired, LastAdmin, membership_remove, membership_role_change
from tests.factories import MembershipFactory, UserFactory

from .conftest import code_in

MEMBERS = "/settings/members/"


def _m(user, org) -> Membership:
    return Membership.objects.get(user=user, organization=org)


def test_the_members_page_lists_members_with_role_and_last_sign_in(admin_client, admin, agent, reviewer, org_a):
    Client().login(username="agent@acme.test", password="correct-horse-battery")
    page = admin_client.get(MEMBERS).content.decode()
    assert "Invite member" in page
    for email in ("admin@acme.test", "agent@acme.test", "reviewer@acme.test"):
        assert email in page
    agent_row = page.split('data-member="agent@acme.test"')[1].split("</tr>")[0]
    assert '<option value="agent" selected>' in agent_row and "Never" not in agent_row
    reviewer_row = page.split('data-member="reviewer@acme.test"')[1].split("</tr>")[0]
    assert "Never" in reviewer_row
    admin_row = page.split('data-member="admin@acme.test"')[1].split("</tr>")[0]
    assert "Last Admin" in admin_row and "Remove" not in admin_row


def test_a_role_change_applies_on_the_members_next_request(admin_client, agent_client, agent, org_a, post):
    assert agent_client.get("/broadcast/templates/new/").status_code == 200
    response = post(admin_client, f"{MEMBERS}{_m(agent, org_a).pk}/role/", {"role": "reviewer"})
    assert response.status_code == 302
    assert _m(agent, org_a).role == Role.REVIEWER
    assert agent_client.get("/broadcast/templates/new/").status_code == 403
    entry = AuditEntry.objects.get(action="role_changed")
    assert entry.summary == "agent@acme.test: Agent → Reviewer" and entry.changes == {"role": ["agent", "reviewer"]}


def test_a_removed_member_loses_access_at_once(admin_client, agent_client, agent, org_a, org_b, post):
    MembershipFactory(user=agent, organization=org_b, role=Role.AGENT)
    assert agent_client.get("/broadcast/templates/").status_code == 200  # working in Acme Retail
    confirm = admin_client.get(f"{MEMBERS}{_m(agent, org_a).pk}/remove/").content.decode()
    assert "Remove agent@acme.test?" in confirm
    response = post(admin_client, f"{MEMBERS}{_m(agent, org_a).pk}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(user=agent, organization=org_a).exists()

    refused = agent_client.get("/broadcast/templates/")
    assert refused.status_code == 403
    # The next request acts in the organization they still belong to, never in Acme Retail.
    page = agent_client.get("/broadcast/templates/", follow=True).content.decode()
    assert "You are no longer a member of that organization." in page
    assert "Borealis Foods" in page and "Acme Retail" not in page
    assert AuditEntry.objects.filter(organization=org_a, action="member_removed", target="agent@acme.test").exists()


def test_a_removed_members_open_post_is_refused_too(admin_client, agent_client, agent, org_a, post):
    post(admin_client, f"{MEMBERS}{_m(agent, org_a).pk}/remove/")
    response = agent_client.post("/broadcast/templates/new/", {"name": "late_change"})
    assert response.status_code == 403


def test_the_last_admin_can_be_neither_demoted_nor_removed_nor_leave(admin_client, admin, org_a, post, mailoutbox):
    membership = _m(admin, org_a)
    demote = post(admin_client, f"{MEMBERS}{membership.pk}/role/", {"role": "agent"}, follow=True)
    assert "is the last Admin of Acme Retail" in demote.content.decode()
    remove = post(admin_client, f"{MEMBERS}{membership.pk}/remove/", follow=True)
    assert "is the last Admin of Acme Retail" in remove.content.decode()
    leave = post(admin_client, f"/profile/organizations/{org_a.pk}/leave/", follow=True)
    assert "is the last Admin of Acme Retail" in leave.content.decode()
    assert _m(admin, org_a).role == Role.ADMIN
    assert mailoutbox == []  # no code is sent for a change that can't happen
    with pytest.raises(LastAdmin):
        membership_role_change(membership=membership, role=Role.AGENT, actor=admin)
    with pytest.raises(LastAdmin):
        membership_remove(membership=membership, actor=admin)


def test_making_someone_admin_needs_the_acting_admins_code_and_every_admin_is_told(
    admin_client, admin, agent, org_a, post, mailoutbox
):
    second = MembershipFactory(organization=org_a, role=Role.ADMIN, user=UserFactory(email="boss@acme.test"))
    url = f"{MEMBERS}{_m(agent, org_a).pk}/role/"
    dialog = post(admin_client, url, {"role": "admin"})
    assert dialog.status_code == 200 and ">Verify<" in dialog.content.decode()
    assert _m(agent, org_a).role == Role.AGENT  # nothing changes before the code
    code_mail = mailoutbox[-1]
    assert code_mail.to == ["admin@acme.test"] and "verification code" in code_mail.subject
    assert "agent@acme.test" in code_mail.body and "Admin" in code_mail.body

    wrong = post(
        admin_client,
        url + "verify/",
        {"role": "admin", "code": "000000" if code_in(code_mail) != "000000" else "111111"},
    )
    assert wrong.status_code == 422 and "That code is not right" in wrong.content.decode()
    assert _m(agent, org_a).role == Role.AGENT

    done = post(admin_client, url + "verify/", {"role": "admin", "code": code_in(code_mail)})
    assert done.status_code == 200 and "Role changed" in done.content.decode()
    assert _m(agent, org_a).role == Role.ADMIN
    told = mailoutbox[-1]
    assert told.subject == "Admins of Acme Retail changed"
    assert sorted(told.to) == ["admin@acme.test", "agent@acme.test", "boss@acme.test"]
    assert "admin@acme.test made agent@acme.test an Admin." in told.body and "127.0.0.1" in told.body
    assert second.role == Role.ADMIN


def test_a_code_confirms_only_the_change_it_was_sent_for(admin_client, admin, agent, reviewer, org_a, post, mailoutbox):
    post(admin_client, f"{MEMBERS}{_m(agent, org_a).pk}/role/", {"role": "admin"})
    code = code_in(mailoutbox[-1])
    # The same code posted for another member, or with the role changed in the form, changes nothing.
    other = post(admin_client, f"{MEMBERS}{_m(reviewer, org_a).pk}/role/verify/", {"role": "admin", "code": code})
    assert other.status_code == 422
    assert _m(reviewer, org_a).role == Role.REVIEWER and _m(agent, org_a).role == Role.AGENT


def test_an_admin_change_without_a_verified_code_is_refused_by_the_service(admin, agent, org_a):
    with pytest.raises(CodeRequired):
        membership_role_change(membership=_m(agent, org_a), role=Role.ADMIN, actor=admin)
    assert _m(agent, org_a).role == Role.AGENT


def test_removing_an_admin_needs_the_code_and_every_admin_is_told(admin_client, admin, org_a, post, mailoutbox):
    boss = MembershipFactory(organization=org_a, role=Role.ADMIN, user=UserFactory(email="boss@acme.test"))
    boss_client = Client()
    boss_client.force_login(boss.user)
    url = f"{MEMBERS}{boss.pk}/remove/"
    dialog = post(admin_client, url)
    assert ">Verify<" in dialog.content.decode()
    assert Membership.objects.filter(pk=boss.pk).exists()
    done = post(admin_client, url + "verify/", {"code": code_in(mailoutbox[-1])})
    assert done.status_code == 200 and "Member removed" in done.content.decode()
    assert not Membership.objects.filter(pk=boss.pk).exists()
    assert boss_client.get(MEMBERS).status_code == 403
    told = mailoutbox[-1]
    assert sorted(told.to) == ["admin@acme.test", "boss@acme.test"]
    assert "admin@acme.test removed the Admin boss@acme.test." in told.body


def test_cancel_drops_the_pending_code(admin_client, agent, org_a, post, mailoutbox):
    url = f"{MEMBERS}{_m(agent, org_a).pk}/role/"
    post(admin_client, url, {"role": "admin"})
    code = code_in(mailoutbox[-1])
    assert post(admin_client, url + "cancel/").status_code == 302
    after = post(admin_client, url + "verify/", {"role": "admin", "code": code})
    assert after.status_code == 422 and _m(agent, org_a).role == Role.AGENT


def test_inviting_an_admin_needs_the_code(admin_client, admin, org_a, post, mailoutbox, settings):
    settings.OTP_RESEND_COOLDOWN = 0
    dialog = post(admin_client, "/settings/members/invite/", {"email": "chief@acme.test", "role": "admin"})
    assert ">Verify<" in dialog.content.decode()
    assert [m.to for m in mailoutbox] == [["admin@acme.test"]]  # the code, no invitation yet
    tampered = post(
        admin_client,
        "/settings/members/invite/verify/",
        {"email": "mallory@evil.test", "role": "admin", "code": code_in(mailoutbox[-1])},
    )
    assert tampered.status_code == 422 and len(mailoutbox) == 1
    post(admin_client, "/settings/members/invite/", {"email": "chief@acme.test", "role": "admin"})
    dialog = post(
        admin_client,
        "/settings/members/invite/verify/",
        {"email": "chief@acme.test", "role": "admin", "code": code_in(mailoutbox[-1])},
    )
    # The tampered try killed the first code: a new one was needed.
    assert "Invitation sent" in dialog.content.decode()
    recipients = [m.to for m in mailoutbox]
    assert ["chief@acme.test"] in recipients and ["admin@acme.test"] in recipients


@pytest.mark.parametrize("who", ["agent_client", "reviewer_client"])
def test_agents_and_reviewers_cannot_change_roles_or_remove(request, who, admin, agent, reviewer, org_a, post):
    client = request.getfixturevalue(who)
    target = _m(admin, org_a)
    assert post(client, f"{MEMBERS}{_m(agent, org_a).pk}/role/", {"role": "admin"}).status_code == 403
    assert post(client, f"{MEMBERS}{target.pk}/remove/").status_code == 403
    assert post(client, "/settings/members/invite/", {"email": "x@acme.test", "role": "agent"}).status_code == 403
    assert _m(agent, org_a).role == Role.AGENT and Membership.objects.filter(pk=target.pk).exists()


def test_an_outsider_cannot_change_or_remove_another_organizations_member(outsider_client, agent, org_a, post):
    membership = _m(agent, org_a)
    assert post(outsider_client, f"{MEMBERS}{membership.pk}/role/", {"role": "reviewer"}).status_code == 404
    assert post(outsider_client, f"{MEMBERS}{membership.pk}/remove/").status_code == 404
    assert _m(agent, org_a).role == Role.AGENT


def test_each_admin_reads_the_admin_change_in_their_own_language(admin_client, agent, org_a, post, mailoutbox):
    MembershipFactory(organization=org_a, role=Role.ADMIN, user=UserFactory(email="bos@acme.test", language="id"))
    url = f"{MEMBERS}{_m(agent, org_a).pk}/role/"
    post(admin_client, url, {"role": "admin"})
    post(admin_client, url + "verify/", {"role": "admin", "code": code_in(mailoutbox[-1])})

    told = {tuple(m.to): m for m in mailoutbox if "verification" not in m.subject.lower()}
    indonesian = next(m for to, m in told.items() if "bos@acme.test" in to)
    english = next(m for to, m in told.items() if "admin@acme.test" in to)
    assert indonesian.to == ["bos@acme.test"] and english.subject == "Admins of Acme Retail changed"
    assert indonesian.subject != english.subject
    assert "admin@acme.test made agent@acme.test an Admin." in english.body
    assert "made" not in indonesian.body and "agent@acme.test" in indonesian.body
