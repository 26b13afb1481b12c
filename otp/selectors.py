from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import Challenge, SecurityEvent


def challenge_get(*, challenge_id: int | None, user) -> Challenge | None:
    if challenge_id is None:
        return None
    return Challenge.objects.filter(pk=challenge_id, user=user).first()


def security_events_about(*, subject_type_id: int, subject_id: str, purposes: list[str]) -> QuerySet[SecurityEvent]:
    """Issue/verify events about one subject (its content type and id, see `event_subject`) for the given
    purposes, newest first. The subject as values, so a statement compiled once can run for any subject."""
    return (
        SecurityEvent.objects.filter(subject_type_id=subject_type_id, subject_id=subject_id, purpose__in=purposes)
        .select_related("user")
        .order_by("-created_at", "-id")
    )


def event_subject(subject) -> dict:
    """How SecurityEvent names `subject`: its content type's id (cached per process) and its id as text."""
    subject_type = ContentType.objects.get_for_model(subject, for_concrete_model=False)
    return {"subject_type_id": subject_type.pk, "subject_id": str(subject.pk)}


def challenge_ready(*, user, purpose: str, subject, digest: str = "") -> bool:
    """Has `user` verified a code for exactly this that no action has consumed yet (within its lifetime)?

    For flows that verify first and act on a later form post, which consumes
    the code (otp.services.challenge_consume).
    """
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    subject_type = ContentType.objects.get_for_model(subject, for_concrete_model=False)
    since = timezone.now() - timedelta(seconds=settings.OTP_CODE_LIFETIME)
    return Challenge.objects.filter(
        user=user,
        purpose=purpose,
        subject_type=subject_type,
        subject_id=str(subject.pk),
        digest=digest,
        used_at__gte=since,
        consumed_at=None,
    ).exists()
