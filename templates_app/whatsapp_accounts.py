"""Connecting a WhatsApp Business Account from Settings > Channels (Admins).

Trace: the Connect form (whatsapp_views.channel_connect) -> channel_account_connect
checks the credentials live (providers.meta.connection_check: token, account,
app secret and app ID, phone numbers, webhook subscription) and only then
saves the account, secrets encrypted, and queues the import of its templates.
With several phone numbers the admin picks one next (channel_phone_number ->
channel_account_number_set).

Changing a connected account's secrets or disconnecting it is audited and,
with the organization's toggle on, needs the admin's emailed code: the code
step comes first (whatsapp_views, otp.dialog.CodeStep) and these services
consume the verified code in their own transaction.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from accounts.models import ChannelAccount, ChannelAccountEvent, Organization
from accounts.models import Provider as ProviderChoice
from accounts.services import channel_account_event_record
from otp.services import challenge_consume
from qontak_broadcast.availability import require_task_queue
from security_settings.selectors import broadcast_template_otp_enabled

from .providers.meta import ConnectionCheck, ConnectionRefused, PhoneNumber, connection_check

logger = logging.getLogger(__name__)

__all__ = [
    "ConnectionRefused",
    "channel_account_connect",
    "channel_account_disconnect",
    "channel_account_secrets_change",
    "channel_account_number_set",
    "phone_numbers_of",
    "templates_import_queue",
]


def templates_import_queue(*, account: ChannelAccount, actor) -> None:
    """Queue "Import from WhatsApp" for the account (after the current transaction commits)."""
    from .tasks import import_account_templates

    require_task_queue("import the account's templates")
    transaction.on_commit(lambda: import_account_templates.delay(account.pk, actor.pk), robust=True)


def channel_account_connect(
    *,
    organization: Organization,
    actor,
    waba_id: str,
    app_id: str,
    app_secret: str,
    access_token: str,
    meta=None,
) -> tuple[ChannelAccount, ConnectionCheck]:
    """A new `meta` channel account, saved only once WhatsApp accepted every credential (else ConnectionRefused).

    Its templates are imported right after (a task queued on commit).
    """
    connected = ChannelAccount.objects.filter(
        organization=organization, provider=ProviderChoice.META, waba_id=waba_id, disconnected_at__isnull=True
    )
    if connected.exists():
        raise ConnectionRefused(gettext("This WhatsApp Business Account is already connected."), field="waba_id")
    check = connection_check(waba_id=waba_id, app_id=app_id, app_secret=app_secret, access_token=access_token)
    only = check.phone_numbers[0] if len(check.phone_numbers) == 1 else None
    with transaction.atomic():
        account = ChannelAccount.objects.create(
            organization=organization,
            display_name=check.account_name[:150],
            phone_number=only.display if only else "",
            phone_number_id=only.id if only else "",
            provider=ProviderChoice.META,
            waba_id=waba_id,
            meta_app_id=app_id,
            meta_app_secret=app_secret,
            meta_access_token=access_token,
        )
        channel_account_event_record(
            account=account,
            action=ChannelAccountEvent.Action.CONNECTED,
            actor=actor,
            details=f"WhatsApp Business Account {waba_id}, Meta app {app_id}",
            meta=meta,
        )
        templates_import_queue(account=account, actor=actor)
    logger.info("%s connected WhatsApp Business Account %s to organization %s", actor.email, waba_id, organization.pk)
    return account, check


def phone_numbers_of(*, account: ChannelAccount) -> list[PhoneNumber]:
    """The account's phone numbers, read live from WhatsApp."""
    check = connection_check(
        waba_id=account.waba_id,
        app_id=account.meta_app_id,
        app_secret=account.meta_app_secret,
        access_token=account.meta_access_token,
    )
    return check.phone_numbers


@transaction.atomic
def channel_account_number_set(*, account: ChannelAccount, actor, number: PhoneNumber) -> None:
    ChannelAccount.objects.filter(pk=account.pk).update(phone_number=number.display, phone_number_id=number.id)
    logger.info("%s chose phone number %s for channel account %s", actor.email, number.id, account.pk)


PURPOSE_SECRETS = "change_channel_account_secrets"
PURPOSE_DISCONNECT = "disconnect_channel_account"
VERIFY_FIRST = gettext_lazy("Verify the code sent to your email first.")


def account_asks_for_codes(*, account: ChannelAccount) -> bool:
    """Does the organization's toggle ask for an emailed code before the account's credentials change?"""
    return broadcast_template_otp_enabled(organization_id=account.organization_id)


def account_connected(account: ChannelAccount) -> bool:
    return account.provider == ProviderChoice.META and account.disconnected_at is None


def _require_code(*, account: ChannelAccount, actor, purpose: str) -> None:
    if account_asks_for_codes(account=account) and not challenge_consume(user=actor, purpose=purpose, subject=account):
        raise ConnectionRefused(str(VERIFY_FIRST))


def channel_account_secrets_change(
    *, account: ChannelAccount, actor, app_secret: str = "", access_token: str = "", meta=None
) -> list[str]:
    """New app secret and/or access token, saved only once WhatsApp accepted them (else ConnectionRefused).

    A field left empty keeps its stored value. Returns what changed, for the message.
    """
    if not account_connected(account):
        raise ConnectionRefused(gettext("Only a connected WhatsApp account has secrets to change."))
    if not app_secret and not access_token:
        raise ConnectionRefused(gettext("Enter a new app secret, a new access token, or both."))
    if account_asks_for_codes(account=account):
        # Nothing goes to WhatsApp for someone who hasn't verified (checked again, and consumed, below).
        from otp.selectors import challenge_ready

        if not challenge_ready(user=actor, purpose=PURPOSE_SECRETS, subject=account):
            raise ConnectionRefused(str(VERIFY_FIRST))
    new_secret = app_secret or account.meta_app_secret
    new_token = access_token or account.meta_access_token
    connection_check(waba_id=account.waba_id, app_id=account.meta_app_id, app_secret=new_secret, access_token=new_token)
    changed = [label for label, value in (("app secret", app_secret), ("access token", access_token)) if value]
    with transaction.atomic():
        locked = ChannelAccount.objects.select_for_update().get(pk=account.pk)
        if not account_connected(locked):
            raise ConnectionRefused(gettext("The account was disconnected meanwhile."))
        _require_code(account=locked, actor=actor, purpose=PURPOSE_SECRETS)
        locked.meta_app_secret, locked.meta_access_token = new_secret, new_token
        locked.save(update_fields=["meta_app_secret", "meta_access_token"])
        channel_account_event_record(
            account=locked,
            action=ChannelAccountEvent.Action.SECRETS_CHANGED,
            actor=actor,
            details="Changed: " + " and ".join(changed),
            meta=meta,
        )
    logger.info("%s changed the %s of channel account %s", actor.email, " and ".join(changed), account.pk)
    return changed


@transaction.atomic
def channel_account_disconnect(*, account: ChannelAccount, actor, meta=None) -> None:
    """Stop using the account: its templates stay, read-only; its access token is forgotten.

    The app secret stays, so webhooks WhatsApp still sends about its
    templates are checked and applied.
    """
    locked = ChannelAccount.objects.select_for_update().get(pk=account.pk)
    if not account_connected(locked):
        raise ConnectionRefused(gettext("This account is not connected."))
    _require_code(account=locked, actor=actor, purpose=PURPOSE_DISCONNECT)
    locked.disconnected_at = timezone.now()
    locked.meta_access_token = ""
    locked.save(update_fields=["disconnected_at", "meta_access_token"])
    channel_account_event_record(
        account=locked, action=ChannelAccountEvent.Action.DISCONNECTED, actor=actor, details="", meta=meta
    )
    logger.info("%s disconnected channel account %s", actor.email, account.pk)
