"""Every way content goes out, tried by someone who holds a session but not the right mailbox.

What the code confirms is what goes out (the email quotes it; a verified
code is consumed by exactly one action), nobody decides on a template they
worked on, and every path that sends a template again needs a fresh code
when the organization's toggle is on.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db.models import F
from django.test import Client

from otp.models import Challenge
from otp.services import challenge_consume, challenge_issue, challenge_verify
from security_settings.policies import SECOND_PERSON_APPROVAL
from security_settings.services import broadcast_template_otp_enable, security_setting_set
from templates_app.models import Contribution, Status, Template
from templates_app.services import (
    PURPOSE_RETRY,
    PURPOSE_REVIEW,
    PURPOSE_SUBMIT,
    ReviewError,
    VerificationRequired,
    content_save,
    review_decide,
    review_digest,
    template_digest,
    template_send_again,
    template_submit,
)
from tests.factories import ChannelAccountFactory, UserFactory
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, WABA_ID
from tests.templates_app.builders import VALID, new_template

CODE_RE = re.compile(r"(?<!\d)\d{6}(?!\d)")


def url(template, path: str = "") -> str:
    return f"/broadcast/templates/{template.pk}/{path}"


def status_of(template) -> str:
    return Template.objects.get(pk=template.pk).status


def last_code(mailoutbox, address: str) -> str:
    mail = [m for m in mailoutbox if address in m.to and "verification code" in m.subject][-1]
    (code,) = set(CODE_RE.findall(mail.body))
    return code


@pytest.fixture
def toggle_on(org_a, admin):
    broadcast_template_otp_enable(organization=org_a, actor=admin)


@pytest.fixture
def approval_on(org_a, admin):
    security_setting_set(organization=org_a, policy=SECOND_PERSON_APPROVAL, value=True, actor=admin)


@pytest.fixture
def meta_account(org_a):
    return ChannelAccountFactory(
        organization=org_a,
        display_name="Acme WhatsApp",
        provider="meta",
        waba_id=WABA_ID,
        meta_app_id=APP_ID,
        meta_access_token=ACCESS_TOKEN,
    )


def submit(template, actor, capture):
    with capture(execute=True):
        return template_submit(template=template, actor=actor, fingerprint=template_digest(template))


def verified(user, purpose, template, digest, capture, mailoutbox):
    """`user` asks for a code and enters it, as the dialog would: a verified, unconsumed challenge."""
    with capture(execute=True):
        issued = challenge_issue(user=user, purpose=purpose, subject=template, digest=digest, action="confirm")
    assert challenge_verify(
        challenge_id=issued.challenge.pk,
        user=user,
        code=last_code(mailoutbox, user.email),
        purpose=purpose,
        subject=template,
        digest=digest,
    ).ok


# --- the code email says what it confirms ------------------------------------------------
def test_the_code_email_quotes_each_languages_body_escaped(
    agent_client, org_a, agent, account_a, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, account_a, languages=("en_US", "id"))
    content_save(
        template=template,
        actor=agent,
        language="id",
        data={**VALID, "body": "Halo {{1}}, <b>pesanan</b> 123456789 Anda " + "sudah dikirim. " * 20},
    )
    shown = agent_client.post(url(template, "submit/"))
    fingerprint = re.search(r'name="fingerprint" value="(\w+)"', shown.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(url(template, "submit/confirm/"), {"fingerprint": fingerprint})

    (mail,) = mailoutbox
    text, html = mail.body, mail.alternatives[0][0]
    for label in (
        "Template: order_update",
        "Category: Utility",
        "Account: Acme Store",
        "Languages: English (United States)",
    ):
        assert label in text
    assert "English (United States) (en_US) body" in text and "Indonesian (id) body" in text
    assert VALID["body"][:40] in text
    assert "Halo {{1}}, <b>pesanan</b>" in text  # plain text as written
    assert "&lt;b&gt;pesanan&lt;/b&gt;" in html and "<b>pesanan" not in html
    quoted = re.search(r"“(Halo[^”]*)”", text).group(1)
    assert len(quoted.replace("\u2060", "")) <= 160 and quoted.endswith("…")
    assert len(set(CODE_RE.findall(text))) == 1 and len(set(CODE_RE.findall(html))) == 1


# --- one verified code, one action ---------------------------------------------------------
def test_a_verified_code_is_consumed_by_one_submission_only(
    org_a, agent, account_a, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, account_a)
    digest = template_digest(template)
    verified(agent, PURPOSE_SUBMIT, template, digest, django_capture_on_commit_callbacks, mailoutbox)

    assert challenge_consume(user=agent, purpose=PURPOSE_SUBMIT, subject=template, digest=digest)
    assert not challenge_consume(user=agent, purpose=PURPOSE_SUBMIT, subject=template, digest=digest)
    with pytest.raises(VerificationRequired):
        submit(template, agent, django_capture_on_commit_callbacks)
    assert status_of(template) == Status.DRAFT


def test_a_code_verified_for_one_content_does_not_submit_another(
    org_a, agent, account_a, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, account_a)
    verified(agent, PURPOSE_SUBMIT, template, template_digest(template), django_capture_on_commit_callbacks, mailoutbox)
    content_save(template=template, actor=agent, language="en_US", data={**VALID, "footer": "Changed after verify"})

    with pytest.raises(VerificationRequired):
        submit(template, agent, django_capture_on_commit_callbacks)
    assert status_of(template) == Status.DRAFT


# --- contributors ---------------------------------------------------------------------------
def test_everyone_who_worked_on_a_template_is_recorded(
    org_a, agent, admin, account_a, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, account_a)
    content_save(template=template, actor=admin, language="en_US", data={**VALID, "footer": "Edited by the admin"})
    submit(template, agent, django_capture_on_commit_callbacks)

    assert set(Contribution.objects.filter(template=template).values_list("user__email", "kind")) == {
        ("agent@acme.test", "created"),
        ("agent@acme.test", "edited"),
        ("admin@acme.test", "edited"),
        ("agent@acme.test", "submitted"),
    }


def test_an_admin_who_edited_an_agents_draft_cannot_approve_it(
    org_a, agent, admin, admin_client, reviewer_client, account_a, celery_worker
):
    template = new_template(org_a, agent, account_a)
    # A stolen Admin session writes into the agent's draft, then waits for the agent's Submit.
    content_save(template=template, actor=admin, language="en_US", data={**VALID, "body": "Menang {{1}} juta, klik!"})
    template_submit(template=template, actor=agent, fingerprint=template_digest(template))
    _wait_for(template, Status.PENDING)

    page = admin_client.get(url(template)).content.decode()
    assert 'value="approve"' not in page
    response = admin_client.post(url(template, "review/"), {"decision": "approve"}, follow=True)
    assert "You worked on this template" in response.content.decode()
    with pytest.raises(ReviewError, match="You worked on this template"):
        review_decide(template=template, reviewer=admin, approve=True)
    assert status_of(template) == Status.PENDING
    # Someone who never touched it may decide.
    assert 'value="approve"' in reviewer_client.get(url(template)).content.decode()


def test_the_submitter_cannot_decide_even_as_an_admin(
    org_a, admin, admin_client, meta_account, approval_on, django_capture_on_commit_callbacks
):
    template = new_template(org_a, admin, meta_account)
    submit(template, admin, django_capture_on_commit_callbacks)
    assert status_of(template) == Status.AWAITING_APPROVAL

    assert 'value="approve"' not in admin_client.get(url(template)).content.decode()
    with pytest.raises(ReviewError):
        review_decide(template=template, reviewer=admin, approve=True)
    assert status_of(template) == Status.AWAITING_APPROVAL


def test_an_agent_cannot_decide_through_the_service_either(
    org_a, agent, admin, meta_account, approval_on, django_capture_on_commit_callbacks
):
    template = new_template(org_a, admin, meta_account)
    submit(template, admin, django_capture_on_commit_callbacks)
    with pytest.raises(ReviewError, match="Only Reviewers and Admins"):
        review_decide(template=template, reviewer=agent, approve=True)


# --- review decisions with the toggle on ----------------------------------------------------
def test_with_the_toggle_on_a_decision_needs_the_reviewers_own_code(
    org_a, agent, reviewer, reviewer_client, account_a, toggle_on, celery_worker, smtp
):
    template = new_template(org_a, agent, account_a)
    _submit_verified_over_http(template, agent, smtp)
    _wait_for(template, Status.PENDING)

    # The service refuses without a code.
    with pytest.raises(VerificationRequired):
        review_decide(template=template, reviewer=reviewer, approve=True)
    # The page asks for one, bound to this decision.
    dialog = reviewer_client.post(url(template, "review/"), {"decision": "approve"})
    assert dialog.status_code == 200 and "Enter the code to approve “order_update”." in dialog.content.decode()
    code = smtp.latest_code(reviewer.email)
    # The same code does not turn into a rejection.
    tampered = reviewer_client.post(
        url(template, "review/verify/"), {"decision": "reject", "reason_text": "SCAM (Scam)", "code": code}
    )
    assert tampered.status_code == 422 and status_of(template) == Status.PENDING

    # The tampered try killed that code: a new one, after the cooldown.
    Challenge.objects.filter(user=reviewer).update(created_at=F("created_at") - timedelta(seconds=61))
    reviewer_client.post(url(template, "review/resend/"), {"decision": "approve"})
    code = smtp.latest_code(reviewer.email, previous=1)
    done = reviewer_client.post(url(template, "review/verify/"), {"decision": "approve", "code": code}, follow=True)
    assert "approved" in done.content.decode()
    assert status_of(template) == Status.APPROVED


# --- Retry submission -------------------------------------------------------------------------
@pytest.fixture
def failed(org_a, agent, account_a, django_capture_on_commit_callbacks):
    template = new_template(org_a, agent, account_a)
    submit(template, agent, django_capture_on_commit_callbacks)
    Template.objects.filter(pk=template.pk).update(status=Status.FAILED, status_reason="Timeout")
    return Template.objects.get(pk=template.pk)


def test_retry_with_the_toggle_on_needs_a_fresh_code(
    failed, admin, admin_client, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    # No code: the service refuses, and posting the confirm step only sends one.
    with pytest.raises(VerificationRequired):
        template_send_again(template=failed, actor=admin)
    with django_capture_on_commit_callbacks(execute=True):
        dialog = admin_client.post(url(failed, "retry/confirm/"))
    assert "Enter the code to send “order_update” again." in dialog.content.decode()
    assert status_of(failed) == Status.FAILED
    mail = mailoutbox[-1]
    assert "send the WhatsApp template “order_update” again" in mail.body and VALID["body"][:30] in mail.body

    wrong = admin_client.post(
        url(failed, "retry/verify/"), {"code": "000000" if "000000" != last_code(mailoutbox, admin.email) else "111111"}
    )
    assert wrong.status_code == 422 and status_of(failed) == Status.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url(failed, "retry/verify/"), {"code": last_code(mailoutbox, admin.email)})
    assert status_of(failed) in (Status.SUBMITTING, Status.PENDING)
    assert Contribution.objects.filter(template=failed, user=admin, kind="submitted").exists()


def test_retry_with_the_toggle_off_needs_no_code(failed, admin, admin_client, mailoutbox):
    admin_client.post(url(failed, "retry/confirm/"))
    assert status_of(failed) in (Status.SUBMITTING, Status.PENDING)
    assert not [m for m in mailoutbox if "verification code" in m.subject]


def test_a_code_for_submitting_does_not_retry(failed, admin, toggle_on, mailoutbox, django_capture_on_commit_callbacks):
    verified(admin, PURPOSE_SUBMIT, failed, failed.content_digest, django_capture_on_commit_callbacks, mailoutbox)
    with pytest.raises(VerificationRequired):
        template_send_again(template=failed, actor=admin)
    verified(admin, PURPOSE_RETRY, failed, failed.content_digest, django_capture_on_commit_callbacks, mailoutbox)
    assert template_send_again(template=failed, actor=admin)


# --- the admin action ---------------------------------------------------------------------------
def _staff(*perms) -> Client:
    """An operator signed in to /admin/ with password and authenticator app, holding `perms` only."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(email="operator@qontak.test", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=perms))
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _run_action(client, template):
    return client.post(
        "/admin/templates_app/template/",
        {"action": "retry_submission", "_selected_action": [template.pk]},
        follow=True,
    )


def test_a_view_only_operator_cannot_retry_from_the_admin(failed):
    client = _staff("view_template")
    page = client.get("/admin/templates_app/template/")
    assert page.status_code == 200 and "retry_submission" not in page.content.decode()
    _run_action(client, failed)
    assert status_of(failed) == Status.FAILED


def test_the_admin_action_refuses_organizations_that_ask_for_codes(failed, toggle_on):
    client = _staff("view_template", "change_template")
    response = _run_action(client, failed)
    assert "Retry submission" in response.content.decode() and "verification code" in response.content.decode()
    assert status_of(failed) == Status.FAILED


def test_the_admin_action_retries_with_change_permission_when_no_code_is_asked(failed):
    client = _staff("view_template", "change_template")
    _run_action(client, failed)
    assert status_of(failed) in (Status.SUBMITTING, Status.PENDING)


# --- second-person approval -----------------------------------------------------------------------
def test_with_approval_on_a_submitted_template_waits_and_whatsapp_gets_nothing(
    org_a, agent, admin, reviewer, meta_account, approval_on, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, meta_account, category="MARKETING")
    submit(template, agent, django_capture_on_commit_callbacks)

    assert status_of(template) == Status.AWAITING_APPROVAL
    assert graph_api.templates == {}
    told = [m for m in mailoutbox if "Awaiting your approval" in m.subject]
    assert told and sorted(told[-1].to) == ["admin@acme.test", "reviewer@acme.test"]
    assert list(Template.objects.get(pk=template.pk).events.values_list("status", flat=True)) == [
        "draft",
        "awaiting",
    ]

    with django_capture_on_commit_callbacks(execute=True):
        review_decide(template=template, reviewer=reviewer, approve=True)
    assert status_of(template) == Status.PENDING
    assert len(graph_api.templates) == 1


def test_a_rejected_approval_never_reaches_whatsapp_and_the_creator_is_told(
    org_a, agent, reviewer, meta_account, approval_on, graph_api, mailoutbox, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, meta_account)
    submit(template, agent, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(template=template, reviewer=reviewer, approve=False, reason="Wording promises a prize")

    stored = Template.objects.get(pk=template.pk)
    assert (stored.status, stored.status_reason) == (Status.REJECTED, "Wording promises a prize")
    assert graph_api.templates == {}
    assert any("agent@acme.test" in m.to and "rejected" in m.subject for m in mailoutbox)


def test_on_the_review_desk_the_desk_is_the_approval(
    org_a, agent, account_a, approval_on, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, account_a)
    submit(template, agent, django_capture_on_commit_callbacks)
    assert status_of(template) == Status.PENDING  # straight to the desk, no double review


def test_the_list_filters_what_awaits_my_approval(
    org_a,
    agent,
    admin,
    reviewer,
    reviewer_client,
    admin_client,
    agent_client,
    meta_account,
    approval_on,
    django_capture_on_commit_callbacks,
):
    mine = new_template(org_a, agent, meta_account, name="waits_for_reviewer")
    submit(mine, agent, django_capture_on_commit_callbacks)
    by_admin = new_template(org_a, admin, meta_account, name="written_by_admin")
    submit(by_admin, admin, django_capture_on_commit_callbacks)
    new_template(org_a, agent, meta_account, name="still_a_draft")

    page = reviewer_client.get("/broadcast/templates/?mine=1").content.decode()
    assert "waits_for_reviewer" in page and "written_by_admin" in page and "still_a_draft" not in page
    admins = admin_client.get("/broadcast/templates/?mine=1").content.decode()
    assert "waits_for_reviewer" in admins and "written_by_admin" not in admins
    assert "Awaiting my approval" not in agent_client.get("/broadcast/templates/").content.decode()
    assert "Awaiting approval" in reviewer_client.get("/broadcast/templates/?status=awaiting").content.decode()


def test_approving_with_the_toggle_on_needs_the_approvers_code_over_http(
    org_a,
    agent,
    reviewer,
    reviewer_client,
    meta_account,
    approval_on,
    toggle_on,
    graph_api,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    template = new_template(org_a, agent, meta_account)
    verified(agent, PURPOSE_SUBMIT, template, template_digest(template), django_capture_on_commit_callbacks, mailoutbox)
    submit(template, agent, django_capture_on_commit_callbacks)
    assert status_of(template) == Status.AWAITING_APPROVAL

    page = reviewer_client.get(url(template)).content.decode()
    assert "Second-person approval" in page and 'value="approve"' in page
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(url(template, "review/"), {"decision": "approve"})
    assert status_of(template) == Status.AWAITING_APPROVAL and graph_api.templates == {}
    digest = review_digest(Template.objects.get(pk=template.pk), approve=True, reason="")
    assert Challenge.objects.get(user=reviewer, purpose=PURPOSE_REVIEW).digest == digest
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            url(template, "review/verify/"), {"decision": "approve", "code": last_code(mailoutbox, reviewer.email)}
        )
    assert status_of(template) == Status.PENDING and len(graph_api.templates) == 1


# --- helpers for the tests that use the real worker -------------------------------------------------
def _wait_for(template, status, timeout=15):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if status_of(template) == status:
            return
        time.sleep(0.05)
    raise AssertionError(f"{template} stayed {status_of(template)}, expected {status}")


def _submit_verified_over_http(template, agent, smtp):
    client = Client()
    client.force_login(agent)
    shown = client.post(url(template, "submit/"))
    fingerprint = re.search(r'name="fingerprint" value="(\w+)"', shown.content.decode()).group(1)
    client.post(url(template, "submit/confirm/"), {"fingerprint": fingerprint})
    client.post(url(template, "submit/verify/"), {"code": smtp.latest_code(agent.email)})
