"""The Celery app. Configuration lives in settings under the CELERY_ prefix."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qontak_broadcast.settings")

app = Celery("qontak_broadcast")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
