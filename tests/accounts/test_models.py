import pytest
from django.db import IntegrityError, connection
from django.forms.models import model_to_dict

from accounts.models import ChannelAccount, Provider, User
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


def test_a_user_read_by_id_is_the_user_the_orm_reads(db):
    """User.objects.get(pk=...) (every signed-in request, through ModelBackend) runs a prepared statement."""
    user = UserFactory(email="Dewi@Example.test", full_name="Dewi Lestari", language="id")
    UserFactory(email="someone.else@example.test")
    read = User.objects.get(pk=user.pk)
    by_the_orm = User.objects.filter(pk=user.pk).get()
    assert model_to_dict(read) == model_to_dict(by_the_orm)
    assert (read.password, read.last_login, read.date_joined) == (user.password, user.last_login, user.date_joined)
    assert read.check_password("password") == by_the_orm.check_password("password")
    assert not read._state.adding and read._state.db == "default"
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=user.pk + 1_000)


def test_a_deactivated_member_is_signed_out_at_their_next_request(agent, agent_client):
    assert agent_client.get("/broadcast/templates/").status_code == 200
    User.objects.filter(pk=agent.pk).update(is_active=False)
    response = agent_client.get("/broadcast/templates/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
