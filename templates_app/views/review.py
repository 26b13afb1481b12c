"""Approve or Reject: second-person approval and the review desk.

Trace: the template's page offers Approve/Reject only to whom
selectors.review_refusal allows -> template_review parses the decision ->
with the toggle off, services.review_decide applies it; with the toggle on,
a code bound to this decision on this content is emailed -> review_verify
-> review_decide consumes it. The decision and reason travel with the code
dialog; a changed decision no longer matches its code and is refused.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import REVIEWERS, role_required
from otp.dialog import CodeStep, dialog_closed

from ..forms import ReviewForm
from ..reasons import reason_display
from ..selectors import otp_required_for, review_refusal, template_get_for_member
from ..services import PURPOSE_REVIEW, ReviewError, review_decide, review_digest
from .common import page_redirect, template_code_step
from .pages import template_detail


def _decision(request) -> tuple[ReviewForm, bool, str]:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return form, False, ""
    return form, form.cleaned_data["decision"] == "approve", form.cleaned_data.get("reason_text", "").strip()


def _review_step(template, *, approve: bool, reason: str) -> CodeStep:
    verb = "approve" if approve else "reject"
    name = {"name": template.name}
    return template_code_step(
        template,
        flow="review",
        purpose=PURPOSE_REVIEW,
        digest=review_digest(template, approve=approve, reason=reason),
        action=(
            _("approve the WhatsApp template “%(name)s”") if approve else _("reject the WhatsApp template “%(name)s”")
        )
        % name,
        intro=(_("Enter the code to approve “%(name)s”.") if approve else _("Enter the code to reject “%(name)s”."))
        % name,
        hidden={"decision": verb, "reason_text": reason},
        decision=_("Approve") if approve else _("Reject: %(reason)s") % {"reason": reason_display(reason)},
    )


def _decide(request, template, *, approve: bool, reason: str):
    try:
        template = review_decide(template=template, reviewer=request.user, approve=approve, reason=reason)
    except ReviewError as exc:
        messages.error(request, str(exc))
        return page_redirect(request, reverse("template_detail", args=[template.pk]))
    if approve and template.status == "submitting":
        messages.success(request, _("“%(name)s” approved: it is on its way to WhatsApp.") % {"name": template.name})
    elif approve:
        messages.success(request, _("“%(name)s” approved. Its creator was emailed.") % {"name": template.name})
    else:
        messages.success(request, _("“%(name)s” rejected. Its creator was emailed.") % {"name": template.name})
    return page_redirect(request, reverse("template_detail", args=[template.pk]))


@role_required(*REVIEWERS)
@require_POST
def template_review(request, template_id: int):
    """Approve, or Reject with one of WhatsApp's reasons."""
    template = template_get_for_member(member=request.membership, template_id=template_id)
    form, approve, reason = _decision(request)
    if not form.is_valid():
        return template_detail(request, template_id, review_form=form, status=422)
    refusal = review_refusal(template=template, user=request.user)
    if refusal:
        messages.error(request, refusal)
        return page_redirect(request, reverse("template_detail", args=[template.pk]))
    if otp_required_for(template=template):
        return _review_step(template, approve=approve, reason=reason).issue(request)
    return _decide(request, template, approve=approve, reason=reason)


def _step_from_post(request, template) -> CodeStep | None:
    """The decision the code dialog carries back. Its code is bound to it: an altered one never verifies."""
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        return None
    reason = request.POST.get("reason_text", "")[:600].strip()
    return _review_step(template, approve=decision == "approve", reason=reason)


@role_required(*REVIEWERS)
@require_POST
def review_resend(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    step = _step_from_post(request, template)
    if step is None:
        return page_redirect(request, reverse("template_detail", args=[template.pk]))
    return step.resend(request)


@role_required(*REVIEWERS)
@require_POST
def review_verify(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    step = _step_from_post(request, template)
    if step is None:
        return page_redirect(request, reverse("template_detail", args=[template.pk]))
    result, failed = step.verify(request)
    if failed:
        return failed
    approve = request.POST.get("decision") == "approve"
    return _decide(request, template, approve=approve, reason=step.hidden["reason_text"])


@role_required(*REVIEWERS)
@require_POST
def review_cancel(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    _review_step(template, approve=True, reason="").cancel(request)
    return dialog_closed(request, fallback_url=reverse("template_detail", args=[template.pk]))
