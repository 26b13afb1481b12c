import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from accounts.models import ChannelAccount, Membership, Organization, User

ROOT = Path(__file__).resolve().parents[2]


def _snapshot():
    return (
        sorted(Organization.objects.values_list("id", "name")),
        sorted(User.objects.values_list("id", "email", "password")),
        sorted(Membership.objects.values_list("id", "user_id", "organization_id", "role")),
        sorted(ChannelAccount.objects.values_list("id", "organization_id", "display_name", "provider")),
    )


def test_seed_demo_twice_leaves_the_same_rows(db, client, settings):
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    first = _snapshot()
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    assert _snapshot() == first
    organizations, users, memberships, accounts = first
    assert [name for _, name in organizations] == ["Demo"]
    assert {email for _, email, _ in users} == {"admin@demo.test", "agent@demo.test", "reviewer@demo.test"}
    assert sorted(role for *_, role in memberships) == ["admin", "agent", "reviewer"]
    assert [provider for *_, provider in accounts] == ["review_desk"]
    assert client.login(username="agent@demo.test", password=settings.DEMO_PASSWORD)


def test_create_organization_prints_a_working_set_password_link(db, client, capsys):
    call_command("create_organization", "Nusantara Coffee", "--admin-email", "owner@nusantara.test")
    out = capsys.readouterr().out
    link = next(word for word in out.split() if "/accounts/reset/" in word)
    path = link.split("127.0.0.1:8000", 1)[1]

    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "Kopi-tubruk-99", "new_password2": "Kopi-tubruk-99"})
    assert client.login(username="owner@nusantara.test", password="Kopi-tubruk-99")
    membership = Membership.objects.get(user__email="owner@nusantara.test")
    assert (membership.organization.name, membership.role) == ("Nusantara Coffee", "admin")


def test_start_up_without_secret_key_stops_with_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(DEBUG="false", DJANGO_SETTINGS_MODULE="qontak_broadcast.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_turns_on_secure_cookies_and_hsts(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DEBUG="false", SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="qontak_broadcast.settings")
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.X_FRAME_OPTIONS)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "True", "True", "DENY"], result.stderr


def test_seed_demo_shows_a_sample_template_in_every_status_once(db, client, settings):
    from templates_app.models import Template

    call_command("seed_demo", stdout=open(os.devnull, "w"))
    call_command("seed_demo", stdout=open(os.devnull, "w"))
    templates = Template.objects.filter(organization__name="Demo")
    assert templates.count() == 5
    assert set(templates.values_list("status", flat=True)) == {"approved", "rejected", "pending", "paused", "draft"}
    assert {t.channel_account.provider for t in templates} == {"review_desk"}
    rejected = templates.get(status="rejected")
    assert rejected.status_reason and rejected.events.last().reason == rejected.status_reason
    assert not ChannelAccount.objects.filter(provider="meta").exists()  # nothing real is connected

    assert client.login(username="agent@demo.test", password=settings.DEMO_PASSWORD)
    listing = client.get("/broadcast/templates/").content.decode()
    for label in ("Approved", "Rejected", "Pending", "Paused", "Draft"):
        assert label in listing
    page = client.get(f"/broadcast/templates/{rejected.pk}/").content.decode()
    assert "INCORRECT_CATEGORY" in page and "Your order is on its way" not in page

    # The pending one waits on the review desk for the demo reviewer.
    client.login(username="reviewer@demo.test", password=settings.DEMO_PASSWORD)
    pending = templates.get(status="pending")
    assert "Approve" in client.get(f"/broadcast/templates/{pending.pk}/").content.decode()
    draft = templates.get(status="draft")
    assert draft.contents.get().body.startswith("Hi {{1}}, new arrivals")
