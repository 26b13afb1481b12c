"""Taking a submitted template to its reviewer exactly once, and applying what the reviewer says.

Trace: template_submit (services) freezes the draft as Submitting and queues
tasks.send_to_provider after commit -> submission_run claims it with a
conditional update, sends each language through the account's provider
(saving each answer at once, so a retry continues where it stopped) ->
Pending. Updates then arrive from the webhook, the periodic sync or the
review desk and go through submission_status_apply.
"""

import logging
import random
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import Provider

from .emails import approval_requested_email, review_ended_email, submission_failed_email
from .models import Status, StatusEvent, Submission, Template
from .providers import provider_for
from .providers.base import PermanentProviderError, ProviderError, StatusUpdate, TemporaryProviderError

logger = logging.getLogger(__name__)

REVIEW_ENDED = (Status.APPROVED, Status.REJECTED, Status.PAUSED, Status.DISABLED)


@dataclass(frozen=True)
class RunOutcome:
    done: bool
    retry_in: int | None = None
    message: str = ""


def _claim(template_id: int) -> bool:
    now = timezone.now()
    stale = now - timedelta(seconds=settings.SUBMISSION_CLAIM_TIMEOUT)
    return bool(
        Template.objects.filter(pk=template_id, status=Status.SUBMITTING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .update(claimed_at=now, submit_attempts=F("submit_attempts") + 1, updated_at=now)
    )


def _release(template_id: int, *, reason: str = "") -> None:
    Template.objects.filter(pk=template_id).update(claimed_at=None, status_reason=reason, updated_at=timezone.now())


def rate_limit_key(account) -> str:
    """Whose hourly creations a submission counts against: WhatsApp limits each WhatsApp Business Account,
    which several channel accounts (phone numbers) may share."""
    waba_id = str(account.waba_id or "").strip()
    if account.provider == "meta" and waba_id:
        return f"waba:{waba_id}"
    return f"account:{account.pk}"


def rate_limit_take(key: str) -> int:
    """Take one of the hourly creations of `key`; 0 if taken, else seconds until the next hour window."""
    window = int(timezone.now().timestamp()) // 3600
    key = f"submissions:{key}:{window}"
    cache.add(key, 0, timeout=3700)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3700)
        used = 1
    if used <= settings.SUBMISSIONS_PER_HOUR:
        return 0
    return (window + 1) * 3600 - int(timezone.now().timestamp()) + 1


def backoff(attempt: int) -> int:
    """Exponential backoff with full jitter: about 10 s, 20 s, 40 s … capped at 30 minutes."""
    ceiling = min(1800, 10 * 2 ** max(0, attempt - 1))
    return max(5, int(random.uniform(ceiling / 2, ceiling)))  # noqa: S311 - jitter, not security


def submission_run(*, template_id: int) -> RunOutcome:
    """Send every language not yet at the provider. Safe to run twice: one request per language."""
    if not _claim(template_id):
        return RunOutcome(done=True)
    template = Template.objects.select_related("channel_account").get(pk=template_id)
    if template.channel_account.disconnected_at is not None:
        submission_fail(template_id=template_id, message="The WhatsApp account was disconnected before it was sent.")
        return RunOutcome(done=True)
    provider = provider_for(template.channel_account)
    sent = dict(template.submissions.order_by("id").values_list("language", "category"))
    # WhatsApp files every language of a name under one category: once it re-categorised the first
    # language, the others go with that category or it refuses them.
    category = next((c for c in sent.values() if c), "")
    try:
        for content in template.contents.order_by("position", "id"):
            if content.language in sent:
                continue
            wait = rate_limit_take(rate_limit_key(template.channel_account))
            if wait:
                _release(
                    template_id,
                    reason=f"WhatsApp allows {settings.SUBMISSIONS_PER_HOUR} new templates an hour; queued.",
                )
                return RunOutcome(done=False, retry_in=wait)
            result = provider.submit_content(template=template, content=content, category=category)
            if result.category and result.category != template.category:
                category = category or result.category
            Submission.objects.create(
                template=template,
                language=content.language,
                provider=provider.name,
                provider_template_id=result.provider_template_id,
                status=result.status or Status.PENDING,
                category=result.category if result.category and result.category != template.category else "",
            )
    except TemporaryProviderError as exc:
        _release(template_id, reason=f"WhatsApp did not accept it yet ({exc.message}); retrying.")
        return RunOutcome(
            done=False, retry_in=exc.retry_after or backoff(template.submit_attempts), message=exc.message
        )
    except PermanentProviderError as exc:
        submission_fail(template_id=template_id, message=exc.message)
        return RunOutcome(done=True, message=exc.message)
    with transaction.atomic():
        locked = Template.objects.select_for_update().get(pk=template_id)
        aggregate_status(locked, source=StatusEvent.Source.SYSTEM, reason="")
        Template.objects.filter(pk=template_id).update(claimed_at=None)
    return RunOutcome(done=True)


@transaction.atomic
def submission_fail(*, template_id: int, message: str) -> None:
    """The provider refused, or retries ran out: the template ends as "Submission failed"."""
    updated = Template.objects.filter(pk=template_id, status=Status.SUBMITTING).update(
        status=Status.FAILED, status_reason=message, claimed_at=None, updated_at=timezone.now()
    )
    if updated:
        StatusEvent.objects.create(
            template_id=template_id, status=Status.FAILED, source=StatusEvent.Source.PROVIDER, reason=message
        )
        submission_failed_email(template=Template.objects.get(pk=template_id))


@dataclass(frozen=True)
class Derived:
    """What a template's languages at the provider say about the whole template."""

    status: str
    reason: str
    quality: str
    provider_category: str


def derived_status(submissions: list[Submission]) -> Derived:
    """The template's status, reason, worst quality and re-categorisation from its languages."""
    statuses = {s.status for s in submissions}
    # A language deleted on WhatsApp no longer speaks for the template while others remain.
    statuses = statuses - {Status.DELETED} or statuses
    if len(statuses) == 1 and statuses <= {Status.APPROVED, Status.ARCHIVED, Status.DELETED}:
        status = next(iter(statuses))
    elif Status.REJECTED in statuses:
        status = Status.REJECTED
    elif Status.DISABLED in statuses:
        status = Status.DISABLED
    elif Status.PAUSED in statuses:
        status = Status.PAUSED
    elif statuses <= {Status.APPROVED, Status.ARCHIVED}:
        status = Status.APPROVED  # some languages archived for inactivity, the rest approved
    else:
        status = Status.PENDING
    if len({s.reason for s in submissions}) == 1:  # one language, or the same reason for all
        reasons = [submissions[0].reason] if submissions[0].reason else []
    else:
        reasons = [f"{s.language}: {s.reason}" for s in submissions if s.reason]
    qualities = [s.quality for s in submissions if s.quality]
    worst = next((q for q in ("RED", "YELLOW", "GREEN", "UNKNOWN") if q in qualities), "")
    categories = [s.category for s in submissions if s.category]
    template_reason = "; ".join(reasons) if status in (Status.REJECTED, Status.PAUSED, Status.DISABLED) else ""
    return Derived(
        status=str(status),
        reason=template_reason,
        quality=worst,
        provider_category=categories[0] if categories else "",
    )


def aggregate_status(template: Template, *, source: str, reason: str, actor=None) -> None:
    """Derive the template's status from its languages; record and announce a change.

    Nothing changes (not even updated_at) when the languages say what the
    template already says. Announcing: the creator when review ends; the
    organization's possible reviewers when a template lands on the review desk.
    """
    submissions = list(template.submissions.all())
    if not submissions:
        return
    derived = derived_status(submissions)
    stored = Template.objects.filter(pk=template.pk).values("status", "status_reason", "quality", "provider_category")
    stored = stored.first() or {}
    now_says = {
        "status": derived.status,
        "status_reason": derived.reason,
        "quality": derived.quality,
        "provider_category": derived.provider_category,
    }
    if stored == now_says:
        return
    status, template_reason = derived.status, derived.reason
    changed = status != stored.get("status")
    Template.objects.filter(pk=template.pk).update(**now_says, updated_at=timezone.now())
    if changed:
        StatusEvent.objects.create(
            template=template, status=status, source=source, reason=reason or template_reason, actor=actor
        )
        if status in REVIEW_ENDED:
            template.status, template.status_reason = status, template_reason
            review_ended_email(template=template)
        elif status == Status.PENDING and template.channel_account.provider == Provider.REVIEW_DESK:
            approval_requested_email(template=template)


@transaction.atomic
def submission_status_apply(*, update: StatusUpdate, source: str) -> bool:
    """Apply a provider's update to the language it names. Duplicates and stale events change nothing."""
    submissions = Submission.objects.filter(provider_template_id=update.provider_template_id)
    if source == StatusEvent.Source.WEBHOOK:
        # A webhook entry speaks for one WhatsApp Business Account: only that account's templates move.
        submissions = submissions.filter(
            template__channel_account__provider="meta", template__channel_account__waba_id=update.waba_id or None
        )
    submission = submissions.select_for_update(of=("self",)).first()
    if submission is None:
        if source == StatusEvent.Source.WEBHOOK:
            logger.warning(
                "Ignored a WhatsApp webhook update of template %s for account %s: no such template of that account",
                update.provider_template_id,
                update.waba_id or "(none)",
            )
        return False
    template = Template.objects.select_for_update().get(pk=submission.template_id)
    if submission.last_event_at and update.occurred_at < submission.last_event_at:
        return False  # out of order: a newer event already applied
    fields = {}
    if update.status and update.status != submission.status:
        fields["status"] = update.status
        fields["reason"] = update.reason
    elif update.status and update.reason and update.reason != submission.reason:
        fields["reason"] = update.reason
    if update.quality and update.quality != submission.quality:
        fields["quality"] = update.quality
    # Submission.category holds only a category other than the template's own.
    new_category = update.category if update.category != template.category else ""
    if update.category and new_category != submission.category:
        fields["category"] = new_category
    if not fields:
        if submission.last_event_at is None or update.occurred_at > submission.last_event_at:
            Submission.objects.filter(pk=submission.pk).update(last_event_at=update.occurred_at)
            if update.reason and not update.status:
                # A notice without a status change (flagged, a category change announced): keep it on the timeline.
                StatusEvent.objects.create(
                    template=template,
                    status=template.status,
                    source=source,
                    reason=f"{submission.language}: {update.reason}",
                )
                return True
        return False
    Submission.objects.filter(pk=submission.pk).update(last_event_at=update.occurred_at, **fields)
    if template.status in (Status.DRAFT, Status.SUBMITTING, Status.FAILED):
        return True  # still being sent: the run aggregates when it finishes
    aggregate_status(template, source=source, reason=update.reason)
    return True


def submissions_stranded(*, older_than_seconds: int):
    """Submitting templates nobody is working on.

    Either their task never reached the broker (no claim), or the worker
    holding the claim died and the broker would only deliver the task again
    after its visibility timeout (a stale claim). Queuing them again is
    safe: the run claims first and skips languages already sent.
    """
    since = timezone.now() - timedelta(seconds=older_than_seconds)
    return Template.objects.filter(status=Status.SUBMITTING, updated_at__lt=since).filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=since)
    )


def template_status_sync(*, template: Template) -> int:
    """Ask the provider where each language stands; returns how many updates changed something."""
    provider = provider_for(template.channel_account)
    changed = 0
    for submission in template.submissions.all():
        try:
            update = provider.fetch_status(submission=submission)
        except ProviderError as exc:  # one language failing must not stop the others
            logger.warning("Status sync of template %s [%s] failed: %s", template.pk, submission.language, exc.message)
            continue
        if update is not None and submission_status_apply(update=update, source=StatusEvent.Source.SYNC):
            changed += 1
    return changed
