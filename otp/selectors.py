from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

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


def challenge_verified(*, user, purpose: str, subject, digest: str = "") -> bool:
    """Did `user` verify a code for exactly (purpose, subject, digest) within a code's lifetime?"""
    subject_type = ContentType.objects.get_for_model(subject, for_concrete_model=False)
    since = timezone.now() - timedelta(seconds=settings.OTP_CODE_LIFETIME)
    return Challenge.objects.filter(
        user=user,
        purpose=purpose,
        subject_type=subject_type,
        subject_id=str(subject.pk),
        digest=digest,
        used_at__gte=since,
    ).exists()
