"""Reads for accounts. Views fetch tenant objects only through these."""

from functools import lru_cache

from django.db.models import Q, QuerySet, Value
from django.shortcuts import get_object_or_404

from qontak_broadcast.prepared import PreparedRead, loaded, loader

from .models import AuditEntry, ChannelAccount, Membership, Organization, User, person_name


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def user_for_request(*, user_id: int) -> User | None:
    """The signed-in person (what `User.objects.get(pk=user_id)` gives) with their memberships, in one query.

    Every request of a signed-in person reads both: the user for
    authentication (ModelBackend.get_user calls User.objects.get, which
    comes here), the memberships for the organization it acts in. One
    statement, compiled once per process, reads the user's row joined to
    each membership, its organization and their security policy; the
    memberships wait on the user for memberships_for_request, which takes
    them once.
    """
    rows = _user_and_memberships(user_id=user_id)
    if not rows:
        return None
    split = len(_USER_FIELDS)
    user = loaded(User, User.objects.db, _USER_FIELDS, rows[0][:split])
    user._memberships_read = [_membership(user, row[split:]) for row in rows if row[split] is not None]
    return user


def memberships_for_request(*, user: User) -> list[Membership]:
    """Every membership of the signed-in user, read once per request, by organization name.

    The organization's security policy comes along in the same query: the
    pages that show or apply it (Settings > Security, step 2 of the wizard)
    need no query of their own (security_settings.selectors.security_settings_for_member).

    The rows are the ones read with the user (user_for_request), taken once;
    a user read some other way has them read here. Either way they become
    the same objects `memberships_for_user(...).select_related("organization__security_settings")` gives.
    """
    read = getattr(user, "_memberships_read", None)  # request.user is a lazy object: through it, not its __dict__
    if read is not None:
        del user._memberships_read
        return read
    return [_membership(user, row) for row in _request_memberships(user_id=user.pk)]


def _membership(user: User, row: tuple) -> Membership:
    membership_fields, organization_fields, policy_fields = _request_membership_fields()
    policy_relation = Organization.security_settings.related
    database = Membership.objects.db
    split = len(membership_fields), len(membership_fields) + len(organization_fields)
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
    return membership


@lru_cache(maxsize=1)
def _request_membership_fields() -> tuple[list[str], list[str], list[str]]:
    """The attribute names of a membership's, its organization's and their security policy's columns."""
    policy_model = Organization.security_settings.related.related_model
    return tuple([f.attname for f in model._meta.concrete_fields] for model in (Membership, Organization, policy_model))


def _membership_columns(path: str = "") -> list[str]:
    membership_fields, organization_fields, policy_fields = _request_membership_fields()
    return [
        *(f"{path}{name}" for name in membership_fields),
        *(f"{path}organization__{name}" for name in organization_fields),
        *(f"{path}organization__security_settings__{name}" for name in policy_fields),
    ]


_request_memberships = PreparedRead(
    lambda user_id: (
        Membership.objects.filter(user_id=user_id)
        .order_by("organization__name", "id")
        .values_list(*_membership_columns())
    ),
    user_id=-7_311_000_000_023,
)
_USER_FIELDS = [f.attname for f in User._meta.concrete_fields]
_user_and_memberships = PreparedRead(
    lambda user_id: (
        User.objects.filter(pk=user_id)
        .order_by("memberships__organization__name", "memberships__id")
        .values_list(*_USER_FIELDS, *_membership_columns("memberships__"))
    ),
    user_id=-7_311_000_000_053,
)


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


# Step 1's account select, on every view of the wizard's first step: compiled once per process, and the
# accounts' credentials neither read nor decrypted (a Meta account's token and app secret are encrypted).
_LISTED_ACCOUNT_FIELDS = ["id", "organization_id", "display_name", "phone_number", "provider", "disconnected_at"]
_connected_accounts = PreparedRead(
    lambda organization_id: (
        ChannelAccount.objects.filter(organization_id=organization_id, disconnected_at__isnull=True)
        .order_by("display_name", "pk")
        .values_list(*_LISTED_ACCOUNT_FIELDS)
    ),
    organization_id=-7_311_000_000_013,
)


def connected_accounts_listed(*, member: Membership) -> list[ChannelAccount]:
    """The accounts new templates can go to (`channel_accounts_for_member(connected_only=True)`), by name, with
    what a choice of them shows; their other fields load when read."""
    load = loader(ChannelAccount, ChannelAccount.objects.db, _LISTED_ACCOUNT_FIELDS)
    return [load(row) for row in _connected_accounts(organization_id=member.organization_id)]


# The template list's filters read both on every view: one statement, compiled once per process
# (qontak_broadcast.prepared). Accounts come first (kind 0), by name; members (kind 1) by name, then email.
_ACCOUNT, _MEMBER = 0, 1
_filter_choices = PreparedRead(
    lambda organization_id: (
        ChannelAccount.objects.filter(organization_id=organization_id)
        .annotate(kind=Value(_ACCOUNT), email=Value(""))
        .values_list("kind", "pk", "display_name", "email")
        .union(
            Membership.objects.filter(organization_id=organization_id)
            .annotate(kind=Value(_MEMBER))
            .values_list("kind", "user_id", "user__full_name", "user__email"),
            all=True,
        )
        .order_by("kind", "display_name", "email")
    ),
    organization_id=-7_311_000_000_011,
)


def list_filter_choices(*, member: Membership) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """For the template list's filters, without building model objects: (id, name) of the organization's
    accounts by name, and (user id, display name) of its members by name then email."""
    accounts, members = [], []
    for kind, pk, name, email in _filter_choices(organization_id=member.organization_id):
        if kind == _ACCOUNT:
            accounts.append((pk, name))
        else:
            members.append((pk, person_name(name, email)))
    return accounts, members


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
