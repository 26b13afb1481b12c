"""templates_app.services: the only writes to templates, exercised as a caller would."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from templates_app.models import Content, Status, Template
from templates_app.services import (
    TemplateError,
    content_media_attach,
    content_save,
    template_delete,
    template_details_update,
    template_digest,
    template_duplicate,
    template_submit,
)
from templates_app.validation import template_problems
from tests.templates_app.builders import PNG, VALID
from tests.templates_app.builders import new_template as build_template


def new_template(org, agent, account, **kwargs):
    """An empty draft."""
    return build_template(org, agent, account, data=None, **kwargs)


def valid_template(org, agent, account, **kwargs):
    return build_template(org, agent, account, **kwargs)


def submitted(template, actor, capture):
    with capture(execute=True):
        template_submit(template=template, actor=actor, fingerprint=template_digest(template))
    template.refresh_from_db()
    return template


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def content(template, language="en_US") -> Content:
    return Content.objects.get(template=template, language=language)


# --- create, save, details ---------------------------------------------------
def test_create_makes_one_empty_content_per_language_in_the_chosen_order(org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, languages=["id", "en_US", "ms"])

    assert template.status == Status.DRAFT
    assert [(c.language, c.position, c.body) for c in template.contents.all()] == [
        ("id", 0, ""),
        ("en_US", 1, ""),
        ("ms", 2, ""),
    ]
    assert list(template.events.values_list("status", flat=True)) == ["draft"]


def test_content_save_keeps_an_invalid_draft_exactly_as_typed(org_a, agent, account_a):
    template = new_template(org_a, agent, account_a)
    too_long = "Halo " + "x" * 1095
    typed = {
        "header_format": "TEXT",
        "header_text": "Sale {{1}} {{2}}",
        "body": too_long,
        "body_examples": ["", "orphan sample"],
        "footer": "Reply {{1}}",
        "buttons": [{"kind": "URL", "text": "Open", "url": "not a url"}] * 3,
    }

    content_save(template=template, actor=template.created_by, language="en_US", data=typed)

    saved = content(template)
    assert len(saved.body) == 1100 and saved.body == too_long
    assert (saved.header_format, saved.header_text, saved.footer) == ("TEXT", "Sale {{1}} {{2}}", "Reply {{1}}")
    assert saved.body_examples == ["", "orphan sample"]
    assert [b["url"] for b in saved.buttons] == ["not a url"] * 3
    # Kept, not accepted: the rules still speak up at submit time.
    problems = template_problems(template=template).contents["en_US"]
    assert problems["body"] == ["The message body can be at most 1,024 characters (it has 1,100)."]
    assert "The footer can't have variables: remove {{ and }}." in problems["footer"]


def test_details_update_drops_a_removed_language_and_starts_an_added_one_empty(org_a, agent, account_a):
    template = valid_template(org_a, agent, account_a, languages=["en_US", "id"])

    template_details_update(
        template=template,
        actor=agent,
        channel_account=account_a,
        name="order_shipped",
        category="MARKETING",
        languages=["id", "ms"],
    )

    template.refresh_from_db()
    assert (template.name, template.category, template.languages) == ("order_shipped", "MARKETING", ["id", "ms"])
    assert [(c.language, c.position, c.body) for c in template.contents.all()] == [
        ("id", 0, VALID["body"]),
        ("ms", 1, ""),
    ]
    assert not Content.objects.filter(template=template, language="en_US").exists()


def _stored_files(root) -> list[str]:
    return sorted(path.name for path in root.rglob("*") if path.is_file())


def test_deleting_a_draft_removes_it_and_its_sample_files(
    org_a, agent, account_a, media_root, django_capture_on_commit_callbacks
):
    template = valid_template(org_a, agent, account_a, languages=["en_US", "id"])
    content_media_attach(
        template=template,
        actor=template.created_by,
        language="en_US",
        upload=upload("a.png", PNG),
        header_format="IMAGE",
        all_languages=True,
    )
    assert len(_stored_files(media_root)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        template_delete(template=template)

    assert not Template.objects.filter(pk=template.pk).exists()
    assert not Content.objects.filter(template_id=template.pk).exists()
    assert _stored_files(media_root) == []


def test_removing_a_language_removes_its_sample_file(
    org_a, agent, account_a, media_root, django_capture_on_commit_callbacks
):
    template = valid_template(org_a, agent, account_a, languages=["en_US", "id"])
    content_media_attach(
        template=template,
        actor=template.created_by,
        language="en_US",
        upload=upload("a.png", PNG),
        header_format="IMAGE",
        all_languages=True,
    )
    kept = content(template, "en_US").media_sample.name.rsplit("/", 1)[-1]

    with django_capture_on_commit_callbacks(execute=True):
        template_details_update(
            template=template,
            actor=agent,
            channel_account=account_a,
            name="order_update",
            category="UTILITY",
            languages=["en_US"],
        )

    # The Indonesian sample belonged to a content that no longer exists: nothing can show or remove it any more.
    assert _stored_files(media_root) == [kept]


# --- media samples -----------------------------------------------------------
@pytest.mark.parametrize(
    ("header_format", "filename"),
    [("IMAGE", "banner.pdf"), ("IMAGE", "banner.png"), ("NONE", "banner.txt")],
)
def test_a_sample_is_judged_by_its_bytes_not_its_name(org_a, agent, account_a, header_format, filename):
    template = new_template(org_a, agent, account_a)

    content_media_attach(
        template=template,
        actor=template.created_by,
        language="en_US",
        upload=upload(filename, PNG, "application/pdf"),
        header_format=header_format,
        all_languages=False,
    )

    saved = content(template)
    assert (saved.header_format, saved.media_mime, saved.media_size) == ("IMAGE", "image/png", len(PNG))
    assert saved.media_name == filename
    with saved.media_sample.open("rb") as stored:
        assert stored.read() == PNG


def test_a_text_file_named_like_a_photo_is_refused_with_the_reason(org_a, agent, account_a):
    template = new_template(org_a, agent, account_a)

    with pytest.raises(TemplateError, match=r"^This file is not a JPEG or PNG image\.$"):
        content_media_attach(
            template=template,
            actor=template.created_by,
            language="en_US",
            upload=upload("photo.jpg", b"just some text, renamed to photo.jpg\n", "image/jpeg"),
            header_format="IMAGE",
            all_languages=False,
        )

    saved = content(template)
    assert not saved.media_sample and saved.media_mime == "" and saved.header_format == "NONE"


def test_all_languages_gives_every_content_its_own_copy(org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, languages=["en_US", "id", "ms"])

    content_media_attach(
        template=template,
        actor=template.created_by,
        language="id",
        upload=upload("banner.png", PNG),
        header_format="IMAGE",
        all_languages=True,
    )

    contents = list(template.contents.all())
    assert [(c.language, c.header_format, c.media_mime) for c in contents] == [
        ("en_US", "IMAGE", "image/png"),
        ("id", "IMAGE", "image/png"),
        ("ms", "IMAGE", "image/png"),
    ]
    assert len({c.media_sample.name for c in contents}) == 3
    for c in contents:
        with c.media_sample.open("rb") as stored:
            assert stored.read() == PNG


def test_one_language_only_leaves_the_others_without_a_sample(org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, languages=["en_US", "id"])

    content_media_attach(
        template=template,
        actor=template.created_by,
        language="id",
        upload=upload("banner.png", PNG),
        header_format="IMAGE",
        all_languages=False,
    )

    assert not content(template, "en_US").media_sample
    assert content(template, "id").media_sample


# --- duplicate -----------------------------------------------------------------
def test_duplicating_a_submitted_template_starts_a_new_draft_with_the_same_content(
    org_a, agent, admin, account_a, django_capture_on_commit_callbacks
):
    source = valid_template(org_a, agent, account_a, languages=["en_US", "id"])
    content_media_attach(
        template=source,
        actor=source.created_by,
        language="en_US",
        upload=upload("banner.png", PNG),
        header_format="IMAGE",
        all_languages=True,
    )
    source = submitted(source, agent, django_capture_on_commit_callbacks)
    assert source.status == Status.PENDING

    copy = template_duplicate(template=source, actor=admin)

    assert (copy.name, copy.status, copy.category, copy.languages) == (
        "order_update_copy",
        Status.DRAFT,
        "UTILITY",
        ["en_US", "id"],
    )
    assert copy.created_by == admin and copy.channel_account == account_a
    for language in ("en_US", "id"):
        original, duplicate = content(source, language), content(copy, language)
        assert (duplicate.body, duplicate.body_examples, duplicate.footer, duplicate.buttons) == (
            original.body,
            original.body_examples,
            original.footer,
            original.buttons,
        )
        assert (duplicate.header_format, duplicate.media_mime, duplicate.media_name) == (
            "IMAGE",
            "image/png",
            "banner.png",
        )
        # Its own file: editing or deleting the draft never touches the reviewed template's sample.
        assert duplicate.media_sample.name != original.media_sample.name
        with duplicate.media_sample.open("rb") as stored:
            assert stored.read() == PNG
    assert not template_problems(template=copy)
    source.refresh_from_db()
    assert source.status == Status.PENDING


def test_each_duplicate_gets_the_next_free_name(org_a, agent, account_a):
    source = valid_template(org_a, agent, account_a)

    first = template_duplicate(template=source, actor=agent)
    second = template_duplicate(template=source, actor=agent)
    of_a_copy = template_duplicate(template=first, actor=agent)

    assert (first.name, second.name, of_a_copy.name) == (
        "order_update_copy",
        "order_update_copy_2",
        "order_update_copy_3",
    )


def test_a_duplicated_sample_is_stored_under_its_content_type(org_a, agent, account_a):
    # media_sample_path: "only the content type decides the extension".
    source = new_template(org_a, agent, account_a)
    content_media_attach(
        template=source,
        actor=source.created_by,
        language="en_US",
        upload=upload("banner.png", PNG),
        header_format="IMAGE",
        all_languages=False,
    )

    copy = template_duplicate(template=source, actor=agent)

    assert content(source).media_sample.name.endswith(".png")
    assert content(copy).media_sample.name.endswith(".png")


# --- digest ---------------------------------------------------------------------
TEXT_HEADER = {
    **VALID,
    "header_format": "TEXT",
    "header_text": "Order {{1}}",
    "header_text_example": "#1001",
    "buttons": [
        {"kind": "QUICK_REPLY", "text": "Track order"},
        {"kind": "URL", "text": "Open", "url": "https://acme.test/o/{{1}}", "url_example": "1001"},
        {"kind": "PHONE_NUMBER", "text": "Call us", "phone_number": "+62 812 3456 7890"},
    ],
}


def _changed_button(index: int, **changes) -> list[dict]:
    buttons = [dict(b) for b in TEXT_HEADER["buttons"]]
    buttons[index].update(changes)
    return buttons


@pytest.mark.parametrize(
    "change",
    [
        {"header_format": "NONE", "header_text": "", "header_text_example": ""},
        {"header_text": "Parcel {{1}}"},
        {"header_text_example": "#1002"},
        {"body": "Hello {{1}}, your order has shipped."},
        {"body": "Hello {{1}}, *your* order is on its way."},
        {"body_examples": ["Siti"]},
        {"footer": "Acme Retail Ltd"},
        {"footer": ""},
        {"buttons": _changed_button(0, text="Where is it?")},
        {"buttons": _changed_button(1, url="https://acme.test/orders/{{1}}")},
        {"buttons": _changed_button(1, url_example="1002")},
        {"buttons": _changed_button(2, phone_number="+62 812 3456 7891")},
        {"buttons": list(reversed(TEXT_HEADER["buttons"]))},
        {"buttons": TEXT_HEADER["buttons"][:2]},
    ],
    ids=lambda change: "-".join(change),
)
def test_the_digest_changes_when_any_content_field_changes(org_a, agent, account_a, change):
    template = new_template(org_a, agent, account_a, languages=["en_US", "id"])
    for language in template.languages:
        content_save(template=template, actor=template.created_by, language=language, data=TEXT_HEADER)
    before = template_digest(template)
    content_save(template=template, actor=template.created_by, language="en_US", data=TEXT_HEADER)
    assert template_digest(template) == before, "saving the same content again must keep the digest"

    content_save(template=template, actor=template.created_by, language="id", data={**TEXT_HEADER, **change})

    assert template_digest(template) != before


def test_the_digest_changes_with_the_media_sample_and_the_details(org_a, agent, account_a):
    template = valid_template(org_a, agent, account_a)
    digests = [template_digest(template)]

    content_media_attach(
        template=template,
        actor=template.created_by,
        language="en_US",
        upload=upload("a.png", PNG),
        header_format="IMAGE",
        all_languages=False,
    )
    digests.append(template_digest(template))
    content_media_attach(
        template=template,
        actor=template.created_by,
        language="en_US",
        upload=upload("a.png", PNG),
        header_format="IMAGE",
        all_languages=False,
    )
    digests.append(template_digest(template))
    template = template_details_update(
        template=template,
        actor=agent,
        channel_account=account_a,
        name="renamed",
        category="UTILITY",
        languages=["en_US"],
    )
    digests.append(template_digest(template))
    template = template_details_update(
        template=template,
        actor=agent,
        channel_account=account_a,
        name="renamed",
        category="MARKETING",
        languages=["en_US"],
    )
    digests.append(template_digest(template))

    assert len(set(digests)) == len(digests)


# --- submit ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "data",
    [
        {**VALID, "body": ""},
        {**VALID, "body": "Hello {{1}} and {{3}} today", "body_examples": ["Budi", "", "x"]},
        {**VALID, "body_examples": []},
        {**VALID, "footer": "Bye {{1}}"},
        {**VALID, "header_format": "IMAGE"},
    ],
    ids=["no-body", "gap", "missing-sample", "footer-variable", "image-without-sample"],
)
def test_submit_refuses_a_template_with_problems_and_keeps_the_draft(
    org_a, agent, account_a, data, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, account_a)
    content_save(template=template, actor=template.created_by, language="en_US", data=data)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(TemplateError, match="problems to fix"):
            template_submit(template=template, actor=agent, fingerprint=template_digest(template))

    assert callbacks == []
    template.refresh_from_db()
    assert template.status == Status.DRAFT and template.submitted_at is None
    assert list(template.events.values_list("status", flat=True)) == ["draft"]


def test_submit_refuses_a_name_another_template_of_the_account_took_meanwhile(org_a, agent, account_a):
    first = valid_template(org_a, agent, account_a, name="spring_sale")
    # The wizard refuses a taken name at step 1; two drafts racing for one name meet here.
    second = valid_template(org_a, agent, account_a, name="spring_sale")

    with pytest.raises(TemplateError):
        template_submit(template=second, actor=agent, fingerprint=template_digest(second))

    assert Template.objects.get(pk=second.pk).status == Status.DRAFT
    assert Template.objects.get(pk=first.pk).status == Status.DRAFT


def test_submit_freezes_a_valid_draft_and_the_task_takes_it_to_pending(
    org_a, agent, account_a, django_capture_on_commit_callbacks
):
    template = valid_template(org_a, agent, account_a)

    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=template, actor=agent, fingerprint=template_digest(template))
        # Until the transaction commits, nothing has gone out yet.
        assert Template.objects.get(pk=template.pk).status == Status.SUBMITTING

    template.refresh_from_db()
    assert template.status == Status.PENDING
    assert template.submitted_by == agent and template.submitted_at is not None
    assert list(template.events.values_list("status", "source")) == [
        ("draft", "user"),
        ("submitting", "user"),
        ("pending", "system"),
    ]
    assert template.events.get(status="submitting").actor == agent
