"""Connecting a WhatsApp Business Account from Settings > Channels (Admins).

Trace: the Connect form (whatsapp_views.channel_connect) -> channel_account_connect
checks the credentials live (providers.meta.connection_check: token, account,
app secret and app ID, phone numbers, webhook subscription) and only then
saves the account, secrets encrypted. With several phone numbers the admin
picks one next (channel_phone_number -> channel_account_number_set).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext

from accounts.models import ChannelAccount, Organization
from accounts.models import Provider as ProviderChoice

from .providers.meta import ConnectionCheck, ConnectionRefused, PhoneNumber, connection_check

logger = logging.getLogger(__name__)

__all__ = ["ConnectionRefused", "channel_account_connect", "channel_account_number_set", "phone_numbers_of"]


def channel_account_connect(
    *, organization: Organization, actor, waba_id: str, app_id: str, app_secret: str, access_token: str
) -> tuple[ChannelAccount, ConnectionCheck]:
    """A new `meta` channel account, saved only once WhatsApp accepted every credential (else ConnectionRefused)."""
    if ChannelAccount.objects.filter(organization=organization, provider=ProviderChoice.META, waba_id=waba_id).exists():
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
