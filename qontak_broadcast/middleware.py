"""A part the request needs is down: answer 503 with a clear "try again", never a 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext

from .availability import ServiceUnavailable

logger = logging.getLogger(__name__)

UNAVAILABLE = (ServiceUnavailable, OperationalError, InterfaceError)


class UnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        logger.warning("Answered 503 to %s %s: %r", request.method, request.path, exception)
        message = (
            str(exception)
            if isinstance(exception, ServiceUnavailable)
            else gettext("We couldn't reach our database. Nothing was changed; please try again in a moment.")
        )
        template = "partials/unavailable_dialog.html" if getattr(request, "htmx", False) else "503.html"
        response = HttpResponse(render_to_string(template, {"message": message}), status=503)
        response["Retry-After"] = "30"
        return response
