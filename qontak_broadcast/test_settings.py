"""Settings for the test suite: the real stack on this machine, overridable by environment."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/qontak_broadcast")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "*")
os.environ.pop("EMAIL_URL", None)
# Production settings need an SMTP server; tests swap in pytest-django's
# in-memory outbox, or the real SMTP server fixture (`smtp`).
os.environ["EMAIL_HOST"] = "127.0.0.1"

from .settings import *  # noqa: E402,F403

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run in-process unless a test asks for the real worker (the
# `celery_worker` fixture), which switches this off for its duration.
CELERY_TASK_ALWAYS_EAGER = True
# The cache gets its own Redis database: tests clear it, which must never touch the broker's queues.
CACHES = {
    "default": {
        "BACKEND": "qontak_broadcast.cache.RedisCache",
        "LOCATION": os.environ.get("TEST_CACHE_URL", "redis://127.0.0.1:6379/14"),
    }
}
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# django-otp's back-off is on in production (settings.py); the suite enters
# wrong codes back to back, so it is off here except in the tests about it.
OTP_THROTTLE_FACTOR = 0
