"""Password-reset mail limits: per email and per client address, counted in the cache for an hour.

Every request counts, whether or not an account uses the email, so the
answer (and its timing) says nothing about which emails exist. Fails open
(with a warning) when the cache is unreachable: sending mail needs the
broker anyway.
"""

import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

RESET_WINDOW = 60 * 60


def password_reset_allowed(*, email: str, ip: str | None) -> bool:
    """Count this request; False when the email or the address already had its mails this hour."""
    keys = [f"password-reset:email:{email.strip().lower()}", f"password-reset:ip:{ip or 'unknown'}"]
    try:
        counts = []
        for key in keys:
            cache.add(key, 0, timeout=RESET_WINDOW)
            counts.append(cache.incr(key))
    except Exception:  # noqa: BLE001 - fail open, see module docstring
        logger.warning("Password-reset limit skipped: the cache is unreachable")
        return True
    if any(count > settings.PASSWORD_RESET_LIMIT for count in counts):
        logger.info("Password-reset mail not sent: more than %s this hour for this email or address", counts)
        return False
    return True
