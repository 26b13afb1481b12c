"""Submit (and send again) with what-you-see-is-what-you-confirm.

Trace: Submit on step 2 -> submit_start saves what is on screen, checks
every rule and shows the confirm step: every language's bubble, account,
category, the screen's findings, the warning, and a fingerprint (the
content digest) of exactly that. -> submit_confirm: if the stored content
no longer has that fingerprint, nothing happens but showing the new
content; else, with the toggle on, a code bound to the fingerprint is
emailed (quoting the content) -> submit_verify: a code for content that
changed since is killed and the person is shown the new content; a good
code lets template_submit consume it in the submit's transaction.

"Retry submission" after a failure is the same walk over the frozen
content: confirm -> (code) -> template_send_again.
"""

import hmac

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import ADMINS, AUTHORS, role_required
from otp.dialog import CodeStep, dialog_closed
from otp.services import VerifyFailure
from qontak_broadcast.dialogs import render_dialog
from security_settings.selectors import flagged_content_blocked

from ..forms import content_data_from_post
from ..screening import template_screen
from ..selectors import approval_required_for, otp_required_for, template_get_for_member
from ..services import (
    PURPOSE_RETRY,
    PURPOSE_SUBMIT,
    ContentChanged,
    TemplateError,
    blocking_findings,
    content_save,
    template_digest,
    template_send_again,
    template_submit,
)
from ..validation import template_problems
from .common import back_to_problems, confirm_dialog, editable_draft, page_redirect, template_code_step


def _fingerprint(request) -> str:
    return request.POST.get("fingerprint", "")[:64]


def _same(a: str, b: str) -> bool:
    return bool(a) and hmac.compare_digest(a, b)


# --- Submit ------------------------------------------------------------------
def _confirm_dialog(request, template, *, changed: bool = False, status: int = 200):
    findings = template_screen(template=template)
    return confirm_dialog(
        request,
        template,
        title=_("Submit this template?"),
        fingerprint=template_digest(template),
        action_url=reverse("template_submit_confirm", args=[template.pk]),
        cancel_url=f"{reverse('template_edit', args=[template.pk])}?lang={template.languages[0]}",
        button=_("Submit"),
        approval_required=approval_required_for(template=template),
        findings=findings,
        blocked=bool(findings) and flagged_content_blocked(organization_id=template.organization_id),
        changed=ContentChanged().args[0] if changed else "",
        status=status,
    )


def _submit_step(template, fingerprint: str) -> CodeStep:
    return template_code_step(
        template,
        flow="submit",
        purpose=PURPOSE_SUBMIT,
        digest=fingerprint,
        action=_("submit the WhatsApp template “%(name)s” for review") % {"name": template.name},
        intro=_("Enter the code to submit “%(name)s”.") % {"name": template.name},
        hidden={"fingerprint": fingerprint},
    )


def _sent_dialog(request, template):
    awaiting = template.status == "awaiting"
    return render_dialog(
        request,
        "templates_app/dialog_sent.html",
        {
            "title": _("Template submitted: awaiting approval")
            if awaiting
            else _("Template has been sent and is being checked"),
            "template": template,
            "awaiting": awaiting,
        },
    )


def _submit(request, template, fingerprint: str):
    try:
        template = template_submit(template=template, actor=request.user, fingerprint=fingerprint)
    except ContentChanged:
        return _confirm_dialog(request, template, changed=True, status=409)
    except TemplateError as exc:
        return render_dialog(
            request,
            "templates_app/dialog_problem.html",
            {"title": _("The template was not submitted"), "text": str(exc), "template": template},
            status=409,
        )
    return _sent_dialog(request, template)


@role_required(*AUTHORS)
@require_POST
def submit_start(request, template_id: int):
    """The Submit button: save what is on screen, check every rule, then show what will be confirmed."""
    template, gone = editable_draft(request, template_id)
    if gone:
        return gone
    language = request.POST.get("language", "")
    if language in template.languages:
        content_save(
            template=template, actor=request.user, language=language, data=content_data_from_post(request.POST)
        )
    problems = template_problems(template=template)
    if problems:
        first = language if problems.contents.get(language) else (problems.languages or template.languages)[0]
        return back_to_problems(request, template, first)
    return _confirm_dialog(request, template)


@role_required(*AUTHORS)
@require_POST
def submit_confirm(request, template_id: int):
    """The confirm step's "Submit": only for the content it showed."""
    template, gone = editable_draft(request, template_id)
    if gone:
        return gone
    fingerprint = _fingerprint(request)
    if not _same(fingerprint, template_digest(template)):
        return _confirm_dialog(request, template, changed=True, status=409)
    if template_problems(template=template):
        return back_to_problems(request, template, template.languages[0])
    if blocking_findings(template=template):  # no code is sent for content that can't go out
        return _confirm_dialog(request, template, status=409)
    if otp_required_for(template=template):
        return _submit_step(template, fingerprint).issue(request)
    return _submit(request, template, fingerprint)


@role_required(*AUTHORS)
@require_POST
def submit_resend(request, template_id: int):
    """A new code only for the same content; changed content goes back to the confirm step."""
    template, gone = editable_draft(request, template_id)
    if gone:
        return gone
    fingerprint = _fingerprint(request)
    if not _same(fingerprint, template_digest(template)):
        return _confirm_dialog(request, template, changed=True, status=409)
    return _submit_step(template, fingerprint).resend(request)


@role_required(*AUTHORS)
@require_POST
def submit_verify(request, template_id: int):
    template, gone = editable_draft(request, template_id)
    if gone:
        return gone
    # Verified against the content stored now: a code sent for anything else dies.
    current = template_digest(template)
    result, failed = _submit_step(template, current).verify(request)
    if failed:
        if result is not None and result.failure is VerifyFailure.CONTENT_CHANGED:
            return _confirm_dialog(request, template, changed=True, status=409)
        return failed
    return _submit(request, template, current)


@role_required(*AUTHORS)
@require_POST
def submit_cancel(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    _submit_step(template, "").cancel(request)
    return dialog_closed(
        request, fallback_url=f"{reverse('template_edit', args=[template.pk])}?lang={template.languages[0]}"
    )


# --- Retry submission ----------------------------------------------------------
def _retry_confirm_dialog(request, template):
    return confirm_dialog(
        request,
        template,
        title=_("Send this template again?"),
        fingerprint=template.content_digest,
        action_url=reverse("template_retry_confirm", args=[template.pk]),
        cancel_url=reverse("template_detail", args=[template.pk]),
        button=_("Retry submission"),
        retry=True,
    )


def _retry_step(template) -> CodeStep:
    return template_code_step(
        template,
        flow="retry",
        purpose=PURPOSE_RETRY,
        digest=template.content_digest,
        action=_("send the WhatsApp template “%(name)s” again") % {"name": template.name},
        intro=_("Enter the code to send “%(name)s” again.") % {"name": template.name},
        hidden={"fingerprint": template.content_digest},
    )


def _failed_template(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    if template.status != "failed":
        messages.info(request, _("Only a template whose submission failed can be retried."))
        return template, redirect("template_detail", template.pk)
    if template.channel_account.disconnected_at:
        messages.info(request, _("The WhatsApp account is disconnected: its templates are read-only."))
        return template, redirect("template_detail", template.pk)
    return template, None


def _retry(request, template):
    try:
        retried = template_send_again(template=template, actor=request.user)
    except TemplateError as exc:
        messages.error(request, str(exc))
    else:
        if retried:
            messages.success(request, _("Submission queued again."))
        else:
            messages.info(request, _("Only a template whose submission failed can be retried."))
    return page_redirect(request, reverse("template_detail", args=[template.pk]))


@role_required(*ADMINS)
@require_POST
def template_retry(request, template_id: int):
    """ "Retry submission": show what will be sent again before anything is."""
    template, gone = _failed_template(request, template_id)
    if gone:
        return gone
    return _retry_confirm_dialog(request, template)


@role_required(*ADMINS)
@require_POST
def retry_confirm(request, template_id: int):
    template, gone = _failed_template(request, template_id)
    if gone:
        return gone
    if otp_required_for(template=template):
        return _retry_step(template).issue(request)
    return _retry(request, template)


@role_required(*ADMINS)
@require_POST
def retry_resend(request, template_id: int):
    template, gone = _failed_template(request, template_id)
    if gone:
        return gone
    return _retry_step(template).resend(request)


@role_required(*ADMINS)
@require_POST
def retry_verify(request, template_id: int):
    template, gone = _failed_template(request, template_id)
    if gone:
        return gone
    result, failed = _retry_step(template).verify(request)
    if failed:
        return failed
    return _retry(request, template)


@role_required(*ADMINS)
@require_POST
def retry_cancel(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    _retry_step(template).cancel(request)
    return dialog_closed(request, fallback_url=reverse("template_detail", args=[template.pk]))
