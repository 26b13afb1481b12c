from django.contrib import messages
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from .languages import language_for_request
from .selectors import membership_current, memberships_for_request, memberships_for_user

SESSION_KEY = "organization_id"


def _memberships(request):
    if not request.user.is_authenticated:
        return []
    return memberships_for_request(user=request.user)


def _membership(request):
    if not request.user.is_authenticated:
        return None
    chosen = request.session.get(SESSION_KEY)
    membership = membership_current(memberships=request.memberships, organization_id=chosen)
    if chosen is not None and (membership is None or membership.organization_id != chosen):
        # Removed from the organization this session acts in: this request is
        # refused (no membership), and the next one acts in another of their
        # organizations, if any. Never a silent move to another tenant mid-request.
        del request.session[SESSION_KEY]
        messages.warning(request, gettext("You are no longer a member of that organization."), fail_silently=True)
        return None
    if membership is not None and chosen is None:
        # Sessions from before logging in pinned it (pin_organization_on_login):
        # pin the session to the organization it acts in, so losing that
        # membership ends the session's access there (above) at once.
        request.session[SESSION_KEY] = membership.organization_id
    return membership


def pin_organization_on_login(sender, request, user, **kwargs) -> None:
    """A new session acts in the person's first organization from the start (see _membership)."""
    if request is None or not hasattr(request, "session") or SESSION_KEY in request.session:
        return
    membership = memberships_for_user(user=user).first()
    if membership is not None:
        request.session[SESSION_KEY] = membership.organization_id


class CurrentMembershipMiddleware:
    """Puts `request.membership` (the user's role in the organization they act in, read on every request) and
    `request.memberships` (all of them, for the organization switcher), both from one query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = SimpleLazyObject(lambda: _memberships(request))
        request.membership = SimpleLazyObject(lambda: _membership(request))
        return self.get_response(request)


class LanguageMiddleware:
    """Activates the interface language: the person's preference, else the browser's, else English.

    Django's LocaleMiddleware reads only the cookie and Accept-Language, and
    runs before authentication; this one runs after it, so a signed-in
    person's saved preference (`accounts.languages.language_for_user`) wins
    on every device.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
