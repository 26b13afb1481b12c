"""Pages for real WhatsApp accounts (Admins only): Settings > Channels ("Connect WhatsApp account", its phone
number, "Import from WhatsApp") and "Delete from WhatsApp" on a template's page."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import ADMINS, role_required
from accounts.selectors import channel_account_get_for_member
from otp.dialog import CodeStep, DialogUrls, dialog_closed
from otp.selectors import challenge_ready
from otp.services import RequestMeta
from qontak_broadcast.dialogs import render_dialog

from .selectors import organization_asks_for_codes, template_get_for_member, whatsapp_delete_refusal
from .services import (
    NAME_REUSE_NOTE,
    PURPOSE_WHATSAPP_DELETE,
    TemplateError,
    template_delete_from_whatsapp,
    whatsapp_delete_digest,
)
from .views.common import page_redirect
from .whatsapp_accounts import (
    PURPOSE_DISCONNECT,
    PURPOSE_SECRETS,
    ConnectionRefused,
    account_asks_for_codes,
    account_connected,
    channel_account_connect,
    channel_account_disconnect,
    channel_account_number_set,
    channel_account_secrets_change,
    phone_numbers_of,
    templates_import_queue,
)


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


# What channel_account_secrets_change reports as changed, in the reader's language.
SECRET_NAMES = {"app secret": gettext_lazy("app secret"), "access token": gettext_lazy("access token")}


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
                request,
                gettext("%(account)s is connected. Its templates are being imported from WhatsApp.")
                % {"account": account.display_name},
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
            messages.success(
                request,
                gettext("%(account)s sends from %(number)s.")
                % {"account": account.display_name, "number": chosen.display},
            )
            return redirect("channel_account_detail", account_id=account.pk)
        messages.error(request, gettext("Choose one of the account's phone numbers."))
    return render(request, "templates_app/channel_phone_number.html", {"account": account, "numbers": numbers})


@role_required(*ADMINS)
@require_POST
def channel_import(request, account_id: int):
    """ "Import from WhatsApp": every template of the account arrives in the list, read-only (a task)."""
    account = channel_account_get_for_member(member=request.membership, account_id=account_id)
    if account.provider != "meta" or account.disconnected_at:
        messages.info(request, gettext("Only a connected WhatsApp account has templates to import."))
    else:
        templates_import_queue(account=account, actor=request.user)
        messages.success(
            request,
            gettext("Importing the account's templates from WhatsApp: they appear in the template list in a moment."),
        )
    return redirect("channel_account_detail", account_id=account.pk)


# --- "Delete from WhatsApp" on a template's page ------------------------------------
# Trace: the button -> template_whatsapp_delete shows what will happen (the name
# can't be used again for 30 days) -> whatsapp_delete_confirm: with the toggle on,
# a code bound to this template is emailed (CodeStep) -> whatsapp_delete_verify ->
# services.template_delete_from_whatsapp consumes the verified code in its
# transaction and deletes through the Graph API.
def _deletable(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    refusal = whatsapp_delete_refusal(template=template)
    if refusal:
        messages.info(request, refusal)
        return template, page_redirect(request, reverse("template_detail", args=[template.pk]))
    return template, None


def _delete_step(template) -> CodeStep:
    return CodeStep(
        flow=f"whatsapp_delete:{template.pk}",
        purpose=PURPOSE_WHATSAPP_DELETE,
        subject=template,
        digest=whatsapp_delete_digest(template),
        urls=DialogUrls(
            verify=reverse("template_whatsapp_delete_verify", args=[template.pk]),
            resend=reverse("template_whatsapp_delete_resend", args=[template.pk]),
            cancel=reverse("template_whatsapp_delete_cancel", args=[template.pk]),
        ),
        action=gettext("delete the WhatsApp template “%(name)s” from WhatsApp") % {"name": template.name},
        intro=gettext("Enter the code to delete “%(name)s” from WhatsApp.") % {"name": template.name},
        details=[
            (gettext("Template"), template.name),
            (gettext("Account"), str(template.channel_account)),
            (gettext("Languages"), ", ".join(template.language_names)),
        ],
    )


def _delete(request, template):
    try:
        template_delete_from_whatsapp(template=template, actor=request.user, meta=RequestMeta.from_request(request))
    except TemplateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            gettext("“%(name)s” was deleted from WhatsApp.") % {"name": template.name} + " " + str(NAME_REUSE_NOTE),
        )
    return page_redirect(request, reverse("template_detail", args=[template.pk]))


@role_required(*ADMINS)
@require_POST
def template_whatsapp_delete(request, template_id: int):
    """ "Delete from WhatsApp": say what it means before anything happens."""
    template, gone = _deletable(request, template_id)
    if gone:
        return gone
    return render_dialog(
        request,
        "templates_app/dialog_confirm_action.html",
        {
            "title": gettext("Delete “%(name)s” from WhatsApp?") % {"name": template.name},
            "lines": [
                gettext(
                    "Every language of “%(name)s” (%(languages)s) is deleted on WhatsApp "
                    "and can no longer be sent. The template stays in this list as Deleted."
                )
                % {"name": template.name, "languages": ", ".join(template.language_names)},
                str(NAME_REUSE_NOTE) + " " + gettext("To send this content again, duplicate it under another name."),
            ],
            "otp_required": organization_asks_for_codes(template=template),
            "action_url": reverse("template_whatsapp_delete_confirm", args=[template.pk]),
            "cancel_url": reverse("template_detail", args=[template.pk]),
            "button": gettext("Delete from WhatsApp"),
        },
    )


@role_required(*ADMINS)
@require_POST
def whatsapp_delete_confirm(request, template_id: int):
    template, gone = _deletable(request, template_id)
    if gone:
        return gone
    if organization_asks_for_codes(template=template):
        return _delete_step(template).issue(request)
    return _delete(request, template)


@role_required(*ADMINS)
@require_POST
def whatsapp_delete_resend(request, template_id: int):
    template, gone = _deletable(request, template_id)
    if gone:
        return gone
    return _delete_step(template).resend(request)


@role_required(*ADMINS)
@require_POST
def whatsapp_delete_verify(request, template_id: int):
    template, gone = _deletable(request, template_id)
    if gone:
        return gone
    result, failed = _delete_step(template).verify(request)
    if failed:
        return failed
    return _delete(request, template)


@role_required(*ADMINS)
@require_POST
def whatsapp_delete_cancel(request, template_id: int):
    template = template_get_for_member(member=request.membership, template_id=template_id)
    _delete_step(template).cancel(request)
    return dialog_closed(request, fallback_url=reverse("template_detail", args=[template.pk]))


# --- a connected account's secrets and disconnecting it (Settings > Channels) ----------
# Trace, secrets: "Change secrets" -> channel_secrets (GET). With the toggle on the
# code comes first: channel_secrets_confirm emails it (CodeStep) ->
# channel_secrets_verify -> the form -> channel_secrets (POST) checks the new
# secrets live and whatsapp_accounts.channel_account_secrets_change consumes the
# verified code. Disconnect: channel_disconnect (what it means) ->
# channel_disconnect_confirm (code, with the toggle on) -> channel_disconnect_verify
# -> channel_account_disconnect consumes it.
class SecretsForm(forms.Form):
    app_secret = forms.CharField(
        label=_("New app secret"),
        required=False,
        max_length=256,
        widget=forms.PasswordInput(render_value=False),
        strip=True,
        help_text=_("Leave empty to keep the stored one."),
    )
    access_token = forms.CharField(
        label=_("New system user access token"),
        required=False,
        max_length=2048,
        widget=forms.PasswordInput(render_value=False),
        strip=True,
        help_text=_("Leave empty to keep the stored one."),
    )


def _connected_account(request, account_id: int):
    account = channel_account_get_for_member(member=request.membership, account_id=account_id)
    if not account_connected(account):
        messages.info(request, gettext("Only a connected WhatsApp account can be changed or disconnected."))
        return account, page_redirect(request, reverse("channel_account_detail", args=[account.pk]))
    return account, None


def _account_step(account, *, purpose: str, what: tuple, name: str) -> CodeStep:
    return CodeStep(
        flow=f"{purpose}:{account.pk}",
        purpose=purpose,
        subject=account,
        urls=DialogUrls(
            verify=reverse(f"{name}_verify", args=[account.pk]),
            resend=reverse(f"{name}_resend", args=[account.pk]),
            cancel=reverse(f"{name}_cancel", args=[account.pk]),
        ),
        action=str(what[0]) % {"account": account.display_name},
        intro=str(what[1]) % {"account": account.display_name},
        details=[(gettext("Account"), str(account)), (gettext("WhatsApp Business Account ID"), account.waba_id)],
    )


def _secrets_step(account) -> CodeStep:
    return _account_step(
        account,
        purpose=PURPOSE_SECRETS,
        what=(
            gettext_lazy("change the app secret or access token of the WhatsApp account “%(account)s”"),
            gettext_lazy("Enter the code to change the app secret or access token of “%(account)s”."),
        ),
        name="channel_secrets",
    )


def _disconnect_step(account) -> CodeStep:
    return _account_step(
        account,
        purpose=PURPOSE_DISCONNECT,
        what=(
            gettext_lazy("disconnect the WhatsApp account “%(account)s”"),
            gettext_lazy("Enter the code to disconnect “%(account)s”."),
        ),
        name="channel_disconnect",
    )


@role_required(*ADMINS)
@require_http_methods(["GET", "POST"])
def channel_secrets(request, account_id: int):
    """Change the app secret or the access token: checked live, saved encrypted, never shown back."""
    account, gone = _connected_account(request, account_id)
    if gone:
        return gone
    needs_code = account_asks_for_codes(account=account) and not challenge_ready(
        user=request.user, purpose=PURPOSE_SECRETS, subject=account
    )
    form = SecretsForm(request.POST if request.method == "POST" and not needs_code else None)
    if request.method == "POST" and not needs_code and form.is_valid():
        try:
            changed = channel_account_secrets_change(
                account=account, actor=request.user, meta=RequestMeta.from_request(request), **form.cleaned_data
            )
        except ConnectionRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(
                request,
                gettext("The %(what)s of %(account)s changed.")
                % {
                    "what": gettext(" and ").join(str(SECRET_NAMES.get(c, c)) for c in changed),
                    "account": account.display_name,
                },
            )
            return redirect("channel_account_detail", account_id=account.pk)
    return render(
        request,
        "templates_app/channel_secrets.html",
        {"account": account, "form": form, "needs_code": needs_code},
        status=422 if form.errors else 200,
    )


@role_required(*ADMINS)
@require_POST
def channel_secrets_confirm(request, account_id: int):
    account, gone = _connected_account(request, account_id)
    if gone:
        return gone
    if not account_asks_for_codes(account=account):
        return page_redirect(request, reverse("channel_secrets", args=[account.pk]))
    return _secrets_step(account).issue(request)


@role_required(*ADMINS)
@require_POST
def channel_secrets_resend(request, account_id: int):
    account, gone = _connected_account(request, account_id)
    if gone:
        return gone
    return _secrets_step(account).resend(request)


@role_required(*ADMINS)
@require_POST
def channel_secrets_verify(request, account_id: int):
    account, gone = _connected_account(request, account_id)
    if gone:
        return gone
    result, failed = _secrets_step(account).verify(request)
    if failed:
        return failed
    return page_redirect(request, reverse("channel_secrets", args=[account.pk]))


@role_required(*ADMINS)
@require_POST
def channel_secrets_cancel(request, account_id: int):
    account = channel_account_get_for_member(member=request.membership, account_id=account_id)
    _secrets_step(account).cancel(request)
    return dialog_closed(request, fallback_url=reverse("channel_account_detail", args=[account.pk]))


def _disconnect(request, account):
    try:
        channel_account_disconnect(account=account, actor=request.user, meta=RequestMeta.from_request(request))
    except ConnectionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            gettext("%(account)s is disconnected. Its templates stay, read-only.") % {"account": account.display_name},
        )
    return page_redirect(request, reverse("channel_account_detail", args=[account.pk]))


@role_required(*ADMINS)
@require_POST
def channel_disconnect(request, account_id: int):
    """ "Disconnect": say what it means before anything happens."""
    account, gone = _connected_account(request, account_id)
    if gone:
        return gone
    return render_dialog(
        request,
        "templates_app/dialog_confirm_action.html",
        {
            "title": gettext("Disconnect %(account)s?") % {"account": account.display_name},
            "lines": [
                gettext(
                    "Its templates stay in the list, read-only: no new templates, submissions or retries on this "
                    "account, and their status is no longer synced."
                ),
                gettext("The access token is forgotten. To use the account again, connect it again."),
            ],
            "otp_required": account_asks_for_codes(account=account),
            "action_url": reverse("channel_disconnect_confirm", args=[account.pk]),
            "cancel_url": reverse("channel_account_detail", args=[account.pk]),
            "button": gettext("Disconnect"),
        },
    )


@role_required(*ADMINS)
@require_POST
def channel_disconnect_confirm(request, account_id: int):
    account, gone = _connected_account(request, account_id)
    if gone:
        return gone
    if account_asks_for_codes(account=account):
        return _disconnect_step(account).issue(request)
    return _disconnect(request, account)


@role_required(*ADMINS)
@require_POST
def channel_disconnect_resend(request, account_id: int):
    account, gone = _connected_account(request, account_id)
    if gone:
        return gone
    return _disconnect_step(account).resend(request)


@role_required(*ADMINS)
@require_POST
def channel_disconnect_verify(request, account_id: int):
    account, gone = _connected_account(request, account_id)
    if gone:
        return gone
    result, failed = _disconnect_step(account).verify(request)
    if failed:
        return failed
    return _disconnect(request, account)


@role_required(*ADMINS)
@require_POST
def channel_disconnect_cancel(request, account_id: int):
    account = channel_account_get_for_member(member=request.membership, account_id=account_id)
    _disconnect_step(account).cancel(request)
    return dialog_closed(request, fallback_url=reverse("channel_account_detail", args=[account.pk]))
