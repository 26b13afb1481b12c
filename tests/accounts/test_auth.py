import pytest
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, OrganizationFactory

WRONG_LOGIN = "That email and password don&#x27;t match an account."


def test_login_page_has_the_contract_labels(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert ">Email<" in page and ">Password<" in page and ">Log in<" in page


def test_login_with_the_right_password_lands_on_the_dashboard(client, admin):
    response = client.post("/accounts/login/", {"username": "ADMIN@acme.test", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert "You are working in <strong>Acme Retail</strong> as Admin" in response.content.decode()


@pytest.mark.parametrize(
    "email,password",
    [("admin@acme.test", "not-the-password"), ("nobody@acme.test", PASSWORD)],
    ids=["wrong-password", "unknown-email"],
)
def test_wrong_password_and_unknown_email_get_the_same_message(client, admin, email, password):
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 200
    assert WRONG_LOGIN in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_rotates_the_session_key(client, admin):
    client.get("/accounts/login/")
    client.cookies["sessionid"] = "attacker-chosen"
    client.post("/accounts/login/", {"username": "admin@acme.test", "password": PASSWORD})
    assert client.cookies["sessionid"].value != "attacker-chosen"


def test_logout_ends_the_session(admin_client):
    assert admin_client.get("/").status_code == 200
    admin_client.post("/accounts/logout/")
    response = admin_client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get("/settings/channels/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/settings/channels/"


def test_switching_organization_changes_what_the_user_works_in(admin_client, admin):
    other = OrganizationFactory(name="Cobalt Travel")
    MembershipFactory(user=admin, organization=other, role="reviewer")
    old_key = admin_client.session.session_key

    response = admin_client.post("/accounts/organization/", {"organization": other.pk}, follow=True)

    page = response.content.decode()
    assert "You are working in <strong>Cobalt Travel</strong> as Reviewer" in page
    assert admin_client.session.session_key != old_key
    # The choice sticks for the next page and the role follows the organization.
    assert admin_client.get("/settings/channels/").status_code == 403


def test_switching_to_an_organization_the_user_is_not_in_answers_404(admin_client, org_b):
    response = admin_client.post("/accounts/organization/", {"organization": org_b.pk})
    assert response.status_code == 404
    assert "Acme Retail" in admin_client.get("/").content.decode()


def test_switcher_lists_only_the_users_organizations(admin_client, admin, org_b):
    MembershipFactory(user=admin, organization=OrganizationFactory(name="Cobalt Travel"))
    page = admin_client.get("/").content.decode()
    assert "Cobalt Travel" in page and "Borealis Foods" not in page


def test_password_reset_link_lets_the_user_choose_a_password(
    client, admin, mailoutbox, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": "admin@acme.test"})
    assert response.status_code == 302
    (mail,) = mailoutbox
    link = next(line for line in mail.body.splitlines() if "/accounts/reset/" in line).strip()
    assert link.startswith(settings.SITE_URL + "/accounts/reset/")
    path = link.removeprefix(settings.SITE_URL)
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "A-new-pass-2026", "new_password2": "A-new-pass-2026"},
        follow=True,
    )
    assert "Your password is set" in done.content.decode()
    assert client.login(username="admin@acme.test", password="A-new-pass-2026")


def test_password_reset_for_an_unknown_email_reveals_nothing(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": "nobody@acme.test"}, follow=True)
    assert "If an account uses that address" in response.content.decode()
    assert mailoutbox == []
