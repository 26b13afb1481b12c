"""Codes under races: many verifies of one code, or a verify and a resend, at the same moment."""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F

from otp.models import Challenge, SecurityEvent
from otp.services import VerifyFailure, challenge_issue, challenge_verify

PURPOSE = "enable_broadcast_template_otp"
RACERS = 50


def issue(*, user, subject):
    return challenge_issue(user=user, purpose=PURPOSE, subject=subject, action="turn on template verification")


def code_in(mail) -> str:
    (code,) = re.findall(r"(?<!\d)\d{6}(?!\d)", mail.body)
    return code


def run_together(*functions, timeout: float = 60) -> list[Exception]:
    """Start `functions` in threads at the same moment; return what they raised."""
    barrier = threading.Barrier(len(functions), timeout=timeout)
    errors = []

    def run(function):
        try:
            barrier.wait()
            function()
        except Exception as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(function,)) for function in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * timeout)
    return errors


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_verifies_of_one_code_let_exactly_one_through(admin, org_a, mailoutbox):
    challenge = issue(user=admin, subject=org_a).challenge
    code = code_in(mailoutbox[-1])
    results = []

    def enter_code():
        results.append(
            challenge_verify(challenge_id=challenge.pk, user=admin, code=code, purpose=PURPOSE, subject=org_a)
        )

    errors = run_together(*[enter_code] * RACERS)

    assert errors == []
    assert sum(result.ok for result in results) == 1
    assert [result.failure for result in results if not result.ok] == [VerifyFailure.USED] * (RACERS - 1)
    assert Challenge.objects.get(pk=challenge.pk).used_at is not None
    outcomes = list(SecurityEvent.objects.filter(action="verify").values_list("outcome", flat=True))
    assert sorted(outcomes) == ["used"] * (RACERS - 1) + ["verified"]


@pytest.mark.django_db(transaction=True)
def test_entering_the_code_while_asking_for_a_new_one_never_fails_with_a_database_error(admin, org_a, mailoutbox):
    # A user clicks "Verify" and "Resend code" (or uses two tabs) at the same
    # moment. Either may win, but both must answer. One round races rarely
    # hit the window, so try a few, stopping at the first failure.
    for _ in range(20):
        challenge = issue(user=admin, subject=org_a).challenge
        code = code_in(mailoutbox[-1])
        # Past the resend cooldown and the hourly cap, so the resend issues a code.
        Challenge.objects.update(created_at=F("created_at") - timedelta(hours=1))
        verified, resent = [], []

        def enter_code(challenge=challenge, code=code, verified=verified):
            verified.append(
                challenge_verify(challenge_id=challenge.pk, user=admin, code=code, purpose=PURPOSE, subject=org_a)
            )

        def resend(resent=resent):
            resent.append(issue(user=admin, subject=org_a))

        errors = run_together(enter_code, resend)

        assert errors == []
        assert resent[0].ok
        assert verified[0].ok or verified[0].failure is VerifyFailure.SUPERSEDED
        Challenge.objects.update(created_at=F("created_at") - timedelta(hours=1))
