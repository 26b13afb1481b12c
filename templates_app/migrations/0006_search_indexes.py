"""GIN indexes for the template list on PostgreSQL: language filter (jsonb containment) and
name search (trigram, so `icontains` uses an index instead of scanning every row).

SQLite (`make run`) has neither and does without.
"""

from django.db import migrations

from qontak_broadcast.migration_sql import postgresql_only

CREATE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS template_languages_gin ON templates_app_template USING gin (languages jsonb_path_ops);
CREATE INDEX IF NOT EXISTS template_name_trgm ON templates_app_template USING gin (upper(name) gin_trgm_ops);
"""

DROP = """
DROP INDEX IF EXISTS template_name_trgm;
DROP INDEX IF EXISTS template_languages_gin;
"""


class Migration(migrations.Migration):
    dependencies = [("templates_app", "0005_list_indexes")]

    operations = [postgresql_only(CREATE, DROP)]
