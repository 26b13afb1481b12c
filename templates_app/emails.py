from django.conf import settings
from django.urls import reverse

from accounts.mail import email_queue


def _context(template) -> dict:
    return {
        "name": template.name,
        "category": template.get_category_display(),
        "languages": ", ".join(template.language_names),
        "status": template.get_status_display(),
        "reason": template.status_reason,
        "path": settings.SITE_URL + reverse("template_detail", args=[template.pk]),
    }


def review_ended_email(*, template) -> None:
    """Tell the creator how the review ended (approved, rejected with reason, paused, disabled)."""
    email_queue(to=[template.created_by.email], template="template_review_ended", context=_context(template))


def submission_failed_email(*, template) -> None:
    email_queue(to=[template.created_by.email], template="template_submission_failed", context=_context(template))
