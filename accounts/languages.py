"""Which language the interface speaks to a person, and the one place that saves their choice.

Order: the signed-in person's preference (their profile, or the switcher in
the user menu), else the language the browser asks for (Accept-Language, or
the switcher's cookie before signing in), else English. An email follows
its recipient's preference, else the language of the page that caused it
(the person acting sees the same words in the mail), else English: a worker
has no browser to ask.
"""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation

SUPPORTED = tuple(code for code, _name in settings.LANGUAGES)
# The field on User that keeps the preference ("" follows the browser).
PREFERENCE_FIELD = "language"


def language_supported(code: str | None) -> str:
    """The supported interface language for `code` ("id-ID" -> "id"), or "" when there is none."""
    if not code:
        return ""
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return ""


def language_for_user(user) -> str:
    """The person's saved preference, or "" when they follow their browser."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return language_supported(getattr(user, PREFERENCE_FIELD, ""))


def language_for_request(request) -> str:
    try:
        preferred = language_for_user(getattr(request, "user", None))
    except (OperationalError, InterfaceError):
        # The database is down: the view answers 503 (UnavailableMiddleware) in the browser's language.
        preferred = ""
    return preferred or translation.get_language_from_request(request)


def language_for_recipient(user) -> str:
    """The language of an email to `user` (see the module's docstring)."""
    return language_for_user(user) or language_supported(translation.get_language()) or settings.LANGUAGE_CODE


def datetime_display(value, *, time_zone: str | None = None) -> str:
    """A moment as the active language writes it ("02 Jan 2026, 14.05 WIB"), in `time_zone` or the active one.

    For emails, which are rendered away from the page: pages use the `date`
    filter with the same formats (qontak_broadcast/formats).
    """
    from zoneinfo import ZoneInfo

    from django.utils import formats, timezone

    zone = ZoneInfo(time_zone) if time_zone else timezone.get_current_timezone()
    local = timezone.localtime(value, zone)
    return f"{formats.date_format(local, 'SHORT_DATETIME_FORMAT')} {local.tzname()}"
