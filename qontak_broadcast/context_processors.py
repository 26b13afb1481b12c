"""The layout (templates/base.html): its links and its top bar, the same on every page of a person.

Each `{% url %}` and `{% static %}` of the layout cost 15-20 us on every page
for an answer that only changes with a deploy (or a different script prefix,
which is part of the key): reversed once per process.

The top bar (navigation, organization switcher, user menu) was about 40% of
the layout's rendering. It depends on a few values (the person's name and
email, their organizations and role, the section of the site, the language),
so it is rendered once per distinct set of them, from those values alone;
the CSRF token and the current address (the language switcher's `next`) go
into slots afterwards. Slots are random per process, so no text a person
enters can be taken for one.
"""

import secrets
from functools import lru_cache, partial
from html import escape
from typing import NamedTuple

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django_htmx.jinja import htmx_script

from accounts.models import Role

URL_NAMES = (
    "dashboard",
    "template_list",
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
# The navigation link each part of the site highlights.
SECTIONS = (
    ("templates", ("/broadcast/templates/",)),
    ("channels", ("/settings/channels/",)),
    ("members", ("/settings/members/",)),
    ("organization", ("/settings/organization/", "/settings/audit/")),
)
SECURITY_PAGE = "/settings/security/"
_CSRF_SLOT = secrets.token_hex(16)
_NEXT_SLOT = secrets.token_hex(16)


def shell(request) -> dict:
    # The top bar is built only by a page that shows it ({{ topbar }} calls it).
    return {
        "shell": _links(get_script_prefix(), settings.DEBUG),
        "topbar": partial(topbar, request),
        # One masked token for the whole page (the layout's htmx header, the top bar's and the page's forms):
        # Django's csrf context processor and get_token each masked the secret again, 32 random characters
        # drawn one by one.
        "csrf_token": _page_token(request),
    }


@lru_cache(maxsize=8)
def _links(prefix: str, debug: bool) -> dict[str, str]:
    return {
        **{name: reverse(name) for name in URL_NAMES},
        **{key: static(path) for key, path in STATIC_FILES.items()},
        # django-htmx's {% htmx_script %}, which adds its debug script while DEBUG is on.
        "htmx": htmx_script(),
    }


@receiver(setting_changed)
def _links_changed(*, setting, **kwargs) -> None:
    if setting in ("STATIC_URL", "STORAGES", "STATIC_ROOT", "ROOT_URLCONF", "DEBUG"):
        _links.cache_clear()
        _topbar.cache_clear()


def _page_token(request) -> SimpleLazyObject:
    token = getattr(request, "_page_csrf_token", None)
    if token is None:
        token = request._page_csrf_token = SimpleLazyObject(lambda: get_token(request) or "NOTPROVIDED")
    return token


class TopBar(NamedTuple):
    """Everything the top bar shows: two people, organizations, roles or sections never share one."""

    prefix: str
    language: str
    user_id: int | None = None
    user_name: str = ""
    user_email: str = ""
    organizations: tuple[tuple[int, str], ...] = ()
    current: int | None = None
    role: str = ""
    active: tuple[str, ...] = ()
    dev_mailbox: bool = False


def topbar(request) -> SafeString:
    user = getattr(request, "user", None)
    bar = TopBar(prefix=get_script_prefix(), language=get_language())
    if user is not None and user.is_authenticated:
        membership = request.membership
        path = request.path
        bar = bar._replace(
            user_id=user.pk,
            user_name=user.display_name,
            user_email=user.email,
            organizations=tuple((m.organization_id, m.organization.name) for m in request.memberships),
            current=membership.organization_id if membership else None,
            role=membership.role if membership else "",
            active=(*(name for name, parts in SECTIONS if any(part in path for part in parts)),)
            + (("security",) if path == SECURITY_PAGE else ()),
            dev_mailbox=settings.DEBUG and settings.DEV_MAILBOX_ENABLED,
        )
    html = _topbar.__wrapped__(bar) if settings.DEBUG else _topbar(bar)
    if _CSRF_SLOT in html:  # only a signed-in bar has forms (and so sets the CSRF cookie)
        html = html.replace(_CSRF_SLOT, str(_page_token(request))).replace(_NEXT_SLOT, escape(request.get_full_path()))
    return mark_safe(html)


@lru_cache(maxsize=2048)
def _topbar(bar: TopBar) -> str:
    return render_to_string(
        "partials/topbar.html",
        {
            **bar._asdict(),
            "shell": _links(bar.prefix, settings.DEBUG),
            "is_admin": bar.role == Role.ADMIN,
            "role_label": Role(bar.role).label if bar.role else "",
            "LANGUAGE_CODE": bar.language,
            "csrf_token": _CSRF_SLOT,
            "next": _NEXT_SLOT,
        },
    )
