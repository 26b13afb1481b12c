"""Organization settings, time zones, and the one audit trail with its filters and CSV export."""

import csv
import io
from datetime import UTC, datetime

from django.core.management import call_command

from accounts.models import AuditEntry, Organization
from accounts.services import audit_record
from security_settings.services import broadcast_template_otp_enable

ORG = "/settings/organization/"
AUDIT = "/settings/audit/"


def test_new_organizations_live_in_asia_jakarta(db, capsys):
    call_command("create_organization", "Nusantara Coffee", "--admin-email", "owner@nusantara.test")
    call_command("create_organization", "Papua Fresh", "--admin-email", "o@papua.test", "--time-zone", "Asia/Jayapura")
    call_command("seed_demo")
    zones = dict(Organization.objects.values_list("name", "time_zone"))
    assert zones == {"Nusantara Coffee": "Asia/Jakarta", "Papua Fresh": "Asia/Jayapura", "Demo": "Asia/Jakarta"}


def test_admin_renames_and_moves_the_organization_audited(admin_client, org_a):
    page = admin_client.get(ORG).content.decode()
    assert 'value="Acme Retail"' in page and '<option value="Asia/Jakarta" selected>' in page
    response = admin_client.post(ORG, {"name": "Acme Retail Group", "time_zone": "Asia/Makassar"})
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert (org_a.name, org_a.time_zone) == ("Acme Retail Group", "Asia/Makassar")
    entry = AuditEntry.objects.get(action="organization_changed")
    assert entry.changes == {
        "name": ["Acme Retail", "Acme Retail Group"],
        "time_zone": ["Asia/Jakarta", "Asia/Makassar"],
    }
    bad = admin_client.post(ORG, {"name": " ", "time_zone": "Mars/Olympus"})
    assert bad.status_code == 422
    assert "This field is required." in bad.content.decode() or "needs a name" in bad.content.decode()
    assert "Select a valid choice" in bad.content.decode()


def test_every_time_shown_follows_the_organizations_time_zone(admin_client, admin, org_a):
    moment = datetime(2026, 3, 1, 1, 30, tzinfo=UTC)
    AuditEntry.objects.create(
        organization=org_a, actor=admin, actor_email=admin.email, action="profile_changed", created_at=moment
    )
    assert "01 Mar 2026, 08:30:00" in admin_client.get(AUDIT).content.decode()  # Jakarta: UTC+7
    admin_client.post(ORG, {"name": "Acme Retail", "time_zone": "Asia/Jayapura"})
    assert "01 Mar 2026, 10:30:00" in admin_client.get(AUDIT).content.decode()  # Jayapura: UTC+9


def test_the_trail_holds_every_kind_of_change_including_the_security_toggle(admin_client, admin, agent, org_a):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    admin_client.post(f"/settings/members/{agent.memberships.get().pk}/role/", {"role": "reviewer"})
    page = admin_client.get(AUDIT).content.decode()
    assert "Security setting changed" in page and "OTP Authentication on Broadcast Template: turned on" in page
    assert "Role changed" in page and "agent@acme.test: Agent → Reviewer" in page
    assert 'href="/settings/audit/"' in admin_client.get("/settings/security/").content.decode()


def test_filters_and_the_csv_export_show_the_same_rows(admin_client, admin, org_a, org_b, outsider):
    audit_record(organization=org_a, actor=admin, action="role_changed", target="a@acme.test", summary="one")
    audit_record(organization=org_a, actor=admin, action="member_removed", target="b@acme.test", summary="two")
    audit_record(organization=org_a, actor=admin, action="member_removed", target="=HYPERLINK(1)", summary="=cmd")
    audit_record(organization=org_b, actor=outsider, action="member_removed", target="c@borealis.test")

    page = admin_client.get(AUDIT, {"action": "member_removed"}).content.decode()
    assert "two" in page and "one</td>" not in page and "c@borealis.test" not in page
    assert "b@acme.test" in admin_client.get(AUDIT, {"who": "b@acme"}).content.decode()
    assert "No changes match these filters." in admin_client.get(AUDIT, {"since": "2999-01-01"}).content.decode()
    bad = admin_client.get(AUDIT, {"since": "2026-05-02", "until": "2026-05-01"})
    assert bad.status_code == 200 and "The end date is before the start date." in bad.content.decode()

    export = admin_client.get("/settings/audit/export.csv", {"action": "member_removed"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    assert "attachment" in export["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == ["when", "who", "what", "about", "details", "from", "user agent"]
    assert sorted(row[3] for row in rows[1:]) == ["'=HYPERLINK(1)", "b@acme.test"]
    assert all(row[1] == "admin@acme.test" and row[2] == "Member removed" for row in rows[1:])
    assert "'=cmd" in [row[4] for row in rows[1:]]  # never a formula in a spreadsheet


def test_the_trail_is_append_only(admin, org_a):
    import pytest
    from django.db import IntegrityError, connection, transaction

    entry = audit_record(organization=org_a, actor=admin, action="profile_changed")
    with pytest.raises(ValueError):
        entry.delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_auditentry SET summary = 'x' WHERE id = %s", [entry.pk])
