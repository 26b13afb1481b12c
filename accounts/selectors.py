"""Reads for accounts. Views fetch tenant objects only through these."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import AuditEntry, ChannelAccount, Membership, User


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def membership_current(*, user: User, organization_id: int | None) -> Membership | None:
    """The membership the user acts in: the chosen organization, else their first."""
    memberships = memberships_for_user(user=user)
    if organization_id is not None:
        chosen = memberships.filter(organization_id=organization_id).first()
        if chosen is not None:
            return chosen
    return memberships.first()


def organization_admins(*, organization_id: int) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, memberships__organization_id=organization_id, memberships__role="admin"
    ).order_by("email")


def channel_accounts_for_member(*, member: Membership, connected_only: bool = False) -> QuerySet[ChannelAccount]:
    """The organization's accounts; `connected_only`: those new templates can go to (not disconnected)."""
    accounts = ChannelAccount.objects.filter(organization_id=member.organization_id)
    if connected_only:
        accounts = accounts.filter(disconnected_at__isnull=True)
    return accounts.order_by("display_name")


def channel_account_get_for_member(*, member: Membership, account_id: int) -> ChannelAccount:
    """The member's organization's account, or 404 (never 403: no leaking of existence)."""
    return get_object_or_404(ChannelAccount, pk=account_id, organization_id=member.organization_id)


def webhook_secrets_for(*, waba_ids: set[str], default: str) -> set[str]:
    """The app secrets that may sign a webhook naming these WhatsApp Business Accounts.

    Each connected `meta` account with that ID signs with its own app secret, else the default
    (the META_APP_SECRET setting). An ID no account has: the default only.
    """
    secrets: set[str] = set()
    found: set[str] = set()
    for account in ChannelAccount.objects.filter(provider="meta", waba_id__in=waba_ids):
        found.add(account.waba_id)
        secret = account.meta_app_secret or default
        if secret:
            secrets.add(secret)
    if (waba_ids - found or not waba_ids) and default:
        secrets.add(default)
    return secrets


def audit_entries(
    *, organization_id: int, action: str = "", who: str = "", since=None, until=None
) -> QuerySet[AuditEntry]:
    """The organization's audit trail, newest first, filtered by action, actor or target, and time (aware datetimes)."""
    entries = AuditEntry.objects.filter(organization_id=organization_id)
    if action:
        entries = entries.filter(action=action)
    if who:
        entries = entries.filter(Q(actor_email__icontains=who) | Q(target__icontains=who))
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    if until is not None:
        entries = entries.filter(created_at__lt=until)
    return entries.order_by("-created_at", "-id")
