"""/admin/: operators sign in with email, password and a TOTP code (django-otp's OTPAdminSite).

A staff password alone opens nothing: the site treats a user without a
verified TOTP device as not staff. Emailed verification codes (the otp app's
EmailDevice) are a check against hijacked sessions, not a factor, so they
never count here. Devices are enrolled with `python manage.py totp_enroll`.
"""

from django_otp.admin import OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import OperatorLoginForm


class OperatorsAdminSite(OTPAdminSite):
    site_header = "Qontak Broadcast operations"
    site_title = "Qontak Broadcast"
    login_form = OperatorLoginForm
    login_template = "admin/operators_login.html"

    def __init__(self, name: str = "admin"):
        super().__init__(name)

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and isinstance(request.user.otp_device, TOTPDevice)
