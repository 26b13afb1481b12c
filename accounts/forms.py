from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm

from .mail import email_queue
from .throttle import login_blocked, login_failed, login_succeeded


class LoginForm(AuthenticationForm):
    """Email and password; one message whether the email is unknown or the password wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password don't match an account. Check both and try again.",
        "throttled": "Too many failed attempts. Wait 15 minutes and try again, or reset your password.",
    }

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        ip = self.request.META.get("REMOTE_ADDR") if self.request else None
        if login_blocked(email=email, ip=ip):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failed(email=email, ip=ip)
            raise
        login_succeeded(email=email)
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email"
        self.fields["username"].widget = forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
        self.fields["password"].label = "Password"


class OrganizationSwitchForm(forms.Form):
    organization = forms.IntegerField()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset flow, but the email goes through the product's one email path (a task)."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        reset_url = f"{context['protocol']}://{context['domain']}/accounts/reset/{context['uid']}/{context['token']}/"
        email_queue(
            to=[to_email],
            template="password_reset",
            context={"email": to_email},
            sealed_context={"reset_url": reset_url},
            expires=settings.PASSWORD_RESET_TIMEOUT,
        )
