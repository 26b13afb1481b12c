"""The layout's links (templates/base.html): the same on every page, so reversed once per process.

Each `{% url %}` and `{% static %}` of the layout cost 15-20 us on every page
for an answer that only changes with a deploy (or a different script prefix,
which is part of the key).
"""

from functools import lru_cache

from django.templatetags.static import static
from django.urls import get_script_prefix, reverse

URL_NAMES = (
    "dashboard",
    "javascript_catalog",
    "channel_account_list",
    "members",
    "organization_settings",
    "organization_switch",
    "profile",
    "language_switch",
    "logout",
)
STATIC_FILES = {"logo": "img/logo.svg", "css": "css/app.css", "js": "js/app.js"}


def shell(request) -> dict:
    return {"shell": _links(get_script_prefix())}


@lru_cache(maxsize=4)
def _links(prefix: str) -> dict[str, str]:
    return {**{name: reverse(name) for name in URL_NAMES}, **{key: static(path) for key, path in STATIC_FILES.items()}}
