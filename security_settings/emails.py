from django.utils import timezone

from accounts.mail import email_queue
from accounts.selectors import organization_admins


def setting_changed_email(*, change, policy) -> None:
    """Tell every admin of the organization that a policy changed: who, when, from where."""
    admins = list(organization_admins(organization_id=change.organization_id).values_list("email", flat=True))
    when = timezone.localtime(change.created_at)
    email_queue(
        to=admins,
        template="security_setting_changed",
        context={
            "organization": change.organization.name,
            "setting": policy.label,
            "state": "on" if change.new_value else "off",
            "meaning": policy.on_text if change.new_value else policy.off_text,
            "actor": change.actor.email,
            "when": when.strftime("%d %b %Y, %H:%M %Z"),
            "ip": change.ip or "unknown address",
        },
    )
