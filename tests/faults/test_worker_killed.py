"""The Celery worker killed (SIGKILL) in the middle of a submission: after a restart it is submitted exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from templates_app.models import Status, Template
from tests.factories import ChannelAccountFactory
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, WABA_ID
from tests.templates_app.builders import new_template

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("TEST_KILL_BROKER_URL", "redis://127.0.0.1:6379/12")


def _worker(graph_url: str, log_path: Path) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "qontak_broadcast.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": BROKER,
        "SECRET_KEY": os.environ["SECRET_KEY"],  # the same key decrypts the account's token
        "META_GRAPH_API_URL": graph_url,
        "META_HTTP_TIMEOUT": "30",
        "SUBMISSION_CLAIM_TIMEOUT": "2",
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_SKIP_CHECKS": "true",
    }
    command = [sys.executable, "-m", "celery", "-A", "qontak_broadcast", "worker", "-Q", "submissions", "-P", "solo",
               "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_path.open("ab"), stderr=subprocess.STDOUT)


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_submission_submits_exactly_once_after_restart(org_a, agent, graph_api, tmp_path):
    from kombu import Connection

    from qontak_broadcast.celery import app
    from templates_app.tasks import send_to_provider

    redis.Redis.from_url(BROKER).flushdb()
    account = ChannelAccountFactory(
        organization=org_a, provider="meta", waba_id=WABA_ID, meta_app_id=APP_ID, meta_access_token=ACCESS_TOKEN
    )
    template = new_template(org_a, agent, account, name="killed_midway")
    Template.objects.filter(pk=template.pk).update(status=Status.SUBMITTING)
    # WhatsApp takes 4 s to answer the creation: the worker dies while it waits.
    graph_api.delay_next(4, match="message_templates")
    log = tmp_path / "worker.log"

    first = _worker(graph_api.url, log)
    try:
        app.conf.task_always_eager = False  # publish for real, to the worker's broker
        try:
            with Connection(BROKER) as broker:
                send_to_provider.apply_async(args=[template.pk], connection=broker, queue="submissions")
        finally:
            app.conf.task_always_eager = True
        _wait(lambda: graph_api.creation_requests, 30, "the first creation request")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()

    # WhatsApp still creates it; our side never heard the answer.
    _wait(lambda: graph_api.created_templates, 10, "WhatsApp to finish creating it")
    assert Template.objects.get(pk=template.pk).status == Status.SUBMITTING

    second = _worker(graph_api.url, log)
    try:
        _wait(lambda: Template.objects.get(pk=template.pk).status == Status.PENDING, 60, "the redelivered task")
    finally:
        second.terminate()
        second.wait(15)

    assert len(graph_api.created_templates) == 1, log.read_text()[-3000:]
    (submission,) = Template.objects.get(pk=template.pk).submissions.all()
    assert submission.provider_template_id in graph_api.templates
