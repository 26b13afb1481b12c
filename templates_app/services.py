"""Writes for message templates. The only code that changes a template's state."""

import hashlib
import json
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import ChannelAccount
from otp.selectors import challenge_verified
from qontak_broadcast.availability import require_task_queue

from .media import MEDIA_RULES, sniff_upload
from .models import Content, ImmutableTemplateError, Status, StatusEvent, Template
from .rules import NAME_MAX, content_digest_payload, spec_to_dict
from .selectors import otp_required_for, template_name_taken

PURPOSE_SUBMIT = "submit_template"
# What a draft keeps of oversized input: more than any rule allows, so the
# user sees their text and the message about it, but bounded.
DRAFT_TEXT_MAX = 4096
DRAFT_SHORT_MAX = 255
DRAFT_BUTTONS_MAX = 20
DRAFT_SAMPLES_MAX = 50


class TemplateError(Exception):
    """A write that would break an invariant; the message is for the user."""


class VerificationRequired(TemplateError):
    def __init__(self):
        super().__init__("This organization asks for a verification code before submitting: verify the code first.")


def _require_draft(template: Template) -> None:
    if template.status != Status.DRAFT:
        raise ImmutableTemplateError()


def _locked(template: Template) -> Template:
    return Template.objects.select_for_update().get(pk=template.pk)


@transaction.atomic
def template_create(
    *, organization, actor, channel_account: ChannelAccount, name: str, category: str, languages: list[str]
) -> Template:
    template = Template.objects.create(
        organization=organization,
        channel_account=channel_account,
        name=name,
        category=category,
        created_by=actor,
        languages=list(languages),
    )
    Content.objects.bulk_create(
        [Content(template=template, language=code, position=i) for i, code in enumerate(languages)]
    )
    StatusEvent.objects.create(template=template, status=Status.DRAFT, source=StatusEvent.Source.USER, actor=actor)
    return template


@transaction.atomic
def template_details_update(
    *, template: Template, actor, channel_account: ChannelAccount, name: str, category: str, languages: list[str]
) -> Template:
    """Step 1 again: a removed language's content goes, an added one starts empty."""
    template = _locked(template)
    _require_draft(template)
    template.channel_account, template.name, template.category = channel_account, name, category
    template.languages = list(languages)
    template.save()
    for removed in template.contents.exclude(language__in=languages):
        if removed.media_sample:
            _delete_file_on_commit(removed.media_sample.storage, removed.media_sample.name)
        removed.delete()
    existing = set(template.contents.values_list("language", flat=True))
    for position, code in enumerate(languages):
        if code in existing:
            template.contents.filter(language=code).update(position=position)
        else:
            Content.objects.create(template=template, language=code, position=position)
    return template


def _clip(value, limit: int) -> str:
    # PostgreSQL text can't hold NUL; nothing a person types contains one.
    return str(value or "").replace("\x00", "")[:limit]


@transaction.atomic
def content_save(*, template: Template, language: str, data: dict) -> Content:
    """Keep what the user typed in a draft, valid or not (validation happens on Next/Submit)."""
    template = _locked(template)
    _require_draft(template)
    content = template.contents.get(language=language)
    content.header_format = data.get("header_format") or "NONE"
    content.header_text = _clip(data.get("header_text"), DRAFT_SHORT_MAX)
    content.header_text_example = _clip(data.get("header_text_example"), DRAFT_SHORT_MAX)
    content.body = _clip(data.get("body"), DRAFT_TEXT_MAX)
    content.body_examples = [_clip(s, DRAFT_TEXT_MAX) for s in data.get("body_examples", [])[:DRAFT_SAMPLES_MAX]]
    content.footer = _clip(data.get("footer"), DRAFT_SHORT_MAX)
    content.buttons = [
        {
            "kind": _clip(b.get("kind"), 16),
            "text": _clip(b.get("text"), DRAFT_SHORT_MAX),
            "phone_number": _clip(b.get("phone_number"), DRAFT_SHORT_MAX),
            "url": _clip(b.get("url"), DRAFT_TEXT_MAX),
            "url_example": _clip(b.get("url_example"), DRAFT_TEXT_MAX),
        }
        for b in data.get("buttons", [])[:DRAFT_BUTTONS_MAX]
    ]
    content.save()
    template.save(update_fields=["updated_at"])
    return content


def media_kind_of(upload) -> str | None:
    """The header format whose rule accepts this file's content, if any."""
    for kind in MEDIA_RULES:
        mime, error = sniff_upload(kind, upload)
        if mime is not None:
            return kind
    return None


@transaction.atomic
def content_media_attach(
    *, template: Template, language: str, upload, header_format: str, all_languages: bool
) -> list[Content]:
    """Store a media sample, checked by its bytes, for one language or all of them.

    Raises TemplateError with the user-facing reason when the file is refused.
    """
    template = _locked(template)
    _require_draft(template)
    if header_format not in MEDIA_RULES:
        header_format = media_kind_of(upload) or "IMAGE"
    mime, error = sniff_upload(header_format, upload)
    if error:
        raise TemplateError(error)
    upload.seek(0)
    data = upload.read()
    contents = list(template.contents.all()) if all_languages else [template.contents.get(language=language)]
    original_name = re.sub(r"[^\w. -]", "_", str(upload.name or "sample"))[-120:]
    for content in contents:
        old = content.media_sample.name if content.media_sample else ""
        content.header_format = header_format
        content.media_mime = mime
        content.media_name = original_name
        content.media_size = len(data)
        # Each language gets its own copy, so removing one never breaks another.
        content.media_sample.save(original_name, ContentFile(data), save=False)
        content.save()
        if old:
            _delete_file_on_commit(content.media_sample.storage, old)
    return contents


def _delete_file_on_commit(storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def content_media_remove(*, template: Template, language: str) -> Content:
    template = _locked(template)
    _require_draft(template)
    content = template.contents.get(language=language)
    if content.media_sample:
        _delete_file_on_commit(content.media_sample.storage, content.media_sample.name)
    content.media_sample = ""
    content.media_mime = content.media_name = ""
    content.media_size = 0
    content.save()
    return content


@transaction.atomic
def template_delete(*, template: Template) -> None:
    template = _locked(template)
    _require_draft(template)
    for content in template.contents.all():
        if content.media_sample:
            _delete_file_on_commit(content.media_sample.storage, content.media_sample.name)
    template.delete()


def name_suggest(*, channel_account: ChannelAccount, name: str, languages: list[str]) -> str:
    """A free name like order_update_copy, order_update_copy_2, …"""
    base = re.sub(r"_copy(_\d+)?$", "", name)[: NAME_MAX - 12] + "_copy"
    candidate, n = base, 1
    while template_name_taken(channel_account=channel_account, name=candidate, languages=languages):
        n += 1
        candidate = f"{base}_{n}"
    return candidate


@transaction.atomic
def template_duplicate(*, template: Template, actor) -> Template:
    """A new draft with the same content (any status can be duplicated)."""
    source_contents = list(template.contents.all())
    copy = template_create(
        organization=template.organization,
        actor=actor,
        channel_account=template.channel_account,
        name=name_suggest(channel_account=template.channel_account, name=template.name, languages=template.languages),
        category=template.category,
        languages=[c.language for c in source_contents],
    )
    for source in source_contents:
        data = spec_to_dict(source.spec())
        content_save(template=copy, language=source.language, data=data)
        if source.media_sample:
            target = copy.contents.get(language=source.language)
            target.header_format = source.header_format
            # The stored name takes its extension from the type: set it first.
            target.media_mime = source.media_mime
            target.media_name = source.media_name
            target.media_size = source.media_size
            with source.media_sample.open("rb") as fh:
                target.media_sample.save(source.media_name or "sample", ContentFile(fh.read()), save=False)
            target.save()
    return copy


def template_digest(template: Template) -> str:
    """sha256 over everything a reviewer would see: what a submit code is bound to."""
    payload = {
        "account": template.channel_account_id,
        "name": template.name,
        "category": template.category,
        "contents": [
            {**content_digest_payload(c.spec()), "media": [c.media_sample.name or "", c.media_size, c.media_mime]}
            for c in template.contents.order_by("position", "id")
        ],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def template_submit(*, template: Template, actor) -> Template:
    """Freeze the draft and queue its submission for review (after commit).

    When the organization asks for verification, a code for exactly this
    content must have been verified by this user just before.
    """
    from .tasks import submit_template
    from .validation import template_problems

    require_task_queue("submit the template")
    template = _locked(template)
    _require_draft(template)
    if template_problems(template=template):
        raise TemplateError("The template has problems to fix before it can be submitted.")
    digest = template_digest(template)
    if otp_required_for(template=template) and not challenge_verified(
        user=actor, purpose=PURPOSE_SUBMIT, subject=template, digest=digest
    ):
        raise VerificationRequired()
    template.status = Status.SUBMITTING
    template.submitted_by = actor
    template.submitted_at = timezone.now()
    template.content_digest = digest
    template.save()
    StatusEvent.objects.create(template=template, status=Status.SUBMITTING, source=StatusEvent.Source.USER, actor=actor)
    transaction.on_commit(lambda: submit_template.delay(template.pk), robust=True)
    return template
