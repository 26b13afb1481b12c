from django.conf import settings
from django.utils import timezone

from .languages import datetime_display
from .mail import email_queue


def email_changed_notice_email(*, old_email: str, new_email: str, language: str | None = None) -> None:
    """Tell the old address that an operator moved the account to a new email: a takeover can't go unseen."""
    email_queue(
        to=[old_email],
        template="email_changed_notice",
        context={
            "old_email": old_email,
            "new_email": new_email,
            "when": datetime_display(timezone.now()),
            "site_url": settings.SITE_URL,
        },
        language=language,
    )
