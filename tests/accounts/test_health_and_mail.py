from accounts.models import DevMail


def test_healthz_names_every_part_as_up(client, db, settings):
    from qontak_broadcast.celery import app

    app.conf.task_always_eager = False
    try:
        response = client.get("/healthz")
    finally:
        app.conf.task_always_eager = True
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up", "redis": "up", "broker": "up"}


def test_healthz_answers_503_naming_redis_when_it_is_unreachable(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["redis"].startswith("down")
    assert body["database"] == "up"


def test_an_email_queued_in_a_web_request_reaches_the_smtp_server_through_the_worker(
    client, admin, celery_worker, smtp, settings
):
    response = client.post("/accounts/password-reset/", {"email": "admin@acme.test"})
    assert response.status_code == 302  # answered without waiting for SMTP

    (mail,) = smtp.wait_for(to="admin@acme.test", subject="Reset your Qontak Broadcast password")
    assert "/accounts/reset/" in mail.text
    assert f'href="{settings.SITE_URL}/accounts/reset/' in mail.html


def test_development_mailbox_shows_sent_mail_when_debug_is_on(
    client, admin, settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "accounts.mail.DevMailboxBackend"
    settings.DEV_MAILBOX_ENABLED = True
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password-reset/", {"email": "admin@acme.test"})
    mail = DevMail.objects.get()
    assert mail.to == "admin@acme.test"
    listing = client.get("/dev/mailbox/").content.decode()
    assert "Reset your Qontak Broadcast password" in listing
    assert "/accounts/reset/" in client.get(f"/dev/mailbox/{mail.pk}/").content.decode()


def test_development_mailbox_is_hidden_when_debug_is_off(client, db, settings):
    settings.DEBUG = False
    assert client.get("/dev/mailbox/").status_code == 404
