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


def approval_requested_email(*, template) -> None:
    """Tell the people who may decide (Reviewers and Admins who did not work on it) that a template waits."""
    from .selectors import template_deciders

    recipients = list(template_deciders(template=template).values_list("email", flat=True))
    if not recipients:
        return
    email_queue(
        to=recipients,
        template="template_approval_requested",
        context={
            **_context(template),
            "submitted_by": template.submitted_by.display_name if template.submitted_by else "",
            "awaiting": template.status == "awaiting",
        },
    )
