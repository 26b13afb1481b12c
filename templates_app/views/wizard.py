"""The new-template wizard: step 1 (account, name, category, languages) and step 2 (content per language).

Trace: new (step 1) -> edit?lang=.. (step 2, autosaved per language through
content_update) -> Submit (templates_app.views.submit).
"""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import AUTHORS, role_required
from accounts.selectors import channel_accounts_for_member, connected_accounts_listed

from ..forms import MediaSampleForm, TemplateDetailsForm, content_data_from_post
from ..models import ImmutableTemplateError
from ..rules import BUTTON_KIND_MAX, BUTTONS_MAX, VARIABLE_NAME_MAX, variables_in
from ..selectors import content_get, otp_required_for, template_contents_read, template_get_for_member
from ..services import (
    TemplateError,
    content_media_attach,
    content_media_remove,
    content_parameter_format_switch,
    content_save,
    template_create,
    template_details_update,
)
from ..spec import (
    BUTTON_FIELDS,
    BUTTON_KINDS,
    NAMED,
    VARIABLE_NAME,
    browser_limits,
    variable_keys,
    variable_token,
)
from ..validation import template_problems
from .common import content_preview, editable_draft
from .fragments import (
    account_options,
    button_row_templates,
    language_checklist,
    step_content_choices,
    step_content_fixed,
    step_content_urls,
)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# --- step 1 -----------------------------------------------------------------
@role_required(*AUTHORS)
@require_http_methods(["GET", "POST"])
def template_new(request):
    accounts = channel_accounts_for_member(member=request.membership, connected_only=True)
    listed = connected_accounts_listed(member=request.membership)
    form = TemplateDetailsForm(request.POST or None, accounts=accounts, listed=listed)
    if request.method == "POST" and form.is_valid():
        template = template_create(
            organization=request.membership.organization, actor=request.user, **form.cleaned_data
        )
        return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={template.languages[0]}")
    if request.method == "GET" and len(listed) == 1:
        form.initial["channel_account"] = listed[0]
    return render(
        request,
        "templates_app/step_details.html",
        {
            "form": form,
            "template": None,
            "has_accounts": bool(listed),
            "account_options": account_options(form),
            "languages": language_checklist(form.selected_languages),
        },
        status=422 if form.errors else 200,
    )


@role_required(*AUTHORS)
@require_http_methods(["GET", "POST"])
def template_details_edit(request, template_id: int):
    template, gone = editable_draft(request, template_id)
    if gone:
        return gone
    accounts = channel_accounts_for_member(member=request.membership, connected_only=True)
    initial = {
        "channel_account": template.channel_account,
        "name": template.name,
        "category": template.category,
        "languages": template.languages,
    }
    listed = connected_accounts_listed(member=request.membership)
    form = TemplateDetailsForm(
        request.POST or None, accounts=accounts, listed=listed, template=template, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        template_details_update(template=template, actor=request.user, **form.cleaned_data)
        return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={form.cleaned_data['languages'][0]}")
    return render(
        request,
        "templates_app/step_details.html",
        {
            "form": form,
            "template": template,
            "has_accounts": True,
            "account_options": account_options(form),
            "languages": language_checklist(form.selected_languages),
        },
        status=422 if form.errors else 200,
    )


# --- step 2 -----------------------------------------------------------------
def _edit_context(request, template, language: str, *, errors=None, problems=None):
    # One query for every language: the tabs need them all, the form the chosen one, the advisor each.
    contents = template_contents_read(template=template)
    content = next((c for c in contents if c.language == language), None)
    if content is None:
        raise Http404("This template has no content in that language.")
    errors = errors or {}
    spec = content.spec()
    samples = spec.body_samples()
    named = content.is_named
    keys = list(dict.fromkeys(k for k in variable_keys(content.body) if (k.isdigit() and k != "0") != named))
    if not named:
        keys.sort(key=int)
    sample_fields = [
        {
            "key": key,
            "token": variable_token(key),
            "value": samples.get(key, ""),
            "errors": errors.get(f"body_examples.{key if named else int(key) - 1}", []),
        }
        for key in keys
    ]
    buttons = [
        {
            "i": i,
            **button,
            "spec": BUTTON_KINDS.get(button.get("kind")) or BUTTON_KINDS["QUICK_REPLY"],
            "errors": {key.rsplit(".", 1)[1]: msgs for key, msgs in errors.items() if key.startswith(f"buttons.{i}.")},
        }
        for i, button in enumerate(content.buttons)
    ]
    return {
        "template": template,
        "content": content,
        "contents": contents,
        "errors": {key.replace(".", "_"): msgs for key, msgs in errors.items()},
        "problems": problems,
        "sample_fields": sample_fields,
        "buttons": buttons,
        "button_row_templates": button_row_templates(template.category),
        "choices": step_content_choices(content.header_format, content.parameter_format),
        "variable_name_max": VARIABLE_NAME_MAX,
        "limits": browser_limits(),
        "fixed": step_content_fixed(template.category),
        "urls": step_content_urls(template.pk, content.language),
        **content_preview(content, spec),
        "media_form": MediaSampleForm(),
        "otp_required": otp_required_for(template=template, member=request.membership),
    }


@role_required(*AUTHORS)
def template_edit(request, template_id: int):
    template, gone = editable_draft(request, template_id, with_contents=True)
    if gone:
        return gone
    language = request.GET.get("lang") or template.languages[0]
    if language not in template.languages:
        raise Http404("This template has no content in that language.")
    problems = template_problems(template=template) if request.GET.get("check") else None
    errors = problems.contents.get(language, {}) if problems else {}
    context = _edit_context(request, template, language, errors=errors, problems=problems)
    return render(request, "templates_app/step_content.html", context, status=422 if problems else 200)


def _apply_action(data: dict, action: str, *, category: str, new_name: str = "") -> tuple[dict, str]:
    """Structural edits for the form without JavaScript (the script does them in place).

    Returns the data and a message for the person when the edit could not be made.
    """
    kind, _sep, arg = action.partition(":")
    buttons = data["buttons"]
    if kind == "add_button" and arg in BUTTON_KINDS and BUTTON_KINDS[arg].allowed_in(category):
        same_kind = sum(1 for b in buttons if b.get("kind") == arg)
        if len(buttons) < BUTTONS_MAX and same_kind < BUTTON_KIND_MAX.get(arg, BUTTONS_MAX):
            buttons.append({"kind": arg, **dict.fromkeys(BUTTON_FIELDS, "")})
    elif kind in ("remove_button", "move_up", "move_down") and arg.isdigit() and int(arg) < len(buttons):
        i = int(arg)
        if kind == "remove_button":
            buttons.pop(i)
        elif kind == "move_up" and i > 0:
            buttons[i - 1], buttons[i] = buttons[i], buttons[i - 1]
        elif kind == "move_down" and i + 1 < len(buttons):
            buttons[i + 1], buttons[i] = buttons[i], buttons[i + 1]
    elif kind == "add_variable" and data.get("parameter_format") == NAMED:
        name = new_name.strip()
        if not VARIABLE_NAME.fullmatch(name) or len(name) > VARIABLE_NAME_MAX:
            return data, _("Name the variable with lowercase letters, digits and underscores, starting with a letter.")
        if name in variable_keys(data["body"]):
            return data, _("The message already has %(variable)s: choose another name.") % {
                "variable": variable_token(name)
            }
        data["body"] = f"{data['body'].rstrip()} {variable_token(name)}".lstrip()
    elif kind == "add_variable":
        n = max(variables_in(data["body"]), default=0) + 1
        data["body"] = f"{data['body'].rstrip()} {{{{{n}}}}}".lstrip()
    return data, ""


@role_required(*AUTHORS)
@require_POST
def content_update(request, template_id: int, language: str):
    """Save one language's content: autosave (JSON), "Save draft" and the no-JS structural buttons."""
    template = template_get_for_member(member=request.membership, template_id=template_id)
    content_get(template=template, language=language)
    action = request.POST.get("action", "")
    data, problem = _apply_action(
        content_data_from_post(request.POST),
        action,
        category=template.category,
        new_name=request.POST.get("new_variable_name", ""),
    )
    try:
        if action.startswith("parameter_format:"):
            notes = content_parameter_format_switch(
                template=template, actor=request.user, language=language, data=data, target=action.partition(":")[2]
            )
            for note in notes:
                messages.warning(request, note)
        else:
            content_save(template=template, actor=request.user, language=language, data=data)
    except ImmutableTemplateError as exc:
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": str(exc)}, status=409)
        messages.error(request, str(exc))
        return redirect("template_detail", template.pk)
    if _wants_json(request):
        return JsonResponse({"saved": True, "saved_at": timezone.localtime().strftime("%H:%M")})
    if problem:
        messages.error(request, problem)
    elif not action:
        messages.success(request, _("Draft saved."))
    target = request.POST.get("next_lang") or language
    if target not in template.languages:
        target = language
    return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={target}")


@role_required(*AUTHORS)
@require_POST
def media_upload(request, template_id: int, language: str):
    template, gone = editable_draft(request, template_id)
    if gone:
        return gone
    content = content_get(template=template, language=language)
    form = MediaSampleForm(request.POST, request.FILES)
    error = None
    if form.is_valid():
        try:
            content_media_attach(
                template=template,
                actor=request.user,
                language=language,
                upload=form.cleaned_data["media_sample"],
                header_format=request.POST.get("header_format") or content.header_format,
                all_languages=form.cleaned_data["all_languages"],
            )
        except TemplateError as exc:
            error = str(exc)
    else:
        error = " ".join(form.errors.get("media_sample", [_("The file could not be uploaded.")]))
    if error:
        context = _edit_context(request, template, language, errors={"media_sample": [error]})
        return render(request, "templates_app/step_content.html", context, status=422)
    messages.success(
        request, _("Sample added to all languages.") if form.cleaned_data["all_languages"] else _("Sample added.")
    )
    return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={language}")


@role_required(*AUTHORS)
@require_POST
def media_remove(request, template_id: int, language: str):
    template, gone = editable_draft(request, template_id)
    if gone:
        return gone
    content_get(template=template, language=language)
    content_media_remove(template=template, actor=request.user, language=language)
    return redirect(f"{reverse('template_edit', args=[template.pk])}?lang={language}")
