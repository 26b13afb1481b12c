"""/admin/: email, password and a TOTP code (django-otp); enrolment by command; email changes announced."""

import re
import time

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

ADMIN_LOGIN = "/admin/login/?next=/admin/"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _admin_sign_in(client, email, token):
    return client.post(ADMIN_LOGIN, {"username": email, "password": PASSWORD, "otp_token": token})


def test_enrol_prints_the_provisioning_uri_and_a_terminal_qr_code(db, capsys):
    user = UserFactory(email="ops@qontak.test", is_staff=True)
    call_command("totp_enroll", "OPS@qontak.test")
    out = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=user)
    uri = re.search(r"otpauth://totp/\S+", out).group(0)
    assert uri == device.config_url and "issuer=Qontak%20Broadcast" in uri
    assert "█" in out or "▀" in out or "▄" in out  # the QR code, drawn with block characters


def test_enrol_refuses_non_staff_unknown_users_and_a_second_device_without_replace(db, capsys):
    UserFactory(email="agent@acme.test")
    with pytest.raises(CommandError, match="not staff"):
        call_command("totp_enroll", "agent@acme.test")
    with pytest.raises(CommandError, match="No user"):
        call_command("totp_enroll", "nobody@acme.test")
    UserFactory(email="ops@qontak.test", is_staff=True)
    call_command("totp_enroll", "ops@qontak.test")
    first = TOTPDevice.objects.get()
    with pytest.raises(CommandError, match="--replace"):
        call_command("totp_enroll", "ops@qontak.test")
    call_command("totp_enroll", "ops@qontak.test", "--replace")
    assert list(TOTPDevice.objects.values_list("pk", flat=True)) != [first.pk]
    assert TOTPDevice.objects.count() == 1


def test_a_staff_password_alone_does_not_open_the_admin(client, db):
    UserFactory(email="ops@qontak.test", is_staff=True, is_superuser=True)
    response = _admin_sign_in(client, "ops@qontak.test", "123456")
    assert response.status_code == 200
    assert "no authenticator app enrolled" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_staff_session_from_the_products_login_is_not_an_operator_session(client, operator):
    assert client.post("/accounts/login/", {"username": operator.email, "password": PASSWORD}).status_code == 302
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_an_operator_signs_in_with_password_and_the_code_from_their_app(client, operator):
    device = operator.totpdevice_set.get()
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    refused = _admin_sign_in(client, operator.email, wrong)
    assert refused.status_code == 200 and "Invalid token" in refused.content.decode()
    assert client.get("/admin/").status_code == 302

    time.sleep(device.get_throttle_factor() * 1.05)  # django-otp's back-off after a wrong code
    response = _admin_sign_in(client, operator.email, _code(device))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Site administration" in client.get("/admin/").content.decode()


def test_emailed_verification_codes_never_count_as_the_admin_second_factor(client, operator, org_a):
    from otp.services import challenge_issue

    operator.totpdevice_set.all().delete()
    challenge = challenge_issue(user=operator, purpose="x", subject=org_a, action="test").challenge
    assert challenge is not None  # an EmailDevice exists with an open code
    response = _admin_sign_in(client, operator.email, "123456")
    assert "no authenticator app enrolled" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_changing_a_users_email_in_the_admin_emails_the_old_address(operator_client, admin, celery_worker, smtp):
    page = operator_client.get(f"/admin/accounts/user/{admin.pk}/change/")
    assert page.status_code == 200
    response = operator_client.post(
        f"/admin/accounts/user/{admin.pk}/change/",
        {
            "email": "someone-else@evil.example",
            "full_name": admin.full_name,
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(pk=admin.pk).email == "someone-else@evil.example"
    (mail,) = smtp.wait_for(to="admin@acme.test", subject="email of your Qontak Broadcast account was changed")
    assert "someone-else@evil.example" in mail.text
    assert smtp.received(to="someone-else@evil.example") == []


def test_saving_a_user_without_changing_the_email_sends_nothing(operator_client, admin, mailoutbox):
    operator_client.post(
        f"/admin/accounts/user/{admin.pk}/change/",
        {
            "email": "Admin@acme.test",
            "full_name": "New Name",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert User.objects.get(pk=admin.pk).full_name == "New Name"
    assert mailoutbox == []


def test_the_development_mailbox_is_not_in_the_admin_without_debug(operator_client):
    index = operator_client.get("/admin/").content.decode()
    assert "Development mails" not in index and "development mail" not in index.lower()
    assert operator_client.get("/admin/accounts/devmail/").status_code == 403
