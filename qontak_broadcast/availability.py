"""Is the task queue reachable? Asked before an action whose side effects need it.

A verification code or a submission that was written but never queued is a
half-done change: actions that queue work check the broker first and, when
it is down, refuse cleanly (ServiceUnavailable -> a 503 "try again") before
writing anything.
"""

from django.utils.translation import gettext
from kombu import Connection

from .celery import app as celery_app


class ServiceUnavailable(Exception):
    """A part the action needs is down; the message says what the user can do."""


def require_task_queue(action: str = "") -> None:
    if celery_app.conf.task_always_eager:
        return
    try:
        with Connection(celery_app.conf.broker_url, connect_timeout=1) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "down"
        raise ServiceUnavailable(
            gettext(
                "We can't %(action)s right now because a background service is unreachable. "
                "Nothing was changed; please try again in a minute."
            )
            % {"action": action or gettext("do this")}
        ) from exc
