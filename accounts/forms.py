from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_totp.models import TOTPDevice

from .backends import THROTTLED_MESSAGE
from .languages import language_for_recipient
from .mail import email_queue
from .throttle import password_reset_allowed


class ThrottledLoginMixin:
    """Say why a sign-in was refused when django-axes locked out this email from this address."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise forms.ValidationError(THROTTLED_MESSAGE, code="throttled") from None
            raise


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    """Email and password; one message whether the email is unknown or the password wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That email and password don't match an account. Check both and try again."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email")
        self.fields["username"].widget = forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
        self.fields["password"].label = _("Password")


class OperatorLoginForm(ThrottledLoginMixin, OTPAdminAuthenticationForm):
    """/admin/ sign-in: email, password and the code of the operator's TOTP device.

    Only a confirmed TOTP device counts; emailed verification codes (the otp
    app) are never a second factor. The device is the user's own, never one
    chosen by the form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email")
        self.fields["otp_token"].label = _("Code from your authenticator app")
        self.fields["otp_device"].widget = forms.HiddenInput()

    def _chosen_device(self, user):
        return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()

    def _verify_token(self, user, token, device=None):
        if device is None:
            raise forms.ValidationError(
                _(
                    "This account has no authenticator app enrolled. An operator can enroll one with "
                    "`python manage.py totp_enroll`."
                ),
                code="no_device",
            )
        return super()._verify_token(user, token, device)

    @staticmethod
    def device_choices(user):
        return []


class OrganizationSwitchForm(forms.Form):
    organization = forms.IntegerField()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset flow, but the email goes through the product's one email path (a task).

    The link is built from SITE_URL, never from the request's Host header,
    and at most PASSWORD_RESET_LIMIT mails go per email and per client
    address an hour; past that the page answers the same and sends nothing.
    """

    def save(self, *args, request=None, **kwargs):
        from qontak_broadcast.client_address import client_ip

        email = self.cleaned_data["email"]
        if not password_reset_allowed(email=email, ip=client_ip(request) if request else None):
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        reset_url = f"{settings.SITE_URL}{path}"
        email_queue(
            to=[to_email],
            template="password_reset",
            context={"email": to_email},
            sealed_context={"reset_url": reset_url},
            expires=settings.PASSWORD_RESET_TIMEOUT,
            language=language_for_recipient(context["user"]),
        )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
