from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, CharField, F, Value

from accounts.models import Organization
from otp.models import SecurityEvent
from otp.selectors import security_events_for_subject

from .models import SecuritySettings, ToggleChange

# The otp purposes of the toggle's two directions.
PURPOSE_ENABLE = "enable_broadcast_template_otp"
PURPOSE_DISABLE = "disable_broadcast_template_otp"


def broadcast_template_otp_enabled(*, organization_id: int) -> bool:
    """Is "OTP Authentication on Broadcast Template" on for this organization? Off by default."""
    return SecuritySettings.objects.filter(organization_id=organization_id, broadcast_template_otp=True).exists()


def audit_trail_page(*, organization: Organization, page_number, per_page: int = 20) -> Page:
    """Changes and verification attempts of the toggle, newest first, one paginated stream."""
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
        security_events_for_subject(subject=organization, purposes=[PURPOSE_ENABLE, PURPOSE_DISABLE])
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
    return page
