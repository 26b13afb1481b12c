"""Redis (broker and cache) unreachable: pages that don't need it work, actions that do say "try again"."""

import pytest

from otp.models import Challenge
from security_settings.selectors import broadcast_template_otp_enabled
from security_settings.services import broadcast_template_otp_enable
from templates_app.models import Status, Template
from templates_app.services import template_digest
from tests.factories import PASSWORD
from tests.templates_app.builders import new_template

DEAD = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    """Broker and cache both pointed at a port where nothing listens, as if Redis had died."""
    from qontak_broadcast.celery import app

    broker = app.conf.broker_url
    app.conf.broker_url, app.conf.task_always_eager = DEAD, False
    settings.REDIS_URL = DEAD
    settings.CACHES = {"default": {"BACKEND": "qontak_broadcast.cache.RedisCache", "LOCATION": DEAD}}
    yield
    app.conf.broker_url, app.conf.task_always_eager = broker, True


def test_pages_that_do_not_need_redis_still_work(redis_down, admin_client, agent_client, org_a, agent, account_a):
    template = new_template(org_a, agent, account_a)
    for client, url in [
        (admin_client, "/"),
        (admin_client, "/settings/security/"),
        (admin_client, "/broadcast/templates/"),
        (agent_client, f"/broadcast/templates/{template.pk}/edit/?lang=en_US"),
        (agent_client, f"/broadcast/templates/{template.pk}/"),
        (agent_client, "/broadcast/templates/new/"),
    ]:
        assert client.get(url).status_code == 200, url


def test_logging_in_works_while_the_cache_is_down(redis_down, client, admin):
    response = client.post("/accounts/login/", {"username": "admin@acme.test", "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_send_code_says_try_again_and_changes_nothing(redis_down, admin_client, org_a):
    response = admin_client.post("/settings/security/broadcast-template-otp/enable/")
    assert response.status_code == 503
    assert "try again" in response.content.decode()
    assert not Challenge.objects.exists()
    # Under htmx the same answer is a dialog, swapped in place of the code dialog.
    fragment = admin_client.post("/settings/security/broadcast-template-otp/enable/", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 503 and 'role="dialog"' in fragment.content.decode()


def test_submit_says_try_again_and_the_template_stays_a_draft(redis_down, agent_client, org_a, agent, account_a):
    template = new_template(org_a, agent, account_a)
    response = agent_client.post(
        f"/broadcast/templates/{template.pk}/submit/confirm/", {"fingerprint": template_digest(template)}
    )
    assert response.status_code == 503
    assert "Nothing was changed" in response.content.decode()
    assert Template.objects.get(pk=template.pk).status == Status.DRAFT
    assert not template.events.exclude(status="draft").exists()


def test_submit_with_a_code_also_waits_for_the_queue(redis_down, agent_client, admin, org_a, agent, account_a):
    from qontak_broadcast.celery import app

    app.conf.task_always_eager = True  # turn the toggle on while Redis is still "up"
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    app.conf.task_always_eager = False
    template = new_template(org_a, agent, account_a)
    assert (
        agent_client.post(
            f"/broadcast/templates/{template.pk}/submit/confirm/", {"fingerprint": template_digest(template)}
        ).status_code
        == 503
    )
    assert not Challenge.objects.exists()
    assert Template.objects.get(pk=template.pk).status == Status.DRAFT


def test_the_toggle_is_not_changed_half_way(redis_down, admin, org_a):
    from qontak_broadcast.availability import ServiceUnavailable

    with pytest.raises(ServiceUnavailable):
        broadcast_template_otp_enable(organization=org_a, actor=admin)
    assert not broadcast_template_otp_enabled(organization_id=org_a.pk)


def test_healthz_names_what_is_down(redis_down, client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "up"
    assert body["redis"].startswith("down") and body["broker"].startswith("down")
