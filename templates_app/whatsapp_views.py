"""Settings > Channels: "Connect WhatsApp account" and choosing its phone number (Admins only)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import ADMINS, role_required
from accounts.selectors import channel_account_get_for_member
from otp.services import RequestMeta

from .whatsapp_accounts import (
    ConnectionRefused,
    channel_account_connect,
    channel_account_number_set,
    phone_numbers_of,
    templates_import_queue,
)


class ConnectForm(forms.Form):
    waba_id = forms.RegexField(
        label="WhatsApp Business Account ID",
        regex=r"^[0-9]{1,64}$",
        error_messages={"invalid": "Enter the ID as digits only."},
    )
    app_id = forms.RegexField(
        label="Meta app ID", regex=r"^[0-9]{1,64}$", error_messages={"invalid": "Enter the ID as digits only."}
    )
    app_secret = forms.CharField(
        label="App secret", max_length=256, widget=forms.PasswordInput(render_value=False), strip=True
    )
    access_token = forms.CharField(
        label="System user access token", max_length=2048, widget=forms.PasswordInput(render_value=False), strip=True
    )


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def channel_connect(request):
    form = ConnectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account, check = channel_account_connect(
                organization=request.membership.organization,
                actor=request.user,
                meta=RequestMeta.from_request(request),
                **form.cleaned_data,
            )
        except ConnectionRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(
                request, f"{account.display_name} is connected. Its templates are being imported from WhatsApp."
            )
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
            messages.success(request, f"{account.display_name} sends from {chosen.display}.")
            return redirect("channel_account_detail", account_id=account.pk)
        messages.error(request, "Choose one of the account's phone numbers.")
    return render(request, "templates_app/channel_phone_number.html", {"account": account, "numbers": numbers})


@role_required(*ADMINS)
@require_POST
def channel_import(request, account_id: int):
    """ "Import from WhatsApp": every template of the account arrives in the list, read-only (a task)."""
    account = channel_account_get_for_member(member=request.membership, account_id=account_id)
    if account.provider != "meta" or account.disconnected_at:
        messages.info(request, "Only a connected WhatsApp account has templates to import.")
    else:
        templates_import_queue(account=account, actor=request.user)
        messages.success(
            request, "Importing the account's templates from WhatsApp: they appear in the template list in a moment."
        )
    return redirect("channel_account_detail", account_id=account.pk)
