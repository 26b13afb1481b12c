from django.conf import settings


def membership(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "membership": request.membership,
        "memberships": request.memberships,
        "dev_mailbox": settings.DEBUG and settings.DEV_MAILBOX_ENABLED,
    }
