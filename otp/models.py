"""Emailed one-time codes, on django-otp's Device.

An EmailDevice is django-otp's view of "codes sent to this user's email":
one per user, with django-otp's throttling (consecutive wrong codes across
all challenges) and last-used timestamp. Each request for a code is a
Challenge bound to (user, purpose, subject[, content digest]); the code is
stored only as an HMAC. SecurityEvent is the append-only record of every
issue and verify.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from accounts.models import AppendOnly


class EmailDevice(TimestampMixin, ThrottlingMixin, Device):
    class Meta:
        verbose_name = "email verification device"
        constraints = [models.UniqueConstraint(fields=["user"], name="one_email_device_per_user")]

    def get_throttle_factor(self) -> int:
        return settings.OTP_THROTTLE_FACTOR

    def generate_is_allowed(self):
        from .services import issue_limit_retry_after

        retry_after = issue_limit_retry_after(user=self.user)
        if retry_after:
            return False, {"reason": "ISSUE_LIMIT", "retry_after": retry_after}
        return super().generate_is_allowed()

    def bind(self, *, purpose: str, subject, digest: str = "") -> "EmailDevice":
        """Say what the next `verify_token` confirms: a code only ever counts for its own action."""
        self._binding = (purpose, subject, digest)
        return self

    def verify_token(self, token) -> bool:
        """django-otp's API, for the action named with `bind()`; unbound, no code verifies.

        A code issued to confirm one action (say, turning a setting off) must
        never pass for another, so the device refuses to guess which one.
        """
        from .services import challenge_verify

        binding = getattr(self, "_binding", None)
        if binding is None:
            return False
        purpose, subject, digest = binding
        challenge = (
            self.challenges.filter(used_at=None, killed_at=None, purpose=purpose)
            .filter(subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=False))
            .filter(subject_id=str(subject.pk))
            .order_by("-created_at")
            .first()
        )
        if challenge is None:
            return False
        return challenge_verify(
            challenge_id=challenge.pk,
            user=self.user,
            code=str(token),
            purpose=purpose,
            subject=subject,
            digest=digest,
        ).ok


class Challenge(models.Model):
    """One code sent for one (user, purpose, subject): the code itself is never stored."""

    device = models.ForeignKey(EmailDevice, on_delete=models.CASCADE, related_name="challenges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=64)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    subject_id = models.CharField(max_length=64)
    digest = models.CharField(max_length=64, blank=True)
    salt = models.CharField(max_length=32)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    # A verified code authorises one action: the service that carries it out consumes it.
    consumed_at = models.DateTimeField(null=True, blank=True)
    killed_at = models.DateTimeField(null=True, blank=True)
    kill_reason = models.CharField(max_length=32, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "purpose", "subject_type", "subject_id", "-created_at"], name="challenge_key"),
            models.Index(fields=["user", "-created_at"], name="challenge_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} for {self.user_id} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def subject(self):
        return self.subject_type.get_object_for_this_type(pk=self.subject_id)


class SecurityEvent(AppendOnly):
    """Append-only: every code issued or refused, every verification tried."""

    append_only_message = "Security events are append-only."

    class Action(models.TextChoices):
        ISSUE = "issue", _("Code requested")
        VERIFY = "verify", _("Code entered")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=64)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    subject_id = models.CharField(max_length=64)
    challenge = models.ForeignKey(Challenge, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action = models.CharField(max_length=16, choices=Action.choices)
    outcome = models.CharField(max_length=32)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id", "-created_at"], name="securityevent_subject")]

    def __str__(self) -> str:
        return f"{self.action} {self.purpose}: {self.outcome}"


class CodeLock(models.Model):
    """A user's code actions locked after too many wrong codes in a day (see otp/lockout.py).

    Active while `released_at` is empty and `expires_at` is ahead. Kept after
    release as the record of who unlocked it and when.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    locked_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    wrong_codes = models.PositiveIntegerField()
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["user", "-locked_at"], name="codelock_user_recent")]

    def __str__(self) -> str:
        return f"codes locked for {self.user_id} ({self.locked_at:%Y-%m-%d %H:%M})"
