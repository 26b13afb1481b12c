from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, CharField, F, QuerySet, Value

from accounts.models import Organization
from otp.models import SecurityEvent
from otp.selectors import event_subject, security_events_about
from qontak_broadcast.prepared import PreparedRead

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


def security_settings_for_member(*, member) -> dict[str, bool]:
    """Every policy's state for the member's organization, as read with the membership at the start of the
    request (accounts.selectors.memberships_for_request): for pages that show it. Actions that depend on
    it read it again in their transaction."""
    row = getattr(member.organization, "security_settings", None)
    if row is None:
        return dict.fromkeys((p.field for p in POLICIES), False)
    return {p.field: getattr(row, p.field) for p in POLICIES}


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


AUDIT_COLUMNS = ["at", "who", "ip", "kind", "old", "new", "purpose", "outcome"]
AUDIT_PAGE = 20


# The otp purposes of every policy's two directions: what the trail lists of the code events.
AUDIT_PURPOSES = [p.purpose(value) for p in POLICIES for value in (True, False)]


def _audit_stream(*, organization_id: int, subject_type_id: int, subject_id: str) -> QuerySet:
    """Changes of every policy and the attempts to change them, newest first: rows of AUDIT_COLUMNS.

    The attempts are the organization's code events (SecurityEvent's subject: its content type and id as text).
    """
    changes = (
        ToggleChange.objects.filter(organization_id=organization_id)
        .annotate(
            at=F("created_at"),
            who=F("actor__email"),
            kind=Value("change", output_field=CharField()),
            old=F("old_value"),
            new=F("new_value"),
            purpose=F("setting"),
            outcome=Value("changed", output_field=CharField()),
        )
        .values_list(*AUDIT_COLUMNS)
    )
    attempts = (
        security_events_about(subject_type_id=subject_type_id, subject_id=subject_id, purposes=AUDIT_PURPOSES)
        .exclude(action=SecurityEvent.Action.VERIFY, outcome="verified")
        .annotate(
            at=F("created_at"),
            who=F("user__email"),
            kind=F("action"),
            old=Value(None, output_field=BooleanField()),
            new=Value(None, output_field=BooleanField()),
        )
        .values_list(*AUDIT_COLUMNS)
        .order_by()
    )
    return changes.order_by().union(attempts, all=True).order_by("-at")


def _audit_stream_of(organization: Organization) -> QuerySet:
    return _audit_stream(**_audit_values(organization))


def _audit_values(organization: Organization) -> dict:
    return {"organization_id": organization.pk, **event_subject(organization)}


# The Security page opens on the newest entries: one more than a page tells whether there are older ones.
_newest_audit_entries = PreparedRead(
    lambda **values: _audit_stream(**values)[: AUDIT_PAGE + 1],
    organization_id=-7_311_000_000_003,
    subject_type_id=-7_311_000_000_007,
    subject_id="-7311000000003",
)


def audit_trail_page(*, organization: Organization, page_number) -> Page:
    """Changes of every policy and the attempts to change them, newest first, one paginated stream."""
    columns = AUDIT_COLUMNS
    if str(page_number or "1") == "1":
        rows = _newest_audit_entries(**_audit_values(organization))
        # A page or less: the whole trail (no COUNT query); more: the pager needs the total.
        paginator = Paginator(rows if len(rows) <= AUDIT_PAGE else _audit_stream_of(organization), AUDIT_PAGE)
        page = paginator.page(1)
        page.object_list = rows[:AUDIT_PAGE]
    else:
        page = Paginator(_audit_stream_of(organization), AUDIT_PAGE).get_page(page_number)
    page.object_list = [dict(zip(columns, row, strict=True)) for row in page.object_list]
    for entry in page.object_list:
        policy = POLICY_BY_KEY.get(entry["purpose"])
        entry["setting"] = policy.label if policy else entry["purpose"]
        entry["turning_on"] = entry["purpose"].startswith("enable_")
    return page
