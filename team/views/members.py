"""Settings > Members: the team, its invitations and roles (Admins).

Making or unmaking an Admin (a role change, a removal, an Admin invitation)
walks the emailed-code step: the POST that asks for the change sends the
acting Admin a code bound to exactly that change (otp.dialog.CodeStep) ->
verify -> the service consumes the verified code in its transaction ->
every Admin is emailed. Everything else applies at once.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import Role
from accounts.permissions import ADMINS, role_required
from otp.dialog import CodeStep, DialogUrls, dialog_closed
from otp.services import RequestMeta
from qontak_broadcast.dialogs import render_dialog

from ..forms import InviteForm, RoleForm
from ..selectors import admin_count, invitation_get_for_member, invitations_open, members_of, membership_get_for_member
from ..services import (
    PURPOSE_ADMIN_CHANGE,
    InvitationRefused,
    TeamError,
    admin_change_needs_code,
    invitation_check,
    invitation_resend,
    invitation_revoke,
    invitation_send,
    invite_digest,
    membership_remove,
    membership_role_change,
    remove_digest,
    role_digest,
)


def _members_url() -> str:
    return reverse("members")


def _back(request):
    """Back to the members page (its messages shown there), from a plain form or from an htmx dialog."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(_members_url())
    return redirect("members")


def _message(request, title: str, text: str, *, tone: str = "ok", status: int = 200):
    return render_dialog(
        request,
        "team/dialog_message.html",
        {"title": title, "text": text, "tone": tone, "done_url": _members_url()},
        status=status,
    )


def _refused(request, exc: TeamError):
    return _message(request, gettext("Nothing was changed"), exc.message, tone="warn", status=409)


@role_required(*ADMINS)
def members_page(request):
    member = request.membership
    members = list(members_of(member=member))
    return render(
        request,
        "team/members.html",
        {
            "members": members,
            "admin_count": sum(1 for m in members if m.role == Role.ADMIN),
            "invitations": invitations_open(member=member),
            "roles": Role.choices,
        },
    )


def _last_admin(request, membership) -> bool:
    """Refuse before sending a code for a change the last-Admin rule would refuse anyway."""
    if admin_count(organization_id=membership.organization_id) > 1:
        return False
    messages.error(
        request,
        gettext("%(email)s is the last Admin of %(organization)s: make someone else Admin first.")
        % {"email": membership.user.email, "organization": membership.organization.name},
    )
    return True


# --- Invite member ------------------------------------------------------------
def _invite_step(request, email: str, role: str) -> CodeStep:
    organization = request.membership.organization
    return CodeStep(
        flow="team:invite",
        purpose=PURPOSE_ADMIN_CHANGE,
        subject=organization,
        digest=invite_digest(email=email, role=role),
        urls=DialogUrls(
            verify=reverse("member_invite_verify"),
            resend=reverse("member_invite_resend"),
            cancel=reverse("member_invite_cancel"),
        ),
        action=gettext("invite %(email)s to %(organization)s as Admin")
        % {"email": email, "organization": organization.name},
        intro=gettext("Enter the code to invite %(email)s as Admin.") % {"email": email},
        details=[
            (gettext("Organization"), organization.name),
            (gettext("Invite"), email),
            (gettext("Role"), gettext("Admin")),
        ],
        hidden={"email": email, "role": role},
    )


def _invited(request, invitation):
    messages.success(
        request,
        gettext("Invitation sent to %(email)s as %(role)s.")
        % {"email": invitation.email, "role": invitation.get_role_display()},
    )
    return _back(request)


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def member_invite(request):
    """GET: the form. POST: send the invitation (an Admin invitation asks for the code first)."""
    organization = request.membership.organization
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, role = form.cleaned_data["email"], form.cleaned_data["role"]
        try:
            invitation_check(organization=organization, email=email)
            if role == Role.ADMIN:
                return _invite_step(request, email, role).issue(request)
            invitation = invitation_send(
                organization=organization,
                email=email,
                role=role,
                actor=request.user,
                meta=RequestMeta.from_request(request),
            )
        except InvitationRefused as exc:
            form.add_error("email", exc.message)
        else:
            return _invited(request, invitation)
    status = 422 if form.is_bound else 200
    return render(request, "team/invite.html", {"form": form}, status=status)


def _invite_target(request) -> tuple[str, str] | None:
    form = InviteForm(request.POST)
    if not form.is_valid() or form.cleaned_data["role"] != Role.ADMIN:
        return None
    return form.cleaned_data["email"], form.cleaned_data["role"]


@role_required(*ADMINS)
@require_POST
def member_invite_verify(request):
    target = _invite_target(request)
    if target is None:
        return _message(
            request, "Start again", "This invitation is incomplete. Invite the member again.", tone="warn", status=400
        )
    _, failed = _invite_step(request, *target).verify(request)
    if failed:
        return failed
    try:
        invitation = invitation_send(
            organization=request.membership.organization,
            email=target[0],
            role=target[1],
            actor=request.user,
            meta=RequestMeta.from_request(request),
        )
    except TeamError as exc:
        return _refused(request, exc)
    return _message(
        request,
        gettext("Invitation sent"),
        gettext("%(email)s was invited as Admin. Every Admin was told by email.") % {"email": invitation.email},
    )


@role_required(*ADMINS)
@require_POST
def member_invite_resend(request):
    target = _invite_target(request)
    if target is None:
        return _message(
            request, "Start again", "This invitation is incomplete. Invite the member again.", tone="warn", status=400
        )
    return _invite_step(request, *target).resend(request)


@role_required(*ADMINS)
@require_POST
def member_invite_cancel(request):
    _invite_step(request, "", Role.ADMIN).cancel(request)
    return dialog_closed(request, fallback_url=_members_url())


# --- Pending invitations ------------------------------------------------------
@role_required(*ADMINS)
@require_POST
def invitation_resend_view(request, invitation_id: int):
    invitation = invitation_get_for_member(member=request.membership, invitation_id=invitation_id)
    try:
        invitation_resend(invitation=invitation, actor=request.user, meta=RequestMeta.from_request(request))
    except TeamError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            gettext("Invitation sent again to %(email)s. The earlier link no longer works.")
            % {"email": invitation.email},
        )
    return _back(request)


@role_required(*ADMINS)
@require_POST
def invitation_revoke_view(request, invitation_id: int):
    invitation = invitation_get_for_member(member=request.membership, invitation_id=invitation_id)
    try:
        invitation_revoke(invitation=invitation, actor=request.user, meta=RequestMeta.from_request(request))
    except TeamError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            gettext("The invitation to %(email)s was revoked: its link no longer works.") % {"email": invitation.email},
        )
    return _back(request)


# --- Change role --------------------------------------------------------------
def _role_step(request, membership, role: str) -> CodeStep:
    organization = request.membership.organization
    label = Role(role).label
    return CodeStep(
        flow=f"team:role:{membership.pk}",
        purpose=PURPOSE_ADMIN_CHANGE,
        subject=membership,
        digest=role_digest(membership=membership, role=role),
        urls=DialogUrls(
            verify=reverse("member_role_verify", args=[membership.pk]),
            resend=reverse("member_role_resend", args=[membership.pk]),
            cancel=reverse("member_role_cancel", args=[membership.pk]),
        ),
        action=gettext("make %(email)s %(label)s of %(organization)s")
        % {"email": membership.user.email, "label": label, "organization": organization.name},
        intro=gettext("Enter the code to make %(email)s %(label)s.") % {"email": membership.user.email, "label": label},
        details=[
            (gettext("Organization"), organization.name),
            (gettext("Member"), membership.user.email),
            (gettext("Role now"), str(membership.get_role_display())),
            (gettext("New role"), str(label)),
        ],
        hidden={"role": role},
    )


def _posted_role(request) -> str | None:
    form = RoleForm(request.POST)
    return form.cleaned_data["role"] if form.is_valid() else None


def _role_changed(request, membership):
    return _message(
        request,
        gettext("Role changed"),
        gettext("%(email)s is now %(role)s. It applies from their next click.")
        % {"email": membership.user.email, "role": membership.get_role_display()},
    )


@role_required(*ADMINS)
@require_POST
def member_role(request, membership_id: int):
    membership = membership_get_for_member(member=request.membership, membership_id=membership_id)
    role = _posted_role(request)
    if role is None:
        messages.error(request, gettext("Choose one of the roles."))
        return _back(request)
    if admin_change_needs_code(old_role=membership.role, new_role=role):
        if role != Role.ADMIN and _last_admin(request, membership):
            return _back(request)
        return _role_step(request, membership, role).issue(request)
    try:
        membership = membership_role_change(
            membership=membership, role=role, actor=request.user, meta=RequestMeta.from_request(request)
        )
    except TeamError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            gettext("%(email)s is now %(role)s.")
            % {"email": membership.user.email, "role": membership.get_role_display()},
        )
    return _back(request)


@role_required(*ADMINS)
@require_POST
def member_role_verify(request, membership_id: int):
    membership = membership_get_for_member(member=request.membership, membership_id=membership_id)
    role = _posted_role(request)
    if role is None:
        return _message(request, gettext("Start again"), gettext("Choose the role again."), tone="warn", status=400)
    _, failed = _role_step(request, membership, role).verify(request)
    if failed:
        return failed
    try:
        membership = membership_role_change(
            membership=membership, role=role, actor=request.user, meta=RequestMeta.from_request(request)
        )
    except TeamError as exc:
        return _refused(request, exc)
    return _role_changed(request, membership)


@role_required(*ADMINS)
@require_POST
def member_role_resend(request, membership_id: int):
    membership = membership_get_for_member(member=request.membership, membership_id=membership_id)
    role = _posted_role(request)
    if role is None:
        return _message(request, gettext("Start again"), gettext("Choose the role again."), tone="warn", status=400)
    return _role_step(request, membership, role).resend(request)


@role_required(*ADMINS)
@require_POST
def member_role_cancel(request, membership_id: int):
    membership = membership_get_for_member(member=request.membership, membership_id=membership_id)
    _role_step(request, membership, membership.role).cancel(request)
    return dialog_closed(request, fallback_url=_members_url())


# --- Remove -----------------------------------------------------------------
def _remove_step(request, membership) -> CodeStep:
    organization = request.membership.organization
    return CodeStep(
        flow=f"team:remove:{membership.pk}",
        purpose=PURPOSE_ADMIN_CHANGE,
        subject=membership,
        digest=remove_digest(membership=membership),
        urls=DialogUrls(
            verify=reverse("member_remove_verify", args=[membership.pk]),
            resend=reverse("member_remove_resend", args=[membership.pk]),
            cancel=reverse("member_remove_cancel", args=[membership.pk]),
        ),
        action=gettext("remove the Admin %(email)s from %(organization)s")
        % {"email": membership.user.email, "organization": organization.name},
        intro=gettext("Enter the code to remove %(email)s.") % {"email": membership.user.email},
        details=[
            (gettext("Organization"), organization.name),
            (gettext("Member"), membership.user.email),
            (gettext("Role"), gettext("Admin")),
        ],
    )


def _removed(request, email: str, *, yourself: bool):
    organization = request.membership.organization
    if yourself:
        return render_dialog(
            request,
            "team/dialog_message.html",
            {
                "title": gettext("You left %(organization)s") % {"organization": organization.name},
                "text": "",
                "tone": "ok",
                "done_url": reverse("dashboard"),
            },
        )
    return _message(
        request,
        gettext("Member removed"),
        gettext("%(email)s no longer has access to %(organization)s.")
        % {"email": email, "organization": organization.name},
    )


def _remove(request, membership):
    email = membership.user.email
    membership_remove(membership=membership, actor=request.user, meta=RequestMeta.from_request(request))
    return email


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def member_remove(request, membership_id: int):
    """GET: "Remove ...?" POST: remove at once, or for an Admin send the code first."""
    membership = membership_get_for_member(member=request.membership, membership_id=membership_id)
    yourself = membership.user_id == request.user.pk
    if request.method == "GET":
        organization = request.membership.organization
        return render_dialog(
            request,
            "team/dialog_confirm.html",
            {
                "title": gettext("Leave %(organization)s?") % {"organization": organization.name}
                if yourself
                else gettext("Remove %(email)s?") % {"email": membership.user.email},
                "text": (
                    gettext("You will lose access to %(organization)s at once.") % {"organization": organization.name}
                    if yourself
                    else gettext(
                        "%(email)s loses access to %(organization)s at once, "
                        "also in sessions that are open now. Their templates stay."
                    )
                    % {"email": membership.user.email, "organization": organization.name}
                )
                + (
                    " " + gettext("Removing an Admin needs a code sent to your email.")
                    if membership.role == Role.ADMIN
                    else ""
                ),
                "action_url": reverse("member_remove", args=[membership.pk]),
                "cancel_url": _members_url(),
                "button": gettext("Leave") if yourself else gettext("Remove"),
            },
        )
    if membership.role == Role.ADMIN:
        if _last_admin(request, membership):
            return _back(request)
        return _remove_step(request, membership).issue(request)
    try:
        email = _remove(request, membership)
    except TeamError as exc:
        messages.error(request, exc.message)
        return _back(request)
    messages.success(request, gettext("%(email)s was removed.") % {"email": email})
    return _back(request)


@role_required(*ADMINS)
@require_POST
def member_remove_verify(request, membership_id: int):
    membership = membership_get_for_member(member=request.membership, membership_id=membership_id)
    _, failed = _remove_step(request, membership).verify(request)
    if failed:
        return failed
    yourself = membership.user_id == request.user.pk
    try:
        email = _remove(request, membership)
    except TeamError as exc:
        return _refused(request, exc)
    return _removed(request, email, yourself=yourself)


@role_required(*ADMINS)
@require_POST
def member_remove_resend(request, membership_id: int):
    membership = membership_get_for_member(member=request.membership, membership_id=membership_id)
    return _remove_step(request, membership).resend(request)


@role_required(*ADMINS)
@require_POST
def member_remove_cancel(request, membership_id: int):
    membership = membership_get_for_member(member=request.membership, membership_id=membership_id)
    _remove_step(request, membership).cancel(request)
    return dialog_closed(request, fallback_url=_members_url())
