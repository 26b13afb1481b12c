"""A no-op Celery task for the submissions benchmark's baseline (worker started with -I bench.noop_tasks).

It only counts itself in Redis (one INCR), so the benchmark can tell when N of
them are done: the cost of the broker round trip, the prefork pool and
late acknowledgement, without any of the product's work.
"""

import redis
from celery import shared_task
from django.conf import settings

_client = None


@shared_task(name="bench.noop", acks_late=True)
def noop(n: int) -> None:
    global _client
    if _client is None:
        _client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    _client.incr("bench:noop:done")
