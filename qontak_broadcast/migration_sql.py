"""Raw SQL that only PostgreSQL runs: triggers and GIN indexes.

SQLite (`make run`'s first look) has neither; the model and service checks
hold there on their own.
"""

from django.db import migrations


def postgresql_only(forward_sql: str, backward_sql: str) -> migrations.RunPython:
    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: a '%' in the SQL (RAISE '... %') is not a placeholder.
            schema_editor.execute(forward_sql, params=None)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(backward_sql, params=None)

    return migrations.RunPython(forwards, backwards)
