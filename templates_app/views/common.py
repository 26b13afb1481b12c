"""What the template pages share: the draft-or-read-only guard and the preview bubbles."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse

from ..markup import render_markup
from ..selectors import template_get_for_member
from ..spec import BUTTON_KINDS


def editable_draft(request, template_id: int):
    """The member's draft, or a redirect to its read-only page once it left Draft."""
    template = template_get_for_member(member=request.membership, template_id=template_id)
    if not template.is_draft:
        messages.info(
            request, "This template was submitted and can no longer be edited. Duplicate it to start a new draft."
        )
        return template, redirect("template_detail", template.pk)
    return template, None


def content_preview(content) -> dict:
    """One language as the WhatsApp bubble shows it: header, body with samples, footer, buttons.

    The same shapes wizard.js draws from the same vocabulary (templates_app.spec).
    """
    spec = content.spec()
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
