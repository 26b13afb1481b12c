"""/healthz: is each part the product needs reachable?

Anyone gets up or down (200 "ok" / 503 "unavailable"); which part is down,
and why, only goes to localhost (a probe on the machine) or to a caller
sending the `X-Healthz-Token` header with HEALTHZ_TOKEN.
"""

import hmac
import ipaddress

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from kombu import Connection

from .celery import app as celery_app
from .client_address import client_ip


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "up"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return "up"


def _broker() -> str:
    if celery_app.conf.task_always_eager:
        return "in-process"
    with Connection(celery_app.conf.broker_url, connect_timeout=1) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
    return "up"


CHECKS = {"database": _database, "redis": _redis, "broker": _broker}


def _may_see_details(request) -> bool:
    token = request.headers.get("X-Healthz-Token", "")
    if settings.HEALTHZ_TOKEN and token and hmac.compare_digest(token.encode(), settings.HEALTHZ_TOKEN.encode()):
        return True
    if any(header in request.headers for header in ("X-Forwarded-For", "Forwarded", "X-Real-IP")):
        return False  # came through a proxy, even one on this machine: not a local probe
    ip = client_ip(request)
    try:
        return ip is not None and ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


def healthz(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure means "down", named in the answer
            results[name] = f"down: {type(exc).__name__}"
            healthy = False
    body = {"status": "ok" if healthy else "unavailable"}
    if _may_see_details(request):
        body.update(results)
    return JsonResponse(body, status=200 if healthy else 503)
