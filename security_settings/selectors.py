from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, CharField, F, Value

from accounts.models import Organization
from otp.models import SecurityEvent
from otp.selectors import security_events_for_subject

from .models import SecuritySettings, ToggleChange
from .policies import BLOCK_FLAGGED_CONTENT, BROADCAST_TEMPLATE_OTP, POLICIES, POLICY_BY_KEY, SECOND_PERSON_APPROVAL

# The otp purposes of the OTP toggle's two directions.
PURPOSE_ENABLE = BROADCAST_TEMPLATE_OTP.purpose(True)
PURPOSE_DISABLE = BROADCAST_TEMPLATE_OTP.purpose(False)


def security_settings_get(*, organization_id: int) -> dict[str, bool]:
    """Every policy's state for the organization (all off until an admin turns one on)."""
    fields = [p.field for p in POLICIES]
    row = SecuritySettings.objects.filter(organization_id=organization_id).values(*fields).first()
    return row or dict.fromkeys(fields, False)


def broadcast_template_otp_enabled(*, organization_id: int) -> bool:
    """Is "OTP Authentication on Broadcast Template" on for this organization? Off by default."""
    return SecuritySettings.objects.filter(organization_id=organization_id, broadcast_template_otp=True).exists()


def second_person_approval_enabled(*, organization_id: int) -> bool:
    """Is "Second-person approval on Broadcast Template" on for this organization? Off by default."""
    return SecuritySettings.objects.filter(
        organization_id=organization_id, **{SECOND_PERSON_APPROVAL.field: True}
    ).exists()


def flagged_content_blocked(*, organization_id: int) -> bool:
    """Does the organization refuse to submit what the content screen flags? Off by default (warn only)."""
    return SecuritySettings.objects.filter(
        organization_id=organization_id, **{BLOCK_FLAGGED_CONTENT.field: True}
    ).exists()


def audit_trail_page(*, organization: Organization, page_number, per_page: int = 20) -> Page:
    """Changes of every policy and the attempts to change them, newest first, one paginated stream."""
    columns = ["at", "who", "ip", "kind", "old", "new", "purpose", "outcome"]
    changes = (
        ToggleChange.objects.filter(organization=organization)
        .annotate(
            at=F("created_at"),
            who=F("actor__email"),
            kind=Value("change", output_field=CharField()),
            old=F("old_value"),
            new=F("new_value"),
            purpose=F("setting"),
            outcome=Value("changed", output_field=CharField()),
        )
        .values_list(*columns)
    )
    attempts = (
        security_events_for_subject(
            subject=organization, purposes=[p.purpose(value) for p in POLICIES for value in (True, False)]
        )
        .exclude(action=SecurityEvent.Action.VERIFY, outcome="verified")
        .annotate(
            at=F("created_at"),
            who=F("user__email"),
            kind=F("action"),
            old=Value(None, output_field=BooleanField()),
            new=Value(None, output_field=BooleanField()),
        )
        .values_list(*columns)
        .order_by()
    )
    stream = changes.order_by().union(attempts, all=True).order_by("-at")
    page = Paginator(stream, per_page).get_page(page_number)
    page.object_list = [dict(zip(columns, row, strict=True)) for row in page.object_list]
    for entry in page.object_list:
        policy = POLICY_BY_KEY.get(entry["purpose"])
        entry["setting"] = policy.label if policy else entry["purpose"]
        entry["turning_on"] = entry["purpose"].startswith("enable_")
    return page
