"""The shared cast and the real parts every test can use.

Cast (STYLE.md): organization A with an admin, an agent and a reviewer, each
with a logged-in client; organization B with an outsider (B's admin).
Real parts: a Celery worker on the Redis broker, an SMTP server on localhost.
"""

import os

import pytest
import redis
from celery.signals import task_postrun
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client

from accounts.models import Role
from tests.factories import ChannelAccountFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.fakes.graph_api import graph_api  # noqa: F401 - the fake Graph API fixture, for every test
from tests.mailserver import MailServer

os.environ.setdefault("CELERY_SKIP_CHECKS", "true")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Counters kept in the cache (login throttling, hourly submission limits) start at zero in every test."""
    from django.core.cache import cache

    cache.clear()


# --- cast -----------------------------------------------------------------
@pytest.fixture
def org_a(db):
    return OrganizationFactory(name="Acme Retail")


@pytest.fixture
def org_b(db):
    return OrganizationFactory(name="Borealis Foods")


def _member(org, role, email):
    return MembershipFactory(organization=org, role=role, user=UserFactory(email=email)).user


@pytest.fixture
def admin(org_a):
    return _member(org_a, Role.ADMIN, "admin@acme.test")


@pytest.fixture
def agent(org_a):
    return _member(org_a, Role.AGENT, "agent@acme.test")


@pytest.fixture
def reviewer(org_a):
    return _member(org_a, Role.REVIEWER, "reviewer@acme.test")


@pytest.fixture
def outsider(org_b):
    return _member(org_b, Role.ADMIN, "admin@borealis.test")


@pytest.fixture
def account_a(org_a):
    return ChannelAccountFactory(organization=org_a, display_name="Acme Store")


@pytest.fixture
def account_b(org_b):
    return ChannelAccountFactory(organization=org_b, display_name="Borealis Store")


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(admin):  # noqa: F811 - replaces pytest-django's superuser client on purpose
    return _client(admin)


@pytest.fixture
def agent_client(agent):
    return _client(agent)


@pytest.fixture
def reviewer_client(reviewer):
    return _client(reviewer)


@pytest.fixture
def outsider_client(outsider):
    return _client(outsider)


@pytest.fixture
def operator(db):
    """A staff superuser with an enrolled authenticator app (TOTP), as `totp_enroll` leaves one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(email="operator@qontak.test", is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


@pytest.fixture
def operator_client(operator):
    """Signed in to /admin/ with password and TOTP (the session records the verified device)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client = _client(operator)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = operator.totpdevice_set.get().persistent_id
    session.save()
    return client


# --- real SMTP server -----------------------------------------------------
@pytest.fixture(scope="session")
def mail_server():
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp(mail_server, settings):
    """Send mail through the real SMTP server; the test reads it from `smtp`."""
    if not mail_server.running:
        mail_server.start()
    mail_server.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = mail_server.host
    settings.EMAIL_PORT = mail_server.port
    settings.EMAIL_TIMEOUT = 5
    yield mail_server
    if not mail_server.running:
        mail_server.start()


# --- real Celery worker ---------------------------------------------------
def _close_worker_connections(**kwargs):
    connections.close_all()


@pytest.fixture(scope="session")
def _celery_worker_session(django_db_setup, django_db_blocker):
    from celery.contrib.testing.worker import start_worker

    from qontak_broadcast.celery import app

    redis.Redis.from_url(django_settings.CELERY_BROKER_URL).flushdb()
    # The worker thread's connection must not outlive its task, or the test
    # database can't be flushed or dropped.
    task_postrun.connect(_close_worker_connections, weak=False)
    app.conf.task_always_eager = False
    with start_worker(
        app,
        pool="solo",
        perform_ping_check=False,
        queues=["email", "submissions", "default"],
        loglevel="WARNING",
        shutdown_timeout=20,
    ) as worker:
        yield worker
    app.conf.task_always_eager = True
    # The stopped worker thread can't close its own connection any more; end
    # it so the test database can be dropped.
    with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def celery_worker(_celery_worker_session, transactional_db, smtp):
    """A real worker consuming the Redis broker, sending mail to the real SMTP server.

    Tests using it are transactional: the worker thread has its own database
    connection and only sees committed rows.
    """
    from qontak_broadcast.celery import app

    app.conf.task_always_eager = False
    yield _celery_worker_session
    app.conf.task_always_eager = True
