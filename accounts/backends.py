"""Sign-in throttling for every login form (the product's and /admin/), on django-axes.

- Per email and client address (django-axes, `AXES_LOCKOUT_PARAMETERS`):
  LOGIN_FAILURES_PER_EMAIL wrong passwords lock out that pair for the
  window. The same email from another address, and other emails from this
  address, are not refused: other people's failures never refuse a correct
  password.
- Per address: past LOGIN_FAILURES_PER_IP failures within the window, every
  sign-in from that address waits LOGIN_SLOWDOWN seconds before its password
  is checked, so guessing across many accounts from one address is slow.

Both login forms authenticate through `LoginThrottleBackend` (first in
AUTHENTICATION_BACKENDS), so neither can skip it. The client address comes
from qontak_broadcast.client_address (TRUSTED_PROXIES).
"""

import logging
import time

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.utils.translation import gettext_lazy

from qontak_broadcast.client_address import client_ip

logger = logging.getLogger(__name__)

THROTTLED_MESSAGE = gettext_lazy("Too many failed attempts. Wait 15 minutes and try again, or reset your password.")


def login_email(request, credentials: dict | None) -> str:
    """The email a sign-in is for, as django-axes counts it: one counter whatever its case."""
    if credentials and credentials.get("username"):
        return str(credentials["username"]).strip().lower()
    data = getattr(request, "POST", None) or {}
    return str(data.get("username", "")).strip().lower()


def _address_key(ip: str | None) -> str:
    return f"login-failures:ip:{ip or 'unknown'}"


def address_failures(*, ip: str | None) -> int:
    try:
        return int(cache.get(_address_key(ip)) or 0)
    except Exception:  # noqa: BLE001 - fail open: the per-address slowdown is a brake, not a lock
        logger.warning("Sign-in slowdown skipped: the cache is unreachable")
        return 0


@receiver(user_login_failed, dispatch_uid="accounts.count_address_failure")
def _count_address_failure(sender, credentials, request=None, **kwargs) -> None:
    if request is None:
        return
    key = _address_key(client_ip(request))
    try:
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW)
        cache.incr(key)
    except Exception:  # noqa: BLE001
        logger.warning("Sign-in slowdown skipped: the cache is unreachable")


class LoginThrottleBackend(AxesStandaloneBackend):
    """Slows a busy address down, then lets django-axes refuse a locked-out email+address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            # Only code (tests' Client.login, shells) authenticates without a
            # request; every login page passes one.
            return None
        ip = client_ip(request)
        if address_failures(ip=ip) >= settings.LOGIN_FAILURES_PER_IP:
            logger.info("Slowed down a sign-in from %s: too many failures from this address", ip)
            time.sleep(settings.LOGIN_SLOWDOWN)
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, response, credentials):
    """django-axes' lockout answer: the login page the form already rendered (saying why), as 429."""
    if response is None:
        from django.http import HttpResponse

        return HttpResponse(THROTTLED_MESSAGE, status=429)
    response.status_code = 429
    return response
