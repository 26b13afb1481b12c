"""CSRF, redirects, sessions and security headers (login throttling: tests/accounts/test_login_throttle.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.test_authorization_matrix import MATRIX, _url, objects  # noqa: F401 - the objects fixture

POST_ONLY = [name for name, row in MATRIX.items() if row[1] == 405 and name not in ("logout", "organization_switch")]


@pytest.mark.parametrize("name", sorted(POST_ONLY + ["login", "logout", "organization_switch", "password_reset"]))
def test_every_post_needs_a_csrf_token(name, objects, admin, reviewer):  # noqa: F811
    client = Client(enforce_csrf_checks=True)
    if name != "login" and name != "password_reset":
        client.force_login(reviewer if name == "template_review" else admin)
    response = client.post(_url(name, objects), {"code": "123456", "decision": "approve"})
    assert response.status_code == 403


def test_login_never_redirects_off_site(client, admin):
    for target in ["https://evil.example/", "//evil.example/", "https:evil.example", "/\\evil.example"]:
        response = client.post(f"/accounts/login/?next={target}", {"username": "admin@acme.test", "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboard"), target
        client.logout()
    response = client.post(
        "/accounts/login/?next=/broadcast/templates/", {"username": "admin@acme.test", "password": PASSWORD}
    )
    assert response["Location"] == "/broadcast/templates/"


def test_session_is_rotated_at_login_and_at_organization_switch(client, admin, org_b):
    from tests.factories import MembershipFactory

    client.get("/accounts/login/")
    anonymous_key = client.cookies.get("sessionid")
    client.post("/accounts/login/", {"username": "admin@acme.test", "password": PASSWORD})
    logged_in_key = client.session.session_key
    assert anonymous_key is None or anonymous_key.value != logged_in_key
    MembershipFactory(user=admin, organization=org_b, role="agent")
    client.post("/accounts/organization/", {"organization": org_b.pk})
    assert client.session.session_key != logged_in_key


def test_security_headers_on_every_page(admin_client):
    response = admin_client.get("/broadcast/templates/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_hsts_when_debug_is_off(admin_client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = admin_client.get("/broadcast/templates/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_pages_carry_no_inline_script_or_handler(admin_client, agent_client, org_a, agent, account_a):
    import re

    from tests.templates_app.builders import new_template

    template = new_template(org_a, agent, account_a)
    pages = [
        admin_client.get("/").content,
        admin_client.get("/settings/security/").content,
        admin_client.get("/broadcast/templates/").content,
        agent_client.get("/broadcast/templates/new/").content,
        agent_client.get(f"/broadcast/templates/{template.pk}/edit/?lang=en_US").content,
        agent_client.get(f"/broadcast/templates/{template.pk}/").content,
    ]
    for html in pages:
        text = html.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script> found"
        assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler found"
        assert "javascript:" not in text
