"""The only writes to security settings: each change audited and announced to the admins."""

from django.db import transaction
from django.utils.translation import gettext_lazy

from accounts.models import AuditEntry, Organization
from accounts.services import audit_record
from otp.services import RequestMeta
from qontak_broadcast.availability import require_task_queue

from .emails import setting_changed_email
from .models import SecuritySettings, ToggleChange
from .policies import BROADCAST_TEMPLATE_OTP, Policy


class ToggleUnchanged(Exception):
    """The setting already has the requested value (e.g. another admin changed it meanwhile)."""

    def __init__(self, value: bool, policy: Policy = BROADCAST_TEMPLATE_OTP):
        self.value = value
        state = "on" if value else "off"
        super().__init__(f"{policy.label} is already {state}; nothing was changed.")


@transaction.atomic
def security_setting_set(
    *, organization: Organization, policy: Policy, value: bool, actor, meta: RequestMeta | None = None
) -> ToggleChange:
    """Turn one policy on or off: the row locked, the change audited, every admin told."""
    require_task_queue(gettext_lazy("change this setting"))  # every admin must be told of the change
    SecuritySettings.objects.get_or_create(organization=organization)
    # Lock the row: two admins confirming at once change it once.
    row = SecuritySettings.objects.select_for_update().get(organization=organization)
    if getattr(row, policy.field) == value:
        raise ToggleUnchanged(value, policy)
    setattr(row, policy.field, value)
    row.save(update_fields=[policy.field, "updated_at"])
    meta = meta or RequestMeta()
    change = ToggleChange.objects.create(
        organization=organization,
        setting=policy.field,
        old_value=not value,
        new_value=value,
        actor=actor,
        ip=meta.ip,
        user_agent=meta.user_agent,
    )
    audit_record(
        organization=organization,
        actor=actor,
        action=AuditEntry.Action.SECURITY_SETTING_CHANGED,
        target=policy.label,
        summary=f"{policy.label}: turned {'on' if value else 'off'}",
        changes={policy.field: [not value, value]},
        meta=meta,
    )
    setting_changed_email(change=change, policy=policy)
    return change


def broadcast_template_otp_enable(
    *, organization: Organization, actor, meta: RequestMeta | None = None
) -> ToggleChange:
    return security_setting_set(
        organization=organization, policy=BROADCAST_TEMPLATE_OTP, value=True, actor=actor, meta=meta
    )


def broadcast_template_otp_disable(
    *, organization: Organization, actor, meta: RequestMeta | None = None
) -> ToggleChange:
    return security_setting_set(
        organization=organization, policy=BROADCAST_TEMPLATE_OTP, value=False, actor=actor, meta=meta
    )
