"""One function per email of the team flows (templates in templates/emails/team_*)."""

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.languages import datetime_display
from accounts.mail import email_queue, email_queue_for
from accounts.selectors import organization_admins


def _local(organization, moment) -> str:
    """In the organization's time zone, as the email's language writes dates."""
    return datetime_display(moment, time_zone=organization.time_zone)


def invitation_email(*, invitation, token: str) -> None:
    """The invitation with its link; the link travels sealed (it is a key to the organization)."""
    organization = invitation.organization
    email_queue(
        to=[invitation.email],
        template="team_invitation",
        context={
            "organization": organization.name,
            "role": str(invitation.get_role_display()),
            "inviter": invitation.invited_by.display_name,
            "inviter_email": invitation.invited_by.email,
            "expires": _local(organization, invitation.expires_at),
        },
        sealed_context={"accept_url": settings.SITE_URL + reverse("invitation_accept", args=[token])},
        expires=settings.INVITATION_LIFETIME,
    )


def admin_change_email(
    *, organization, what: Callable[[], str], actor, meta=None, also: list[str] | None = None
) -> None:
    """Tell every Admin (and the person concerned) that someone was made or unmade Admin.

    Each recipient reads it in their own language: `what` is worded anew for each.
    """
    from accounts.models import User

    admins = list(organization_admins(organization_id=organization.pk))
    others = User.objects.filter(email__in=also or []).exclude(pk__in=[a.pk for a in admins])
    strangers = sorted(set(also or []) - {u.email for u in admins} - {u.email for u in others})
    moment = timezone.now()

    def context() -> dict:
        return {
            "organization": organization.name,
            "what": what(),
            "actor": actor.email,
            "when": _local(organization, moment),
            "ip": getattr(meta, "ip", None) or gettext("unknown address"),
        }

    email_queue_for(recipients=[*admins, *others], template="team_admin_change", context=context)
    if strangers:  # an address without an account here any more: the acting person's language
        email_queue(to=strangers, template="team_admin_change", context=context())


def email_change_link_email(*, user, new_email: str, token: str) -> None:
    email_queue(
        to=[new_email],
        template="team_email_confirm",
        context={"old_email": user.email, "new_email": new_email},
        sealed_context={"confirm_url": settings.SITE_URL + reverse("profile_email_confirm", args=[token])},
        expires=settings.EMAIL_CHANGE_LINK_LIFETIME,
    )


def email_changed_email(*, old_email: str, new_email: str) -> None:
    """The old address is told, so a change nobody asked for does not go unnoticed."""
    email_queue(to=[old_email], template="team_email_changed", context={"old_email": old_email, "new_email": new_email})
