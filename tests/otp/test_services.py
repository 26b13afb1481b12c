"""Issuing and verifying emailed codes, as the user and the operator see them.

Plain database tests: the email task runs eagerly when the issuing
transaction's on-commit callbacks run, and lands in `mailoutbox`.
"""

import logging
import re
from datetime import timedelta

import pytest
from django.db.models import F
from django_otp import devices_for_user

from accounts.models import Organization
from otp.models import Challenge, EmailDevice, SecurityEvent
from otp.services import IssueRefusal, RequestMeta, VerifyFailure, challenge_issue, challenge_verify

PURPOSE = "enable_broadcast_template_otp"
ACTION = "turn on template verification for Acme Retail"
CODE_RE = re.compile(r"(?<!\d)\d{6}(?!\d)")


def code_in(mail) -> str:
    """The verification code: the only 6-digit number in the text body."""
    codes = CODE_RE.findall(mail.body)
    assert len(codes) == 1, f"expected exactly one 6-digit number in the mail, found {codes}"
    return codes[0]


def another_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def move_back(challenge: Challenge, seconds: int) -> None:
    """Time travel: the challenge was issued `seconds` earlier than it was."""
    Challenge.objects.filter(pk=challenge.pk).update(
        created_at=F("created_at") - timedelta(seconds=seconds),
        expires_at=F("expires_at") - timedelta(seconds=seconds),
    )


@pytest.fixture
def issue(django_capture_on_commit_callbacks):
    """challenge_issue with the email actually sent (on-commit callbacks run)."""

    def _issue(*, user, subject, purpose=PURPOSE, action=ACTION, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return challenge_issue(user=user, purpose=purpose, subject=subject, action=action, **kwargs)

    return _issue


def verify(challenge, *, code, user=None, purpose=PURPOSE, subject=None, digest="", meta=None):
    return challenge_verify(
        challenge_id=challenge.pk,
        user=user or challenge.user,
        code=code,
        purpose=purpose,
        subject=subject if subject is not None else challenge.subject,
        digest=digest,
        meta=meta,
    )


# --- single use ------------------------------------------------------------
def test_the_right_code_works_once(admin, org_a, issue, mailoutbox):
    challenge = issue(user=admin, subject=org_a).challenge
    code = code_in(mailoutbox[-1])

    first = verify(challenge, code=code)
    again = verify(challenge, code=code)

    assert first.ok and first.message == ""
    assert not again.ok and again.failure is VerifyFailure.USED
    assert again.message == "This code was already used. Ask for a new code."
    assert again.needs_new_code


def test_a_code_with_spaces_around_it_still_works(admin, org_a, issue, mailoutbox):
    challenge = issue(user=admin, subject=org_a).challenge
    assert verify(challenge, code=f" {code_in(mailoutbox[-1])} ").ok


# --- wrong tries -----------------------------------------------------------
def test_wrong_codes_count_down_the_tries_then_kill_the_code(admin, org_a, issue, mailoutbox):
    challenge = issue(user=admin, subject=org_a).challenge
    code = code_in(mailoutbox[-1])
    wrong = another_code(code)

    messages = [verify(challenge, code=wrong).message for _ in range(4)]
    fifth = verify(challenge, code=wrong)
    right_after = verify(challenge, code=code)

    assert messages == [
        "That code is not right. 4 tries left.",
        "That code is not right. 3 tries left.",
        "That code is not right. 2 tries left.",
        "That code is not right. 1 try left.",
    ]
    assert fifth.failure is VerifyFailure.TOO_MANY_TRIES
    assert fifth.message == "Too many wrong tries: this code no longer works. Ask for a new code."
    assert not right_after.ok and right_after.failure is VerifyFailure.TOO_MANY_TRIES
    assert Challenge.objects.get(pk=challenge.pk).kill_reason == "too_many_tries"


def test_a_wrong_try_does_not_need_a_new_code_and_the_right_code_still_works(admin, org_a, issue, mailoutbox):
    challenge = issue(user=admin, subject=org_a).challenge
    code = code_in(mailoutbox[-1])

    wrong = verify(challenge, code=another_code(code))

    assert not wrong.ok and not wrong.needs_new_code
    assert verify(challenge, code=code).ok


# --- expiry ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("age", "works"),
    [(9 * 60 + 50, True), (10 * 60 + 1, False)],
    ids=["9min50s-old-works", "10min01s-old-expired"],
)
def test_a_code_is_valid_for_ten_minutes(admin, org_a, issue, mailoutbox, age, works):
    challenge = issue(user=admin, subject=org_a).challenge
    move_back(challenge, age)

    result = verify(challenge, code=code_in(mailoutbox[-1]))

    assert result.ok is works
    if not works:
        assert result.failure is VerifyFailure.EXPIRED
        assert result.message == "This code has expired. Ask for a new code."


# --- resend cooldown and cap -----------------------------------------------
def test_asking_again_within_a_minute_is_refused_with_the_seconds_to_wait(admin, org_a, issue, mailoutbox):
    issue(user=admin, subject=org_a)

    again = issue(user=admin, subject=org_a)

    assert not again.ok and again.refusal is IssueRefusal.COOLDOWN
    assert 1 <= again.retry_after <= 60
    assert again.message == f"A code was just sent. You can ask for a new one in {again.retry_after} seconds."
    assert len(mailoutbox) == 1


def test_after_the_cooldown_a_new_code_is_sent_and_the_old_one_is_superseded(admin, org_a, issue, mailoutbox):
    old = issue(user=admin, subject=org_a).challenge
    old_code = code_in(mailoutbox[-1])
    move_back(old, 61)

    new = issue(user=admin, subject=org_a)
    assert new.ok
    assert len(mailoutbox) == 2
    new_code = code_in(mailoutbox[-1])

    stale = verify(old, code=old_code)
    assert not stale.ok and stale.failure is VerifyFailure.SUPERSEDED
    assert stale.message == "A newer code was sent: use the code from the most recent email."
    assert verify(new.challenge, code=new_code).ok


def test_the_cooldown_is_per_purpose_and_subject(admin, org_a, org_b, issue, mailoutbox):
    issue(user=admin, subject=org_a)

    assert issue(user=admin, subject=org_b).ok
    assert issue(user=admin, subject=org_a, purpose="disable_broadcast_template_otp").ok
    assert len(mailoutbox) == 3


def test_a_sixth_code_within_fifteen_minutes_is_refused_without_email(admin, org_a, issue, mailoutbox):
    issued = [issue(user=admin, subject=org_a, purpose=f"action_{n}") for n in range(5)]
    assert all(result.ok for result in issued)

    sixth = issue(user=admin, subject=admin, purpose="another_action")

    assert not sixth.ok and sixth.refusal is IssueRefusal.LIMIT
    assert sixth.retry_after > 0
    assert sixth.message == "Too many codes were requested. Try again in about 15 minutes."
    assert len(mailoutbox) == 5
    assert not Challenge.objects.filter(purpose="another_action").exists()
    assert SecurityEvent.objects.get(purpose="another_action").outcome == "refused_limit"


def test_codes_can_be_asked_for_again_once_the_fifteen_minutes_have_passed(admin, org_a, issue, mailoutbox):
    for n in range(5):
        move_back(issue(user=admin, subject=org_a, purpose=f"action_{n}").challenge, 15 * 60 + 1)

    assert issue(user=admin, subject=org_a, purpose="another_action").ok
    assert len(mailoutbox) == 6


def test_the_cap_counts_codes_of_one_user_only(admin, agent, org_a, issue, mailoutbox):
    for n in range(5):
        issue(user=admin, subject=org_a, purpose=f"action_{n}")

    assert issue(user=agent, subject=org_a).ok
    assert mailoutbox[-1].to == ["agent@acme.test"]


# --- binding to purpose, subject, user and content --------------------------
@pytest.mark.parametrize("other", ["purpose", "subject", "subject type", "user"])
def test_a_code_never_verifies_another_purpose_subject_or_user(admin, agent, org_a, org_b, issue, mailoutbox, other):
    challenge = issue(user=admin, subject=org_a).challenge
    attempt = {"user": admin, "purpose": PURPOSE, "subject": org_a}
    if other == "purpose":
        attempt["purpose"] = "disable_broadcast_template_otp"
    elif other == "subject":
        attempt["subject"] = org_b
    elif other == "subject type":
        # A user whose primary key equals the organization's: same id, another kind of thing.
        attempt["subject"] = type(admin)(pk=org_a.pk)
    else:
        attempt["user"] = agent

    result = verify(challenge, code=code_in(mailoutbox[-1]), **attempt)

    assert not result.ok and result.failure is VerifyFailure.MISMATCH
    assert result.message == "This code is not for this action. Ask for a new code."


def test_a_content_change_after_the_code_was_sent_kills_the_code(admin, org_a, issue, mailoutbox):
    challenge = issue(user=admin, subject=org_a, purpose="submit_template", digest="a" * 64).challenge
    code = code_in(mailoutbox[-1])

    changed = verify(challenge, code=code, purpose="submit_template", digest="b" * 64)
    original = verify(challenge, code=code, purpose="submit_template", digest="a" * 64)

    assert not changed.ok and changed.failure is VerifyFailure.CONTENT_CHANGED
    assert changed.message == (
        "The content changed after this code was sent. Ask for a new code to confirm what you see now."
    )
    assert not original.ok and original.failure is VerifyFailure.CONTENT_CHANGED


def test_a_code_bound_to_content_verifies_with_the_same_digest(admin, org_a, issue, mailoutbox):
    challenge = issue(user=admin, subject=org_a, purpose="submit_template", digest="a" * 64).challenge
    assert verify(challenge, code=code_in(mailoutbox[-1]), purpose="submit_template", digest="a" * 64).ok


# --- what is stored and recorded -------------------------------------------
def test_the_stored_challenge_never_contains_the_code(admin, org_a, issue, mailoutbox):
    challenge = issue(user=admin, subject=org_a).challenge
    code = code_in(mailoutbox[-1])

    row = Challenge.objects.filter(pk=challenge.pk).values().get()

    for column, value in row.items():
        if isinstance(value, str):
            assert code not in value, column
        else:
            assert value not in (code, int(code)), column


def test_every_issue_and_verify_is_recorded_with_outcome_ip_and_browser(admin, org_a, issue, mailoutbox):
    meta = RequestMeta(ip="203.0.113.7", user_agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
    challenge = issue(user=admin, subject=org_a, meta=meta).challenge
    code = code_in(mailoutbox[-1])
    issue(user=admin, subject=org_a, meta=meta)  # refused: cooldown
    verify(challenge, code=another_code(code), meta=meta)
    verify(challenge, code=code, meta=meta)

    events = SecurityEvent.objects.filter(user=admin).order_by("id")
    assert list(events.values_list("action", "outcome", "challenge_id")) == [
        ("issue", "issued", challenge.pk),
        ("issue", "refused_cooldown", None),
        ("verify", "wrong_code", challenge.pk),
        ("verify", "verified", challenge.pk),
    ]
    assert {(e.purpose, e.subject_id, e.ip, e.user_agent) for e in events} == {
        (PURPOSE, str(org_a.pk), meta.ip, meta.user_agent)
    }


def test_security_events_are_append_only(admin, org_a, issue):
    issue(user=admin, subject=org_a)
    event = SecurityEvent.objects.get(user=admin)

    event.outcome = "verified"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()

    assert SecurityEvent.objects.get(pk=event.pk).outcome == "issued"


def test_the_code_never_appears_in_the_logs(admin, org_a, issue, mailoutbox, caplog):
    with caplog.at_level(logging.DEBUG):
        challenge = issue(user=admin, subject=org_a).challenge
        code = code_in(mailoutbox[-1])
        verify(challenge, code=another_code(code))
        assert verify(challenge, code=code).ok

    assert code not in caplog.text
    assert all(code not in record.getMessage() for record in caplog.records)


# --- the email -------------------------------------------------------------
def test_the_email_names_the_action_and_details_and_what_to_do_if_unexpected(admin, org_a, issue, mailoutbox):
    challenge = issue(
        user=admin,
        subject=org_a,
        purpose="submit_template",
        action="submit the template promo_launch for review",
        details=[("Template", "promo_launch"), ("Category", "Marketing")],
    ).challenge

    (mail,) = mailoutbox
    text = " ".join(mail.body.split())
    assert mail.to == ["admin@acme.test"]
    assert "verification code" in mail.subject.lower()
    assert verify(challenge, code=code_in(mail), purpose="submit_template").ok
    assert "Use this verification code to submit the template promo_launch for review" in text
    assert "Template: promo_launch" in text
    assert "Category: Marketing" in text
    assert "expires in 10 minutes" in text
    assert "If you did not ask for this code" in text
    assert "ignore this email and tell an admin" in text
    html = mail.alternatives[0][0]
    assert code_in(mail) in html and "promo_launch" in html and "Marketing" in html


def test_the_plain_text_email_shows_names_as_typed(admin, issue, mailoutbox):
    # An organization name such as "Marks & Spencer's" must read the same in
    # the text email; only the HTML part is escaped.
    organization = Organization.objects.create(name="Marks & Spencer's")
    issue(
        user=admin,
        subject=organization,
        action="turn on template verification for Marks & Spencer's",
        details=[("Organization", "Marks & Spencer's")],
    )

    (mail,) = mailoutbox
    assert "Use this verification code to turn on template verification for Marks & Spencer's:" in mail.body
    assert "Organization: Marks & Spencer's" in mail.body
    assert "&amp;" not in mail.body and "&#x27;" not in mail.body
    assert "Marks &amp; Spencer" in mail.alternatives[0][0]


# --- django-otp's view ------------------------------------------------------
def test_the_email_device_verifies_a_code_only_for_the_action_it_is_bound_to(admin, org_a, issue, mailoutbox):
    issue(user=admin, subject=org_a, purpose="first_action")
    issue(user=admin, subject=org_a, purpose="second_action")
    newest = code_in(mailoutbox[-1])
    device = EmailDevice.objects.get(user=admin)

    assert list(devices_for_user(admin)) == [device]
    # Unbound, no code verifies: the device never guesses which action a code is for.
    assert device.verify_token(newest) is False
    assert device.bind(purpose="first_action", subject=org_a).verify_token(newest) is False
    device.bind(purpose="second_action", subject=org_a)
    assert device.verify_token(another_code(newest)) is False
    assert device.verify_token(newest) is True
    assert device.verify_token(newest) is False
    device.refresh_from_db()
    assert device.last_used_at is not None


def test_the_code_stays_the_only_six_digit_number_when_the_details_have_digits(
    admin, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    import re

    from otp.services import challenge_issue

    with django_capture_on_commit_callbacks(execute=True):
        challenge_issue(
            user=admin,
            purpose="submit_template",
            subject=org_a,
            action="submit the WhatsApp template “promo_202611” for review",
            details=[("Template", "promo_202611"), ("Account", "Store (+6281100000001)")],
        )
    (mail,) = mailoutbox
    assert len(set(re.findall(r"(?<!\d)\d{6}(?!\d)", mail.body))) == 1
    html = mail.alternatives[0][0]
    assert len(set(re.findall(r"(?<!\d)\d{6}(?!\d)", html))) == 1
    # The name still reads the same (the joiner is invisible).
    assert "promo_202\u2060611" in mail.body
