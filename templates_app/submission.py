"""Taking a template from Submitting to its reviewer, exactly once."""

from django.db import transaction
from django.utils import timezone

from .models import Status, StatusEvent, Template


@transaction.atomic
def submission_run(*, template_id: int) -> bool:
    """Claim the template (Submitting -> Pending) with a conditional update.

    A second delivery of the same task finds nothing to claim and does
    nothing. The built-in review desk needs no call out: the template now
    waits for the organization's reviewers.
    """
    claimed = Template.objects.filter(pk=template_id, status=Status.SUBMITTING).update(
        status=Status.PENDING, updated_at=timezone.now()
    )
    if not claimed:
        return False
    StatusEvent.objects.create(template_id=template_id, status=Status.PENDING, source=StatusEvent.Source.SYSTEM)
    return True
