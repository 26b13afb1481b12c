"""A submitted template cannot change: services, models, database triggers and HTTP each refuse."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from templates_app.models import Content, ImmutableTemplateError, Status, Template
from templates_app.services import (
    content_media_attach,
    content_media_remove,
    content_save,
    template_delete,
    template_details_update,
    template_digest,
    template_submit,
)
from tests.templates_app.builders import BODY, PNG, VALID, new_template

CHANGED = {**VALID, "body": "Hello {{1}}, click here for free money.", "footer": "Changed after review"}


@pytest.fixture
def submitted(org_a, agent, account_a, django_capture_on_commit_callbacks) -> Template:
    """order_update in English (US) and Indonesian, submitted and waiting for review (Pending)."""
    template = new_template(org_a, agent, account_a, languages=["en_US", "id"])
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=template, actor=agent, fingerprint=template_digest(template))
    template.refresh_from_db()
    assert template.status == Status.PENDING
    return template


def snapshot(template: Template) -> tuple:
    """Everything a reviewer approved, as stored."""
    fresh = Template.objects.get(pk=template.pk)
    contents = [
        (c.language, c.header_format, c.body, c.body_examples, c.footer, c.buttons, c.media_sample.name)
        for c in Content.objects.filter(template_id=template.pk).order_by("position")
    ]
    return (fresh.name, fresh.category, fresh.languages, fresh.content_digest, template_digest(fresh), contents)


# --- services --------------------------------------------------------------------
SERVICE_CALLS = {
    "content_save": lambda t, actor, account: content_save(
        template=t, actor=t.created_by, language="en_US", data=CHANGED
    ),
    "content_media_attach": lambda t, actor, account: content_media_attach(
        template=t,
        actor=t.created_by,
        language="en_US",
        upload=SimpleUploadedFile("banner.png", PNG),
        header_format="IMAGE",
        all_languages=True,
    ),
    "content_media_remove": lambda t, actor, account: content_media_remove(
        template=t, actor=t.created_by, language="en_US"
    ),
    "template_details_update": lambda t, actor, account: template_details_update(
        template=t, actor=actor, channel_account=account, name="order_update", category="MARKETING", languages=["id"]
    ),
    "template_delete": lambda t, actor, account: template_delete(template=t),
    "template_submit": lambda t, actor, account: template_submit(
        template=t, actor=actor, fingerprint=template_digest(t)
    ),
}


@pytest.mark.parametrize("service", SERVICE_CALLS)
def test_every_write_service_refuses_a_submitted_template(submitted, agent, account_a, service):
    before = snapshot(submitted)

    with pytest.raises(ImmutableTemplateError, match="submitted and can no longer be edited"):
        SERVICE_CALLS[service](submitted, agent, account_a)

    assert snapshot(submitted) == before
    assert Template.objects.get(pk=submitted.pk).status == Status.PENDING


def test_a_stale_draft_object_cannot_sneak_a_change_in_after_submit(submitted):
    # Another tab loaded the template while it was still a draft.
    stale = Template.objects.get(pk=submitted.pk)
    stale.status = Status.DRAFT
    before = snapshot(submitted)

    with pytest.raises(ImmutableTemplateError):
        content_save(template=stale, actor=stale.created_by, language="en_US", data=CHANGED)

    assert snapshot(submitted) == before


# --- models ------------------------------------------------------------------------
def test_content_save_is_refused_by_the_model(submitted):
    content = submitted.contents.get(language="en_US")
    content.body = CHANGED["body"]

    with pytest.raises(ImmutableTemplateError):
        content.save()

    assert Content.objects.get(pk=content.pk).body == BODY


def test_content_delete_is_refused_by_the_model(submitted):
    content = submitted.contents.get(language="en_US")

    with pytest.raises(ImmutableTemplateError):
        content.delete()

    assert Content.objects.filter(pk=content.pk).exists()


def test_a_new_content_for_a_submitted_template_is_refused_by_the_model(submitted):
    with pytest.raises(ImmutableTemplateError):
        Content(template=submitted, language="ms", body="Extra language").save()

    assert list(submitted.contents.values_list("language", flat=True)) == ["en_US", "id"]


@pytest.mark.parametrize(
    "change",
    [
        {"name": "order_update_v2"},
        {"category": "MARKETING"},
        {"languages": ["en_US"]},
        {"content_digest": "0" * 64},
        {"status": Status.DRAFT},
    ],
    ids=lambda change: next(iter(change)),
)
def test_template_save_refuses_a_change_to_what_was_reviewed(submitted, change):
    before = snapshot(submitted)
    template = Template.objects.get(pk=submitted.pk)
    for field, value in change.items():
        setattr(template, field, value)

    with pytest.raises(ImmutableTemplateError):
        template.save()

    assert snapshot(submitted) == before
    assert Template.objects.get(pk=submitted.pk).status == Status.PENDING


def test_the_review_outcome_may_still_change(submitted):
    template = Template.objects.get(pk=submitted.pk)
    template.status = Status.REJECTED
    template.status_reason = "Looks like spam."
    template.save()

    stored = Template.objects.get(pk=submitted.pk)
    assert (stored.status, stored.status_reason) == (Status.REJECTED, "Looks like spam.")


# --- database triggers (PostgreSQL) -------------------------------------------------
# These bypass the models on purpose (bulk updates, raw deletes): only the database stands in the way.
def _content_body_update(template):
    Content.objects.filter(template=template).update(body=CHANGED["body"])


def _content_queryset_delete(template):
    Content.objects.filter(template=template).delete()


def _content_bulk_insert(template):
    Content.objects.bulk_create([Content(template=template, language="ms", body="Extra language")])


def _content_moved_to_a_draft(template):
    draft = Template.objects.create(
        organization=template.organization,
        channel_account=template.channel_account,
        name="scratch",
        category="UTILITY",
        created_by=template.created_by,
        languages=["en_US"],
    )
    Content.objects.filter(template=template, language="id").update(template=draft)


def _template_name_update(template):
    Template.objects.filter(pk=template.pk).update(name="order_update_v2")


def _template_languages_update(template):
    Template.objects.filter(pk=template.pk).update(languages=["en_US"])


def _template_back_to_draft(template):
    Template.objects.filter(pk=template.pk).update(status=Status.DRAFT)


@pytest.mark.parametrize(
    "bypass",
    [
        _content_body_update,
        _content_queryset_delete,
        _content_bulk_insert,
        _content_moved_to_a_draft,
        _template_name_update,
        _template_languages_update,
        _template_back_to_draft,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_the_database_refuses_changes_that_bypass_the_models(submitted, bypass):
    before = snapshot(submitted)

    # check_violation reaches Django as IntegrityError.
    with pytest.raises(IntegrityError, match="was submitted and can no longer be edited"):
        with transaction.atomic():
            bypass(submitted)

    assert snapshot(submitted) == before
    assert Template.objects.get(pk=submitted.pk).status == Status.PENDING


def test_the_database_lets_the_review_outcome_through(submitted):
    Template.objects.filter(pk=submitted.pk).update(status=Status.APPROVED, status_reason="", quality="high")

    stored = Template.objects.get(pk=submitted.pk)
    assert (stored.status, stored.quality) == (Status.APPROVED, "high")


# --- HTTP -----------------------------------------------------------------------------
def _form(language="en_US", **fields):
    return {"language": language, "header_format": "NONE", "body": CHANGED["body"], "body_example_1": "Budi", **fields}


HTTP_WRITES = {
    "content": lambda t: (f"/broadcast/templates/{t.pk}/content/en_US/", _form()),
    "content-no-js-action": lambda t: (
        f"/broadcast/templates/{t.pk}/content/en_US/",
        _form(action="add_button:QUICK_REPLY"),
    ),
    "media": lambda t: (
        f"/broadcast/templates/{t.pk}/content/en_US/media/",
        {"media_sample": SimpleUploadedFile("banner.png", PNG), "all_languages": "on", "header_format": "IMAGE"},
    ),
    "media-remove": lambda t: (f"/broadcast/templates/{t.pk}/content/en_US/media/remove/", {}),
    "details": lambda t: (
        f"/broadcast/templates/{t.pk}/details/",
        {
            "channel_account": t.channel_account_id,
            "name": "order_update_v2",
            "category": "MARKETING",
            "languages": ["id"],
        },
    ),
    "delete": lambda t: (f"/broadcast/templates/{t.pk}/delete/", {}),
    "submit": lambda t: (f"/broadcast/templates/{t.pk}/submit/", _form()),
    "submit-confirm": lambda t: (f"/broadcast/templates/{t.pk}/submit/confirm/", {}),
}


@pytest.mark.parametrize("write", HTTP_WRITES)
def test_posting_to_a_submitted_template_goes_to_its_read_only_page(agent_client, submitted, write):
    before = snapshot(submitted)
    url, data = HTTP_WRITES[write](submitted)

    response = agent_client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == f"/broadcast/templates/{submitted.pk}/"
    page = agent_client.get(response["Location"]).content.decode()
    assert "This template was submitted and can no longer be edited." in page
    assert "Submitted templates are read-only." in page
    assert snapshot(submitted) == before


def test_autosave_of_a_submitted_template_answers_409(agent_client, submitted):
    before = snapshot(submitted)

    response = agent_client.post(
        f"/broadcast/templates/{submitted.pk}/content/en_US/", _form(), HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 409
    assert response.json() == {
        "saved": False,
        "error": "This template was submitted and can no longer be edited.",
    }
    assert snapshot(submitted) == before


def test_the_editor_of_a_submitted_template_redirects_to_the_read_only_page(agent_client, submitted):
    response = agent_client.get(f"/broadcast/templates/{submitted.pk}/edit/?lang=en_US", follow=True)

    assert response.redirect_chain == [(f"/broadcast/templates/{submitted.pk}/", 302)]
    page = response.content.decode()
    assert "Duplicate it to start a new draft." in page
    assert "Continue editing" not in page and 'name="body"' not in page
