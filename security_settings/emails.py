from django.utils import timezone

from accounts.mail import email_queue
from accounts.selectors import organization_admins


def toggle_changed_email(*, change) -> None:
    """Tell every admin of the organization that the toggle changed: who, when, from where."""
    admins = list(organization_admins(organization_id=change.organization_id).values_list("email", flat=True))
    when = timezone.localtime(change.created_at)
    email_queue(
        to=admins,
        template="broadcast_template_otp_changed",
        context={
            "organization": change.organization.name,
            "state": "on" if change.new_value else "off",
            "actor": change.actor.email,
            "when": when.strftime("%d %b %Y, %H:%M %Z"),
            "ip": change.ip or "unknown address",
        },
    )
