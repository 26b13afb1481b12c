from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from .forms import LanguageForm, LoginForm, OrganizationSwitchForm, PasswordResetForm
from .middleware import SESSION_KEY
from .models import DevMail
from .permissions import ADMINS, role_required
from .selectors import channel_account_get_for_member, channel_accounts_for_member, memberships_for_user
from .services import user_language_set


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html")


@require_POST
@login_required
def organization_switch(request):
    form = OrganizationSwitchForm(request.POST)
    if not form.is_valid():
        return redirect("dashboard")
    membership = (
        memberships_for_user(user=request.user).filter(organization_id=form.cleaned_data["organization"]).first()
    )
    if membership is None:
        raise Http404("No such organization.")
    # A new organization is a new security context: rotate the session key.
    request.session.cycle_key()
    request.session[SESSION_KEY] = membership.organization_id
    messages.success(
        request, _("You are now working in %(organization)s.") % {"organization": membership.organization.name}
    )
    return redirect("dashboard")


@role_required(*ADMINS)
def channel_account_list(request):
    accounts = channel_accounts_for_member(member=request.membership)
    return render(request, "accounts/channel_account_list.html", {"accounts": accounts})


@role_required(*ADMINS)
def channel_account_detail(request, account_id: int):
    account = channel_account_get_for_member(member=request.membership, account_id=account_id)
    events = account.events.select_related("actor")[:50]
    return render(request, "accounts/channel_account_detail.html", {"account": account, "events": events})


def _dev_mailbox_enabled():
    # Settings enable it only with DEBUG; checked again here so no configuration mistake exposes it.
    if not (settings.DEBUG and settings.DEV_MAILBOX_ENABLED):
        raise Http404("The development mailbox is only available with DEBUG on and no SMTP server configured.")


def dev_mailbox(request):
    _dev_mailbox_enabled()
    return render(request, "accounts/dev_mailbox.html", {"mails": DevMail.objects.all()[:100]})


def dev_mailbox_message(request, mail_id: int):
    _dev_mailbox_enabled()
    return render(request, "accounts/dev_mailbox_message.html", {"mail": get_object_or_404(DevMail, pk=mail_id)})


@require_POST
def language_switch(request):
    """The switcher in the user menu: remembered in the profile when signed in, else in a cookie."""
    form = LanguageForm(request.POST)
    if form.is_valid() and request.user.is_authenticated:
        user_language_set(user=request.user, language=form.cleaned_data["language"])
    # Django's view sets the cookie and goes back to a same-site `next` only.
    return set_language(request)
