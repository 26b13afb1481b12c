"""Codes travel through the real Celery worker to the real SMTP server.

These tests are transactional (the worker thread only sees committed rows):
issuing commits, and the email task is published when it does.
"""

import logging
import time
from datetime import UTC, datetime, timedelta

from celery.signals import before_task_publish

from otp.services import challenge_issue, challenge_verify

TURN_ON = "enable_broadcast_template_otp"
TURN_OFF = "disable_broadcast_template_otp"


def issue(*, user, subject, purpose=TURN_ON, action="turn on template verification for Acme Retail"):
    return challenge_issue(user=user, purpose=purpose, subject=subject, action=action)


def verify(challenge, *, code):
    return challenge_verify(
        challenge_id=challenge.pk, user=challenge.user, code=code, purpose=challenge.purpose, subject=challenge.subject
    )


def test_the_worker_delivers_a_code_that_verifies(celery_worker, smtp, admin, org_a):
    challenge = issue(user=admin, subject=org_a).challenge

    (mail,) = smtp.wait_for(to="admin@acme.test", subject="verification code")

    assert "turn on template verification for Acme Retail" in mail.text
    assert mail.code() in mail.html
    assert verify(challenge, code=mail.code()).ok


def test_the_code_travels_sealed_to_the_broker_and_is_never_logged(celery_worker, smtp, admin, org_a, caplog):
    published = []

    def listen(sender=None, body=None, headers=None, **kwargs):
        published.append((sender, body, headers))

    before_task_publish.connect(listen, weak=False)
    try:
        with caplog.at_level(logging.DEBUG):
            challenge = issue(user=admin, subject=org_a).challenge
            code = smtp.latest_code("admin@acme.test")
            assert verify(challenge, code=code).ok
    finally:
        before_task_publish.disconnect(listen)

    ((task, body, headers),) = published
    assert task == "accounts.tasks.send_email"
    assert code not in repr(body) and code not in repr(headers)
    # The task expires with the code: a mail sent after that would only confuse.
    expires = datetime.fromisoformat(headers["expires"])
    assert timedelta(minutes=9) < expires - datetime.now(UTC) <= timedelta(minutes=10)
    # The test SMTP server (aiosmtpd, logger "mail.log") plays the mail provider and logs what it receives.
    ours = [record for record in caplog.records if record.name != "mail.log"]
    assert ours, "expected the worker to log the task"
    assert all(code not in record.getMessage() for record in ours)


def test_codes_sent_while_smtp_is_down_arrive_once_it_is_back(celery_worker, smtp, admin, org_a):
    smtp.stop()
    try:
        turn_on = issue(user=admin, subject=org_a)
        time.sleep(2)
        assert smtp.received(to="admin@acme.test") == []
        # Issuing never waits for SMTP: the user can ask for another code meanwhile.
        turn_off = issue(user=admin, subject=org_a, purpose=TURN_OFF, action="turn off template verification")
        assert turn_on.ok and turn_off.ok
    finally:
        smtp.start()

    mails = smtp.wait_for(to="admin@acme.test", count=2, subject="verification code", timeout=40)

    (on_mail,) = [m for m in mails if "turn on template verification" in m.text]
    (off_mail,) = [m for m in mails if "turn off template verification" in m.text]
    assert verify(turn_on.challenge, code=on_mail.code()).ok
    assert verify(turn_off.challenge, code=off_mail.code()).ok
