"""Settings > Channels: "Connect WhatsApp account" and choosing its phone number (Admins only)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import ADMINS, role_required
from accounts.selectors import channel_account_get_for_member

from .whatsapp_accounts import ConnectionRefused, channel_account_connect, channel_account_number_set, phone_numbers_of


class ConnectForm(forms.Form):
    waba_id = forms.RegexField(
        label=_("WhatsApp Business Account ID"),
        regex=r"^[0-9]{1,64}$",
        error_messages={"invalid": _("Enter the ID as digits only.")},
    )
    app_id = forms.RegexField(
        label=_("Meta app ID"), regex=r"^[0-9]{1,64}$", error_messages={"invalid": _("Enter the ID as digits only.")}
    )
    app_secret = forms.CharField(
        label=_("App secret"), max_length=256, widget=forms.PasswordInput(render_value=False), strip=True
    )
    access_token = forms.CharField(
        label=_("System user access token"),
        max_length=2048,
        widget=forms.PasswordInput(render_value=False),
        strip=True,
    )


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def channel_connect(request):
    form = ConnectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account, check = channel_account_connect(
                organization=request.membership.organization, actor=request.user, **form.cleaned_data
            )
        except ConnectionRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, gettext("%(account)s is connected.") % {"account": account.display_name})
            if not account.phone_number_id:
                return redirect("channel_phone_number", account_id=account.pk)
            return redirect("channel_account_detail", account_id=account.pk)
    return render(request, "templates_app/channel_connect.html", {"form": form})


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def channel_phone_number(request, account_id: int):
    account = channel_account_get_for_member(member=request.membership, account_id=account_id)
    if account.provider != "meta" or account.disconnected_at:
        return redirect("channel_account_detail", account_id=account.pk)
    try:
        numbers = phone_numbers_of(account=account)
    except ConnectionRefused as refused:
        return render(
            request, "templates_app/channel_phone_number.html", {"account": account, "error": refused.message}
        )
    if request.method == "POST":
        chosen = next((n for n in numbers if n.id == request.POST.get("phone_number_id")), None)
        if chosen is not None:
            channel_account_number_set(account=account, actor=request.user, number=chosen)
            messages.success(
                request,
                gettext("%(account)s sends from %(number)s.")
                % {"account": account.display_name, "number": chosen.display},
            )
            return redirect("channel_account_detail", account_id=account.pk)
        messages.error(request, gettext("Choose one of the account's phone numbers."))
    return render(request, "templates_app/channel_phone_number.html", {"account": account, "numbers": numbers})
