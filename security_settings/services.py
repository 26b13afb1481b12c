"""The only writes to security settings: each change audited and announced to the admins."""

from django.db import transaction

from accounts.models import Organization
from otp.services import RequestMeta
from qontak_broadcast.availability import require_task_queue

from .emails import toggle_changed_email
from .models import SecuritySettings, ToggleChange

BROADCAST_TEMPLATE_OTP = "broadcast_template_otp"


class ToggleUnchanged(Exception):
    """The setting already has the requested value (e.g. another admin changed it meanwhile)."""

    def __init__(self, value: bool):
        self.value = value
        state = "on" if value else "off"
        super().__init__(f"OTP Authentication on Broadcast Template is already {state}; nothing was changed.")


def _broadcast_template_otp_set(
    *, organization: Organization, actor, value: bool, meta: RequestMeta | None
) -> ToggleChange:
    require_task_queue("change this setting")  # every admin must be told of the change
    SecuritySettings.objects.get_or_create(organization=organization)
    # Lock the row: two admins confirming at once change it once.
    row = SecuritySettings.objects.select_for_update().get(organization=organization)
    if row.broadcast_template_otp == value:
        raise ToggleUnchanged(value)
    row.broadcast_template_otp = value
    row.save(update_fields=["broadcast_template_otp", "updated_at"])
    meta = meta or RequestMeta()
    change = ToggleChange.objects.create(
        organization=organization,
        setting=BROADCAST_TEMPLATE_OTP,
        old_value=not value,
        new_value=value,
        actor=actor,
        ip=meta.ip,
        user_agent=meta.user_agent,
    )
    toggle_changed_email(change=change)
    return change


@transaction.atomic
def broadcast_template_otp_enable(
    *, organization: Organization, actor, meta: RequestMeta | None = None
) -> ToggleChange:
    return _broadcast_template_otp_set(organization=organization, actor=actor, value=True, meta=meta)


@transaction.atomic
def broadcast_template_otp_disable(
    *, organization: Organization, actor, meta: RequestMeta | None = None
) -> ToggleChange:
    return _broadcast_template_otp_set(organization=organization, actor=actor, value=False, meta=meta)
