from django.conf import settings

from .selectors import memberships_for_user


def membership(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "membership": request.membership,
        "memberships": memberships_for_user(user=user),
        "dev_mailbox": settings.DEBUG and settings.DEV_MAILBOX_ENABLED,
    }
