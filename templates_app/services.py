"""Writes for message templates. The only code that changes a template's state."""

import hashlib
import hmac
import json
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from accounts.models import ChannelAccount
from otp.services import challenge_consume
from qontak_broadcast.availability import require_task_queue

from . import reasons
from .emails import approval_requested_email, review_ended_email
from .media import MEDIA_RULES, sniff_upload
from .models import Content, Contribution, ImmutableTemplateError, Status, StatusEvent, Template
from .reasons import screen_where
from .rules import DEFAULT_PHONE_REGION, NAME_MAX, content_digest_payload, phone_number_normalised
from .selectors import (
    approval_required_for,
    organization_asks_for_codes,
    otp_required_for,
    review_refusal,
    template_name_taken,
    whatsapp_delete_refusal,
)
from .spec import (
    BUTTON_FIELDS,
    PARAMETER_FORMATS,
    PHONE_NUMBER,
    POSITIONAL,
    parameter_format_convert,
    spec_from_dict,
    spec_to_dict,
)

# What an emailed code confirms, for each way a template moves on.
PURPOSE_SUBMIT = "submit_template"
PURPOSE_RETRY = "retry_template_submission"
PURPOSE_REVIEW = "review_template"
PURPOSE_WHATSAPP_DELETE = "delete_template_from_whatsapp"
NAME_REUSE_NOTE = gettext_lazy("WhatsApp does not let a deleted template's name be used again for 30 days.")
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
        super().__init__(gettext("This organization asks for a verification code for this: verify the code first."))


class ContentChanged(TemplateError):
    """What is stored is not what the person confirmed: nothing goes out."""

    def __init__(self):
        super().__init__(gettext("The content changed while you were reviewing it. Check it again."))


class ContentFlagged(TemplateError):
    """The organization blocks what the content screen flags, and it flagged this template."""

    def __init__(self, findings):
        self.findings = findings
        reasons = "; ".join(f"{f.label}: “{f.match}” ({screen_where(f.where)})" for f in findings)
        super().__init__(
            gettext(
                "Your organization does not submit content the screen flags. Change what it found, then submit again:"
            )
            + " "
            + reasons
        )


def blocking_findings(*, template: Template) -> list:
    """What the content screen flags, when the organization blocks flagged content (else nothing)."""
    from security_settings.selectors import flagged_content_blocked

    from .screening import template_screen

    if not flagged_content_blocked(organization_id=template.organization_id):
        return []
    return template_screen(template=template)


class ReviewError(TemplateError):
    """The decision can't be taken (already decided, one's own work, not for this person)."""


def _contribute(template: Template, actor, kind: str) -> None:
    # One row per person and kind, whatever the number of autosaves.
    Contribution.objects.bulk_create([Contribution(template=template, user=actor, kind=kind)], ignore_conflicts=True)


def _require_draft(template: Template) -> None:
    if template.status != Status.DRAFT:
        raise ImmutableTemplateError()


def _require_connected(account: ChannelAccount) -> None:
    """A disconnected account keeps its templates read-only: nothing new goes to it or through it."""
    if account.disconnected_at is not None:
        raise TemplateError(
            gettext("The WhatsApp account %(account)s is disconnected: choose another account.")
            % {"account": account.display_name}
        )


def _locked(template: Template) -> Template:
    return Template.objects.select_for_update().get(pk=template.pk)


@transaction.atomic
def template_create(
    *, organization, actor, channel_account: ChannelAccount, name: str, category: str, languages: list[str]
) -> Template:
    _require_connected(channel_account)
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
    _contribute(template, actor, Contribution.Kind.CREATED)
    return template


@transaction.atomic
def template_details_update(
    *, template: Template, actor, channel_account: ChannelAccount, name: str, category: str, languages: list[str]
) -> Template:
    """Step 1 again: a removed language's content goes, an added one starts empty."""
    template = _locked(template)
    _require_draft(template)
    _require_connected(channel_account)
    _contribute(template, actor, Contribution.Kind.EDITED)
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
def content_save(*, template: Template, actor, language: str, data: dict) -> Content:
    """Keep what the user typed in a draft, valid or not (validation happens on Next/Submit)."""
    template = _locked(template)
    _require_draft(template)
    _contribute(template, actor, Contribution.Kind.EDITED)
    content = template.contents.get(language=language)
    parameter_format = data.get("parameter_format") or POSITIONAL
    content.parameter_format = parameter_format if parameter_format in PARAMETER_FORMATS else POSITIONAL
    content.header_format = data.get("header_format") or "NONE"
    content.header_text = _clip(data.get("header_text"), DRAFT_SHORT_MAX)
    content.header_text_example = _clip(data.get("header_text_example"), DRAFT_SHORT_MAX)
    content.body = _clip(data.get("body"), DRAFT_TEXT_MAX)
    content.body_examples = [_clip(s, DRAFT_TEXT_MAX) for s in data.get("body_examples", [])[:DRAFT_SAMPLES_MAX]]
    named = data.get("body_named_examples") or {}
    content.body_named_examples = {
        _clip(name, 64): _clip(sample, DRAFT_TEXT_MAX) for name, sample in list(named.items())[:DRAFT_SAMPLES_MAX]
    }
    content.footer = _clip(data.get("footer"), DRAFT_SHORT_MAX)
    content.buttons = [_stored_button(b) for b in data.get("buttons", [])[:DRAFT_BUTTONS_MAX]]
    content.save()
    template.save(update_fields=["updated_at"])
    return content


def _stored_button(button: dict) -> dict:
    stored = {"kind": _clip(button.get("kind"), 16)}
    for name in BUTTON_FIELDS:
        stored[name] = _clip(button.get(name), DRAFT_TEXT_MAX if name.startswith("url") else DRAFT_SHORT_MAX)
    if stored["kind"] == PHONE_NUMBER:
        # Kept as WhatsApp will dial it (0812… in Indonesia becomes +62812…),
        # so the confirm step shows exactly what is sent.
        stored["phone_number"] = (
            phone_number_normalised(stored["phone_number"], DEFAULT_PHONE_REGION) or stored["phone_number"]
        )
    return stored


def content_parameter_format_switch(*, template: Template, actor, language: str, data: dict, target: str) -> list[str]:
    """Save the typed content rewritten for numbered or named variables; returns what could not be converted."""
    conversion = parameter_format_convert(spec_from_dict({**data, "language": language}), target)
    content_save(template=template, actor=actor, language=language, data=spec_to_dict(conversion.spec))
    return conversion.notes


def media_kind_of(upload) -> str | None:
    """The header format whose rule accepts this file's content, if any."""
    for kind in MEDIA_RULES:
        mime, error = sniff_upload(kind, upload)
        if mime is not None:
            return kind
    return None


@transaction.atomic
def content_media_attach(
    *, template: Template, actor, language: str, upload, header_format: str, all_languages: bool
) -> list[Content]:
    """Store a media sample, checked by its bytes, for one language or all of them.

    Raises TemplateError with the user-facing reason when the file is refused.
    """
    template = _locked(template)
    _require_draft(template)
    _contribute(template, actor, Contribution.Kind.EDITED)
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
def content_media_remove(*, template: Template, actor, language: str) -> Content:
    template = _locked(template)
    _require_draft(template)
    _contribute(template, actor, Contribution.Kind.EDITED)
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
        content_save(template=copy, actor=actor, language=source.language, data=data)
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


def review_digest(template: Template, *, approve: bool, reason: str) -> str:
    """What a reviewer's code confirms: this decision, with this reason, on this frozen content."""
    payload = [template.content_digest, "approve" if approve else "reject", reason.strip()]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def _queue_submission(template: Template) -> None:
    from .tasks import send_to_provider

    transaction.on_commit(lambda: send_to_provider.delay(template.pk), robust=True)


def _require_code(*, actor, purpose: str, template: Template, digest: str) -> None:
    """With the organization's toggle on, take the code `actor` verified for exactly this, or refuse."""
    if otp_required_for(template=template) and not challenge_consume(
        user=actor, purpose=purpose, subject=template, digest=digest
    ):
        raise VerificationRequired()


@transaction.atomic
def template_submit(*, template: Template, actor, fingerprint: str) -> Template:
    """Freeze the draft exactly as the submitter saw it, then send it on (after commit).

    `fingerprint` is the digest of the content the confirm step showed: if
    the stored content differs, nothing is submitted. With the toggle on, a
    code verified for exactly that content is consumed here, in the same
    transaction: one verified code, one submission. With second-person
    approval on (and a provider other than the review desk), the template
    waits for an approver instead of going out.
    """
    from .validation import template_problems

    require_task_queue(gettext_lazy("submit the template"))
    template = _locked(template)
    _require_draft(template)
    _require_connected(template.channel_account)
    digest = template_digest(template)
    if not hmac.compare_digest(digest, fingerprint or ""):
        raise ContentChanged()
    if template_problems(template=template):
        raise TemplateError(gettext("The template has problems to fix before it can be submitted."))
    blocked = blocking_findings(template=template)
    if blocked:
        raise ContentFlagged(blocked)
    _require_code(actor=actor, purpose=PURPOSE_SUBMIT, template=template, digest=digest)
    awaiting = approval_required_for(template=template)
    template.status = Status.AWAITING_APPROVAL if awaiting else Status.SUBMITTING
    template.submitted_by = actor
    template.submitted_at = timezone.now()
    template.content_digest = digest
    template.save()
    _contribute(template, actor, Contribution.Kind.SUBMITTED)
    StatusEvent.objects.create(template=template, status=template.status, source=StatusEvent.Source.USER, actor=actor)
    if awaiting:
        approval_requested_email(template=template)
    else:
        _queue_submission(template)
    return template


@transaction.atomic
def template_send_again(*, template: Template, actor) -> bool:
    """Send a failed template again (languages already accepted are kept).

    Sending again is sending: with the toggle on it needs the actor's code
    for the frozen content, and the actor counts as one who submitted it.
    """
    require_task_queue(gettext_lazy("retry the submission"))
    template = _locked(template)
    if template.status != Status.FAILED:
        return False
    _require_connected(template.channel_account)
    _require_code(actor=actor, purpose=PURPOSE_RETRY, template=template, digest=template.content_digest)
    Template.objects.filter(pk=template.pk).update(
        status=Status.SUBMITTING, status_reason="", claimed_at=None, updated_at=timezone.now()
    )
    _contribute(template, actor, Contribution.Kind.SUBMITTED)
    StatusEvent.objects.create(
        template=template, status=Status.SUBMITTING, source=StatusEvent.Source.USER, actor=actor, reason=reasons.RETRY
    )
    _queue_submission(template)
    return True


@transaction.atomic
def review_decide(*, template: Template, reviewer, approve: bool, reason: str = "") -> Template:
    """A person's decision: second-person approval, or the review desk's verdict.

    Awaiting approval: Approve sends the template to its provider, Reject
    ends it with the reason. Pending on the review desk: the decision is the
    review's outcome for every language. Either way, never by one of its
    contributors, and with the toggle on only with the reviewer's own code
    for this decision on this content.
    """
    from .submission import aggregate_status

    template = Template.objects.select_for_update().select_related("channel_account").get(pk=template.pk)
    refusal = review_refusal(template=template, user=reviewer)
    if refusal:
        raise ReviewError(refusal)
    reason = reason.strip()
    if not approve and not reason:
        raise ReviewError(gettext("Give a reason for the rejection."))
    if approve and template.status == Status.AWAITING_APPROVAL and template.channel_account.disconnected_at:
        raise ReviewError(
            gettext("The WhatsApp account is disconnected: the template can't be sent. Reject it instead.")
        )
    _require_code(
        actor=reviewer,
        purpose=PURPOSE_REVIEW,
        template=template,
        digest=review_digest(template, approve=approve, reason=reason),
    )
    now = timezone.now()
    if template.status == Status.AWAITING_APPROVAL:
        status = Status.SUBMITTING if approve else Status.REJECTED
        Template.objects.filter(pk=template.pk).update(
            status=status, status_reason="" if approve else reason, updated_at=now
        )
        StatusEvent.objects.create(
            template=template,
            status=status,
            source=StatusEvent.Source.REVIEWER,
            actor=reviewer,
            reason=reasons.APPROVED if approve else reason,
        )
        template.status, template.status_reason = status, "" if approve else reason
        if approve:
            _queue_submission(template)
        else:
            review_ended_email(template=template)
        return template
    status = Status.APPROVED if approve else Status.REJECTED
    template.submissions.update(status=status, reason="" if approve else reason, last_event_at=now)
    aggregate_status(template, source=StatusEvent.Source.REVIEWER, reason="" if approve else reason, actor=reviewer)
    return template


def whatsapp_delete_digest(template: Template) -> str:
    """What a code for "Delete from WhatsApp" confirms: deleting this template, as it is now."""
    payload = ["delete_from_whatsapp", template.pk, template.name, template.content_digest]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


@transaction.atomic
def template_delete_from_whatsapp(*, template: Template, actor, meta=None) -> Template:
    """Delete every language of the template on WhatsApp; the template stays in the list as Deleted.

    With the organization's toggle on, the code `actor` verified for exactly
    this is consumed here. The Graph API calls run inside the transaction:
    when WhatsApp refuses one, nothing here changes and the code is not used
    up (a language already gone answers "not found" on the next try, which
    counts as deleted).
    """
    from accounts.models import ChannelAccountEvent
    from accounts.services import channel_account_event_record

    from .providers.base import ProviderError
    from .providers.meta import MetaProvider

    template = Template.objects.select_for_update().select_related("channel_account").get(pk=template.pk)
    refusal = whatsapp_delete_refusal(template=template)
    if refusal:
        raise TemplateError(refusal)
    if organization_asks_for_codes(template=template) and not challenge_consume(
        user=actor, purpose=PURPOSE_WHATSAPP_DELETE, subject=template, digest=whatsapp_delete_digest(template)
    ):
        raise VerificationRequired()
    languages = list(template.submissions.exclude(provider_template_id="").exclude(status=Status.DELETED))
    provider = MetaProvider(template.channel_account)
    try:
        for submission in languages:
            provider.delete_template(name=template.name, provider_template_id=submission.provider_template_id)
    except ProviderError as exc:
        raise TemplateError(
            gettext("WhatsApp did not delete the template: %(message)s") % {"message": exc.message}
        ) from None
    finally:
        provider.close()
    now = timezone.now()
    template.submissions.update(status=Status.DELETED, reason="", last_event_at=now)
    Template.objects.filter(pk=template.pk).update(status=Status.DELETED, status_reason="", updated_at=now)
    StatusEvent.objects.create(
        template=template,
        status=Status.DELETED,
        source=StatusEvent.Source.USER,
        actor=actor,
        reason=f"Deleted from WhatsApp. {NAME_REUSE_NOTE}",
    )
    channel_account_event_record(
        account=template.channel_account,
        action=ChannelAccountEvent.Action.TEMPLATE_DELETED,
        actor=actor,
        details=f"{template.name} ({', '.join(s.language for s in languages)})",
        meta=meta,
    )
    template.status = Status.DELETED
    return template
