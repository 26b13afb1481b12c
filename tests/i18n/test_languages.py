"""The interface in English and Bahasa Indonesia: who gets which, pages, emails, the scripts' strings."""

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import translation

from accounts.models import User
from security_settings.policies import BROADCAST_TEMPLATE_OTP
from templates_app.emails import review_ended_email
from templates_app.models import Status, Template
from tests.templates_app.builders import new_template

INDONESIAN = {"HTTP_ACCEPT_LANGUAGE": "id-ID,id;q=0.9,en;q=0.5"}
ENABLE = f"/settings/security/{BROADCAST_TEMPLATE_OTP.slug}/enable/"


def _page(client, path, **headers):
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    return response.content.decode()


def test_english_without_a_preference_or_a_browser_language(client):
    page = _page(client, "/accounts/login/")
    assert '<html lang="en">' in page and ">Log in<" in page and "Forgot your password?" in page


def test_the_browsers_language_when_the_person_has_no_preference(client):
    page = _page(client, "/accounts/login/", **INDONESIAN)
    assert '<html lang="id">' in page and ">Masuk<" in page and "Lupa kata sandi?" in page
    assert ">Log in<" not in page


@pytest.mark.parametrize(
    ("path", "english", "indonesian"),
    [
        ("/", "Welcome,", "Selamat datang,"),
        ("/broadcast/templates/", "Add New Template", "Tambah Template Baru"),
        (
            "/broadcast/templates/new/",
            "Promotions, offers, news and invitations.",
            "Promosi, penawaran, berita, dan undangan.",
        ),
        (
            "/settings/security/",
            "Turning it on or off needs a code sent to your email.",
            "Autentikasi OTP pada Template Broadcast",
        ),
        ("/settings/channels/", "Connect WhatsApp account", "Hubungkan akun WhatsApp"),
        ("/settings/members/", "Invite member", "Undang anggota"),
        ("/settings/organization/", "Time zone", "Zona waktu"),
        ("/profile/", "Name and language", "Nama dan bahasa"),
    ],
)
def test_each_page_in_both_languages(admin_client, account_a, path, english, indonesian):
    assert english in _page(admin_client, path)
    page = _page(admin_client, path, **INDONESIAN)
    assert indonesian in page and english not in page


def test_statuses_categories_reasons_and_language_names_in_indonesian(admin_client, org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, languages=("en_US", "id"))
    Template.objects.filter(pk=template.pk).update(
        status=Status.REJECTED, status_reason="INVALID_FORMAT (Invalid format)"
    )
    listing = _page(admin_client, "/broadcast/templates/", **INDONESIAN)
    assert "Ditolak" in listing and "Utilitas" in listing and "Inggris (Amerika Serikat), Indonesia" in listing
    assert "INVALID_FORMAT (Format tidak valid)" in listing
    detail = _page(admin_client, f"/broadcast/templates/{template.pk}/", **INDONESIAN)
    assert "INVALID_FORMAT (Format tidak valid)" in detail and "Duplikat" in detail
    assert "INVALID_FORMAT (Invalid format)" in _page(admin_client, "/broadcast/templates/")


def test_validation_messages_follow_the_language(agent_client, account_a):
    data = {"channel_account": account_a.pk, "name": "Promo Agustus", "category": "MARKETING", "languages": ["id"]}
    english = agent_client.post("/broadcast/templates/new/", data).content.decode()
    assert "Use only lowercase letters, numbers and underscores" in english
    page = agent_client.post("/broadcast/templates/new/", data, **INDONESIAN).content.decode()
    assert "Gunakan hanya huruf kecil, angka, dan garis bawah" in page
    assert "Use only lowercase" not in page


def test_the_persons_preference_wins_over_the_browser(agent, agent_client):
    User.objects.filter(pk=agent.pk).update(language="id")
    assert "Tambah Template Baru" in _page(agent_client, "/broadcast/templates/")
    User.objects.filter(pk=agent.pk).update(language="en")
    assert "Add New Template" in _page(agent_client, "/broadcast/templates/", **INDONESIAN)


def test_the_switcher_remembers_the_choice_in_the_profile(agent, agent_client):
    response = agent_client.post("/accounts/language/", {"language": "id", "next": "/broadcast/templates/"})
    assert response.status_code == 302 and response["Location"] == "/broadcast/templates/"
    agent.refresh_from_db()
    assert agent.language == "id"
    # Another device without the cookie, a browser in English: still Indonesian.
    other = Client()
    other.force_login(agent)
    assert "Tambah Template Baru" in _page(other, "/broadcast/templates/", HTTP_ACCEPT_LANGUAGE="en")


def test_before_signing_in_the_switcher_keeps_the_choice_in_a_cookie(client):
    response = client.post("/accounts/language/", {"language": "id", "next": "/accounts/login/"})
    assert response.status_code == 302 and response.cookies["qb_language"].value == "id"
    assert ">Masuk<" in _page(client, "/accounts/login/")


def test_the_switcher_refuses_what_it_does_not_know_and_stays_on_site(agent, agent_client):
    agent_client.post("/accounts/language/", {"language": "fr", "next": "/"})
    agent.refresh_from_db()
    assert agent.language == ""
    response = agent_client.post("/accounts/language/", {"language": "id", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response["Location"]
    assert agent_client.get("/accounts/language/").status_code == 405


def test_the_scripts_strings_come_from_a_same_origin_catalogue(client):
    page = _page(client, "/accounts/login/", **INDONESIAN)
    assert '<script src="/jsi18n/?l=id" defer></script>' in page
    catalogue = client.get("/jsi18n/?l=id", **INDONESIAN)
    assert catalogue.status_code == 200 and "javascript" in catalogue["Content-Type"]
    body = catalogue.content.decode()
    assert "Menyimpan\\u2026" in body or "Menyimpan…" in body
    assert "Semua perubahan tersimpan pukul %(time)s" in body
    english = client.get("/jsi18n/?l=en").content.decode()
    assert "Menyimpan" not in english


def test_the_verification_code_email_in_indonesian(
    admin, admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=admin.pk).update(language="id")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(ENABLE)
    mail = mailoutbox[-1]
    assert "kode verifikasi" in mail.subject.lower()
    html = mail.alternatives[0][0]
    for body in (mail.body, html):
        assert "Gunakan kode verifikasi ini untuk mengaktifkan" in body
        assert len(set(re.findall(r"(?<!\d)\d{6}(?!\d)", body))) == 1
    assert '<html lang="id">' in html


def test_the_verification_code_email_in_english(admin_client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(ENABLE)
    mail = mailoutbox[-1]
    assert "verification code" in mail.subject and "Use this verification code to turn on" in mail.body


def test_a_worker_writes_each_email_in_its_recipients_language(
    org_a, agent, account_a, mailoutbox, django_capture_on_commit_callbacks
):
    """The review ends in a worker (no browser): the creator's preference decides, dates in their format."""
    User.objects.filter(pk=agent.pk).update(language="id")
    agent.refresh_from_db()
    template = new_template(org_a, agent, account_a)
    Template.objects.filter(pk=template.pk).update(status=Status.REJECTED, status_reason="SCAM (Scam)")
    template.refresh_from_db()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        review_ended_email(template=template)
    mail = mailoutbox[-1]
    assert mail.subject == "Template order_update Anda: ditolak"
    assert "Peninjauan template WhatsApp Anda" in mail.body and "SCAM (Penipuan)" in mail.body
    assert "Template yang ditolak tidak dapat diubah" in mail.body


def test_dates_in_the_organizations_time_zone_and_the_readers_format(admin_client, org_a, admin):
    from accounts.models import AuditEntry

    AuditEntry.objects.create(
        organization=org_a,
        actor=admin,
        actor_email=admin.email,
        action=AuditEntry.Action.PROFILE_CHANGED,
        created_at=datetime(2026, 8, 17, 1, 30, tzinfo=UTC),
    )
    org_a.time_zone = "Asia/Jakarta"
    org_a.save(update_fields=["time_zone"])
    assert "17 Aug 2026, 08:30:00" in _page(admin_client, "/settings/audit/")
    page = _page(admin_client, "/settings/audit/", **INDONESIAN)
    assert "17 Agu 2026, 08.30.00" in page and "Profil diubah" in page
