"""A connected WhatsApp account's templates, kept here: import and status sync (worker code).

Trace, import: "Import from WhatsApp" (whatsapp_views.channel_import) or a
successful connect queues tasks.import_account_templates -> account_templates_import
reads every template of the account (`GET /{waba-id}/message_templates`, paged) and,
per name, creates one read-only template marked Imported with a content and a
submission per language; languages whose WhatsApp id is already here (imported
before, or created by us) are left alone, so importing twice creates nothing twice.

Trace, sync: the beat's tasks.sync_template_statuses queues
tasks.sync_account_statuses per connected account -> account_status_sync reads the
same list (status fields only: one call per page, not one per template) and
applies each language's state through submission.submission_status_apply; a
language the complete list no longer has was deleted on WhatsApp. A language
whose state is unchanged is not written at all, so the template's timestamps
only move when something did.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import ChannelAccount, ChannelAccountEvent, User
from accounts.models import Provider as ProviderChoice
from accounts.services import channel_account_event_record

from .models import Content, Status, StatusEvent, Submission, Template
from .providers.base import ProviderError, StatusUpdate
from .providers.meta import IMPORT_FIELDS, SYNC_FIELDS, MetaProvider, content_from_components, template_state
from .services import template_digest
from .submission import derived_status, submission_status_apply

logger = logging.getLogger(__name__)

NAME_MAX = 512
LANGUAGE_MAX = 16  # Content.language
GONE_REASON = "No longer on WhatsApp: it was deleted there."


@dataclass(frozen=True)
class ImportOutcome:
    templates: int = 0  # templates created here
    languages: int = 0  # languages among them
    known: int = 0  # languages already here (imported before, or created by us)

    @property
    def summary(self) -> str:
        made = f"{self.templates} template{'s' if self.templates != 1 else ''}"
        return f"{made} ({self.languages} languages) imported; {self.known} languages were already here."


def _connected_meta(account_id: int) -> ChannelAccount | None:
    account = ChannelAccount.objects.filter(pk=account_id).first()
    if account is None or account.provider != ProviderChoice.META or account.disconnected_at:
        return None
    return account


def _known_ids(account: ChannelAccount) -> set[str]:
    """WhatsApp ids of every language this organization already has from the account's WhatsApp Business Account
    (several phone numbers may share one)."""
    return set(
        Submission.objects.filter(
            template__organization_id=account.organization_id,
            template__channel_account__provider=ProviderChoice.META,
            template__channel_account__waba_id=account.waba_id,
        )
        .exclude(provider_template_id="")
        .values_list("provider_template_id", flat=True)
    )


def account_templates_import(*, account_id: int, actor_id: int) -> ImportOutcome:
    """Bring every template of a connected account in, read-only and marked Imported.

    Raises ProviderError when WhatsApp can't be read (nothing is created then).
    """
    account = _connected_meta(account_id)
    if account is None:
        return ImportOutcome()
    actor = User.objects.get(pk=actor_id)
    provider = MetaProvider(account)
    try:
        items = list(provider.account_templates(fields=IMPORT_FIELDS))
    finally:
        provider.close()

    with transaction.atomic():
        # One import of an account at a time: a second one waits, then finds everything known.
        ChannelAccount.objects.select_for_update().get(pk=account.pk)
        known = _known_ids(account)
        groups: dict[str, list] = {}
        already = 0
        for item in items:
            template_id, name, language = str(item["id"]), item["name"], item["language"]
            if template_id in known:
                already += 1
                continue
            if len(name) > NAME_MAX or len(language) > LANGUAGE_MAX:
                logger.warning("Skipped WhatsApp template %s on import: name or language too long", template_id)
                continue
            group = groups.setdefault(name, [])
            if any(other["language"] == language for other in group):
                continue  # WhatsApp has one template per name and language; a repeat is a paging overlap
            known.add(template_id)
            group.append(item)
        languages = 0
        for name, group in groups.items():
            _import_name(account=account, actor=actor, name=name, items=group)
            languages += len(group)
        outcome = ImportOutcome(templates=len(groups), languages=languages, known=already)
        channel_account_event_record(
            account=account, action=ChannelAccountEvent.Action.IMPORTED, actor=actor, details=outcome.summary
        )
    logger.info("Imported from WhatsApp Business Account %s: %s", account.waba_id, outcome.summary)
    return outcome


def _import_name(*, account: ChannelAccount, actor, name: str, items: list) -> Template:
    """One template for the languages of one name: contents while it is a draft, then frozen as WhatsApp has it."""
    states = [template_state(item) for item in items]
    category = (states[0]["category"] or "UTILITY")[:16]
    template = Template.objects.create(
        organization_id=account.organization_id,
        channel_account=account,
        name=name,
        category=category,
        created_by=actor,
        languages=[item["language"] for item in items],
        imported=True,
    )
    Content.objects.bulk_create(
        [
            Content(
                template=template,
                language=item["language"],
                position=i,
                **content_from_components(item.get("components"), item.get("parameter_format")),
            )
            for i, item in enumerate(items)
        ]
    )
    submissions = Submission.objects.bulk_create(
        [
            Submission(
                template=template,
                language=item["language"],
                provider=ProviderChoice.META,
                provider_template_id=str(item["id"]),
                status=state["status"],
                reason=state["reason"],
                quality=state["quality"],
                category=state["category"] if state["category"] and state["category"] != category else "",
            )
            for item, state in zip(items, states, strict=True)
        ]
    )
    derived = derived_status(submissions)
    Template.objects.filter(pk=template.pk).update(
        status=derived.status,
        status_reason=derived.reason,
        quality=derived.quality,
        provider_category=derived.provider_category,
        content_digest=template_digest(template),
    )
    StatusEvent.objects.create(
        template=template, status=derived.status, source=StatusEvent.Source.IMPORT, actor=actor, reason=derived.reason
    )
    return template


def accounts_to_sync():
    """Connected WhatsApp accounts: the periodic sync reads each one's templates."""
    return ChannelAccount.objects.filter(provider=ProviderChoice.META, disconnected_at__isnull=True).order_by("pk")


def _differs(submission: Submission, update: StatusUpdate, template_category: str) -> bool:
    category = update.category if update.category != template_category else ""
    return (
        (update.status and update.status != submission.status)
        # A list call carries no reason for paused or disabled templates: keep the one a webhook gave.
        or (update.status and update.reason and update.reason != submission.reason)
        or (update.quality and update.quality != submission.quality)
        or (update.category and category != submission.category)
    )


def account_status_sync(*, account_id: int) -> int:
    """Bring every language of the account's templates to what WhatsApp says now; returns how many changed."""
    account = _connected_meta(account_id)
    if account is None:
        return 0
    started = timezone.now()
    provider = MetaProvider(account)
    try:
        listed = {str(item["id"]): item for item in provider.account_templates(fields=SYNC_FIELDS)}
    except ProviderError as exc:
        logger.warning("Status sync of WhatsApp Business Account %s failed: %s", account.waba_id, exc.message)
        return 0
    finally:
        provider.close()

    changed = 0
    ours = (
        Submission.objects.filter(template__channel_account=account)
        .exclude(provider_template_id="")
        .select_related("template")
        .order_by("pk")
    )
    live = [s for s in ours if s.status != Status.DELETED or s.provider_template_id in listed]
    for submission in live:
        item = listed.get(submission.provider_template_id)
        if item is not None:
            state = template_state(item)
            update = StatusUpdate(
                provider_template_id=submission.provider_template_id,
                occurred_at=timezone.now(),
                status=state["status"],
                reason=state["reason"],
                quality=state["quality"],
                category=state["category"],
                raw_event=state["raw_status"],
            )
        elif listed and submission.created_at < started and submission.template.status != Status.SUBMITTING:
            # Missing from the complete list: deleted on WhatsApp. (An empty list proves nothing.)
            update = StatusUpdate(
                provider_template_id=submission.provider_template_id,
                occurred_at=timezone.now(),
                status=Status.DELETED,
                reason=GONE_REASON,
                raw_event="DELETED",
            )
        else:
            continue
        if _differs(submission, update, submission.template.category) and submission_status_apply(
            update=update, source=StatusEvent.Source.SYNC
        ):
            changed += 1
    return changed
