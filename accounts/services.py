"""Writes for accounts: organizations, memberships, channel accounts."""

from django.conf import settings
from django.db import transaction

from .models import (
    DEFAULT_TIME_ZONE,
    AuditEntry,
    ChannelAccount,
    ChannelAccountEvent,
    Membership,
    Organization,
    Provider,
    Role,
    User,
)


def user_get_or_create(*, email: str, full_name: str = "", password: str | None = None) -> tuple[User, bool]:
    """Find a user by email (any case) or create one; a new user without a password can't log in yet."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(email.strip(), password, full_name=full_name)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user, True


@transaction.atomic
def membership_set(*, user: User, organization: Organization, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(user=user, organization=organization, defaults={"role": role})
    return membership


def audit_record(
    *,
    organization: Organization,
    actor: User | None,
    action: str,
    target: str = "",
    summary: str = "",
    changes: dict | None = None,
    meta=None,
) -> AuditEntry:
    """Append one row to the organization's audit trail; `meta` is an otp.services.RequestMeta (address, agent).

    Called inside the transaction of the change it records, so a change and
    its audit row commit (or roll back) together.
    """
    return AuditEntry.objects.create(
        organization=organization,
        actor=actor,
        actor_email=actor.email if actor is not None else "",
        action=action,
        target=target[:254],
        summary=summary[:500],
        changes=changes or {},
        ip=getattr(meta, "ip", None),
        user_agent=getattr(meta, "user_agent", "")[:300],
    )


@transaction.atomic
def organization_create(
    *, name: str, admin_email: str, time_zone: str = DEFAULT_TIME_ZONE
) -> tuple[Organization, User, bool]:
    """Create a tenant with its first admin. Returns (organization, admin, admin_was_created)."""
    organization = Organization.objects.create(name=name.strip(), time_zone=time_zone)
    admin, created = user_get_or_create(email=admin_email)
    membership_set(user=admin, organization=organization, role=Role.ADMIN)
    return organization, admin, created


def channel_account_event_record(
    *, account: ChannelAccount, action: str, actor: User | None, details: str = "", meta=None
) -> ChannelAccountEvent:
    """One line of the account's audit trail (`meta`: who asked from where, an otp RequestMeta)."""
    return ChannelAccountEvent.objects.create(
        account=account,
        action=action,
        actor=actor,
        details=details[:500],
        ip=getattr(meta, "ip", None),
        user_agent=getattr(meta, "user_agent", "")[:300],
    )


DEMO_ORGANIZATION = "Demo"
DEMO_USERS = (
    ("admin@demo.test", "Dewi Admin", Role.ADMIN),
    ("agent@demo.test", "Agus Agent", Role.AGENT),
    ("reviewer@demo.test", "Rina Reviewer", Role.REVIEWER),
)


@transaction.atomic
def demo_seed() -> Organization:
    """The demo tenant. Idempotent: running it again changes nothing but resets demo passwords."""
    organization = Organization.objects.filter(name=DEMO_ORGANIZATION).order_by("id").first()
    if organization is None:
        organization = Organization.objects.create(name=DEMO_ORGANIZATION)
    for email, full_name, role in DEMO_USERS:
        user, _ = user_get_or_create(email=email, full_name=full_name)
        if not user.check_password(settings.DEMO_PASSWORD):
            user.set_password(settings.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        membership_set(user=user, organization=organization, role=role)
    ChannelAccount.objects.get_or_create(
        organization=organization,
        provider=Provider.REVIEW_DESK,
        defaults={"display_name": "Demo Store", "phone_number": "+62 811 0000 0001"},
    )
    return organization


class OperatorEnrollRefused(Exception):
    pass


@transaction.atomic
def operator_totp_enroll(*, email: str, replace: bool = False):
    """Give a staff user a new TOTP device for /admin/ and return it (its key is shown once, by the caller).

    A user who already has one keeps it unless `replace` is given: then the
    old devices stop working at once.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise OperatorEnrollRefused(f"No user with the email {email!r}.")
    if not user.is_staff:
        raise OperatorEnrollRefused(
            f"{user.email} is not staff: only staff sign in to /admin/ (set Staff status in the admin first)."
        )
    existing = TOTPDevice.objects.filter(user=user)
    if existing.exists():
        if not replace:
            raise OperatorEnrollRefused(
                f"{user.email} already has an authenticator app enrolled. Run again with --replace to replace it."
            )
        existing.delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def user_language_set(*, user: User, language: str) -> None:
    """Save the person's interface language ("" follows the browser); emails follow it too."""
    from .languages import PREFERENCE_FIELD

    User.objects.filter(pk=user.pk).update(**{PREFERENCE_FIELD: language})
    setattr(user, PREFERENCE_FIELD, language)
