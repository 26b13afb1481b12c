import logging
import smtplib

from celery import shared_task

from .mail import email_deliver
from .sealing import SealExpired, unseal

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=12,
)
def send_email(
    self,
    *,
    to: list[str],
    template: str,
    context: dict,
    sealed: str = "",
    sealed_max_age: int = 0,
    language: str = "",
):
    """Render and send one email in the recipient's `language`; retried with backoff while SMTP is unreachable."""
    if sealed:
        try:
            context = {**context, **unseal(sealed, max_age=sealed_max_age)}
        except SealExpired:
            # The secret inside is no longer valid (e.g. an expired code):
            # sending it late would only confuse the recipient.
            logger.info("Dropped email %r: its sealed content expired", template)
            return
    email_deliver(to=to, template=template, context=context, language=language or None)
