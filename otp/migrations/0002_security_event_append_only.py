"""Append-only at the database too: no UPDATE or DELETE of audit rows, whatever the code path.

PostgreSQL only; SQLite (`make run`) relies on the model's refusal.
"""

from django.db import migrations

from qontak_broadcast.migration_sql import postgresql_only

CREATE = """
CREATE OR REPLACE FUNCTION otp_codes_securityevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'challenge_id') = (to_jsonb(OLD) - 'challenge_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'otp_codes_securityevent is append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER otp_codes_securityevent_append_only
    BEFORE UPDATE OR DELETE ON otp_codes_securityevent
    FOR EACH ROW EXECUTE FUNCTION otp_codes_securityevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS otp_codes_securityevent_append_only ON otp_codes_securityevent;
DROP FUNCTION IF EXISTS otp_codes_securityevent_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("otp_codes", "0001_initial")]

    operations = [postgresql_only(CREATE, DROP)]
