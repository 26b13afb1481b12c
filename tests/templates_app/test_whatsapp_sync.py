"""Import from WhatsApp and the status sync of whole accounts, against the fake Graph API."""

import pytest
from django.db import IntegrityError, InternalError, transaction

from accounts.models import ChannelAccountEvent
from templates_app.models import Content, ImmutableTemplateError, Status, Submission, Template
from templates_app.services import content_save, template_digest, template_duplicate, template_submit
from templates_app.tasks import sync_template_statuses
from templates_app.whatsapp_sync import account_status_sync, account_templates_import
from tests.factories import ChannelAccountFactory
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, APP_SECRET, WABA_ID
from tests.templates_app.builders import new_template

RICH = [
    {"type": "HEADER", "format": "TEXT", "text": "Hi {{1}}", "example": {"header_text": ["Budi"]}},
    {"type": "BODY", "text": "Your order {{1}} ships {{2}}.", "example": {"body_text": [["A-17", "today"]]}},
    {"type": "FOOTER", "text": "Acme Retail"},
    {
        "type": "BUTTONS",
        "buttons": [
            {"type": "QUICK_REPLY", "text": "Stop"},
            {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+6281234567890"},
            {
                "type": "URL",
                "text": "Track",
                "url": "https://acme.test/t/{{1}}",
                "example": ["https://acme.test/t/A-17"],
            },
        ],
    },
]


@pytest.fixture
def meta_account(org_a):
    return ChannelAccountFactory(
        organization=org_a,
        provider="meta",
        waba_id=WABA_ID,
        meta_app_id=APP_ID,
        meta_access_token=ACCESS_TOKEN,
        meta_app_secret=APP_SECRET,
    )


def _import(account, actor):
    return account_templates_import(account_id=account.pk, actor_id=actor.pk)


def _list_calls(graph_api):
    return [r for r in graph_api.requests_to("GET", "/message_templates")]


# --- import ---------------------------------------------------------------------
def test_a_few_hundred_templates_arrive_grouped_by_name_through_every_page(
    admin_client, org_a, admin, meta_account, graph_api, django_capture_on_commit_callbacks
):
    statuses = ["APPROVED", "REJECTED", "PENDING", "PAUSED", "DISABLED", "ARCHIVED"]
    for n in range(150):
        for language in ("en_US", "id"):
            graph_api.add_template(
                name=f"promo_{n:03d}", language=language, category="MARKETING", status=statuses[n % len(statuses)]
            )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/settings/channels/{meta_account.pk}/import/")
    assert response.status_code == 302

    imported = Template.objects.filter(organization=org_a, imported=True)
    assert imported.count() == 150
    assert Submission.objects.filter(template__in=imported).count() == 300
    assert {tuple(t.languages) for t in imported} == {("en_US", "id")}
    by_name = {t.name: t for t in imported}
    assert by_name["promo_001"].status == Status.REJECTED
    assert by_name["promo_003"].status == Status.PAUSED
    assert by_name["promo_005"].status == Status.ARCHIVED
    assert {t.status for t in imported} == {
        Status.APPROVED,
        Status.REJECTED,
        Status.PENDING,
        Status.PAUSED,
        Status.DISABLED,
        Status.ARCHIVED,
    }
    # One list call per page of 100, never one per template.
    calls = _list_calls(graph_api)
    assert len(calls) == 3 and all(c.query["limit"] == "100" for c in calls)
    assert [c.query.get("after") is None for c in calls] == [True, False, False]
    assert graph_api.requests_to("GET", "/1689") == []
    [event] = ChannelAccountEvent.objects.filter(account=meta_account, action="imported")
    assert event.actor == admin and event.details.startswith("150 templates (300 languages) imported")

    listing = admin_client.get("/broadcast/templates/").content.decode()
    assert "promo_149" in listing and "Imported" in listing


def test_an_imported_template_shows_its_content_and_is_read_only(
    admin_client, agent, org_a, admin, meta_account, graph_api
):
    graph_api.add_template(name="order_ready", language="en_US", components=RICH)
    _import(meta_account, admin)
    template = Template.objects.get(name="order_ready")
    content = template.contents.get()
    assert (content.header_format, content.header_text, content.header_text_example) == ("TEXT", "Hi {{1}}", "Budi")
    assert (content.body, content.body_examples, content.footer) == (
        "Your order {{1}} ships {{2}}.",
        ["A-17", "today"],
        "Acme Retail",
    )
    assert [b["kind"] for b in content.buttons] == ["QUICK_REPLY", "PHONE_NUMBER", "URL"]
    assert content.buttons[2]["url_example"] == "A-17"
    assert template.status == Status.APPROVED and template.status != Status.DRAFT

    page = admin_client.get(f"/broadcast/templates/{template.pk}/").content.decode()
    assert "Imported" in page and "A-17" in page and "Acme Retail" in page
    # Not a draft: the wizard sends the person to the read-only page, the services and the database refuse.
    edit = admin_client.get(f"/broadcast/templates/{template.pk}/edit/?lang=en_US")
    assert edit.status_code == 302 and edit["Location"] == f"/broadcast/templates/{template.pk}/"
    with pytest.raises(ImmutableTemplateError):
        content_save(template=template, actor=admin, language="en_US", data={"body": "Changed"})
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Content.objects.filter(pk=content.pk).update(body="Changed")
    assert Content.objects.get(pk=content.pk).body == "Your order {{1}} ships {{2}}."


def test_an_imported_template_can_be_duplicated_into_a_draft(agent_client, admin, meta_account, graph_api):
    graph_api.add_template(name="order_ready", language="en_US", components=RICH)
    _import(meta_account, admin)
    template = Template.objects.get(name="order_ready")

    response = agent_client.post(f"/broadcast/templates/{template.pk}/duplicate/")
    copy = Template.objects.exclude(pk=template.pk).get()
    assert response.status_code == 302 and copy.status == Status.DRAFT and not copy.imported
    assert copy.name == "order_ready_copy"
    assert copy.contents.get().body == "Your order {{1}} ships {{2}}."


def test_importing_twice_creates_nothing_twice(org_a, admin, meta_account, graph_api):
    graph_api.add_template(name="welcome", language="en_US")
    graph_api.add_template(name="welcome", language="id")
    first = _import(meta_account, admin)
    again = _import(meta_account, admin)

    assert (first.templates, first.languages) == (1, 2)
    assert (again.templates, again.languages, again.known) == (0, 0, 2)
    assert Template.objects.filter(organization=org_a).count() == 1


def test_a_language_added_on_whatsapp_later_arrives_on_the_next_import(org_a, admin, meta_account, graph_api):
    graph_api.add_template(name="welcome", language="en_US")
    _import(meta_account, admin)
    graph_api.add_template(name="welcome", language="id")
    outcome = _import(meta_account, admin)
    assert (outcome.templates, outcome.languages, outcome.known) == (1, 1, 1)
    assert sorted(Template.objects.values_list("languages", flat=True)) == [["en_US"], ["id"]]


def test_templates_we_created_are_not_imported_again(
    org_a, agent, admin, meta_account, graph_api, django_capture_on_commit_callbacks
):
    ours = new_template(org_a, agent, meta_account)
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=ours, actor=agent, fingerprint=template_digest(ours))
    graph_api.add_template(name="made_elsewhere", language="en_US")

    outcome = _import(meta_account, admin)
    assert (outcome.templates, outcome.known) == (1, 1)
    assert list(Template.objects.order_by("name").values_list("name", "imported")) == [
        ("made_elsewhere", True),
        ("order_update", False),
    ]


def test_connecting_imports_the_accounts_templates(admin_client, org_a, graph_api, django_capture_on_commit_callbacks):
    graph_api.add_template(name="welcome", language="en_US")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/settings/channels/connect/",
            {"waba_id": WABA_ID, "app_id": APP_ID, "app_secret": APP_SECRET, "access_token": ACCESS_TOKEN},
        )
    template = Template.objects.get(organization=org_a)
    assert template.imported and template.name == "welcome" and template.channel_account.waba_id == WABA_ID
    actions = set(ChannelAccountEvent.objects.values_list("action", flat=True))
    assert actions == {"connected", "imported"}


def test_a_refused_import_creates_nothing_and_says_why_on_the_account(
    admin_client, org_a, admin, meta_account, graph_api, django_capture_on_commit_callbacks
):
    graph_api.add_template(name="welcome", language="en_US")
    graph_api.error_next(status=401, code=190, message="Invalid OAuth access token", match="message_templates")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/settings/channels/{meta_account.pk}/import/")
    assert not Template.objects.exists()
    page = admin_client.get(f"/settings/channels/{meta_account.pk}/").content.decode()
    assert "Import failed" in page and "access token" in page


def test_only_admins_of_the_organization_import(
    agent_client, reviewer_client, outsider_client, org_a, meta_account, graph_api
):
    graph_api.add_template(name="welcome", language="en_US")
    url = f"/settings/channels/{meta_account.pk}/import/"
    assert agent_client.post(url).status_code == 403
    assert reviewer_client.post(url).status_code == 403
    assert outsider_client.post(url).status_code == 404
    assert graph_api.requests == []
    assert not Template.objects.exists()


def test_a_review_desk_account_has_nothing_to_import(admin_client, account_a, graph_api):
    response = admin_client.post(f"/settings/channels/{account_a.pk}/import/", follow=True)
    assert "Only a connected WhatsApp account" in response.content.decode()
    assert graph_api.requests == []


# --- status sync of whole accounts -------------------------------------------------
def _imported(graph_api, account, admin, *pairs):
    ids = {}
    for name, status in pairs:
        ids[name] = graph_api.add_template(name=name, language="en_US", status=status)
    _import(account, admin)
    return ids


def test_the_sync_reads_the_whole_account_in_pages_and_moves_every_kind_of_change(
    org_a, admin, meta_account, graph_api
):
    ids = _imported(
        graph_api,
        meta_account,
        admin,
        ("paused_one", "APPROVED"),
        ("disabled_one", "APPROVED"),
        ("archived_one", "APPROVED"),
        ("unarchived_one", "ARCHIVED"),
        ("deleted_one", "APPROVED"),
        ("quality_one", "APPROVED"),
        ("recategorised_one", "APPROVED"),
        ("rejected_one", "PENDING"),
    )
    for n in range(230):  # more pages
        graph_api.add_template(name=f"filler_{n}", language="en_US")
    graph_api.set_status(ids["paused_one"], "PAUSED")
    graph_api.set_status(ids["disabled_one"], "DISABLED")
    graph_api.set_status(ids["archived_one"], "ARCHIVED")
    graph_api.set_status(ids["unarchived_one"], "APPROVED")
    del graph_api.templates[ids["deleted_one"]]  # deleted on WhatsApp
    graph_api.set_status(ids["quality_one"], "APPROVED", quality="RED")
    graph_api.set_status(ids["recategorised_one"], "APPROVED", category="MARKETING")
    graph_api.set_status(ids["rejected_one"], "REJECTED", rejected_reason="TAG_CONTENT_MISMATCH")
    graph_api.requests.clear()

    assert account_status_sync(account_id=meta_account.pk) == 8

    status = dict(Template.objects.values_list("name", "status"))
    assert status["paused_one"] == Status.PAUSED
    assert status["disabled_one"] == Status.DISABLED
    assert status["archived_one"] == Status.ARCHIVED
    assert status["unarchived_one"] == Status.APPROVED
    assert status["deleted_one"] == Status.DELETED
    assert status["rejected_one"] == Status.REJECTED
    assert Template.objects.get(name="quality_one").quality == "RED"
    assert Template.objects.get(name="recategorised_one").provider_category == "MARKETING"
    assert "TAG_CONTENT_MISMATCH" in Template.objects.get(name="rejected_one").status_reason
    deleted = Template.objects.get(name="deleted_one")
    assert list(deleted.events.values_list("source", flat=True)) == ["import", "sync"]
    # Three pages of one list call each; no template read one by one.
    calls = _list_calls(graph_api)
    assert len(calls) == 3 and len(graph_api.requests) == 3
    assert set(calls[0].query["fields"].split(",")) >= {"name", "language", "status", "category", "quality_score", "id"}


def test_a_sync_that_changes_nothing_leaves_the_timestamps_alone(org_a, admin, meta_account, graph_api):
    _imported(graph_api, meta_account, admin, ("steady", "APPROVED"), ("waiting", "PENDING"))
    before = dict(Template.objects.values_list("name", "updated_at"))
    events = list(Template.objects.values_list("events__id", flat=True))

    assert account_status_sync(account_id=meta_account.pk) == 0
    assert account_status_sync(account_id=meta_account.pk) == 0
    assert dict(Template.objects.values_list("name", "updated_at")) == before
    assert list(Template.objects.values_list("events__id", flat=True)) == events


def test_the_sync_covers_templates_we_submitted_not_only_pending_ones(
    org_a, agent, meta_account, graph_api, django_capture_on_commit_callbacks
):
    graph_api.approve_instantly = True
    ours = new_template(org_a, agent, meta_account)
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=ours, actor=agent, fingerprint=template_digest(ours))
    assert Template.objects.get(pk=ours.pk).status == Status.APPROVED
    (template_id,) = graph_api.templates
    graph_api.set_status(template_id, "PAUSED")

    assert account_status_sync(account_id=meta_account.pk) == 1
    assert Template.objects.get(pk=ours.pk).status == Status.PAUSED


def test_an_empty_or_failed_listing_deletes_nothing(org_a, admin, meta_account, graph_api):
    ids = _imported(graph_api, meta_account, admin, ("kept", "APPROVED"))
    graph_api.fail_next(times=3, status=503)
    assert account_status_sync(account_id=meta_account.pk) == 0
    del graph_api.templates[ids["kept"]]
    assert account_status_sync(account_id=meta_account.pk) == 0  # an empty list proves nothing
    assert Template.objects.get(name="kept").status == Status.APPROVED


def test_the_periodic_sync_queues_each_connected_account(org_a, admin, meta_account, graph_api, account_a):
    ids = _imported(graph_api, meta_account, admin, ("one", "APPROVED"))
    graph_api.set_status(ids["one"], "DISABLED")
    ChannelAccountFactory(organization=org_a, provider="meta", waba_id="1", disconnected_at="2026-01-01T00:00Z")
    assert sync_template_statuses.delay().get() == 1  # the review desk and the disconnected account are left out
    assert Template.objects.get(name="one").status == Status.DISABLED


def test_an_imported_templates_duplicate_keeps_the_content(admin, meta_account, graph_api):
    graph_api.add_template(name="welcome", language="en_US", components=RICH)
    _import(meta_account, admin)
    copy = template_duplicate(template=Template.objects.get(), actor=admin)
    assert copy.contents.get().spec().header_text == "Hi {{1}}"


def test_a_reason_a_webhook_gave_survives_syncs_that_carry_none(org_a, admin, meta_account, graph_api):
    ids = _imported(graph_api, meta_account, admin, ("quiet", "APPROVED"))
    graph_api.set_status(ids["quiet"], "PAUSED")
    account_status_sync(account_id=meta_account.pk)
    Submission.objects.filter(provider_template_id=ids["quiet"]).update(reason="Paused for low quality")
    before = list(Submission.objects.values_list("reason", "last_event_at"))
    assert account_status_sync(account_id=meta_account.pk) == 0
    assert list(Submission.objects.values_list("reason", "last_event_at")) == before


def test_named_variables_and_copy_code_buttons_arrive_as_written(admin, meta_account, graph_api):
    graph_api.add_template(
        name="named_vars",
        language="en_US",
        category="MARKETING",
        components=[
            {
                "type": "BODY",
                "text": "Hi {{first_name}}, use {{code}} today.",
                "example": {
                    "body_text_named_params": [
                        {"param_name": "first_name", "example": "Budi"},
                        {"param_name": "code", "example": "SAVE10"},
                    ]
                },
            },
            {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SAVE10"}]},
        ],
    )
    _import(meta_account, admin)
    content = Template.objects.get(name="named_vars").contents.get()
    assert content.parameter_format == "NAMED"
    assert content.body_named_examples == {"first_name": "Budi", "code": "SAVE10"}
    assert content.buttons[0]["kind"] == "COPY_CODE" and content.buttons[0]["code_example"] == "SAVE10"
