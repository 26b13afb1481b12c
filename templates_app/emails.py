from django.conf import settings
from django.urls import reverse

from accounts.mail import email_queue_for

from .reasons import reason_display


def _context(template) -> dict:
    """Built under the recipient's language (email_queue_for): names of category, status and reason in it."""
    return {
        "name": template.name,
        "category": str(template.get_category_display()),
        "languages": ", ".join(template.language_names),
        "status": str(template.get_status_display()),
        "status_code": template.status,
        "reason": reason_display(template.status_reason),
        "path": settings.SITE_URL + reverse("template_detail", args=[template.pk]),
    }


def review_ended_email(*, template) -> None:
    """Tell the creator how the review ended (approved, rejected with reason, paused, disabled)."""
    email_queue_for(
        recipients=[template.created_by], template="template_review_ended", context=lambda: _context(template)
    )


def submission_failed_email(*, template) -> None:
    email_queue_for(
        recipients=[template.created_by], template="template_submission_failed", context=lambda: _context(template)
    )


def approval_requested_email(*, template) -> None:
    """Tell the people who may decide (Reviewers and Admins who did not work on it) that a template waits."""
    from .selectors import template_deciders

    email_queue_for(
        recipients=template_deciders(template=template),
        template="template_approval_requested",
        context=lambda: {
            **_context(template),
            "submitted_by": template.submitted_by.display_name if template.submitted_by else "",
            "awaiting": template.status == "awaiting",
        },
    )
