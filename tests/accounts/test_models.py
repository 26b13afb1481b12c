import pytest
from django.db import IntegrityError, connection

from accounts.models import ChannelAccount, Provider
from tests.factories import UserFactory


def test_email_is_unique_regardless_of_case(db):
    UserFactory(email="Dewi@Example.test")
    with pytest.raises(IntegrityError):
        UserFactory(email="dewi@example.TEST")


def test_meta_token_is_stored_encrypted_and_never_shown(admin_client, org_a):
    account = ChannelAccount.objects.create(
        organization=org_a,
        display_name="Meta line",
        phone_number="+6281",
        provider=Provider.META,
        meta_access_token="EAAG-secret-token-123",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT meta_access_token FROM accounts_channelaccount WHERE id = %s", [account.pk])
        (stored,) = cursor.fetchone()
    assert "EAAG-secret-token-123" not in stored
    assert ChannelAccount.objects.get(pk=account.pk).meta_access_token == "EAAG-secret-token-123"
    page = admin_client.get(f"/settings/channels/{account.pk}/").content.decode()
    assert "EAAG-secret-token-123" not in page and "Stored (hidden)" in page
