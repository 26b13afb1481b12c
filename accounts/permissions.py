"""The permission layer: views state the roles they need in the current organization."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import Role

EVERYONE = (Role.ADMIN, Role.AGENT, Role.REVIEWER)
AUTHORS = (Role.ADMIN, Role.AGENT)
REVIEWERS = (Role.ADMIN, Role.REVIEWER)
ADMINS = (Role.ADMIN,)


def role_required(*roles: str):
    """Let the view run only for a member of the current organization with one of `roles`.

    Anonymous users go to the login page; a user without the role (or
    without any organization) gets a 403 page.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = request.membership
            if not membership or membership.role not in roles:
                raise PermissionDenied(_("Your role in this organization does not allow this page."))
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = tuple(roles)
        return wrapped

    return decorator
