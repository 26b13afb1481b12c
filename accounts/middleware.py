from django.utils.functional import SimpleLazyObject

from .selectors import membership_current, memberships_for_request

SESSION_KEY = "organization_id"


def _memberships(request):
    if not request.user.is_authenticated:
        return []
    return memberships_for_request(user=request.user)


class CurrentMembershipMiddleware:
    """Puts `request.membership` (the user's role in the organization they act in) and `request.memberships`
    (all of them, for the organization switcher), both from one query, made only when a page asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = SimpleLazyObject(lambda: _memberships(request))
        request.membership = SimpleLazyObject(
            lambda: membership_current(
                memberships=request.memberships, organization_id=request.session.get(SESSION_KEY)
            )
        )
        return self.get_response(request)
