from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from .languages import language_for_request
from .selectors import membership_current

SESSION_KEY = "organization_id"


def _membership(request):
    if not request.user.is_authenticated:
        return None
    return membership_current(user=request.user, organization_id=request.session.get(SESSION_KEY))


class CurrentMembershipMiddleware:
    """Puts `request.membership`: the user's role in the organization they act in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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
