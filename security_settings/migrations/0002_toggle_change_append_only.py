"""Append-only at the database too: no UPDATE or DELETE of audit rows, whatever the code path.

PostgreSQL only; SQLite (`make run`) relies on the model's refusal.
"""

from django.db import migrations

from qontak_broadcast.migration_sql import postgresql_only

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


class Migration(migrations.Migration):
    dependencies = [("security_settings", "0001_initial")]

    operations = [postgresql_only(CREATE, DROP)]
