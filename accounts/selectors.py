"""Reads for accounts. Views fetch tenant objects only through these."""

from functools import lru_cache

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from qontak_broadcast.prepared import PreparedRead, loaded

from .models import AuditEntry, ChannelAccount, Membership, Organization, User


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def memberships_for_request(*, user: User) -> list[Membership]:
    """Every membership of the signed-in user, read once per request (one query).

    The organization's security policy comes along in the same query: the
    pages that show or apply it (Settings > Security, step 2 of the wizard)
    need no query of their own (security_settings.selectors.security_settings_for_member).

    Every request of a signed-in person runs this, so the statement is
    compiled once per process (a PreparedRead) and its rows become the same
    objects `memberships_for_user(...).select_related("organization__security_settings")` gives.
    """
    membership_fields, organization_fields, policy_fields = _request_membership_fields()
    policy_relation = Organization.security_settings.related
    database = Membership.objects.db
    split = len(membership_fields), len(membership_fields) + len(organization_fields)
    memberships = []
    for row in _request_memberships(user_id=user.pk):
        membership = loaded(Membership, database, membership_fields, row[: split[0]])
        organization = loaded(Organization, database, organization_fields, row[split[0] : split[1]])
        membership.organization = organization
        membership.user = user
        policy = None
        if row[split[1]] is not None:
            policy = loaded(policy_relation.related_model, database, policy_fields, row[split[1] :])
            policy.organization = organization
        # As select_related leaves it: the policy row, or None known (no query to find it missing).
        policy_relation.set_cached_value(organization, policy)
        memberships.append(membership)
    return memberships


@lru_cache(maxsize=1)
def _request_membership_fields() -> tuple[list[str], list[str], list[str]]:
    """The attribute names of a membership's, its organization's and their security policy's columns."""
    policy_model = Organization.security_settings.related.related_model
    return tuple([f.attname for f in model._meta.concrete_fields] for model in (Membership, Organization, policy_model))


def _membership_rows(user_id):
    membership_fields, organization_fields, policy_fields = _request_membership_fields()
    return (
        Membership.objects.filter(user_id=user_id)
        .order_by("organization__name", "id")
        .values_list(
            *membership_fields,
            *(f"organization__{name}" for name in organization_fields),
            *(f"organization__security_settings__{name}" for name in policy_fields),
        )
    )


_request_memberships = PreparedRead(_membership_rows, user_id=-7_311_000_000_023)


def membership_current(*, memberships: list[Membership], organization_id: int | None) -> Membership | None:
    """The membership the user acts in: the chosen organization, else their first."""
    for membership in memberships:
        if membership.organization_id == organization_id:
            return membership
    return memberships[0] if memberships else None


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


# The template list's filters read these on every view: compiled once per process (qontak_broadcast.prepared).
_account_choices = PreparedRead(
    lambda organization_id: (
        ChannelAccount.objects.filter(organization_id=organization_id)
        .order_by("display_name")
        .values_list("pk", "display_name")
    ),
    organization_id=-7_311_000_000_011,
)
_member_choices = PreparedRead(
    lambda organization_id: (
        Membership.objects.filter(organization_id=organization_id)
        .order_by("user__full_name", "user__email")
        .values_list("user_id", "user__full_name", "user__email")
    ),
    organization_id=-7_311_000_000_013,
)


def channel_account_choices(*, member: Membership) -> list[tuple[int, str]]:
    """(id, name) of the organization's accounts, by name: for filters (no model objects built)."""
    return _account_choices(organization_id=member.organization_id)


def member_choices(*, member: Membership) -> list[tuple[int, str]]:
    """(user id, display name) of the organization's members, by name then email: for filters."""
    rows = _member_choices(organization_id=member.organization_id)
    return [(pk, User(full_name=full_name, email=email).display_name) for pk, full_name, email in rows]


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
