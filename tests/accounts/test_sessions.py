"""Sessions are read from the cache and kept in the database; the cache never brings an ended session back."""

from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import PASSWORD

DEAD = {"default": {"BACKEND": "qontak_broadcast.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
PAGE = "/broadcast/templates/"


def _logged_in(email: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_page_reads_the_session_without_a_query(admin):
    client = _logged_in(admin.email)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"]]
    # Kept in the database all the same: the cache is a speed-up, not the store.
    assert Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()


def test_a_signed_out_session_is_dead_even_though_it_was_cached(admin):
    client = _logged_in(admin.email)
    stolen = client.cookies["sessionid"].value
    assert client.get(PAGE).status_code == 200  # read, so cached
    client.post("/accounts/logout/")
    thief = Client()
    thief.cookies["sessionid"] = stolen
    response = thief.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_switching_organization_kills_the_old_key_in_the_cache_too(admin, outsider, org_b):
    from accounts.models import Membership

    Membership.objects.create(user=admin, organization=org_b, role="agent")
    client = _logged_in(admin.email)
    old = client.cookies["sessionid"].value
    assert client.get(PAGE).status_code == 200
    client.post("/accounts/organization/", {"organization": org_b.pk})
    assert client.cookies["sessionid"].value != old
    thief = Client()
    thief.cookies["sessionid"] = old
    assert thief.get(PAGE).status_code == 302


def test_with_the_cache_down_pages_still_read_the_session_from_the_database(admin, settings):
    client = _logged_in(admin.email)
    settings.CACHES = DEAD
    assert client.get(PAGE).status_code == 200


def test_logging_out_while_the_cache_is_down_changes_nothing_and_says_try_again(admin, settings):
    client = _logged_in(admin.email)
    key = client.cookies["sessionid"].value
    assert client.get(PAGE).status_code == 200  # cached
    working = settings.CACHES
    settings.CACHES = DEAD
    response = client.post("/accounts/logout/")
    assert response.status_code == 503 and "try again" in response.content.decode()
    # Not signed out half-way: the session lives on in the database and in the cache, and the cookie is kept.
    assert Session.objects.filter(session_key=key).exists()
    settings.CACHES = working
    assert client.cookies["sessionid"].value == key
    assert client.get(PAGE).status_code == 200
    client.post("/accounts/logout/")
    thief = Client()
    thief.cookies["sessionid"] = key
    assert thief.get(PAGE).status_code == 302
