from accounts.languages import datetime_display
from accounts.mail import email_queue_for
from accounts.selectors import organization_admins


def setting_changed_email(*, change, policy) -> None:
    """Tell every admin of the organization that a policy changed: who, when, from where (in each admin's language)."""
    from django.utils.translation import gettext

    def context() -> dict:
        return {
            "organization": change.organization.name,
            "setting": str(policy.label),
            "turned_on": bool(change.new_value),
            "meaning": str(policy.on_text if change.new_value else policy.off_text),
            "actor": change.actor.email,
            "when": datetime_display(change.created_at, time_zone=getattr(change.organization, "time_zone", None)),
            "ip": change.ip or gettext("unknown address"),
        }

    email_queue_for(
        recipients=organization_admins(organization_id=change.organization_id),
        template="security_setting_changed",
        context=context,
    )
