"""Settings > Security, "Locked verification codes": an Admin unlocks a member's codes early.

The section is drawn by security_settings/locked_members.html (included in
security.html); the Unlock button posts here.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.permissions import ADMINS, role_required
from otp.lockout import CodeLockSelfRelease, code_lock_get_for_admin, code_lock_release


@role_required(*ADMINS)
@require_POST
def code_lock_release_view(request, lock_id: int):
    lock = code_lock_get_for_admin(organization_id=request.membership.organization_id, lock_id=lock_id)
    if lock is None:
        raise Http404("No such lock.")
    try:
        code_lock_release(lock=lock, actor=request.user)
    except CodeLockSelfRelease as exc:
        messages.error(request, str(exc))
        return redirect("security")
    messages.success(request, gettext("%(email)s can use verification codes again.") % {"email": lock.user.email})
    return redirect("security")
