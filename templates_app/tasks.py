import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def submit_template(template_id: int) -> None:
    """Send a submitted template to its channel account's reviewer (idempotent)."""
    from .submission import submission_run

    submission_run(template_id=template_id)
