from django import template

from templates_app.reasons import reason_display
from templates_app.reasons import screen_where as screen_where_display

register = template.Library()


@register.filter
def reason(text: str) -> str:
    """A stored status reason in the reader's language (templates_app.reasons)."""
    return reason_display(text)


@register.filter
def screen_where(where: str) -> str:
    """Where the content screen found something, in the reader's words."""
    return screen_where_display(where)
