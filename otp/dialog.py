"""The "enter your code" step, one reusable piece for every caller.

A caller describes its step once (what the code confirms, where the dialog
posts) and its three views call it:

    step = CodeStep(flow=..., purpose=..., subject=..., digest=..., urls=..., action=..., intro=...)
    step.issue(request)                 # confirm POST: send a code, show the dialog
    result, failed = step.verify(request)   # verify POST: failed is the dialog to show again
    step.cancel(request)                # cancel POST: forget the pending code

The pending challenge lives in the session under the flow key, so two
flows (two templates in two tabs) never replace each other's code. Within
the resend cooldown, asking again (another tab, another device) attaches
to the code already sent for exactly the same action instead of leaving
the person with nothing to verify.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qontak_broadcast.dialogs import render_dialog

from .models import Challenge
from .selectors import challenge_get
from .services import RequestMeta, VerifyFailure, VerifyResult, challenge_issue, challenge_verify

SESSION_PREFIX = "otp_flow:"
RESENT = gettext_lazy("A new code is on its way. Codes sent before it no longer work.")


class CodeForm(forms.Form):
    code = forms.RegexField(
        regex=r"^\s*\d{6}\s*$",
        label=gettext_lazy("Verification code"),
        error_messages={
            "invalid": gettext_lazy("Enter the 6-digit code from the email."),
            "required": gettext_lazy("Enter the 6-digit code from the email."),
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


def mask_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local[:1]}{'•' * max(1, len(local) - 1)}@{domain}"


def _seconds_until_resend(challenge: Challenge | None) -> int:
    if challenge is None:
        return 0
    ends = challenge.created_at + timedelta(seconds=settings.OTP_RESEND_COOLDOWN)
    return max(0, int((ends - timezone.now()).total_seconds()) + 1)


@dataclass
class CodeStep:
    """One emailed-code confirmation: what it confirms, its dialog, its session state.

    `digest` binds the code to the exact content being confirmed (empty for
    actions without content, such as a setting). `hidden` fields travel with
    the dialog's verify and resend posts (a caller's fingerprint, say).
    """

    flow: str
    purpose: str
    subject: object
    urls: DialogUrls
    action: str
    intro: str
    title: str = gettext_lazy("Verify it's you")
    digest: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)
    hidden: dict[str, str] = field(default_factory=dict)

    # --- session state -----------------------------------------------------
    @property
    def _key(self) -> str:
        return SESSION_PREFIX + self.flow

    def _remember(self, request, challenge: Challenge) -> None:
        request.session[self._key] = challenge.pk

    def pending(self, request) -> Challenge | None:
        """The code this session waits for in this flow (verifying checks it was for this very content)."""
        return challenge_get(challenge_id=request.session.get(self._key), user=request.user)

    def cancel(self, request) -> None:
        request.session.pop(self._key, None)

    # --- actions -------------------------------------------------------------
    def issue(self, request, *, notice: str = "") -> HttpResponse:
        """Send a code (or attach to the one just sent for the same action) and ask for it."""
        result = challenge_issue(
            user=request.user,
            purpose=self.purpose,
            subject=self.subject,
            digest=self.digest,
            action=self.action,
            details=self.details,
            quotes=self.quotes,
            meta=RequestMeta.from_request(request),
        )
        if result.ok:
            self._remember(request, result.challenge)
            return self.dialog(request, challenge=result.challenge, notice=notice)
        if result.pending is not None:
            self._remember(request, result.pending)
            return self.dialog(
                request,
                challenge=result.pending,
                notice=_(
                    "A code for this was just sent: enter the code from that email. "
                    "You can ask for a new one in %(seconds)s seconds."
                )
                % {"seconds": result.retry_after},
                retry_after=result.retry_after,
            )
        return self.dialog(
            request,
            challenge=self.pending(request),
            error=result.message,
            retry_after=result.retry_after,
            status=429,
        )

    def resend(self, request) -> HttpResponse:
        return self.issue(request, notice=RESENT)

    def verify(self, request) -> tuple[VerifyResult | None, HttpResponse | None]:
        """Check the posted code against this flow's pending challenge.

        Returns (result, None) when the code verified, else (result or None,
        the dialog to show again with the reason).
        """
        form = CodeForm(request.POST)
        challenge = self.pending(request)
        if not form.is_valid():
            return None, self.dialog(request, challenge=challenge, form=form, status=422)
        if challenge is None:
            result = VerifyResult(False, VerifyFailure.MISMATCH)
        else:
            result = challenge_verify(
                challenge_id=challenge.pk,
                user=request.user,
                code=form.cleaned_data["code"].strip(),
                purpose=self.purpose,
                subject=self.subject,
                digest=self.digest,
                meta=RequestMeta.from_request(request),
            )
        if result.ok:
            self.cancel(request)
            return result, None
        still = None if result.needs_new_code else challenge
        return result, self.dialog(request, challenge=still, form=form, error=result.message, status=422)

    def dialog(
        self,
        request,
        *,
        challenge: Challenge | None,
        form: CodeForm | None = None,
        error: str = "",
        notice: str = "",
        retry_after: int | None = None,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "title": self.title,
            "intro": self.intro,
            "email_hint": mask_email(request.user.email),
            "form": form or CodeForm(),
            "urls": self.urls,
            "hidden": self.hidden,
            "error": error,
            "notice": notice,
            "retry_after": _seconds_until_resend(challenge) if retry_after is None else retry_after,
            "can_verify": challenge is not None,
        }
        return render_dialog(request, "otp/code_dialog.html", context, status=status)


def dialog_closed(request, *, fallback_url: str) -> HttpResponse:
    """What a cancel POST answers: an empty dialog root for htmx, else back to the page."""
    if getattr(request, "htmx", False):
        return HttpResponse("")
    return redirect(fallback_url)
