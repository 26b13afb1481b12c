"""Broadcast > Template message: list, the new-template wizard, submit with a code, detail.

Wizard trace: new (step 1) -> edit?lang=.. (step 2, autosaved per language)
-> submit (save + check every rule) -> submit/confirm ("can no longer be
edited") -> [code dialog -> submit/verify, when the organization's toggle
is on] -> "Template has been sent and is being checked".
"""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Provider
from accounts.permissions import ADMINS, AUTHORS, EVERYONE, REVIEWERS, role_required
from accounts.selectors import channel_accounts_for_member
from otp.dialog import DialogUrls, code_dialog, code_verify, pending_challenge, remember_challenge
from otp.services import RequestMeta, challenge_issue
from qontak_broadcast.availability import require_task_queue
from qontak_broadcast.dialogs import render_dialog

from .forms import MediaSampleForm, ReviewForm, TemplateDetailsForm, TemplateFilterForm, content_data_from_post
from .markup import render_markup
from .models import ImmutableTemplateError, Status
from .rules import BUTTONS_MAX, variables_in
from .screening import template_screen
from .selectors import ListFilters, content_get, otp_required_for, template_get_for_member, templates_page
from .services import (
    PURPOSE_SUBMIT,
    TemplateError,
    VerificationRequired,
    content_media_attach,
    content_media_remove,
    content_save,
    template_create,
    template_delete,
    template_details_update,
    template_digest,
    template_duplicate,
    template_submit,
)
from .submission import ReviewError, review_decide, submission_retry
from .tasks import sync_template_status
from .validation import template_problems


def _editable(request, template_id: int):
    """The member's draft, or a redirect to its read-only page once it left Draft."""
    template = template_get_for_member(member=request.membership, template_id=template_id)
    if not template.is_draft:
        messages.info(
            request, "This template was submitted and can no longer be edited. Duplicate it to start a new draft."
        )
        return template, redirect("template_detail", template.pk)
    return template, None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# --- step 1 -----------------------------------------------------------------
@role_required(*AUTHORS)
@require_http_methods(["GET", "POST"])
def template_new(request):
    accounts = channel_accounts_for_member(member=request.membership)
    form = TemplateDetailsForm(request.POST or None, accounts=accounts)
    if request.method == "POST" and form.is_valid():
        template = template_create(
            organization=request.membership.organization, actor=request.user, **form.cleaned_data
        )
        return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={template.languages[0]}")
    if request.method == "GET" and accounts.count() == 1:
        form.initial["channel_account"] = accounts.first()
    return render(
        request,
        "templates_app/step_details.html",
        {
            "form": form,
            "template": None,
            "has_accounts": accounts.exists(),
            "selected_languages": form.selected_languages,
        },
        status=422 if form.errors else 200,
    )


@role_required(*AUTHORS)
@require_http_methods(["GET", "POST"])
def template_details(request, template_id: int):
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    accounts = channel_accounts_for_member(member=request.membership)
    initial = {
        "channel_account": template.channel_account,
        "name": template.name,
        "category": template.category,
        "languages": template.languages,
    }
    form = TemplateDetailsForm(request.POST or None, accounts=accounts, template=template, initial=initial)
    if request.method == "POST" and form.is_valid():
        template_details_update(template=template, actor=request.user, **form.cleaned_data)
        return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={form.cleaned_data['languages'][0]}")
    return render(
        request,
        "templates_app/step_details.html",
        {"form": form, "template": template, "has_accounts": True, "selected_languages": form.selected_languages},
        status=422 if form.errors else 200,
    )


# --- step 2 -----------------------------------------------------------------
def _edit_context(request, template, language: str, *, errors=None, problems=None):
    content = content_get(template=template, language=language)
    errors = errors or {}
    samples = list(content.body_examples)
    variables = sorted({n for n in variables_in(content.body) if n >= 1})
    sample_fields = [
        {
            "n": n,
            "value": samples[n - 1] if n - 1 < len(samples) else "",
            "errors": errors.get(f"body_examples.{n - 1}", []),
        }
        for n in variables
    ]
    buttons = [
        {
            "i": i,
            **button,
            "errors": {key.rsplit(".", 1)[1]: msgs for key, msgs in errors.items() if key.startswith(f"buttons.{i}.")},
        }
        for i, button in enumerate(content.buttons)
    ]
    return {
        "template": template,
        "content": content,
        "contents": list(template.contents.all()),
        "errors": {key.replace(".", "_"): msgs for key, msgs in errors.items()},
        "problems": problems,
        "sample_fields": sample_fields,
        "buttons": buttons,
        "buttons_max": BUTTONS_MAX,
        "button_kinds": ["QUICK_REPLY", "PHONE_NUMBER", "URL"],
        "preview_body": render_markup(content.body, samples),
        "preview_header": render_markup(content.header_text, [content.header_text_example]),
        "media_form": MediaSampleForm(),
        "otp_required": otp_required_for(template=template),
    }


@role_required(*AUTHORS)
def template_edit(request, template_id: int):
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    language = request.GET.get("lang") or template.languages[0]
    if language not in template.languages:
        raise Http404("This template has no content in that language.")
    problems = template_problems(template=template) if request.GET.get("check") else None
    errors = problems.contents.get(language, {}) if problems else {}
    context = _edit_context(request, template, language, errors=errors, problems=problems)
    return render(request, "templates_app/step_content.html", context, status=422 if problems else 200)


def _apply_action(data: dict, action: str) -> dict:
    """Structural edits for the form without JavaScript (the script does them in place)."""
    kind, _, arg = action.partition(":")
    buttons = data["buttons"]
    if kind == "add_button" and arg in ("QUICK_REPLY", "PHONE_NUMBER", "URL") and len(buttons) < BUTTONS_MAX:
        buttons.append({"kind": arg, "text": "", "phone_number": "", "url": "", "url_example": ""})
    elif kind in ("remove_button", "move_up", "move_down") and arg.isdigit() and int(arg) < len(buttons):
        i = int(arg)
        if kind == "remove_button":
            buttons.pop(i)
        elif kind == "move_up" and i > 0:
            buttons[i - 1], buttons[i] = buttons[i], buttons[i - 1]
        elif kind == "move_down" and i + 1 < len(buttons):
            buttons[i + 1], buttons[i] = buttons[i], buttons[i + 1]
    elif kind == "add_variable":
        n = max(variables_in(data["body"]), default=0) + 1
        data["body"] = f"{data['body'].rstrip()} {{{{{n}}}}}".lstrip()
    return data


@role_required(*AUTHORS)
@require_POST
def content_update(request, template_id: int, language: str):
    """Save one language's content: autosave (JSON), "Save draft" and the no-JS structural buttons."""
    template = template_get_for_member(member=request.membership, template_id=template_id)
    content_get(template=template, language=language)
    data = _apply_action(content_data_from_post(request.POST), request.POST.get("action", ""))
    try:
        content_save(template=template, language=language, data=data)
    except ImmutableTemplateError as exc:
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": str(exc)}, status=409)
        messages.error(request, str(exc))
        return redirect("template_detail", template.pk)
    if _wants_json(request):
        return JsonResponse({"saved": True, "saved_at": timezone.localtime().strftime("%H:%M")})
    if not request.POST.get("action"):
        messages.success(request, "Draft saved.")
    target = request.POST.get("next_lang") or language
    if target not in template.languages:
        target = language
    return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={target}")


@role_required(*AUTHORS)
@require_POST
def media_upload(request, template_id: int, language: str):
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    content = content_get(template=template, language=language)
    form = MediaSampleForm(request.POST, request.FILES)
    error = None
    if form.is_valid():
        try:
            content_media_attach(
                template=template,
                language=language,
                upload=form.cleaned_data["media_sample"],
                header_format=request.POST.get("header_format") or content.header_format,
                all_languages=form.cleaned_data["all_languages"],
            )
        except TemplateError as exc:
            error = str(exc)
    else:
        error = " ".join(form.errors.get("media_sample", ["The file could not be uploaded."]))
    if error:
        context = _edit_context(request, template, language, errors={"media_sample": [error]})
        return render(request, "templates_app/step_content.html", context, status=422)
    messages.success(request, "Sample added" + (" to all languages." if form.cleaned_data["all_languages"] else "."))
    return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={language}")


@role_required(*AUTHORS)
@require_POST
def media_remove(request, template_id: int, language: str):
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    content_get(template=template, language=language)
    content_media_remove(template=template, language=language)
    return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={language}")


@role_required(*EVERYONE)
def media_sample(request, template_id: int, language: str):
    """The sample file, served only to members of the template's organization."""
    template = template_get_for_member(member=request.membership, template_id=template_id)
    content = content_get(template=template, language=language)
    if not content.media_sample:
        raise Http404("No sample file.")
    response = FileResponse(content.media_sample.open("rb"), content_type=content.media_mime)
    disposition = "inline" if content.media_mime.startswith("image/") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{content.media_name or "sample"}"'
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- submit ------------------------------------------------------------------
def _submit_flow(template) -> str:
    # One pending code per template: confirming another template in a
    # second tab must not replace this one's.
    return f"submit_template:{template.pk}"


def _submit_urls(template) -> DialogUrls:
    return DialogUrls(
        verify=reverse("template_submit_verify", args=[template.pk]),
        resend=reverse("template_submit_resend", args=[template.pk]),
        cancel=f"{reverse('template_edit', args=[template.pk])}?lang={template.languages[0]}",
    )


def _sent_dialog(request, template):
    return render_dialog(
        request,
        "templates_app/dialog_sent.html",
        {"title": "Template has been sent and is being checked", "template": template},
    )


def _issue_submit_code(request, template, *, notice: str = ""):
    result = challenge_issue(
        user=request.user,
        purpose=PURPOSE_SUBMIT,
        subject=template,
        digest=template_digest(template),
        action=f"submit the WhatsApp template “{template.name}” for review",
        details=[
            ("Template", template.name),
            ("Category", template.get_category_display()),
            ("Languages", ", ".join(template.language_names)),
            ("Account", str(template.channel_account)),
        ],
        meta=RequestMeta.from_request(request),
    )
    if not result.ok:
        pending = pending_challenge(request, _submit_flow(template))
        return _submit_code_dialog(
            request, template, challenge=pending, error=result.message, retry_after=result.retry_after, status=429
        )
    remember_challenge(request, _submit_flow(template), result.challenge)
    return _submit_code_dialog(request, template, challenge=result.challenge, notice=notice)


def _submit_code_dialog(request, template, **kwargs):
    return code_dialog(
        request,
        urls=_submit_urls(template),
        title="Verify it's you",
        intro=f"Enter the code to submit “{template.name}”.",
        **kwargs,
    )


def _back_to_problems(request, template, language: str):
    url = f"{reverse('template_edit', args=[template.pk])}?lang={language}&check=1"
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    response = HttpResponseRedirect(url)
    response.status_code = 303  # See Other: the result of a POST, fetched with GET
    return response


@role_required(*AUTHORS)
@require_POST
def submit_start(request, template_id: int):
    """The Submit button: save what is on screen, check every rule, then ask to confirm."""
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    language = request.POST.get("language", "")
    if language in template.languages:
        content_save(template=template, language=language, data=content_data_from_post(request.POST))
    problems = template_problems(template=template)
    if problems:
        first = language if problems.contents.get(language) else (problems.languages or template.languages)[0]
        return _back_to_problems(request, template, first)
    return render_dialog(
        request,
        "templates_app/dialog_submit.html",
        {
            "title": "Submit this template?",
            "template": template,
            "otp_required": otp_required_for(template=template),
            "findings": template_screen(template=template),
        },
    )


@role_required(*AUTHORS)
@require_POST
def submit_confirm(request, template_id: int):
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    if template_problems(template=template):
        return _back_to_problems(request, template, template.languages[0])
    if otp_required_for(template=template):
        return _issue_submit_code(request, template)
    template_submit(template=template, actor=request.user)
    return _sent_dialog(request, template)


@role_required(*AUTHORS)
@require_POST
def submit_resend(request, template_id: int):
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    return _issue_submit_code(
        request, template, notice="A new code is on its way. Codes sent before it no longer work."
    )


@role_required(*AUTHORS)
@require_POST
def submit_verify(request, template_id: int):
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    form, result = code_verify(
        request, flow=_submit_flow(template), purpose=PURPOSE_SUBMIT, subject=template, digest=template_digest(template)
    )
    pending = pending_challenge(request, _submit_flow(template))
    if result is None:
        return _submit_code_dialog(request, template, challenge=pending, form=form, status=422)
    if not result.ok:
        challenge = None if result.needs_new_code else pending
        return _submit_code_dialog(request, template, challenge=challenge, form=form, error=result.message, status=422)
    try:
        template_submit(template=template, actor=request.user)
    except VerificationRequired as exc:  # the content changed between verify and submit
        return _submit_code_dialog(request, template, challenge=None, form=form, error=str(exc), status=422)
    except TemplateError as exc:
        return _submit_code_dialog(request, template, challenge=None, form=form, error=str(exc), status=422)
    return _sent_dialog(request, template)


# --- read, duplicate, delete -----------------------------------------------
def _can_review(request, template) -> bool:
    return (
        request.membership.role in REVIEWERS
        and template.status == Status.PENDING
        and template.channel_account.provider == Provider.REVIEW_DESK
        and template.created_by_id != request.user.pk
    )


@role_required(*EVERYONE)
def template_detail(request, template_id: int, *, review_form=None, status=200):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    contents = [
        {
            "content": content,
            "body": render_markup(content.body, list(content.body_examples)),
            "header": render_markup(content.header_text, [content.header_text_example]),
        }
        for content in template.contents.all()
    ]
    can_review = _can_review(request, template)
    context = {
        "template": template,
        "contents": contents,
        "events": template.events.select_related("actor"),
        "submissions": template.submissions.all(),
        "can_review": can_review,
        "review_form": review_form or ReviewForm(),
        "findings": template_screen(template=template) if can_review else [],
        "is_admin": request.membership.role in ADMINS,
    }
    return render(request, "templates_app/detail.html", context, status=status)


@role_required(*REVIEWERS)
@require_POST
def template_review(request, template_id: int):
    """The review desk: Approve, or Reject with one of WhatsApp's reasons."""
    template = template_get_for_member(member=request.membership, template_id=template_id)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return template_detail(request, template_id, review_form=form, status=422)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        review_decide(
            template=template, reviewer=request.user, approve=approve, reason=form.cleaned_data.get("reason_text", "")
        )
    except ReviewError as exc:
        messages.error(request, str(exc))
        return redirect("template_detail", template.pk)
    messages.success(request, f"“{template.name}” {'approved' if approve else 'rejected'}. Its creator was emailed.")
    return redirect("template_detail", template.pk)


@role_required(*ADMINS)
@require_POST
def template_retry(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    if submission_retry(template=template, actor=request.user):
        messages.success(request, "Submission queued again.")
    else:
        messages.info(request, "Only a template whose submission failed can be retried.")
    return redirect("template_detail", template.pk)


@role_required(*ADMINS)
@require_POST
def template_sync(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    if template.channel_account.provider != Provider.META or not template.submissions.exists():
        messages.info(request, "Only templates sent to WhatsApp have a status to sync.")
    else:
        require_task_queue("ask WhatsApp for the status")
        transaction.on_commit(lambda: sync_template_status.delay(template.pk), robust=True)
        messages.success(request, "Asking WhatsApp for the latest status; reload in a moment.")
    return redirect("template_detail", template.pk)


@role_required(*AUTHORS)
@require_POST
def template_duplicate_view(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    copy = template_duplicate(template=template, actor=request.user)
    messages.success(request, f"New draft “{copy.name}” created from “{template.name}”.")
    return redirect(f"{reverse('template_edit', args=[copy.pk])}?lang={copy.languages[0]}")


@role_required(*AUTHORS)
@require_POST
def template_delete_view(request, template_id: int):
    template, gone = _editable(request, template_id)
    if gone:
        return gone
    name = template.name
    template_delete(template=template)
    messages.success(request, f"Draft “{name}” deleted.")
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("template_list")
        return response
    return redirect("template_list")


# --- list ----------------------------------------------------------------------
@role_required(*EVERYONE)
def template_list(request):
    member = request.membership
    accounts = list(channel_accounts_for_member(member=member))
    members = member.organization.memberships.select_related("user").order_by("user__full_name", "user__email")
    form = TemplateFilterForm(request.GET or None, accounts=accounts, members=members)
    filters = form.filters() if form.is_valid() else ListFilters()
    page = templates_page(member=member, filters=filters, cursor=request.GET.get("cursor", ""))
    query = request.GET.copy()
    query.pop("cursor", None)
    return render(
        request,
        "templates_app/list.html",
        {
            "page": page,
            "form": form,
            "query": query.urlencode(),
            "filtered": filters != ListFilters(),
            "can_create": member.role in AUTHORS,
        },
    )
