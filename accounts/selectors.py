"""Reads for accounts. Views fetch tenant objects only through these."""

from functools import lru_cache

from django.db import connections
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from qontak_broadcast.prepared import PreparedRead

from .models import AuditEntry, ChannelAccount, Membership, Organization, User


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def memberships_for_request(*, user: User) -> list[Membership]:
    """Every membership of the signed-in user, read once per request (one query).

    The organization's security policy comes along in the same query: the
    pages that show or apply it (Settings > Security, step 2 of the wizard)
    need no query of their own (security_settings.selectors.security_settings_for_member).

    Every request of a signed-in person runs this, so it skips the ORM's
    query building (two thirds of its cost): the statement is built once per
    process from the models' fields and its rows become the same objects
    `memberships_for_user(...).select_related("organization__security_settings")`
    gives.
    """
    database = Membership.objects.db
    connection = connections[database]
    statement, (membership_fields, organization_fields, settings_fields), converters = _request_memberships_statement(
        connection.vendor
    )
    policy_relation = Organization.security_settings.related
    with connection.cursor() as cursor:
        cursor.execute(statement, [user.pk])
        rows = cursor.fetchall()
    if converters:  # what the ORM would turn the database's values into (none on PostgreSQL)
        rows = [_converted(row, converters, connection) for row in rows]
    memberships = []
    split = len(membership_fields), len(membership_fields) + len(organization_fields)
    for row in rows:
        membership = Membership.from_db(database, membership_fields, row[: split[0]])
        organization = Organization.from_db(database, organization_fields, row[split[0] : split[1]])
        membership.organization = organization
        membership.user = user
        policy = None
        if row[split[1]] is not None:
            policy = policy_relation.related_model.from_db(database, settings_fields, row[split[1] :])
            policy.organization = organization
        # As select_related leaves it: the policy row, or None known (no query to find it missing).
        policy_relation.set_cached_value(organization, policy)
        memberships.append(membership)
    return memberships


@lru_cache(maxsize=4)
def _request_memberships_statement(vendor: str) -> tuple[str, list[list[str]], dict[int, list]]:
    """The SELECT of memberships_for_request, the attribute names of each model's columns in order, and the
    ORM's converters of the columns that have any on this database."""
    connection = connections[Membership.objects.db]
    settings_model = Organization.security_settings.related.related_model
    tables = [(Membership, "m"), (Organization, "o"), (settings_model, "s")]
    columns, names, converters = [], [], {}
    for model, alias in tables:
        fields = model._meta.concrete_fields
        names.append([f.attname for f in fields])
        for field in fields:
            column = field.get_col(alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                converters[len(columns)] = [(converter, column) for converter in found]
            columns.append(f'{alias}."{field.column}"')
    # Table and column names come from the models, the user's id is a parameter.
    statement = (
        f"SELECT {', '.join(columns)} "  # noqa: S608
        f'FROM "{Membership._meta.db_table}" m '
        f'JOIN "{Organization._meta.db_table}" o ON o."id" = m."organization_id" '
        f'LEFT JOIN "{settings_model._meta.db_table}" s ON s."organization_id" = o."id" '
        'WHERE m."user_id" = %s ORDER BY o."name", m."id"'
    )
    return statement, names, converters


def _converted(row: tuple, converters: dict[int, list], connection) -> tuple:
    values = list(row)
    for i, found in converters.items():
        for converter, column in found:
            values[i] = converter(values[i], column, connection)
    return tuple(values)


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
