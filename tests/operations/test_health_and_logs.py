"""/healthz says only up or down to the public; refused pages log one line; no mailbox without DEBUG."""

import logging

import pytest
from django.test import Client

from accounts.models import DevMail


@pytest.fixture
def redis_unreachable(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"


def test_the_public_learns_only_up(db):
    response = Client(REMOTE_ADDR="203.0.113.5").get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_public_learns_only_down(db, redis_unreachable):
    response = Client(REMOTE_ADDR="203.0.113.5").get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_localhost_sees_which_part_is_down(db, redis_unreachable):
    body = Client(REMOTE_ADDR="127.0.0.1").get("/healthz").json()
    assert body["status"] == "unavailable" and body["redis"].startswith("down") and body["database"] == "up"


def test_a_request_through_a_proxy_on_localhost_is_not_a_local_probe(db, redis_unreachable):
    response = Client(REMOTE_ADDR="127.0.0.1").get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert response.json() == {"status": "unavailable"}


def test_the_token_shows_the_details_from_anywhere(db, settings, redis_unreachable):
    settings.HEALTHZ_TOKEN = "probe-token-0123456789"
    public = Client(REMOTE_ADDR="203.0.113.5")
    assert "redis" not in public.get("/healthz", HTTP_X_HEALTHZ_TOKEN="wrong").json()
    body = public.get("/healthz", HTTP_X_HEALTHZ_TOKEN="probe-token-0123456789").json()
    assert body["redis"].startswith("down")


def test_without_a_configured_token_no_token_opens_the_details(db, settings):
    settings.HEALTHZ_TOKEN = ""
    assert Client(REMOTE_ADDR="203.0.113.5").get("/healthz", HTTP_X_HEALTHZ_TOKEN="").json() == {"status": "ok"}


def test_a_refused_page_logs_one_line_without_a_traceback(agent_client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = agent_client.get("/settings/security/")
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    line = formatter.format(record)
    assert line == "WARNING django.request Forbidden (Permission denied): /settings/security/"


def test_a_server_error_still_logs_its_traceback(caplog):
    from qontak_broadcast.log import ForbiddenOneLine

    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", None, (ValueError, None, None))
    record.status_code = 500
    assert ForbiddenOneLine().filter(record) and record.exc_info is not None


def test_the_development_mailbox_pages_do_not_exist_without_debug(client, db, settings):
    mail = DevMail.objects.create(to="a@acme.test", subject="Your verification code", body="123456")
    settings.DEBUG = False
    settings.DEV_MAILBOX_ENABLED = True  # even if misconfigured
    assert client.get("/dev/mailbox/").status_code == 404
    assert client.get(f"/dev/mailbox/{mail.pk}/").status_code == 404


def test_the_development_mailbox_backend_refuses_to_store_mail_without_debug(db, settings):
    from django.core.exceptions import ImproperlyConfigured
    from django.core.mail import EmailMessage

    from accounts.mail import DevMailboxBackend

    settings.DEBUG = False
    with pytest.raises(ImproperlyConfigured):
        DevMailboxBackend().send_messages([EmailMessage("s", "b", "f@x.test", ["t@x.test"])])
    assert not DevMail.objects.exists()
