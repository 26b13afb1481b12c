"""Database triggers: a submitted template's content cannot change, whatever the code path.

PostgreSQL only (the database the product runs on); SQLite, used by
`make run` for a first look, relies on the model and service checks.
"""

from django.db import migrations

from qontak_broadcast.migration_sql import postgresql_only

CREATE = r"""
CREATE OR REPLACE FUNCTION templates_app_refuse_frozen_content() RETURNS trigger AS $$
DECLARE
    parent_id bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN parent_id := OLD.template_id; ELSE parent_id := NEW.template_id; END IF;
    IF EXISTS (SELECT 1 FROM templates_app_template WHERE id = parent_id AND status <> 'draft') THEN
        RAISE EXCEPTION 'template % was submitted and can no longer be edited', parent_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.template_id <> NEW.template_id AND EXISTS (
        SELECT 1 FROM templates_app_template WHERE id = OLD.template_id AND status <> 'draft'
    ) THEN
        RAISE EXCEPTION 'template % was submitted and can no longer be edited', OLD.template_id
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER templates_app_content_frozen
    BEFORE INSERT OR UPDATE OR DELETE ON templates_app_content
    FOR EACH ROW EXECUTE FUNCTION templates_app_refuse_frozen_content();

CREATE OR REPLACE FUNCTION templates_app_refuse_frozen_template() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'draft' AND (
        NEW.status = 'draft'
        OR (NEW.organization_id, NEW.channel_account_id, NEW.name, NEW.category, NEW.content_digest, NEW.languages::text)
           IS DISTINCT FROM
           (OLD.organization_id, OLD.channel_account_id, OLD.name, OLD.category, OLD.content_digest, OLD.languages::text)
    ) THEN
        RAISE EXCEPTION 'template % was submitted and can no longer be edited', OLD.id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER templates_app_template_frozen
    BEFORE UPDATE ON templates_app_template
    FOR EACH ROW EXECUTE FUNCTION templates_app_refuse_frozen_template();
"""

DROP = """
DROP TRIGGER IF EXISTS templates_app_template_frozen ON templates_app_template;
DROP FUNCTION IF EXISTS templates_app_refuse_frozen_template();
DROP TRIGGER IF EXISTS templates_app_content_frozen ON templates_app_content;
DROP FUNCTION IF EXISTS templates_app_refuse_frozen_content();
"""


class Migration(migrations.Migration):
    dependencies = [("templates_app", "0001_initial")]

    operations = [postgresql_only(CREATE, DROP)]
