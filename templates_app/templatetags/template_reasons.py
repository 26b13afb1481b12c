from django import template

from templates_app.reasons import reason_display

register = template.Library()


@register.filter
def reason(text: str) -> str:
    """A stored status reason in the reader's language (templates_app.reasons)."""
    return reason_display(text)
