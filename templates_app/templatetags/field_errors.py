from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def field_errors(messages):
    """{% field_errors errors.body %}: a field's messages under it; most fields have none, which costs nothing."""
    if not messages:
        return ""
    return format_html_join("", '<div class="field-error" role="alert">{}</div>', ((m,) for m in messages))
