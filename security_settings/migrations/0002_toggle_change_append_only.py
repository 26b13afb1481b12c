"""Append-only at the database too: no UPDATE or DELETE of audit rows, whatever the code path.

PostgreSQL only; SQLite (`make run`) relies on the model's refusal.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION security_settings_togglechange_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND FALSE THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'security_settings_togglechange is append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER security_settings_togglechange_append_only
    BEFORE UPDATE OR DELETE ON security_settings_togglechange
    FOR EACH ROW EXECUTE FUNCTION security_settings_togglechange_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS security_settings_togglechange_append_only ON security_settings_togglechange;
DROP FUNCTION IF EXISTS security_settings_togglechange_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("security_settings", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
