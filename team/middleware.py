from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import InterfaceError, OperationalError
from django.utils import timezone


def _zone(request) -> ZoneInfo | None:
    membership = getattr(request, "membership", None)
    try:
        if not membership:
            return None
        return ZoneInfo(membership.organization.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    except (OperationalError, InterfaceError):
        # The database is down: the view answers 503 (UnavailableMiddleware), not this middleware a 500.
        return None


class OrganizationTimeZoneMiddleware:
    """Every time shown in a request is in the time zone of the organization the person acts in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = _zone(request)
        if zone is not None:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
