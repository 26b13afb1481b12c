import logging

from celery import shared_task
from django.conf import settings

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=None)
def send_to_provider(self, template_id: int) -> None:
    """Send a submitted template to its channel account's reviewer (WhatsApp or the review desk).

    Idempotent: the run claims the template with a conditional update and
    skips languages already at the provider, so a second delivery of this
    task sends nothing twice. Temporary failures retry with backoff and
    jitter (or the provider's Retry-After); after SUBMISSION_MAX_RETRIES the
    template ends as "Submission failed".
    """
    from .submission import submission_fail, submission_run

    outcome = submission_run(template_id=template_id)
    if outcome.done:
        return
    # The hourly rate limit is a wait, not a failure: only provider errors count.
    if outcome.message and self.request.retries >= settings.SUBMISSION_MAX_RETRIES:
        submission_fail(
            template_id=template_id, message=f"Gave up after {self.request.retries + 1} tries: {outcome.message}"
        )
        return
    raise self.retry(countdown=outcome.retry_in, max_retries=None)


@shared_task(acks_late=True)
def sync_template_status(template_id: int) -> int:
    from .models import Template
    from .submission import template_status_sync

    template = Template.objects.select_related("channel_account").filter(pk=template_id).first()
    return template_status_sync(template=template) if template else 0


@shared_task
def requeue_stranded_submissions() -> int:
    """Safety net: queue again any submission whose task never reached the broker."""
    from .submission import submissions_stranded

    ids = list(submissions_stranded(older_than_seconds=settings.SUBMISSION_CLAIM_TIMEOUT).values_list("pk", flat=True))
    for template_id in ids:
        send_to_provider.delay(template_id)
    return len(ids)


@shared_task
def sync_template_statuses() -> int:
    """Periodic safety net for missed webhooks: queue a sync of every connected WhatsApp account."""
    from .whatsapp_sync import accounts_to_sync

    ids = list(accounts_to_sync().values_list("pk", flat=True))
    for account_id in ids:
        sync_account_statuses.delay(account_id)
    return len(ids)


@shared_task(acks_late=True)
def sync_account_statuses(account_id: int) -> int:
    """Every template of one account, brought to what WhatsApp says (one list call per page)."""
    from .whatsapp_sync import account_status_sync

    return account_status_sync(account_id=account_id)


@shared_task(bind=True, acks_late=True, max_retries=5)
def import_account_templates(self, account_id: int, actor_id: int) -> int:
    """ "Import from WhatsApp": every template of the account. Idempotent (known languages are skipped);
    a temporary failure is retried with backoff, a permanent one is written to the account's audit trail."""
    from accounts.models import ChannelAccount, ChannelAccountEvent, User
    from accounts.services import channel_account_event_record

    from .providers.base import PermanentProviderError, TemporaryProviderError
    from .submission import backoff
    from .whatsapp_sync import account_templates_import

    try:
        return account_templates_import(account_id=account_id, actor_id=actor_id).templates
    except TemporaryProviderError as exc:
        if self.request.retries < self.max_retries:
            raise self.retry(countdown=exc.retry_after or backoff(self.request.retries + 1)) from None
        message = exc.message
    except PermanentProviderError as exc:
        message = exc.message
    account = ChannelAccount.objects.filter(pk=account_id).first()
    if account is not None:
        channel_account_event_record(
            account=account,
            action=ChannelAccountEvent.Action.IMPORTED,
            actor=User.objects.filter(pk=actor_id).first(),
            details=f"Import failed: {message}",
        )
    return 0
