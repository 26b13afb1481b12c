"""Settings > Security: the organization's template policies.

Flow for each policy (each step an htmx dialog, or a plain page without
JavaScript):
  switch -> confirm dialog ("Enable"/"Disable") -> POST issues a code ->
  code dialog ("Verify", "Resend code") -> POST verify -> the service flips
  the setting -> success dialog. Nothing changes before the code verifies.
"""

from functools import lru_cache

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import ADMINS, role_required
from otp.dialog import CodeStep, DialogUrls, dialog_closed
from otp.lockout import code_locks_listed
from otp.services import RequestMeta
from qontak_broadcast.dialogs import render_dialog

from .fragments import audit_rows
from .policies import POLICIES, Policy, policy_for_slug
from .selectors import audit_trail_page, security_settings_for_member, security_settings_get
from .services import ToggleUnchanged, security_setting_set

DIRECTIONS = {"enable": True, "disable": False}


def _target(policy_slug: str, direction: str) -> tuple[Policy, bool]:
    if direction not in DIRECTIONS:
        raise Http404("No such change.")
    return policy_for_slug(policy_slug), DIRECTIONS[direction]


def _code_step(request, policy: Policy, value: bool) -> CodeStep:
    organization = request.membership.organization
    direction = "enable" if value else "disable"
    args = [policy.slug, direction]
    return CodeStep(
        flow=f"security:{policy.field}:{direction}",
        purpose=policy.purpose(value),
        subject=organization,
        urls=DialogUrls(
            verify=reverse("security_toggle_verify", args=args),
            resend=reverse("security_toggle_resend", args=args),
            cancel=reverse("security_toggle_cancel", args=args),
        ),
        action=(
            _("turn on “%(setting)s” for %(organization)s")
            if value
            else _("turn off “%(setting)s” for %(organization)s")
        )
        % {"setting": policy.label, "organization": organization.name},
        intro=(_("Enter the code to enable %(setting)s.") if value else _("Enter the code to disable %(setting)s."))
        % {"setting": policy.label},
        details=[(_("Organization"), organization.name)],
    )


def _already(request, policy: Policy, value: bool):
    return render_dialog(
        request,
        "security_settings/dialog_message.html",
        {
            "title": _("It is already on") if value else _("It is already off"),
            "text": (
                _("%(setting)s is already on (another admin may have just changed it). Nothing was changed.")
                if value
                else _("%(setting)s is already off (another admin may have just changed it). Nothing was changed.")
            )
            % {"setting": policy.label},
            "tone": "warn",
        },
        status=409,
    )


def _is(request, policy: Policy) -> bool:
    return security_settings_get(organization_id=request.membership.organization_id)[policy.field]


@role_required(*ADMINS)
def security_page(request):
    organization = request.membership.organization
    state = security_settings_for_member(member=request.membership)
    trail = audit_trail_page(organization=organization, page_number=request.GET.get("page"))
    return render(
        request,
        "security_settings/security.html",
        {
            "policies": [
                {"policy": p, "on": state[p.field], "toggle_url": _toggle_url(p.slug, not state[p.field])}
                for p in POLICIES
            ],
            "locks": code_locks_listed(organization_id=organization.pk),
            "trail": trail,
            "trail_rows": audit_rows(trail.object_list),
        },
    )


@lru_cache(maxsize=16)
def _toggle_url(slug: str, value: bool) -> str:
    """The switch's link: the confirmation of turning the policy on (`value`) or off. Reversed once per process."""
    return reverse("security_toggle_confirm", args=[slug, "enable" if value else "disable"])


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def toggle_confirm(request, policy: str, direction: str):
    """GET: the "Enable"/"Disable" confirmation. POST: send the code and ask for it."""
    policy, value = _target(policy, direction)
    if _is(request, policy) == value:
        return _already(request, policy, value)
    if request.method == "GET":
        return render_dialog(
            request,
            "security_settings/dialog_confirm.html",
            {
                "policy": policy,
                "value": value,
                "direction": direction,
                "label": _("Enable") if value else _("Disable"),
                "title": (_("Enable %(setting)s?") if value else _("Disable %(setting)s?")) % {"setting": policy.label},
                "text": policy.enable_text if value else policy.disable_text,
            },
        )
    return _code_step(request, policy, value).issue(request)


@role_required(*ADMINS)
@require_POST
def toggle_resend(request, policy: str, direction: str):
    policy, value = _target(policy, direction)
    if _is(request, policy) == value:
        return _already(request, policy, value)
    return _code_step(request, policy, value).resend(request)


@role_required(*ADMINS)
@require_POST
def toggle_verify(request, policy: str, direction: str):
    policy, value = _target(policy, direction)
    organization = request.membership.organization
    result, failed = _code_step(request, policy, value).verify(request)
    if failed:
        return failed
    try:
        security_setting_set(
            organization=organization,
            policy=policy,
            value=value,
            actor=request.user,
            meta=RequestMeta.from_request(request),
        )
    except ToggleUnchanged:
        return _already(request, policy, value)
    return render_dialog(
        request,
        "security_settings/dialog_message.html",
        {
            "title": (_("%(setting)s is enabled") if value else _("%(setting)s is disabled"))
            % {"setting": policy.label},
            "text": policy.on_text if value else policy.off_text,
            "tone": "ok",
            "done_url": reverse("security"),
        },
    )


@role_required(*ADMINS)
@require_POST
def toggle_cancel(request, policy: str, direction: str):
    """Cancel: drop the pending code and close the dialog (or go back to the page)."""
    policy, value = _target(policy, direction)
    _code_step(request, policy, value).cancel(request)
    return dialog_closed(request, fallback_url=reverse("security"))
