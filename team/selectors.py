"""Reads for running a team. Views fetch members and invitations only through these (404 across organizations)."""

import enum
import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import AuditEntry, Membership, User

from .models import Invitation

INVITATION_SALT = "team.invitation"
EMAIL_CHANGE_SALT = "team.email_change"


def members_of(*, member: Membership) -> QuerySet[Membership]:
    """Everyone in the member's organization, Admins first."""
    return (
        Membership.objects.filter(organization_id=member.organization_id)
        .select_related("user")
        .order_by("role", "user__email")
    )


def admin_count(*, organization_id: int) -> int:
    return Membership.objects.filter(organization_id=organization_id, role="admin").count()


def membership_get_for_member(*, member: Membership, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organization"),
        pk=membership_id,
        organization_id=member.organization_id,
    )


def memberships_of_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def user_by_email(*, email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def invitations_open(*, member: Membership) -> QuerySet[Invitation]:
    """Invitations not yet accepted or revoked (expired ones included, marked so)."""
    return (
        Invitation.objects.filter(organization_id=member.organization_id, accepted_at=None, revoked_at=None)
        .select_related("invited_by")
        .order_by("-sent_at")
    )


def invitation_get_for_member(*, member: Membership, invitation_id: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("organization"), pk=invitation_id, organization_id=member.organization_id
    )


def invitation_limit_retry_after(*, organization_id: int) -> int:
    """Seconds until the organization may send another invitation (0: now)."""
    now = timezone.now()
    limit, window = settings.INVITATIONS_PER_HOUR, timedelta(hours=1)
    recent = list(
        AuditEntry.objects.filter(
            organization_id=organization_id,
            action__in=[AuditEntry.Action.INVITATION_SENT, AuditEntry.Action.INVITATION_RESENT],
            created_at__gt=now - window,
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return 0
    return max(1, int((recent[-1] + window - now).total_seconds()) + 1)


class InvitationProblem(enum.StrEnum):
    INVALID = "invalid"
    USED = "used"
    REVOKED = "revoked"
    EXPIRED = "expired"
    REPLACED = "replaced"

    @property
    def message(self) -> str:
        return {
            "invalid": "This invitation link is not valid. Check that you copied the whole link from the email.",
            "used": "This invitation was already used. If you accepted it, log in to get to work.",
            "revoked": "This invitation was revoked by an Admin. Ask them to invite you again.",
            "expired": "This invitation has expired (links work for 7 days). Ask an Admin to send a new one.",
            "replaced": "A newer invitation was sent to this address: use the link in the most recent email.",
        }[self.value]


@dataclass(frozen=True)
class InvitationLookup:
    invitation: Invitation | None
    problem: InvitationProblem | None = None


def invitation_for_token(token: str) -> InvitationLookup:
    """The invitation an emailed link names, or why the link no longer works."""
    try:
        invitation_id, nonce = signing.loads(token, salt=INVITATION_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return InvitationLookup(None, InvitationProblem.INVALID)
    invitation = (
        Invitation.objects.select_related("organization", "invited_by").filter(pk=invitation_id).first()
        if isinstance(invitation_id, int)
        else None
    )
    if invitation is None:
        return InvitationLookup(None, InvitationProblem.INVALID)
    problem = {
        Invitation.Status.ACCEPTED: InvitationProblem.USED,
        Invitation.Status.REVOKED: InvitationProblem.REVOKED,
        Invitation.Status.EXPIRED: InvitationProblem.EXPIRED,
    }.get(invitation.status)
    if problem is None and not hmac.compare_digest(
        invitation.nonce_hash, hashlib.sha256(str(nonce).encode()).hexdigest()
    ):
        problem = InvitationProblem.REPLACED
    return InvitationLookup(invitation, problem)


@dataclass(frozen=True)
class EmailChangeLookup:
    user: User | None
    new_email: str = ""
    problem: str = ""
    gone: bool = False  # the link was real but can no longer be used (410), rather than never valid (404)


def email_change_for_token(token: str) -> EmailChangeLookup:
    """The account and new address a confirmation link names, or why it no longer works."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=settings.EMAIL_CHANGE_LINK_LIFETIME)
    except signing.SignatureExpired:
        return EmailChangeLookup(
            None, problem="This confirmation link has expired. Ask for the change again from your profile.", gone=True
        )
    except (signing.BadSignature, TypeError, ValueError):
        return EmailChangeLookup(
            None, problem="This confirmation link is not valid. Check that you copied the whole link."
        )
    if not isinstance(data, dict):
        return EmailChangeLookup(None, problem="This confirmation link is not valid.")
    user = User.objects.filter(pk=data.get("user")).first()
    if user is None or user.email.lower() != str(data.get("from", "")).lower():
        return EmailChangeLookup(
            None, problem="This confirmation link was already used, or a newer change was made since.", gone=True
        )
    new_email = str(data.get("to", ""))
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        return EmailChangeLookup(
            None, problem=f"{new_email} now belongs to another account: the change can't be made.", gone=True
        )
    return EmailChangeLookup(user, new_email)
