from django.utils.functional import SimpleLazyObject

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
