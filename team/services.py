"""Writes for running a team: invitations, roles, removal, profile, organization settings.

Flows (views in team/views/):
  "Invite member" -> (role Admin: the acting Admin's emailed code) ->
  invitation_send -> email with a signed single-use link (7 days) ->
  /invitations/<token>/ -> invitation_accept (a new account sets name and
  password; an existing one logs in and joins).
  Change role / Remove -> (an Admin made or unmade: the acting Admin's code)
  -> membership_role_change / membership_remove; every Admin is emailed.
Every write is atomic, appends to the organization's audit trail and queues
its emails after commit. The organization row is locked while the Admins
are counted, so two Admins demoting each other at once leave one Admin.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.models import AuditEntry, Membership, Organization, Role, User
from accounts.services import audit_record
from otp.services import RequestMeta, challenge_consume
from qontak_broadcast.availability import require_task_queue

from . import emails
from .models import Invitation
from .selectors import (
    EMAIL_CHANGE_SALT,
    INVITATION_SALT,
    InvitationProblem,
    email_change_for_token,
    invitation_for_token,
    invitation_limit_retry_after,
    memberships_of_user,
    user_by_email,
)

PURPOSE_ADMIN_CHANGE = "team_admin_change"


class TeamError(Exception):
    """A change that would break a rule of the team; the message is for the person who asked."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class LastAdmin(TeamError):
    pass


class CodeRequired(TeamError):
    pass


class InvitationRefused(TeamError):
    """Already a member, already invited, too many invitations: nothing was sent."""


class InvitationUnusable(TeamError):
    def __init__(self, problem: InvitationProblem):
        self.problem = problem
        super().__init__(problem.message)


class EmailChangeUnusable(TeamError):
    pass


def admin_change_needs_code(*, old_role: str | None, new_role: str | None) -> bool:
    """Making someone Admin or unmaking one needs the acting Admin's emailed code."""
    return old_role != new_role and Role.ADMIN in (old_role, new_role)


def _digest(*parts) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()


def invite_digest(*, email: str, role: str) -> str:
    return _digest("invite", email.strip().lower(), role)


def role_digest(*, membership: Membership, role: str) -> str:
    return _digest("role", membership.pk, membership.user_id, role)


def remove_digest(*, membership: Membership) -> str:
    return _digest("remove", membership.pk, membership.user_id)


def _require_code(*, actor: User, subject, digest: str) -> None:
    """Take the code the actor verified for exactly this change, in the change's transaction."""
    if not challenge_consume(user=actor, purpose=PURPOSE_ADMIN_CHANGE, subject=subject, digest=digest):
        raise CodeRequired(gettext("This change needs the code emailed to you. Start again to get a new code."))


def _lock(organization: Organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=organization.pk)


def _role_label(role: str) -> str:
    return Role(role).label


def _nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def _new_link(invitation_pk: int) -> tuple[str, str]:
    """A fresh (token, nonce hash): the token goes in the email, only the hash is stored."""
    nonce = secrets.token_urlsafe(24)
    return signing.dumps([invitation_pk, nonce], salt=INVITATION_SALT), _nonce_hash(nonce)


# --- invitations ---------------------------------------------------------------
def _check_can_invite(*, organization: Organization, email: str) -> None:
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise InvitationRefused(
            gettext("%(email)s is already a member of %(organization)s.")
            % {"email": email, "organization": organization.name}
        )
    retry_after = invitation_limit_retry_after(organization_id=organization.pk)
    if retry_after:
        minutes = max(1, round(retry_after / 60))
        raise InvitationRefused(
            ngettext(
                "%(organization)s sent %(count)s invitations in the last hour. Try again in about %(minutes)s minute.",
                "%(organization)s sent %(count)s invitations in the last hour. Try again in about %(minutes)s minutes.",
                minutes,
            )
            % {"organization": organization.name, "count": settings.INVITATIONS_PER_HOUR, "minutes": minutes}
        )


def invitation_check(*, organization: Organization, email: str) -> None:
    """Would an invitation to `email` be refused? Raises InvitationRefused with the reason (nothing sent)."""
    _check_can_invite(organization=organization, email=email)
    if Invitation.objects.filter(
        organization=organization,
        email__iexact=email,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).exists():
        raise InvitationRefused(
            gettext("%(email)s already has a pending invitation: resend it from the list below.") % {"email": email}
        )


@transaction.atomic
def invitation_send(
    *, organization: Organization, email: str, role: str, actor: User, meta: RequestMeta | None = None
) -> Invitation:
    """Invite `email` to join with `role`; an Admin invitation consumes the actor's verified code."""
    require_task_queue("send an invitation")
    organization = _lock(organization)
    email = User.objects.normalize_email(email.strip())
    invitation_check(organization=organization, email=email)
    if role == Role.ADMIN:
        _require_code(actor=actor, subject=organization, digest=invite_digest(email=email, role=role))
    now = timezone.now()
    # An expired invitation to the same address makes room for the new one.
    Invitation.objects.filter(organization=organization, email__iexact=email, accepted_at=None, revoked_at=None).update(
        revoked_at=now, revoked_by=actor
    )
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        role=role,
        invited_by=actor,
        nonce_hash="",
        created_at=now,
        sent_at=now,
        expires_at=now + timedelta(seconds=settings.INVITATION_LIFETIME),
    )
    token, invitation.nonce_hash = _new_link(invitation.pk)
    invitation.save(update_fields=["nonce_hash"])
    audit_record(
        organization=organization,
        actor=actor,
        action=AuditEntry.Action.INVITATION_SENT,
        target=email,
        summary=f"Invited {email} as {_role_label(role)}",
        changes={"role": role},
        meta=meta,
    )
    emails.invitation_email(invitation=invitation, token=token)
    if role == Role.ADMIN:
        emails.admin_change_email(
            organization=organization,
            what=lambda: (
                gettext("%(actor)s invited %(email)s to join as Admin.") % {"actor": actor.email, "email": email}
            ),
            actor=actor,
            meta=meta,
        )
    return invitation


def _open_invitation_locked(invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationRefused(gettext("%(email)s already accepted this invitation.") % {"email": invitation.email})
    if invitation.revoked_at is not None:
        raise InvitationRefused(
            gettext("The invitation to %(email)s was already revoked.") % {"email": invitation.email}
        )
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User, meta: RequestMeta | None = None) -> Invitation:
    """Send the invitation again with a new link (7 more days); the link of the earlier email stops working."""
    require_task_queue("send an invitation")
    _lock(invitation.organization)
    invitation = _open_invitation_locked(invitation)
    now = timezone.now()
    wait = int((invitation.sent_at + timedelta(seconds=settings.INVITATION_RESEND_COOLDOWN) - now).total_seconds())
    if wait > 0:
        raise InvitationRefused(
            gettext("The invitation to %(email)s was just sent. Resend it in %(seconds)s seconds.")
            % {"email": invitation.email, "seconds": wait + 1}
        )
    _check_can_invite(organization=invitation.organization, email=invitation.email)
    token, invitation.nonce_hash = _new_link(invitation.pk)
    invitation.sent_at = now
    invitation.send_count += 1
    invitation.expires_at = now + timedelta(seconds=settings.INVITATION_LIFETIME)
    invitation.save(update_fields=["nonce_hash", "sent_at", "send_count", "expires_at"])
    audit_record(
        organization=invitation.organization,
        actor=actor,
        action=AuditEntry.Action.INVITATION_RESENT,
        target=invitation.email,
        summary=f"Resent the invitation to {invitation.email} ({_role_label(invitation.role)})",
        meta=meta,
    )
    emails.invitation_email(invitation=invitation, token=token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User, meta: RequestMeta | None = None) -> Invitation:
    invitation = _open_invitation_locked(invitation)
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = actor
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        organization=invitation.organization,
        actor=actor,
        action=AuditEntry.Action.INVITATION_REVOKED,
        target=invitation.email,
        summary=f"Revoked the invitation to {invitation.email} ({_role_label(invitation.role)})",
        meta=meta,
    )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    full_name: str = "",
    password: str | None = None,
    meta: RequestMeta | None = None,
) -> Membership:
    """Join the organization through an invitation link.

    `user`: the logged-in account, whose email must be the invitation's.
    Without it, the invitation's address gets an account with `full_name`
    and `password` (or completes one that never had a password); an address
    that already has an account must log in instead.
    """
    lookup = invitation_for_token(token)
    if lookup.problem:
        raise InvitationUnusable(lookup.problem)
    invitation = Invitation.objects.select_for_update().select_related("organization").get(pk=lookup.invitation.pk)
    if invitation.accepted_at is not None:  # a second accept racing the first
        raise InvitationUnusable(InvitationProblem.USED)
    if user is None:
        user = user_by_email(email=invitation.email)
        if user is not None and user.has_usable_password():
            raise TeamError(gettext("%(email)s already has an account: log in to join.") % {"email": invitation.email})
        if user is None:
            user = User.objects.create_user(invitation.email, password, full_name=full_name.strip())
        else:
            user.full_name = full_name.strip()
            user.set_password(password)
            user.save(update_fields=["full_name", "password"])
    elif user.email.lower() != invitation.email.lower():
        raise TeamError(
            gettext("This invitation is for %(email)s. Log out, then open the link again.")
            % {"email": invitation.email}
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        organization=invitation.organization,
        actor=user,
        action=AuditEntry.Action.INVITATION_ACCEPTED,
        target=user.email,
        summary=f"{user.email} joined as {membership.get_role_display()}"
        + ("" if created else " (was already a member)"),
        changes={"role": membership.role},
        meta=meta,
    )
    if created and membership.role == Role.ADMIN:
        emails.admin_change_email(
            organization=invitation.organization,
            what=lambda: (
                gettext("%(email)s accepted the invitation of %(inviter)s and is now an Admin.")
                % {"email": user.email, "inviter": invitation.invited_by.email}
            ),
            actor=user,
            meta=meta,
        )
    return membership


# --- roles and removal ------------------------------------------------------------
def _membership_locked(membership: Membership) -> tuple[Organization, Membership]:
    organization = _lock(membership.organization)
    locked = Membership.objects.select_for_update().select_related("user").filter(pk=membership.pk).first()
    if locked is None:
        raise TeamError(
            gettext("%(email)s is no longer a member of %(organization)s.")
            % {"email": membership.user.email, "organization": organization.name}
        )
    return organization, locked


def _guard_last_admin(organization: Organization, membership: Membership, doing: str) -> None:
    if membership.role != Role.ADMIN:
        return
    if Membership.objects.filter(organization=organization, role=Role.ADMIN).count() <= 1:
        raise LastAdmin(
            (
                gettext(
                    "%(email)s is the last Admin of %(organization)s and cannot be demoted. "
                    "Make someone else Admin first."
                )
                if doing == "demoted"
                else gettext(
                    "%(email)s is the last Admin of %(organization)s and cannot be removed. "
                    "Make someone else Admin first."
                )
            )
            % {"email": membership.user.email, "organization": organization.name}
        )


@transaction.atomic
def membership_role_change(
    *, membership: Membership, role: str, actor: User, meta: RequestMeta | None = None
) -> Membership:
    """Give a member another role; it applies from their next request."""
    organization, membership = _membership_locked(membership)
    old = membership.role
    if old == role:
        raise TeamError(
            gettext("%(email)s is already %(role)s.") % {"email": membership.user.email, "role": _role_label(role)}
        )
    _guard_last_admin(organization, membership, "demoted")
    if admin_change_needs_code(old_role=old, new_role=role):
        _require_code(actor=actor, subject=membership, digest=role_digest(membership=membership, role=role))
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        organization=organization,
        actor=actor,
        action=AuditEntry.Action.ROLE_CHANGED,
        target=membership.user.email,
        summary=f"{membership.user.email}: {_role_label(old)} → {_role_label(role)}",
        changes={"role": [old, role]},
        meta=meta,
    )
    if admin_change_needs_code(old_role=old, new_role=role):

        def what():
            if role == Role.ADMIN:
                return gettext("%(actor)s made %(email)s an Admin.") % {
                    "actor": actor.email,
                    "email": membership.user.email,
                }
            return gettext("%(actor)s changed %(email)s from Admin to %(role)s.") % {
                "actor": actor.email,
                "email": membership.user.email,
                "role": _role_label(role),
            }

        emails.admin_change_email(
            organization=organization, what=what, actor=actor, meta=meta, also=[membership.user.email]
        )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User, meta: RequestMeta | None = None) -> None:
    """End a membership (or leave, when the actor is the member); their sessions there end at once."""
    organization, membership = _membership_locked(membership)
    leaving = membership.user_id == actor.pk
    _guard_last_admin(organization, membership, "leave" if leaving else "removed")
    was_admin = membership.role == Role.ADMIN
    if was_admin:
        _require_code(actor=actor, subject=membership, digest=remove_digest(membership=membership))
    member_email, role = membership.user.email, membership.role
    membership.delete()
    audit_record(
        organization=organization,
        actor=actor,
        action=AuditEntry.Action.MEMBER_LEFT if leaving else AuditEntry.Action.MEMBER_REMOVED,
        target=member_email,
        summary=f"{member_email} ({_role_label(role)}) {'left' if leaving else 'was removed'}",
        changes={"role": [role, None]},
        meta=meta,
    )
    if was_admin:

        def what():
            if leaving:
                return gettext("%(email)s left.") % {"email": member_email}
            return gettext("%(actor)s removed the Admin %(email)s.") % {"actor": actor.email, "email": member_email}

        emails.admin_change_email(organization=organization, what=what, actor=actor, meta=meta, also=[member_email])


# --- profile ---------------------------------------------------------------------
def _audit_everywhere(*, user: User, action: str, summary: str, changes: dict, meta) -> None:
    """A person's profile change goes to the trail of every organization they belong to."""
    for membership in memberships_of_user(user=user):
        audit_record(
            organization=membership.organization,
            actor=user,
            action=action,
            target=user.email,
            summary=summary,
            changes=changes,
            meta=meta,
        )


@transaction.atomic
def profile_update(*, user: User, full_name: str, language: str, meta: RequestMeta | None = None) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    changes = {}
    if user.full_name != full_name.strip():
        changes["name"] = [user.full_name, full_name.strip()]
        user.full_name = full_name.strip()
    if user.language != language:
        changes["language"] = [user.language, language]
        user.language = language
    if changes:
        user.save(update_fields=["full_name", "language"])
        _audit_everywhere(
            user=user,
            action=AuditEntry.Action.PROFILE_CHANGED,
            summary="Changed " + " and ".join(changes),
            changes=changes,
            meta=meta,
        )
    return user


@transaction.atomic
def password_change(*, user: User, password: str, meta: RequestMeta | None = None) -> User:
    """Set a new password; the person's other sessions end (Django checks the password hash per session)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    _audit_everywhere(
        user=user, action=AuditEntry.Action.PASSWORD_CHANGED, summary="Changed password", changes={}, meta=meta
    )
    return user


def email_change_request(*, user: User, new_email: str) -> None:
    """Send a confirmation link to the new address; nothing changes until it is opened and confirmed."""
    require_task_queue("send the confirmation link")
    new_email = User.objects.normalize_email(new_email.strip())
    token = signing.dumps({"user": user.pk, "from": user.email, "to": new_email}, salt=EMAIL_CHANGE_SALT)
    with transaction.atomic():
        emails.email_change_link_email(user=user, new_email=new_email, token=token)


@transaction.atomic
def email_change_confirm(*, token: str, meta: RequestMeta | None = None) -> User:
    """Apply a confirmed email change (single use: the link names the address it changes from)."""
    lookup = email_change_for_token(token)
    if lookup.problem:
        raise EmailChangeUnusable(lookup.problem)
    user = User.objects.select_for_update().get(pk=lookup.user.pk)
    if user.email != lookup.user.email:  # a second confirmation racing the first
        raise EmailChangeUnusable(gettext("This confirmation link was already used, or a newer change was made since."))
    old_email, new_email = user.email, lookup.new_email
    user.email = new_email
    user.save(update_fields=["email"])
    _audit_everywhere(
        user=user,
        action=AuditEntry.Action.EMAIL_CHANGED,
        summary=f"{old_email} → {new_email}",
        changes={"email": [old_email, new_email]},
        meta=meta,
    )
    emails.email_changed_email(old_email=old_email, new_email=new_email)
    return user


# --- organization --------------------------------------------------------------
@transaction.atomic
def organization_update(
    *, organization: Organization, name: str, time_zone: str, actor: User, meta: RequestMeta | None = None
) -> Organization:
    organization = _lock(organization)
    changes = {}
    if organization.name != name.strip():
        changes["name"] = [organization.name, name.strip()]
    if organization.time_zone != time_zone:
        changes["time_zone"] = [organization.time_zone, time_zone]
    if not changes:
        return organization
    organization.name, organization.time_zone = name.strip(), time_zone
    organization.save(update_fields=["name", "time_zone"])
    audit_record(
        organization=organization,
        actor=actor,
        action=AuditEntry.Action.ORGANIZATION_CHANGED,
        target=organization.name,
        summary="; ".join(f"{field.replace('_', ' ')}: {old} → {new}" for field, (old, new) in changes.items()),
        changes=changes,
        meta=meta,
    )
    return organization
