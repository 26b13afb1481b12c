"""Submitting a template: straight away, or after an emailed verification code when the toggle is on."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from otp.models import Challenge
from otp.services import challenge_issue, challenge_verify
from security_settings.services import broadcast_template_otp_enable
from templates_app.models import Status, Template
from templates_app.services import (
    PURPOSE_SUBMIT,
    VerificationRequired,
    content_save,
    template_digest,
    template_submit,
)
from tests.templates_app.builders import VALID
from tests.templates_app.builders import new_template as build_template

SENT = "Template has been sent and is being checked"


def new_template(org, actor, account, *, languages=("en_US", "id"), **kwargs):
    return build_template(org, actor, account, languages=languages, **kwargs)


@pytest.fixture
def draft(org_a, agent, account_a) -> Template:
    return new_template(org_a, agent, account_a)


@pytest.fixture
def toggle_on(org_a, admin):
    broadcast_template_otp_enable(organization=org_a, actor=admin)


def url(template, path: str = "") -> str:
    return f"/broadcast/templates/{template.pk}/{path}"


def status_of(template) -> str:
    return Template.objects.get(pk=template.pk).status


def codes_to(mailoutbox, address: str) -> list[str]:
    """The verification codes mailed to `address`, oldest first."""
    found = []
    for mail in mailoutbox:
        if address in mail.to and "verification code" in mail.subject:
            (code,) = set(re.findall(r"(?<!\d)\d{6}(?!\d)", mail.body))
            found.append(code)
    return found


def other_than(code: str) -> str:
    return "000000" if code != "000000" else "111111"


FINGERPRINT_RE = re.compile(r'name="fingerprint" value="([0-9a-f]{64})"')


def fingerprint_in(response) -> str:
    """The fingerprint of what a dialog showed (the confirm step, or the code dialog carrying it)."""
    (value,) = set(FINGERPRINT_RE.findall(response.content.decode()))
    return value


def confirm(client, template, capture):
    """Submit (the confirm step), then its "Submit" button, which posts the fingerprint of what it showed."""
    warning = client.post(url(template, "submit/"), {"language": "en_US", **_form()})
    assert warning.status_code == 200 and "Submit this template?" in warning.content.decode()
    with capture(execute=True):
        return client.post(url(template, "submit/confirm/"), {"fingerprint": fingerprint_in(warning)})


def _form() -> dict:
    return {
        "header_format": "NONE",
        "body": VALID["body"],
        "body_example_1": "Budi",
        "footer": VALID["footer"],
        "button-0-kind": "QUICK_REPLY",
        "button-0-text": "Track order",
    }


# --- toggle off ------------------------------------------------------------------------
def test_with_the_toggle_off_submit_sends_the_template_straight_away(
    agent_client, draft, mailoutbox, django_capture_on_commit_callbacks
):
    response = confirm(agent_client, draft, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    page = response.content.decode()
    assert SENT in page and "Ok, got it" in page
    assert "verification code" not in page.lower()
    assert mailoutbox == []
    assert status_of(draft) in (Status.SUBMITTING, Status.PENDING)
    assert list(Template.objects.get(pk=draft.pk).events.values_list("status", flat=True)) == [
        "draft",
        "submitting",
        "pending",
    ]


def test_the_warning_says_whether_a_code_will_be_needed(agent_client, draft, org_a, admin):
    before = agent_client.post(url(draft, "submit/"), {"language": "en_US", **_form()}).content.decode()
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    after = agent_client.post(url(draft, "submit/"), {"language": "en_US", **_form()}).content.decode()

    assert "can no longer be edited" in before and "verification code" not in before
    assert "Your organization asks for a verification code" in after


# --- toggle on -----------------------------------------------------------------------------
def test_with_the_toggle_on_confirm_emails_a_code_naming_the_template_and_waits(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    response = confirm(agent_client, draft, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    dialog = response.content.decode()
    assert "Enter the code to submit “order_update”." in dialog
    assert ">Verify<" in dialog and "Resend code" in dialog and "a••••@acme.test" in dialog
    (mail,) = [m for m in mailoutbox if m.to == ["agent@acme.test"]]
    assert "verification code" in mail.subject.lower()
    assert "order_update" in mail.body
    assert "Category: Utility" in mail.body
    assert "Languages: English (United States), Indonesian" in mail.body
    assert "expires in 10 minutes" in mail.body
    assert status_of(draft) == Status.DRAFT


def test_a_wrong_code_keeps_the_draft_and_the_right_one_submits(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    confirm(agent_client, draft, django_capture_on_commit_callbacks)
    (code,) = codes_to(mailoutbox, "agent@acme.test")

    wrong = agent_client.post(url(draft, "submit/verify/"), {"code": other_than(code)})
    assert wrong.status_code == 422
    assert "That code is not right. 4 tries left." in wrong.content.decode()
    assert status_of(draft) == Status.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        right = agent_client.post(url(draft, "submit/verify/"), {"code": code})

    assert right.status_code == 200
    assert SENT in right.content.decode() and "Ok, got it" in right.content.decode()
    assert status_of(draft) == Status.PENDING
    submitted = Template.objects.get(pk=draft.pk)
    assert submitted.submitted_by.email == "agent@acme.test"


def test_input_that_is_not_six_digits_is_refused_next_to_the_field(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    confirm(agent_client, draft, django_capture_on_commit_callbacks)

    response = agent_client.post(url(draft, "submit/verify/"), {"code": "12ab"})

    assert response.status_code == 422
    assert "Enter the 6-digit code from the email." in response.content.decode()
    assert status_of(draft) == Status.DRAFT


CHANGED = "The content changed while you were reviewing it. Check it again."
SNEAKED = "Halo {{1}}, klik link ini untuk hadiah."


def test_content_changed_in_another_tab_after_the_code_was_sent_kills_the_code(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    confirm(agent_client, draft, django_capture_on_commit_callbacks)
    (code,) = codes_to(mailoutbox, "agent@acme.test")
    # Another session (a second author, a stolen cookie) edits the other language.
    content_save(template=draft, actor=draft.created_by, language="id", data={**VALID, "body": SNEAKED})

    response = agent_client.post(url(draft, "submit/verify/"), {"code": code})

    assert response.status_code == 409
    page = response.content.decode()
    assert CHANGED in page and "Halo <span" in page and "klik link ini untuk hadiah." in page
    assert status_of(draft) == Status.DRAFT
    assert Challenge.objects.get().kill_reason == "content_changed"
    # Dead for good, even if the content is put back.
    content_save(template=draft, actor=draft.created_by, language="id", data=VALID)
    again = agent_client.post(url(draft, "submit/verify/"), {"code": code})
    assert again.status_code == 409 and status_of(draft) == Status.DRAFT


def test_a_change_between_the_confirm_step_and_its_submit_sends_no_code(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    shown = agent_client.post(url(draft, "submit/"), {"language": "en_US", **_form()})
    content_save(template=draft, actor=draft.created_by, language="id", data={**VALID, "body": SNEAKED})

    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(url(draft, "submit/confirm/"), {"fingerprint": fingerprint_in(shown)})

    assert response.status_code == 409
    assert CHANGED in response.content.decode() and "klik link ini untuk hadiah." in response.content.decode()
    assert mailoutbox == [] and not Challenge.objects.exists()
    assert fingerprint_in(response) == template_digest(draft) != fingerprint_in(shown)


def test_with_the_toggle_off_a_change_before_submit_submits_nothing(
    agent_client, draft, mailoutbox, django_capture_on_commit_callbacks
):
    shown = agent_client.post(url(draft, "submit/"), {"language": "en_US", **_form()})
    content_save(template=draft, actor=draft.created_by, language="id", data={**VALID, "body": SNEAKED})

    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(url(draft, "submit/confirm/"), {"fingerprint": fingerprint_in(shown)})
        forged = agent_client.post(url(draft, "submit/confirm/"), {"fingerprint": "0" * 64})
        bare = agent_client.post(url(draft, "submit/confirm/"))

    assert response.status_code == forged.status_code == bare.status_code == 409
    assert status_of(draft) == Status.DRAFT


def test_resend_after_a_change_shows_the_new_content_instead_of_rebinding(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    dialog = confirm(agent_client, draft, django_capture_on_commit_callbacks)
    content_save(template=draft, actor=draft.created_by, language="id", data={**VALID, "body": SNEAKED})
    Challenge.objects.update(created_at=timezone.now() - timedelta(seconds=61))

    with django_capture_on_commit_callbacks(execute=True):
        resent = agent_client.post(url(draft, "submit/resend/"), {"fingerprint": fingerprint_in(dialog)})

    assert resent.status_code == 409
    assert CHANGED in resent.content.decode() and "klik link ini untuk hadiah." in resent.content.decode()
    assert len(codes_to(mailoutbox, "agent@acme.test")) == 1  # no new code for content never shown


def test_a_new_code_after_the_change_confirms_the_new_content(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    confirm(agent_client, draft, django_capture_on_commit_callbacks)
    content_save(
        template=draft, actor=draft.created_by, language="id", data={**VALID, "footer": "Acme Retail Indonesia"}
    )
    Challenge.objects.update(created_at=timezone.now() - timedelta(seconds=61))

    # The person is shown the new content and confirms it: a code bound to it.
    shown = agent_client.post(url(draft, "submit/"), {"language": "en_US", **_form()})
    assert "Acme Retail Indonesia" in shown.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(url(draft, "submit/confirm/"), {"fingerprint": fingerprint_in(shown)})
    _, new = codes_to(mailoutbox, "agent@acme.test")
    with django_capture_on_commit_callbacks(execute=True):
        done = agent_client.post(url(draft, "submit/verify/"), {"code": new})

    assert SENT in done.content.decode()
    assert status_of(draft) == Status.PENDING
    assert Template.objects.get(pk=draft.pk).content_digest == fingerprint_in(shown)


def test_the_service_refuses_to_submit_without_a_verified_code_when_the_toggle_is_on(
    draft, agent, toggle_on, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(VerificationRequired, match="verify the code first"):
            template_submit(template=draft, actor=agent, fingerprint=template_digest(draft))

    assert status_of(draft) == Status.DRAFT


def test_a_code_verified_by_another_user_does_not_let_this_one_submit(
    draft, agent, admin, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    digest = template_digest(draft)
    with django_capture_on_commit_callbacks(execute=True):
        issued = challenge_issue(user=admin, purpose=PURPOSE_SUBMIT, subject=draft, digest=digest, action="submit")
    (code,) = codes_to(mailoutbox, "admin@acme.test")
    assert challenge_verify(
        challenge_id=issued.challenge.pk, user=admin, code=code, purpose=PURPOSE_SUBMIT, subject=draft, digest=digest
    ).ok

    with pytest.raises(VerificationRequired):
        template_submit(template=draft, actor=agent, fingerprint=template_digest(draft))
    assert status_of(draft) == Status.DRAFT


def test_a_code_verified_for_another_template_does_not_submit_this_one(
    agent_client, agent, org_a, account_a, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    other = new_template(org_a, agent, account_a, name="payment_due")
    confirm(agent_client, other, django_capture_on_commit_callbacks)
    (code,) = codes_to(mailoutbox, "agent@acme.test")
    with django_capture_on_commit_callbacks(execute=True):
        assert SENT in agent_client.post(url(other, "submit/verify/"), {"code": code}).content.decode()

    reused = agent_client.post(url(draft, "submit/verify/"), {"code": code})

    assert reused.status_code == 422
    assert status_of(draft) == Status.DRAFT
    with pytest.raises(VerificationRequired):
        template_submit(template=draft, actor=agent, fingerprint=template_digest(draft))
    assert status_of(draft) == Status.DRAFT and status_of(other) == Status.PENDING


def test_a_code_sent_for_another_template_is_not_accepted_here(
    agent_client, agent, org_a, account_a, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    other = new_template(org_a, agent, account_a, name="payment_due")
    confirm(agent_client, draft, django_capture_on_commit_callbacks)
    confirm(agent_client, other, django_capture_on_commit_callbacks)
    _, code_for_other = codes_to(mailoutbox, "agent@acme.test")

    response = agent_client.post(url(draft, "submit/verify/"), {"code": code_for_other})

    # Checked against this template's own code, the other template's code is just wrong.
    assert response.status_code == 422
    assert "That code is not right." in response.content.decode()
    assert status_of(draft) == Status.DRAFT and status_of(other) == Status.DRAFT


def test_a_code_still_works_after_another_template_was_started_in_another_tab(
    agent_client, agent, org_a, account_a, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    # Codes are bound to (user, purpose, template): the email for order_update confirms order_update.
    other = new_template(org_a, agent, account_a, name="payment_due")
    confirm(agent_client, draft, django_capture_on_commit_callbacks)
    confirm(agent_client, other, django_capture_on_commit_callbacks)
    code_for_draft, _ = codes_to(mailoutbox, "agent@acme.test")

    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(url(draft, "submit/verify/"), {"code": code_for_draft})

    assert SENT in response.content.decode()
    assert status_of(draft) == Status.PENDING


def test_verifying_directly_without_a_code_sent_does_nothing(agent_client, draft, toggle_on):
    response = agent_client.post(url(draft, "submit/verify/"), {"code": "123456"})

    assert response.status_code == 422
    assert status_of(draft) == Status.DRAFT


def test_resend_within_the_cooldown_sends_nothing_and_keeps_the_code_sent(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    confirm(agent_client, draft, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(url(draft, "submit/resend/"), {"fingerprint": template_digest(draft)})

    assert response.status_code == 200
    assert ">Verify<" in response.content.decode() and "disabled>Verify" not in response.content.decode()
    seconds = re.search(r"You can ask for a new one in (\d+) seconds\.", response.content.decode())
    assert seconds and 0 < int(seconds.group(1)) <= 61
    assert len(codes_to(mailoutbox, "agent@acme.test")) == 1
    # The code already sent still works.
    (code,) = codes_to(mailoutbox, "agent@acme.test")
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(url(draft, "submit/verify/"), {"code": code})
    assert status_of(draft) == Status.PENDING


def test_a_second_device_within_the_cooldown_attaches_to_the_code_already_sent(
    agent_client, agent, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    confirm(agent_client, draft, django_capture_on_commit_callbacks)
    (code,) = codes_to(mailoutbox, "agent@acme.test")
    laptop = Client()
    laptop.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        dialog = confirm(laptop, draft, django_capture_on_commit_callbacks)

    assert dialog.status_code == 200 and "A code for this was just sent" in dialog.content.decode()
    assert "disabled>Verify" not in dialog.content.decode()
    assert len(codes_to(mailoutbox, "agent@acme.test")) == 1
    with django_capture_on_commit_callbacks(execute=True):
        done = laptop.post(url(draft, "submit/verify/"), {"code": code})
    assert SENT in done.content.decode() and status_of(draft) == Status.PENDING


def test_resend_after_the_cooldown_sends_a_new_code_and_the_old_one_stops_working(
    agent_client, draft, toggle_on, mailoutbox, django_capture_on_commit_callbacks
):
    confirm(agent_client, draft, django_capture_on_commit_callbacks)
    Challenge.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(url(draft, "submit/resend/"), {"fingerprint": template_digest(draft)})
    old, new = codes_to(mailoutbox, "agent@acme.test")

    if old != new:
        stale = agent_client.post(url(draft, "submit/verify/"), {"code": old})
        assert stale.status_code == 422 and status_of(draft) == Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(url(draft, "submit/verify/"), {"code": new})
    assert status_of(draft) == Status.PENDING


def test_the_toggle_of_another_organization_does_not_apply(
    agent_client, draft, org_b, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    broadcast_template_otp_enable(organization=org_b, actor=outsider)

    response = confirm(agent_client, draft, django_capture_on_commit_callbacks)

    assert SENT in response.content.decode()
    assert codes_to(mailoutbox, "agent@acme.test") == []


# --- the real stack: worker, broker, SMTP ---------------------------------------------------
def test_end_to_end_the_code_arrives_by_smtp_and_the_worker_takes_the_template_to_pending(
    celery_worker, smtp, agent_client, org_a, admin, agent, account_a
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    template = new_template(org_a, agent, account_a)

    warning = agent_client.post(url(template, "submit/"), {"language": "en_US", **_form()})
    assert "Submit this template?" in warning.content.decode()
    dialog = agent_client.post(url(template, "submit/confirm/"), {"fingerprint": template_digest(template)})
    assert ">Verify<" in dialog.content.decode()

    code = smtp.latest_code("agent@acme.test")
    (mail,) = smtp.received(to="agent@acme.test")
    assert "order_update" in mail.text and "Utility" in mail.text and "English (United States), Indonesian" in mail.text
    assert status_of(template) == Status.DRAFT

    done = agent_client.post(url(template, "submit/verify/"), {"code": code})
    assert SENT in done.content.decode()

    deadline = time.monotonic() + 20
    while status_of(template) != Status.PENDING and time.monotonic() < deadline:
        time.sleep(0.05)
    assert status_of(template) == Status.PENDING
    assert list(Template.objects.get(pk=template.pk).events.values_list("status", flat=True)) == [
        "draft",
        "submitting",
        "pending",
    ]
