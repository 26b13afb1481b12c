"""The list's language filter reads TemplateLanguage rows, which the database writes from Template.languages.

PostgreSQL only (the trigger, the cascading constraint and the rows of
existing templates); on SQLite the table stays empty (see the model).
"""

import django.db.models.deletion
from django.db import migrations, models

from qontak_broadcast.migration_sql import postgresql_only

CREATE = r"""
ALTER TABLE templates_app_templatelanguage
    ADD CONSTRAINT templates_app_templatelanguage_template_fk FOREIGN KEY (template_id)
    REFERENCES templates_app_template (id) ON DELETE CASCADE;

CREATE OR REPLACE FUNCTION templates_app_write_template_languages() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF (NEW.languages::text, NEW.organization_id, NEW.created_at)
           IS NOT DISTINCT FROM (OLD.languages::text, OLD.organization_id, OLD.created_at) THEN
            RETURN NULL;
        END IF;
        DELETE FROM templates_app_templatelanguage WHERE template_id = NEW.id;
    END IF;
    IF jsonb_typeof(NEW.languages) = 'array' THEN
        INSERT INTO templates_app_templatelanguage (template_id, organization_id, language, created_at)
        SELECT DISTINCT NEW.id, NEW.organization_id, code, NEW.created_at
        FROM jsonb_array_elements_text(NEW.languages) AS code;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER templates_app_template_languages
    AFTER INSERT OR UPDATE OF languages, organization_id, created_at ON templates_app_template
    FOR EACH ROW EXECUTE FUNCTION templates_app_write_template_languages();

INSERT INTO templates_app_templatelanguage (template_id, organization_id, language, created_at)
SELECT DISTINCT template.id, template.organization_id, code, template.created_at
FROM templates_app_template AS template, jsonb_array_elements_text(template.languages) AS code
WHERE jsonb_typeof(template.languages) = 'array';
"""

DROP = """
DROP TRIGGER IF EXISTS templates_app_template_languages ON templates_app_template;
DROP FUNCTION IF EXISTS templates_app_write_template_languages();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_user_language_follows_browser"),
        ("templates_app", "0010_template_imported"),
    ]

    operations = [
        migrations.CreateModel(
            name="TemplateLanguage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=16)),
                ("created_at", models.DateTimeField()),
                (
                    "organization",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.organization",
                    ),
                ),
                (
                    "template",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="language_rows",
                        to="templates_app.template",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["organization", "language", "-created_at", "-template"], name="template_language_recent"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("template", "language"), name="template_language_once")
                ],
            },
        ),
        postgresql_only(CREATE, DROP),
    ]
