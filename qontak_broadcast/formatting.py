"""Dates as pages show them, formatted once per process for each value.

A page's `{{ value|date:"DATETIME_FORMAT" }}` runs Django's date formatting
(month names, a.m./p.m. and the like in the reader's language) every time;
a list of rows whose times do not change between requests pays for it on
each row of each page. `datetime_shown` gives the same text, in the active
language and time zone, from a cache keyed by both.
"""

from functools import lru_cache

from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.timezone import get_current_timezone_name, template_localtime
from django.utils.translation import get_language


def datetime_shown(value, format_name: str = "DATETIME_FORMAT") -> str:
    """`value|date:format_name` as a template shows it (not escaped)."""
    return _shown(value, get_format(format_name), get_language(), get_current_timezone_name())


def datetimes_shown(format_name: str = "DATETIME_FORMAT"):
    """datetime_shown for the many values of one page: the format, language and time zone read once."""
    date_format, language, zone = get_format(format_name), get_language(), get_current_timezone_name()
    return lambda value: _shown(value, date_format, language, zone)


@lru_cache(maxsize=8192)
def _shown(value, date_format: str, language: str, zone: str) -> str:
    # The language and time zone are in the key: they are the active ones while this runs.
    return format_date(template_localtime(value), date_format)
