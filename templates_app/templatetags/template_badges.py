from django import template

from ..views.fragments import status_badge as render_status_badge

register = template.Library()


@register.simple_tag
def status_badge(template):
    """{% status_badge template %}: the one status badge, also drawn by the template list's rows."""
    return render_status_badge(template)
