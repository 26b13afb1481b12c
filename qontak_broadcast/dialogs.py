"""Dialogs that work both ways: an htmx modal, or a plain page without JavaScript."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_dialog(request, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    """Render `template` (a dialog body) as a modal for htmx, else inside a full page."""
    if getattr(request, "htmx", False):
        html = render_to_string("partials/dialog.html", {**context, "dialog_template": template}, request=request)
    else:
        html = render_to_string("partials/dialog_page.html", {**context, "dialog_template": template}, request=request)
    return HttpResponse(html, status=status)
