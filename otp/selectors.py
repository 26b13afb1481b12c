from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import Challenge, SecurityEvent


def challenge_get(*, challenge_id: int | None, user) -> Challenge | None:
    if challenge_id is None:
        return None
    return Challenge.objects.filter(pk=challenge_id, user=user).first()


def security_events_for_subject(*, subject, purposes: list[str]) -> QuerySet[SecurityEvent]:
    """Issue/verify events about `subject` for the given purposes, newest first."""
    subject_type = ContentType.objects.get_for_model(subject, for_concrete_model=False)
    return (
        SecurityEvent.objects.filter(subject_type=subject_type, subject_id=str(subject.pk), purpose__in=purposes)
        .select_related("user")
        .order_by("-created_at", "-id")
    )
