"""Wrong codes across all challenges: 25 per 15 minutes, 50 a day, then locked until an Admin unlocks."""

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import Role
from otp.models import CodeLock, SecurityEvent
from security_settings.selectors import broadcast_template_otp_enabled
from tests.conftest import _client
from tests.factories import MembershipFactory, UserFactory

PAGE = "/settings/security/"
ENABLE = "/settings/security/broadcast-template-otp/enable/"
LOCKED = "Too many wrong codes today: your verification codes are locked"


def _wrong_codes_before(user, organization, count):
    """History: `count` wrong codes already entered today (as the trail records them)."""
    subject_type = ContentType.objects.get_for_model(organization)
    SecurityEvent.objects.bulk_create(
        SecurityEvent(
            user=user,
            purpose="enable_broadcast_template_otp",
            subject_type=subject_type,
            subject_id=str(organization.pk),
            action="verify",
            outcome="wrong_code",
        )
        for _ in range(count)
    )


def _wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def _last_code(mailoutbox) -> str:
    (code,) = set(re.findall(r"(?<!\d)\d{6}(?!\d)", mailoutbox[-1].body))
    return code


@pytest.fixture
def second_admin(org_a):
    return MembershipFactory(organization=org_a, role=Role.ADMIN, user=UserFactory(email="admin2@acme.test")).user


def test_the_fiftieth_wrong_code_of_the_day_locks_codes_emails_the_admins_and_an_admin_unlocks(
    admin, admin_client, second_admin, org_a, settings, celery_worker, smtp
):
    settings.OTP_WRONG_CODES_PER_WINDOW = 1000  # only the daily cap in play here
    settings.OTP_RESEND_COOLDOWN = 0
    _wrong_codes_before(admin, org_a, settings.OTP_WRONG_CODES_PER_DAY - 1)

    admin_client.post(ENABLE)
    code = smtp.latest_code(to="admin@acme.test")
    assert admin_client.post(ENABLE + "verify/", {"code": _wrong(code)}).status_code == 422

    # Every Admin of the organization hears of it.
    for email in ("admin@acme.test", "admin2@acme.test"):
        (mail,) = smtp.wait_for(to=email, subject="Codes locked for admin@acme.test in Acme Retail")
        assert "50 wrong verification codes" in mail.text and f"{settings.SITE_URL}/settings/security/" in mail.text

    # Locked: even the right code is refused, and no new code is sent.
    refused = admin_client.post(ENABLE + "verify/", {"code": code})
    assert refused.status_code == 422 and LOCKED in refused.content.decode()
    again = admin_client.post(ENABLE)
    assert again.status_code == 429 and LOCKED in again.content.decode()
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is False

    # The locked Admin can't unlock themselves.
    lock = CodeLock.objects.get()
    page = admin_client.get(PAGE).content.decode()
    assert "admin@acme.test" in page and f"/settings/security/code-locks/{lock.pk}/unlock/" not in page
    admin_client.post(f"/settings/security/code-locks/{lock.pk}/unlock/")
    assert CodeLock.objects.get().released_at is None

    # Another Admin unlocks from the Security page.
    other = _client(second_admin)
    page = other.get(PAGE).content.decode()
    assert "Locked verification codes" in page and f"/settings/security/code-locks/{lock.pk}/unlock/" in page
    response = other.post(f"/settings/security/code-locks/{lock.pk}/unlock/", follow=True)
    assert "admin@acme.test can use verification codes again." in response.content.decode()
    lock.refresh_from_db()
    assert lock.released_by == second_admin and lock.released_at is not None
    assert "No member has locked codes." in other.get(PAGE).content.decode()

    # Codes work again, and the count starts over from the unlock.
    admin_client.post(ENABLE)
    new_code = smtp.latest_code(to="admin@acme.test", previous=1)
    assert admin_client.post(ENABLE + "verify/", {"code": _wrong(new_code)}).status_code == 422
    assert "is enabled" in admin_client.post(ENABLE + "verify/", {"code": new_code}).content.decode()
    assert CodeLock.objects.count() == 1


@pytest.fixture
def locked_admin(admin, admin_client, org_a, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.OTP_WRONG_CODES_PER_WINDOW = 1000
    _wrong_codes_before(admin, org_a, settings.OTP_WRONG_CODES_PER_DAY - 1)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(ENABLE)
    code = _last_code(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(ENABLE + "verify/", {"code": _wrong(code)})
    assert CodeLock.objects.filter(user=admin).exists()
    return code


def test_outsiders_and_other_roles_cannot_unlock(locked_admin, outsider_client, agent_client, reviewer_client):
    lock = CodeLock.objects.get()
    url = f"/settings/security/code-locks/{lock.pk}/unlock/"
    assert outsider_client.post(url).status_code == 404
    assert agent_client.post(url).status_code == 403
    assert reviewer_client.post(url).status_code == 403
    assert outsider_client.get(url).status_code == 405
    assert "admin@acme.test" not in outsider_client.get(PAGE).content.decode()
    assert CodeLock.objects.get().released_at is None


def test_the_lock_ends_by_itself_after_a_day(locked_admin, admin_client, settings, org_a):
    settings.OTP_RESEND_COOLDOWN = 0
    assert LOCKED in admin_client.post(ENABLE + "verify/", {"code": locked_admin}).content.decode()
    CodeLock.objects.update(expires_at=timezone.now() - timedelta(seconds=1))  # a day has passed
    assert "is enabled" in admin_client.post(ENABLE + "verify/", {"code": locked_admin}).content.decode()


def test_at_most_25_wrong_codes_per_15_minutes(
    admin, admin_client, org_a, settings, mailoutbox, django_capture_on_commit_callbacks
):
    assert settings.OTP_WRONG_CODES_PER_WINDOW == 25
    _wrong_codes_before(admin, org_a, 24)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(ENABLE)
    code = _last_code(mailoutbox)
    assert "That code is not right" in admin_client.post(ENABLE + "verify/", {"code": _wrong(code)}).content.decode()

    refused = admin_client.post(ENABLE + "verify/", {"code": code}).content.decode()
    assert "Too many wrong codes. Try again in about 15 minutes." in refused
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is False
    assert not CodeLock.objects.exists()  # slowed, not locked


def test_django_otp_back_off_delays_the_next_try_after_a_wrong_code(
    admin_client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.OTP_THROTTLE_FACTOR = 1  # the production default
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(ENABLE)
    code = _last_code(mailoutbox)
    admin_client.post(ENABLE + "verify/", {"code": _wrong(code)})
    response = admin_client.post(ENABLE + "verify/", {"code": code})
    assert "Too many wrong codes in a row. Wait a moment and try again." in response.content.decode()
