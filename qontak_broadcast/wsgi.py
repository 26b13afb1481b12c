import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qontak_broadcast.settings")

application = get_wsgi_application()


def _warm_up() -> None:
    # The content screen's classifier trains from the repository's corpus on
    # first use (a few seconds): do it beside the first requests, not in one.
    from templates_app.screening.model import classifier

    classifier()


threading.Thread(target=_warm_up, name="screen-warm-up", daemon=True).start()
