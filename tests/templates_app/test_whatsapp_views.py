"""Settings > Channels: "Connect WhatsApp account" against the fake Graph API."""

import pytest
from django.db import connection

from accounts.models import ChannelAccount
from tests.factories import ChannelAccountFactory
from tests.fakes import graph_api as fake_graph_api
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, APP_SECRET, DISPLAY_PHONE_NUMBER, PHONE_NUMBER_ID, WABA_ID

graph_api = fake_graph_api.graph_api  # the fixture

CONNECT = "/settings/channels/connect/"
GOOD = {"waba_id": WABA_ID, "app_id": APP_ID, "app_secret": APP_SECRET, "access_token": ACCESS_TOKEN}


def test_the_channels_page_offers_to_connect(admin_client, db):
    page = admin_client.get("/settings/channels/")
    assert "Connect WhatsApp account" in page.content.decode()


def test_good_credentials_connect_and_subscribe_the_account(admin_client, org_a, graph_api):
    response = admin_client.post(CONNECT, GOOD)

    account = ChannelAccount.objects.get(organization=org_a, waba_id=WABA_ID)
    assert response.status_code == 302 and response["Location"] == f"/settings/channels/{account.pk}/"
    assert (account.provider, account.meta_app_id, account.display_name) == ("meta", APP_ID, "Acme Retail")
    assert (account.phone_number, account.phone_number_id) == (DISPLAY_PHONE_NUMBER, PHONE_NUMBER_ID)
    assert (account.meta_access_token, account.meta_app_secret) == (ACCESS_TOKEN, APP_SECRET)
    assert graph_api.subscribed[WABA_ID] == {APP_ID}
    [subscribe] = graph_api.requests_to("POST", "/subscribed_apps")
    assert subscribe.path == f"/v23.0/{WABA_ID}/subscribed_apps" or subscribe.path.endswith(
        f"/{WABA_ID}/subscribed_apps"
    )
    # Stored encrypted, never shown back.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT meta_access_token, meta_app_secret FROM accounts_channelaccount WHERE id = %s", [account.pk]
        )
        raw = cursor.fetchone()
    assert raw[0] and ACCESS_TOKEN not in raw[0] and raw[1] and APP_SECRET not in raw[1]
    detail = admin_client.get(f"/settings/channels/{account.pk}/").content.decode()
    assert ACCESS_TOKEN not in detail and APP_SECRET not in detail and "Stored (hidden)" in detail


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"access_token": "EAAJBwrongToken"}, "access_token", "did not accept the access token"),
        ({"waba_id": "109999999999999"}, "waba_id", "No WhatsApp Business Account with this ID"),
        ({"app_id": "999999999999999"}, "app_id", "No Meta app with this ID"),
        ({"app_secret": "not-the-secret"}, "app_secret", "The app secret does not belong"),
        ({"waba_id": "12ab"}, "waba_id", "digits only"),
        ({"access_token": ""}, "access_token", "This field is required."),
    ],
    ids=["token", "account", "app-id", "app-secret", "malformed-id", "missing"],
)
def test_each_bad_credential_is_named_and_nothing_is_saved(admin_client, org_a, graph_api, change, field, message):
    response = admin_client.post(CONNECT, {**GOOD, **change})

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    assert not ChannelAccount.objects.filter(organization=org_a, provider="meta").exists()
    assert graph_api.subscribed == {}
    page = response.content.decode()
    assert ACCESS_TOKEN not in page and APP_SECRET not in page  # never rendered back


def test_a_refused_subscription_saves_nothing(admin_client, org_a, graph_api):
    graph_api.error_next(status=403, code=200, message="(#200) Permissions error", match="subscribed_apps")
    response = admin_client.post(CONNECT, GOOD)
    assert "did not subscribe the app" in " ".join(response.context["form"].non_field_errors())
    assert not ChannelAccount.objects.filter(organization=org_a, provider="meta").exists()


def test_whatsapp_down_says_try_again(admin_client, org_a, graph_api):
    graph_api.fail_next(times=3, status=503)
    response = admin_client.post(CONNECT, GOOD)
    assert "try again" in " ".join(response.context["form"].non_field_errors())
    assert not ChannelAccount.objects.filter(organization=org_a, provider="meta").exists()


def test_the_same_account_is_not_connected_twice(admin_client, org_a, graph_api):
    admin_client.post(CONNECT, GOOD)
    response = admin_client.post(CONNECT, GOOD)
    assert "already connected" in " ".join(response.context["form"].errors["waba_id"])
    assert ChannelAccount.objects.filter(organization=org_a, waba_id=WABA_ID).count() == 1


def test_with_several_numbers_the_admin_chooses_one(admin_client, org_a, graph_api):
    graph_api.add_phone_number(
        waba_id=WABA_ID, phone_number_id="106540352249999", display="+62 811-0000-0001", name="Acme Outlet"
    )
    response = admin_client.post(CONNECT, GOOD)
    account = ChannelAccount.objects.get(organization=org_a, waba_id=WABA_ID)
    assert response["Location"] == f"/settings/channels/{account.pk}/phone-number/"
    page = admin_client.get(response["Location"]).content.decode()
    assert "+62 811-0000-0001" in page and DISPLAY_PHONE_NUMBER in page

    forged = admin_client.post(response["Location"], {"phone_number_id": "1"})  # not one of its numbers
    assert forged.status_code == 200
    admin_client.post(response["Location"], {"phone_number_id": "106540352249999"})
    account.refresh_from_db()
    assert (account.phone_number, account.phone_number_id) == ("+62 811-0000-0001", "106540352249999")


def test_agents_and_reviewers_cannot_connect(agent_client, reviewer_client, org_a, graph_api):
    for http in (agent_client, reviewer_client):
        assert http.post(CONNECT, GOOD).status_code == 403
    assert graph_api.requests == []
    assert not ChannelAccount.objects.filter(provider="meta").exists()


def test_an_outsider_cannot_choose_the_number_of_anothers_account(outsider_client, org_a, graph_api):
    account = ChannelAccountFactory(
        organization=org_a,
        provider="meta",
        waba_id=WABA_ID,
        meta_app_id=APP_ID,
        meta_access_token=ACCESS_TOKEN,
        meta_app_secret=APP_SECRET,
        phone_number="+1",
        phone_number_id="",
    )
    url = f"/settings/channels/{account.pk}/phone-number/"
    assert outsider_client.post(url, {"phone_number_id": PHONE_NUMBER_ID}).status_code == 404
    account.refresh_from_db()
    assert account.phone_number_id == ""
    assert graph_api.requests == []


def test_an_outsiders_connection_lands_in_their_own_organization(outsider_client, org_a, org_b, graph_api):
    outsider_client.post(CONNECT, GOOD)
    assert not ChannelAccount.objects.filter(organization=org_a, provider="meta").exists()
    assert ChannelAccount.objects.filter(organization=org_b, waba_id=WABA_ID).exists()
