from zoneinfo import available_timezones

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEntry, Language, Role, User

ROLE_CHOICES = Role.choices
TIME_ZONES = sorted(available_timezones() - {"localtime", "Factory"})
# The zones of Indonesia first: most organizations work in one of them.
TIME_ZONE_CHOICES = [
    ("Indonesia", [(z, z) for z in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")]),
    (_("All time zones"), [(z, z) for z in TIME_ZONES]),
]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=Role.AGENT)

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"].strip())


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)


class AcceptNewAccountForm(forms.Form):
    """The invitee's account: their name and a password (checked by the password validators)."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords don't match."))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=[("", _("Same as my browser")), *Language.choices],
        required=False,
        help_text=_("Pages and emails are in this language. The switcher in the user menu changes it too."),
    )


class EmailChangeForm(forms.Form):
    email = forms.EmailField(label=_("New email"), max_length=254)
    password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Someone who only holds your session can't move your account to their address."),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"].strip())
        if email.lower() == self.user.email.lower():
            raise forms.ValidationError(_("This is already your email address."))
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Another account already uses this email address."))
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Your current password is not right."))
        return password


class PasswordChangeForm(DjangoPasswordChangeForm):
    error_messages = {
        **DjangoPasswordChangeForm.error_messages,
        "password_incorrect": _("Your current password is not right."),
        "password_mismatch": _("The two passwords don't match."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password1"].help_text = ""
        self.fields["new_password2"].label = _("New password again")
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONE_CHOICES,
        help_text=_("Every time the product shows to this organization's members is in this zone."),
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("The organization needs a name."))
        return name


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What"), required=False, choices=[("", _("Every change")), *AuditEntry.Action.choices]
    )
    who = forms.CharField(label=_("Who"), required=False, max_length=254)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return cleaned
