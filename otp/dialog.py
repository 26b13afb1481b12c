"""The "enter your code" step, ready for any caller.

A caller keeps the pending challenge under a flow key in the session,
renders `code_dialog` after issuing, and on POST calls `code_verify`:

    result = challenge_issue(user=..., purpose=..., subject=..., action=...)
    remember_challenge(request, FLOW, result.challenge)
    return code_dialog(request, challenge=result.challenge, urls=..., title=...)
    ...
    form, result = code_verify(request, flow=FLOW, purpose=..., subject=...)
"""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone

from qontak_broadcast.dialogs import render_dialog

from .models import Challenge
from .selectors import challenge_get
from .services import RequestMeta, VerifyFailure, VerifyResult, challenge_verify

SESSION_PREFIX = "otp_flow:"


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label="Verification code",
        error_messages={
            "invalid": "Enter the 6-digit code from the email.",
            "required": "Enter the 6-digit code from the email.",
        },
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "maxlength": "6",
                "class": "code-input",
                "data-autofocus": "",
                "placeholder": "••••••",
            }
        ),
    )


@dataclass(frozen=True)
class DialogUrls:
    verify: str
    resend: str
    cancel: str


def remember_challenge(request, flow: str, challenge: Challenge) -> None:
    request.session[SESSION_PREFIX + flow] = challenge.pk


def pending_challenge(request, flow: str) -> Challenge | None:
    return challenge_get(challenge_id=request.session.get(SESSION_PREFIX + flow), user=request.user)


def forget_challenge(request, flow: str) -> None:
    request.session.pop(SESSION_PREFIX + flow, None)


def mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local[:1]}{'•' * max(1, len(local) - 1)}@{domain}"


def code_dialog(
    request,
    *,
    challenge: Challenge | None,
    urls: DialogUrls,
    title: str,
    intro: str,
    form: CodeForm | None = None,
    error: str = "",
    notice: str = "",
    retry_after: int | None = None,
    status: int = 200,
):
    if retry_after is None:
        retry_after = 0
        if challenge is not None:
            ends = challenge.created_at + timedelta(seconds=settings.OTP_RESEND_COOLDOWN)
            retry_after = max(0, int((ends - timezone.now()).total_seconds()) + 1)
    context = {
        "title": title,
        "intro": intro,
        "email_hint": mask_email(request.user.email),
        "form": form or CodeForm(),
        "urls": urls,
        "error": error,
        "notice": notice,
        "retry_after": retry_after,
        "can_verify": challenge is not None,
    }
    return render_dialog(request, "otp/code_dialog.html", context, status=status)


def code_verify(request, *, flow: str, purpose: str, subject, digest: str = "") -> tuple[CodeForm, VerifyResult | None]:
    """Validate the posted code and verify it against the flow's pending challenge.

    Returns the form (with errors when the input is not 6 digits) and the
    result (None when the service was not called). On success the pending
    challenge is forgotten.
    """
    form = CodeForm(request.POST)
    if not form.is_valid():
        return form, None
    challenge = pending_challenge(request, flow)
    if challenge is None:
        return form, VerifyResult(False, VerifyFailure.MISMATCH)
    result = challenge_verify(
        challenge_id=challenge.pk,
        user=request.user,
        code=form.cleaned_data["code"].strip(),
        purpose=purpose,
        subject=subject,
        digest=digest,
        meta=RequestMeta.from_request(request),
    )
    if result.ok:
        forget_challenge(request, flow)
    return form, result
