"""Password reset: links from SITE_URL whatever the Host header says, and a few mails an hour at most."""

import pytest
from django.test import Client

RESET = "/accounts/password-reset/"


def test_reset_links_come_from_site_url_even_under_a_hostile_host_header(admin, settings, celery_worker, smtp):
    settings.ALLOWED_HOSTS = ["*"]  # permissive: the Host header is not checked at all
    settings.SITE_URL = "https://broadcast.example.com"
    client = Client(HTTP_HOST="evil.example")
    response = client.post(RESET, {"email": "admin@acme.test"}, HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 302

    (mail,) = smtp.wait_for(to="admin@acme.test", subject="Reset your Qontak Broadcast password")
    assert "https://broadcast.example.com/accounts/reset/" in mail.text
    assert 'href="https://broadcast.example.com/accounts/reset/' in mail.html
    assert "evil.example" not in mail.text and "evil.example" not in mail.html


def _ask(client, email, capture):
    with capture(execute=True):
        return client.post(RESET, {"email": email}, follow=True)


def test_at_most_a_few_reset_mails_per_email_an_hour_with_the_same_answer(
    admin, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_LIMIT = 3
    answers = []
    for n in range(5):  # from five different addresses
        response = _ask(Client(REMOTE_ADDR=f"198.51.100.{n}"), "admin@acme.test", django_capture_on_commit_callbacks)
        page = response.content.decode()
        answers.append((response.status_code, response.redirect_chain, "If an account uses that address" in page))
    assert len(mailoutbox) == 3
    assert answers[0][2] and all(answer == answers[0] for answer in answers)


def test_at_most_a_few_reset_mails_per_address_an_hour(
    admin, agent, reviewer, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_LIMIT = 2
    client = Client(REMOTE_ADDR="203.0.113.40")
    for email in ["admin@acme.test", "agent@acme.test", "reviewer@acme.test"]:
        response = _ask(client, email, django_capture_on_commit_callbacks)
        assert "If an account uses that address" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["admin@acme.test"], ["agent@acme.test"]]
    # Someone else, elsewhere, still gets theirs.
    _ask(Client(REMOTE_ADDR="198.51.100.99"), "reviewer@acme.test", django_capture_on_commit_callbacks)
    assert mailoutbox[-1].to == ["reviewer@acme.test"]


@pytest.mark.parametrize("email", ["nobody@acme.test", "admin@acme.test"])
def test_unknown_and_known_emails_count_alike(admin, email, settings, mailoutbox, django_capture_on_commit_callbacks):
    """Asking for an unknown email uses up the same allowance: the limit says nothing about who exists."""
    settings.PASSWORD_RESET_LIMIT = 1
    client = Client(REMOTE_ADDR="203.0.113.41")
    _ask(client, email, django_capture_on_commit_callbacks)
    mails = len(mailoutbox)
    _ask(
        client,
        "admin@acme.test" if email != "admin@acme.test" else "agent@acme.test",
        django_capture_on_commit_callbacks,
    )
    assert len(mailoutbox) == mails  # the address's one request this hour is spent either way
