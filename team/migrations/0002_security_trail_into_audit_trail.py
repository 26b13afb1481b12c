"""The Security page's toggle changes so far join the organization's audit trail (new ones are written to both)."""

from django.db import migrations

LABELS = {
    "broadcast_template_otp": "OTP Authentication on Broadcast Template",
    "second_person_approval": "Second-person approval on Broadcast Template",
}


def forwards(apps, schema_editor):
    ToggleChange = apps.get_model("security_settings", "ToggleChange")
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    entries = [
        AuditEntry(
            organization_id=change.organization_id,
            actor_id=change.actor_id,
            actor_email=change.actor.email,
            action="security_setting_changed",
            target=LABELS.get(change.setting, change.setting),
            summary=f"{LABELS.get(change.setting, change.setting)}: turned {'on' if change.new_value else 'off'}",
            changes={change.setting: [change.old_value, change.new_value]},
            ip=change.ip,
            user_agent=change.user_agent,
            created_at=change.created_at,
        )
        for change in ToggleChange.objects.select_related("actor").order_by("created_at", "id")
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("team", "0001_initial"),
        ("accounts", "0004_team_language_time_zone_audit"),
        ("security_settings", "0003_second_person_approval"),
    ]

    # Backwards: the copied rows stay (the trail is append-only).
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
