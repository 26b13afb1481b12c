"""Settings > Security: the "OTP Authentication on Broadcast Template" toggle.

Flow (each step an htmx dialog, or a plain page without JavaScript):
  toggle -> confirm dialog ("Enable"/"Disable") -> POST issues a code ->
  code dialog ("Verify", "Resend code") -> POST verify -> the service flips
  the setting -> success dialog. Nothing changes before the code verifies.
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import ADMINS, role_required
from otp.dialog import DialogUrls, code_dialog, code_verify, forget_challenge, pending_challenge, remember_challenge
from otp.services import RequestMeta, challenge_issue
from qontak_broadcast.dialogs import render_dialog

from .selectors import PURPOSE_DISABLE, PURPOSE_ENABLE, audit_trail_page, broadcast_template_otp_enabled
from .services import ToggleUnchanged, broadcast_template_otp_disable, broadcast_template_otp_enable


@dataclass(frozen=True)
class Direction:
    name: str
    value: bool
    purpose: str
    label: str
    confirm_title: str
    confirm_text: str
    action: str
    success_title: str
    success_text: str
    service: object


DIRECTIONS = {
    "enable": Direction(
        name="enable",
        value=True,
        purpose=PURPOSE_ENABLE,
        label="Enable",
        confirm_title="Enable OTP Authentication on Broadcast Template?",
        confirm_text=(
            "Everyone in your organization will need a verification code, sent to their email, to submit "
            "Marketing and Utility templates. To confirm this change we'll send a code to your email."
        ),
        action='turn on "OTP Authentication on Broadcast Template" for {organization}',
        success_title="OTP Authentication on Broadcast Template is enabled",
        success_text=(
            "From now on, submitting a Marketing or Utility template needs a code sent to the submitter's email."
        ),
        service=broadcast_template_otp_enable,
    ),
    "disable": Direction(
        name="disable",
        value=False,
        purpose=PURPOSE_DISABLE,
        label="Disable",
        confirm_title="Disable OTP Authentication on Broadcast Template?",
        confirm_text=(
            "Templates will be submitted without an emailed verification code, so anyone holding a session "
            "could submit content in your company's name. To confirm this change we'll send a code to your email."
        ),
        action='turn off "OTP Authentication on Broadcast Template" for {organization}',
        success_title="OTP Authentication on Broadcast Template is disabled",
        success_text="Templates can now be submitted without a verification code.",
        service=broadcast_template_otp_disable,
    ),
}


def _direction(name: str) -> Direction:
    try:
        return DIRECTIONS[name]
    except KeyError:
        raise Http404("No such change.") from None


def _flow(direction: Direction) -> str:
    return f"security:{direction.name}"


def _urls(direction: Direction) -> DialogUrls:
    return DialogUrls(
        verify=reverse("security_toggle_verify", args=[direction.name]),
        resend=reverse("security_toggle_resend", args=[direction.name]),
        cancel=reverse("security_toggle_cancel", args=[direction.name]),
    )


def _already(request, direction: Direction):
    state = "on" if direction.value else "off"
    return render_dialog(
        request,
        "security_settings/dialog_message.html",
        {
            "title": f"It is already {state}",
            "text": f"OTP Authentication on Broadcast Template is already {state} (another admin may have just "
            "changed it). Nothing was changed.",
            "tone": "warn",
        },
        status=409,
    )


def _code_dialog(request, direction: Direction, **kwargs):
    return code_dialog(
        request,
        urls=_urls(direction),
        title="Verify it's you",
        intro=f"Enter the code to {direction.label.lower()} OTP Authentication on Broadcast Template.",
        **kwargs,
    )


@role_required(*ADMINS)
def security_page(request):
    organization = request.membership.organization
    return render(
        request,
        "security_settings/security.html",
        {
            "enabled": broadcast_template_otp_enabled(organization_id=organization.pk),
            "trail": audit_trail_page(organization=organization, page_number=request.GET.get("page")),
        },
    )


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def toggle_confirm(request, direction: str):
    """GET: the "Enable"/"Disable" confirmation. POST: send the code and ask for it."""
    direction = _direction(direction)
    organization = request.membership.organization
    if broadcast_template_otp_enabled(organization_id=organization.pk) == direction.value:
        return _already(request, direction)
    if request.method == "GET":
        return render_dialog(
            request, "security_settings/dialog_confirm.html", {"direction": direction, "title": direction.confirm_title}
        )
    return _issue(request, direction, notice="")


def _issue(request, direction: Direction, *, notice: str):
    organization = request.membership.organization
    result = challenge_issue(
        user=request.user,
        purpose=direction.purpose,
        subject=organization,
        action=direction.action.format(organization=organization.name),
        details=[("Organization", organization.name)],
        meta=RequestMeta.from_request(request),
    )
    if not result.ok:
        pending = pending_challenge(request, _flow(direction))
        return _code_dialog(
            request, direction, challenge=pending, error=result.message, retry_after=result.retry_after, status=429
        )
    remember_challenge(request, _flow(direction), result.challenge)
    return _code_dialog(request, direction, challenge=result.challenge, notice=notice)


@role_required(*ADMINS)
@require_POST
def toggle_resend(request, direction: str):
    direction = _direction(direction)
    if broadcast_template_otp_enabled(organization_id=request.membership.organization_id) == direction.value:
        return _already(request, direction)
    return _issue(request, direction, notice="A new code is on its way. Codes sent before it no longer work.")


@role_required(*ADMINS)
@require_POST
def toggle_verify(request, direction: str):
    direction = _direction(direction)
    organization = request.membership.organization
    form, result = code_verify(request, flow=_flow(direction), purpose=direction.purpose, subject=organization)
    pending = pending_challenge(request, _flow(direction))
    if result is None:
        return _code_dialog(request, direction, challenge=pending, form=form, status=422)
    if not result.ok:
        return _code_dialog(
            request,
            direction,
            challenge=None if result.needs_new_code else pending,
            form=form,
            error=result.message,
            status=422,
        )
    try:
        direction.service(organization=organization, actor=request.user, meta=RequestMeta.from_request(request))
    except ToggleUnchanged:
        return _already(request, direction)
    return render_dialog(
        request,
        "security_settings/dialog_message.html",
        {
            "title": direction.success_title,
            "text": direction.success_text,
            "tone": "ok",
            "done_url": reverse("security"),
        },
    )


@role_required(*ADMINS)
def toggle_cancel(request, direction: str):
    """Cancel (without JavaScript): drop the pending code and go back to the page."""
    direction = _direction(direction)
    forget_challenge(request, _flow(direction))
    return redirect("security")
