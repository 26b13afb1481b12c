from django import template

from otp.lockout import code_locks_listed

register = template.Library()


@register.simple_tag
def code_locks(membership):
    """Members of the organization whose verification codes are locked (the Security page's unlock section)."""
    if membership is None:
        return []
    return code_locks_listed(organization_id=membership.organization_id)
