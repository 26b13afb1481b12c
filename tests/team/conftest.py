import re

import pytest

LINK = re.compile(r"http://\S+?(/(?:invitations|profile/email/confirm)/[^/\s]+/)")


def link_in(mail) -> str:
    """The path of the link in an email (the host is SITE_URL; tests use their own client)."""
    (path,) = set(LINK.findall(mail.body))
    return path


def code_in(mail) -> str:
    (code,) = set(re.findall(r"(?<!\d)\d{6}(?!\d)", mail.body))
    return code


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST with the emails queued after commit actually sent (to mailoutbox)."""

    def _post(client, url, data=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, **extra)

    return _post
