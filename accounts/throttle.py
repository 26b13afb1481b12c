"""Failed-login throttling: per email and per client address, counted in the cache.

Fails open: when the cache is unreachable, logging in still works (and a
warning is logged) rather than locking everyone out.
"""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def _keys(email: str, ip: str | None) -> list[str]:
    return [f"login-failures:email:{email.strip().lower()}", f"login-failures:ip:{ip or 'unknown'}"]


def _limits() -> list[int]:
    return [settings.LOGIN_FAILURES_PER_EMAIL, settings.LOGIN_FAILURES_PER_IP]


def login_blocked(*, email: str, ip: str | None) -> bool:
    try:
        counts = cache.get_many(_keys(email, ip))
    except Exception:  # noqa: BLE001 - fail open, see module docstring
        logger.warning("Login throttling skipped: the cache is unreachable")
        return False
    return any(counts.get(key, 0) >= limit for key, limit in zip(_keys(email, ip), _limits(), strict=True))


def login_failed(*, email: str, ip: str | None) -> None:
    try:
        for key in _keys(email, ip):
            cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
            cache.incr(key)
    except Exception:  # noqa: BLE001
        logger.warning("Login throttling skipped: the cache is unreachable")


def login_succeeded(*, email: str) -> None:
    try:
        cache.delete(_keys(email, None)[0])
    except Exception:  # noqa: BLE001
        logger.warning("Login throttling skipped: the cache is unreachable")
