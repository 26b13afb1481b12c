"""The database connection drops in the middle of a request: a clean 503, nothing half-written."""

import pytest
from django.db import connection

from templates_app.models import Template
from tests.templates_app.builders import VALID, new_template


@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_answers_503_and_writes_nothing(agent_client, org_a, agent, account_a, settings):
    template = new_template(org_a, agent, account_a)
    before = list(template.contents.values_list("body", flat=True))

    # Kill this test's own database session from another one, as a failover or a network cut would.
    pid = connection.cursor().connection.info.backend_pid
    from django.db import connections

    killer = connections.create_connection("default")
    with killer.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    killer.close()

    response = agent_client.post(
        f"/broadcast/templates/{template.pk}/content/en_US/",
        {"header_format": "NONE", "body": "Changed " + VALID["body"]},
    )
    assert response.status_code == 503
    assert "database" in response.content.decode()

    connection.close()  # reconnect for the checks below
    assert list(Template.objects.get(pk=template.pk).contents.values_list("body", flat=True)) == before
