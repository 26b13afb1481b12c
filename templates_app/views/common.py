"""What the template pages share: the draft-or-read-only guard and the preview bubbles."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from otp.dialog import CodeStep, DialogUrls
from qontak_broadcast.dialogs import render_dialog

from ..markup import render_markup
from ..selectors import otp_required_for, template_get_for_editing
from ..spec import BUTTON_KINDS

QUOTE_CHARS = 160


def editable_draft(request, template_id: int, *, with_contents: bool = False):
    """The member's draft, or a redirect to its read-only page once it left Draft (`with_contents`: its contents
    read along, for a page that shows them all)."""
    template = template_get_for_editing(member=request.membership, template_id=template_id, with_contents=with_contents)
    if not template.is_draft:
        messages.info(
            request, _("This template was submitted and can no longer be edited. Duplicate it to start a new draft.")
        )
        return template, redirect("template_detail", template.pk)
    return template, None


def content_preview(content, spec=None) -> dict:
    """One language as the WhatsApp bubble shows it: header, body with samples, footer, buttons (`spec`: the
    content's, when the caller already read it).

    The same shapes wizard.js draws from the same vocabulary (templates_app.spec).
    """
    spec = spec or content.spec()
    return {
        "preview_header": render_markup(spec.header_text, spec.header_samples()),
        "preview_body": render_markup(spec.body, spec.body_samples()),
        "preview_buttons": preview_buttons(spec),
    }


def preview_buttons(spec) -> list[dict]:
    shown = []
    for button in spec.buttons:
        kind = BUTTON_KINDS.get(button.kind)
        if kind is None:
            continue
        text = "" if kind.fixed_text else button.text.strip()
        shown.append({"kind": kind.code, "icon": kind.icon, "spoken": kind.spoken, "text": text or kind.placeholder})
        shown[-1]["empty"] = not kind.fixed_text and not text
    return shown


def content_previews(template) -> list[dict]:
    """Each language's bubble, for the template's page and the confirm step."""
    return [{"content": content, **content_preview(content)} for content in template.contents.all()]


def back_to_problems(request, template, language: str):
    """Back to step 2 with every rule's message next to its field."""
    return page_redirect(request, f"{reverse('template_edit', args=[template.pk])}?lang={language}&check=1")


def page_redirect(request, url: str):
    """Leave a dialog for a page: htmx follows HX-Redirect, a plain form a 303."""
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    response = HttpResponseRedirect(url)
    response.status_code = 303  # See Other: the result of a POST, fetched with GET
    return response


def content_quotes(template) -> list[tuple[str, str]]:
    """The start of each language's body, for the code email: the mail alone says what is confirmed."""
    quotes = []
    for content in template.contents.all():
        body = " ".join(content.body.split())
        if len(body) > QUOTE_CHARS:
            body = body[: QUOTE_CHARS - 1].rstrip() + "…"
        quotes.append(
            (_("%(language)s (%(code)s) body") % {"language": content.language_name, "code": content.language}, body)
        )
    return quotes


def content_details(template) -> list[tuple[str, str]]:
    return [
        (_("Template"), template.name),
        (_("Category"), str(template.get_category_display())),
        (_("Account"), str(template.channel_account)),
        (_("Languages"), ", ".join(template.language_names)),
    ]


def template_code_step(
    template,
    *,
    flow: str,
    purpose: str,
    digest: str,
    action: str,
    intro: str,
    hidden: dict[str, str],
    decision: str = "",
) -> CodeStep:
    """The emailed-code step of one action on one template (its URLs are `template_<flow>_verify` and so on).

    One pending code per template and flow: confirming another template in
    a second tab never replaces this one's. The email names the template and
    quotes its content, and `decision` (a review's) when there is one.
    """
    details = content_details(template) + ([(_("Decision"), decision)] if decision else [])
    return CodeStep(
        flow=f"{flow}_template:{template.pk}",
        purpose=purpose,
        subject=template,
        digest=digest,
        urls=DialogUrls(
            verify=reverse(f"template_{flow}_verify", args=[template.pk]),
            resend=reverse(f"template_{flow}_resend", args=[template.pk]),
            cancel=reverse(f"template_{flow}_cancel", args=[template.pk]),
        ),
        action=action,
        intro=intro,
        details=details,
        quotes=content_quotes(template),
        hidden=hidden,
    )


def confirm_dialog(
    request,
    template,
    *,
    title: str,
    fingerprint: str,
    action_url: str,
    cancel_url: str,
    button: str,
    retry: bool = False,
    approval_required: bool = False,
    findings=(),
    blocked: bool = False,
    changed: str = "",
    status: int = 200,
):
    """The confirm step: every language's bubble, account and category, and the fingerprint of exactly that."""
    return render_dialog(
        request,
        "templates_app/dialog_submit.html",
        {
            "title": title,
            "template": template,
            "previews": content_previews(template),
            "fingerprint": fingerprint,
            "otp_required": otp_required_for(template=template),
            "approval_required": approval_required,
            "findings": list(findings),
            "blocked": blocked,
            "changed": changed,
            "action_url": action_url,
            "cancel_url": cancel_url,
            "button": button,
            "retry": retry,
        },
        status=status,
    )
