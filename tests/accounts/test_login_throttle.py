"""Sign-in throttling (django-axes) on the product's login and /admin/, directly and behind a proxy."""

import time

import pytest
from django.test import Client

from otp.models import SecurityEvent
from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
THROTTLED = "Too many failed attempts"


def _fail(client, email="admin@acme.test", times=1, url=LOGIN, **extra):
    for _ in range(times):
        response = client.post(url, {"username": email, "password": "not-the-password"}, **extra)
        assert "_auth_user_id" not in client.session
    return response


def _login(client, email="admin@acme.test", url=LOGIN, **extra):
    return client.post(url, {"username": email, "password": PASSWORD}, **extra)


def test_wrong_passwords_lock_out_that_email_from_that_address_only(admin, settings):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    _fail(attacker, "ADMIN@acme.test", times=settings.LOGIN_FAILURES_PER_EMAIL)

    # Even the right password is refused from there now, saying why.
    response = _login(attacker)
    assert response.status_code == 429
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in attacker.session

    # The owner, elsewhere, gets in: other people's failures never refuse a correct password.
    owner = Client(REMOTE_ADDR="198.51.100.20")
    assert _login(owner).status_code == 302
    assert owner.session["_auth_user_id"] == str(admin.pk)


def test_a_busy_address_is_slowed_down_but_a_correct_password_from_it_still_gets_in(admin, settings):
    settings.LOGIN_FAILURES_PER_IP = 3
    settings.LOGIN_SLOWDOWN = 0.4
    office = Client(REMOTE_ADDR="203.0.113.77")
    for n in range(3):  # three other people mistype at the same office address
        _fail(office, f"colleague{n}@acme.test")

    started = time.monotonic()
    response = _login(office)
    took = time.monotonic() - started

    assert response.status_code == 302 and office.session["_auth_user_id"] == str(admin.pk)
    assert took >= 0.4
    # Another address is not slowed down.
    started = time.monotonic()
    _login(Client(REMOTE_ADDR="198.51.100.9"))
    assert time.monotonic() - started < 0.4


def test_a_successful_sign_in_clears_that_pairs_failures(admin, settings):
    client = Client(REMOTE_ADDR="198.51.100.30")
    _fail(client, times=settings.LOGIN_FAILURES_PER_EMAIL - 1)
    assert _login(client).status_code == 302
    client.logout()
    _fail(client, times=settings.LOGIN_FAILURES_PER_EMAIL - 1)
    assert _login(client).status_code == 302


@pytest.mark.parametrize("proxies", [["10.0.0.0/8"], ["10.0.0.7"]])
def test_behind_a_trusted_proxy_each_client_is_throttled_on_its_own_address(admin, settings, proxies):
    settings.TRUSTED_PROXIES = proxies
    proxy = Client(REMOTE_ADDR="10.0.0.7")
    _fail(proxy, times=settings.LOGIN_FAILURES_PER_EMAIL, HTTP_X_FORWARDED_FOR="203.0.113.50")
    response = _login(proxy, HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert response.status_code == 429

    # Everyone else comes through the same proxy, and still gets in.
    assert _login(proxy, HTTP_X_FORWARDED_FOR="198.51.100.61").status_code == 302
    # A client that forged its own X-Forwarded-For: the proxy appends the real address, which counts.
    forged = _login(Client(REMOTE_ADDR="10.0.0.7"), HTTP_X_FORWARDED_FOR="198.51.100.61, 203.0.113.50")
    assert forged.status_code == 429


def test_without_trusted_proxies_a_forged_forwarded_header_changes_nothing(admin, settings):
    settings.TRUSTED_PROXIES = []
    attacker = Client(REMOTE_ADDR="203.0.113.8")
    for n in range(settings.LOGIN_FAILURES_PER_EMAIL):
        _fail(attacker, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert _login(attacker, HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_a_direct_client_cannot_pose_as_the_proxy(admin, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(settings.LOGIN_FAILURES_PER_EMAIL):
        _fail(attacker, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 10.0.0.7")
    assert _login(attacker, HTTP_X_FORWARDED_FOR="192.0.2.201, 10.0.0.7").status_code == 429


def test_the_admin_sign_in_is_throttled_like_the_products(operator, settings):
    client = Client(REMOTE_ADDR="203.0.113.10")
    _fail(client, "operator@qontak.test", times=settings.LOGIN_FAILURES_PER_EMAIL, url="/admin/login/")
    response = client.post(
        "/admin/login/", {"username": "operator@qontak.test", "password": PASSWORD, "otp_token": "123456"}
    )
    assert response.status_code == 429
    assert THROTTLED in response.content.decode()
    # Failures at /admin/ and at the product's login share one count per email and address.
    assert _login(client, "operator@qontak.test").status_code == 429


def test_audit_trails_record_the_client_behind_the_proxy_not_the_proxy(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/settings/security/broadcast-template-otp/enable/",
            REMOTE_ADDR="10.1.2.3",
            HTTP_X_FORWARDED_FOR="198.51.100.77",
        )
    assert SecurityEvent.objects.get().ip == "198.51.100.77"
