"""Issue and verify emailed verification codes for any sensitive action.

Callers name a purpose (e.g. "enable_broadcast_template_otp") and a subject
(any model instance); this app never imports its callers. A code is bound to
exactly that (user, purpose, subject) and, optionally, a digest of the
content being confirmed: what you see is what you confirm.
"""

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from qontak_broadcast.availability import require_task_queue
from qontak_broadcast.client_address import client_ip

from . import lockout
from .models import Challenge, EmailDevice, SecurityEvent

CODE_DIGITS = 6


@dataclass(frozen=True)
class RequestMeta:
    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def from_request(cls, request) -> "RequestMeta":
        return cls(ip=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", "")[:300])


class IssueRefusal(enum.StrEnum):
    COOLDOWN = "refused_cooldown"
    LIMIT = "refused_limit"
    LOCKED = "refused_locked"


@dataclass(frozen=True)
class IssueResult:
    challenge: Challenge | None
    refusal: IssueRefusal | None = None
    retry_after: int = 0
    # During the resend cooldown: the code already on its way for exactly this
    # action, so a second tab or device can take it instead of waiting.
    pending: Challenge | None = None

    @property
    def ok(self) -> bool:
        return self.challenge is not None

    @property
    def message(self) -> str:
        if self.refusal is IssueRefusal.COOLDOWN:
            return _("A code was just sent. You can ask for a new one in %(seconds)s seconds.") % {
                "seconds": self.retry_after
            }
        if self.refusal is IssueRefusal.LIMIT:
            minutes = max(1, round(self.retry_after / 60))
            return ngettext(
                "Too many codes were requested. Try again in about %(minutes)s minute.",
                "Too many codes were requested. Try again in about %(minutes)s minutes.",
                minutes,
            ) % {"minutes": minutes}
        if self.refusal is IssueRefusal.LOCKED:
            return lockout.Refusal(locked=True, retry_after=self.retry_after).message
        return ""


class VerifyFailure(enum.StrEnum):
    WRONG_CODE = "wrong_code"
    TOO_MANY_TRIES = "too_many_tries"
    EXPIRED = "expired"
    USED = "used"
    SUPERSEDED = "superseded"
    CONTENT_CHANGED = "content_changed"
    MISMATCH = "mismatch"
    THROTTLED = "throttled"
    LOCKED = "locked"


FAILURE_MESSAGES = {
    VerifyFailure.TOO_MANY_TRIES: gettext_lazy("Too many wrong tries: this code no longer works. Ask for a new code."),
    VerifyFailure.EXPIRED: gettext_lazy("This code has expired. Ask for a new code."),
    VerifyFailure.USED: gettext_lazy("This code was already used. Ask for a new code."),
    VerifyFailure.SUPERSEDED: gettext_lazy("A newer code was sent: use the code from the most recent email."),
    VerifyFailure.CONTENT_CHANGED: gettext_lazy(
        "The content changed after this code was sent. Ask for a new code to confirm what you see now."
    ),
    VerifyFailure.MISMATCH: gettext_lazy("This code is not for this action. Ask for a new code."),
    VerifyFailure.THROTTLED: gettext_lazy("Too many wrong codes in a row. Wait a moment and try again."),
}


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    failure: VerifyFailure | None = None
    tries_left: int = 0
    refusal: lockout.Refusal | None = None  # why codes are refused for now (THROTTLED, LOCKED)

    @property
    def message(self) -> str:
        if self.ok:
            return ""
        if self.refusal is not None:
            return self.refusal.message
        if self.failure is VerifyFailure.WRONG_CODE:
            return ngettext(
                "That code is not right. %(tries)s try left.",
                "That code is not right. %(tries)s tries left.",
                self.tries_left,
            ) % {"tries": self.tries_left}
        return str(FAILURE_MESSAGES[self.failure])

    @property
    def needs_new_code(self) -> bool:
        return not self.ok and self.failure not in (VerifyFailure.WRONG_CODE, VerifyFailure.THROTTLED)


def _code_hash(*, salt: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{salt}:{code}".encode(), hashlib.sha256).hexdigest()


def _subject_key(subject) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(subject, for_concrete_model=False), str(subject.pk)


def _record(*, user, purpose, subject_key, action, outcome, challenge=None, meta: RequestMeta | None) -> None:
    meta = meta or RequestMeta()
    SecurityEvent.objects.create(
        user=user,
        purpose=purpose,
        subject_type=subject_key[0],
        subject_id=subject_key[1],
        challenge=challenge,
        action=action,
        outcome=str(outcome),
        ip=meta.ip,
        user_agent=meta.user_agent,
    )


def issue_limit_retry_after(*, user) -> int:
    """Seconds until the user may ask for another code (0: now)."""
    now = timezone.now()
    window_start = now - timedelta(seconds=settings.OTP_ISSUE_WINDOW)
    recent = list(
        Challenge.objects.filter(user=user, created_at__gt=window_start)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[: settings.OTP_ISSUE_LIMIT]
    )
    if len(recent) < settings.OTP_ISSUE_LIMIT:
        return 0
    oldest_counted = recent[-1]
    return max(1, int((oldest_counted + timedelta(seconds=settings.OTP_ISSUE_WINDOW) - now).total_seconds()) + 1)


def _device_locked(user) -> EmailDevice:
    EmailDevice.objects.get_or_create(user=user, defaults={"name": "Email"})
    # The lock serialises issuing per user, so caps and cooldowns hold under concurrency.
    return EmailDevice.objects.select_for_update().get(user=user)


@transaction.atomic
def challenge_issue(
    *,
    user,
    purpose: str,
    subject,
    action: str,
    details: list[tuple[str, str]] | None = None,
    quotes: list[tuple[str, str]] | None = None,
    digest: str = "",
    meta: RequestMeta | None = None,
) -> IssueResult:
    """Send a new code to the user's email for (purpose, subject).

    `action` says in plain words what the code confirms ("turn on ... for
    Acme Retail"); `details` are extra (label, value) lines for the email and
    `quotes` (label, text) passages of the content being confirmed, so the
    mail alone tells what the code will let through. Refuses (without
    sending) during the resend cooldown or past the cap.
    """
    require_task_queue(gettext_lazy("send a verification code"))
    device = _device_locked(user)
    subject_key = _subject_key(subject)
    now = timezone.now()

    # --- daily wrong-code lock (otp/lockout.py) ---
    locked = lockout.issue_refusal(user=user)
    if locked is not None:
        _record(
            user=user, purpose=purpose, subject_key=subject_key, action="issue", outcome=IssueRefusal.LOCKED, meta=meta
        )
        return IssueResult(None, IssueRefusal.LOCKED, locked.retry_after)

    allowed, info = device.generate_is_allowed()
    if not allowed:
        _record(
            user=user, purpose=purpose, subject_key=subject_key, action="issue", outcome=IssueRefusal.LIMIT, meta=meta
        )
        return IssueResult(None, IssueRefusal.LIMIT, info["retry_after"])

    same_key = Challenge.objects.filter(
        user=user, purpose=purpose, subject_type=subject_key[0], subject_id=subject_key[1]
    )
    last = same_key.order_by("-created_at").first()
    if last is not None:
        cooldown_ends = last.created_at + timedelta(seconds=settings.OTP_RESEND_COOLDOWN)
        if cooldown_ends > now:
            _record(
                user=user,
                purpose=purpose,
                subject_key=subject_key,
                action="issue",
                outcome=IssueRefusal.COOLDOWN,
                meta=meta,
            )
            live = last.used_at is None and last.killed_at is None and last.expires_at > now
            return IssueResult(
                None,
                IssueRefusal.COOLDOWN,
                max(1, int((cooldown_ends - now).total_seconds()) + 1),
                pending=last if live and hmac.compare_digest(last.digest, digest) else None,
            )

    same_key.filter(used_at=None, killed_at=None).update(killed_at=now, kill_reason=VerifyFailure.SUPERSEDED)

    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    lifetime = settings.OTP_CODE_LIFETIME
    challenge = Challenge.objects.create(
        device=device,
        user=user,
        purpose=purpose,
        subject_type=subject_key[0],
        subject_id=subject_key[1],
        digest=digest,
        salt=salt,
        code_hash=_code_hash(salt=salt, code=code),
        created_at=now,
        expires_at=now + timedelta(seconds=lifetime),
    )
    _record(
        user=user,
        purpose=purpose,
        subject_key=subject_key,
        action="issue",
        outcome="issued",
        challenge=challenge,
        meta=meta,
    )
    from .emails import verification_code_email

    verification_code_email(
        user=user, code=code, action=action, details=details or [], quotes=quotes or [], lifetime=lifetime
    )
    return IssueResult(challenge)


@transaction.atomic
def challenge_verify(
    *,
    challenge_id: int,
    user,
    code: str,
    purpose: str,
    subject,
    digest: str = "",
    meta: RequestMeta | None = None,
) -> VerifyResult:
    """Check `code` against exactly this challenge; single use, race-safe."""
    subject_key = _subject_key(subject)
    now = timezone.now()
    # Locks in the order challenge_issue takes them (device, then challenge),
    # so a verify racing a resend waits instead of deadlocking. The challenge
    # lock makes two verifies of one code take turns: the second sees used_at.
    device = EmailDevice.objects.select_for_update().filter(user=user).first()
    challenge = Challenge.objects.select_for_update().filter(pk=challenge_id).first()

    def done(result: VerifyResult) -> VerifyResult:
        outcome = "verified" if result.ok else result.failure
        _record(
            user=user,
            purpose=purpose,
            subject_key=subject_key,
            action="verify",
            outcome=outcome,
            challenge=challenge,
            meta=meta,
        )
        return result

    if (
        challenge is None
        or device is None
        or challenge.user_id != user.pk
        or challenge.purpose != purpose
        or (challenge.subject_type_id, challenge.subject_id) != (subject_key[0].pk, subject_key[1])
    ):
        return done(VerifyResult(False, VerifyFailure.MISMATCH))
    if challenge.used_at is not None:
        return done(VerifyResult(False, VerifyFailure.USED))
    if challenge.killed_at is not None:
        return done(VerifyResult(False, VerifyFailure(challenge.kill_reason)))
    if challenge.expires_at <= now:
        return done(VerifyResult(False, VerifyFailure.EXPIRED))
    if not hmac.compare_digest(challenge.digest, digest):
        Challenge.objects.filter(pk=challenge.pk).update(killed_at=now, kill_reason=VerifyFailure.CONTENT_CHANGED)
        return done(VerifyResult(False, VerifyFailure.CONTENT_CHANGED))

    # --- wrong-code caps: per window and the daily lock (otp/lockout.py) ---
    refusal = lockout.verify_refusal(user=user)
    if refusal is not None:
        failure = VerifyFailure.LOCKED if refusal.locked else VerifyFailure.THROTTLED
        return done(VerifyResult(False, failure, refusal=refusal))

    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return done(VerifyResult(False, VerifyFailure.THROTTLED))

    if hmac.compare_digest(challenge.code_hash, _code_hash(salt=challenge.salt, code=str(code).strip())):
        challenge.used_at = now
        challenge.save(update_fields=["used_at"])
        device.throttle_reset(commit=False)
        device.set_last_used_timestamp(commit=False)
        device.save(update_fields=["throttling_failure_timestamp", "throttling_failure_count", "last_used_at"])
        return done(VerifyResult(True))

    device.throttle_increment()
    challenge.attempts += 1
    fields = ["attempts"]
    if challenge.attempts >= settings.OTP_MAX_ATTEMPTS:
        challenge.killed_at, challenge.kill_reason = now, VerifyFailure.TOO_MANY_TRIES
        fields += ["killed_at", "kill_reason"]
    challenge.save(update_fields=fields)
    if challenge.killed_at:
        result = done(VerifyResult(False, VerifyFailure.TOO_MANY_TRIES))
    else:
        result = done(VerifyResult(False, VerifyFailure.WRONG_CODE, settings.OTP_MAX_ATTEMPTS - challenge.attempts))
    lockout.wrong_code_counted(user=user)  # --- the daily cap may lock code actions now (otp/lockout.py) ---
    return result


@transaction.atomic
def challenge_consume(*, user, purpose: str, subject, digest: str = "") -> bool:
    """Take the code `user` verified for exactly (purpose, subject, digest): True once, then never again.

    The service that carries out the confirmed action calls this inside its
    own transaction, so one verified code lets exactly one action through,
    and only within the code's lifetime.
    """
    subject_key = _subject_key(subject)
    since = timezone.now() - timedelta(seconds=settings.OTP_CODE_LIFETIME)
    challenge = (
        Challenge.objects.select_for_update(skip_locked=True)
        .filter(
            user=user,
            purpose=purpose,
            subject_type=subject_key[0],
            subject_id=subject_key[1],
            digest=digest,
            used_at__gte=since,
            consumed_at=None,
        )
        .order_by("-used_at")
        .first()
    )
    if challenge is None:
        return False
    Challenge.objects.filter(pk=challenge.pk).update(consumed_at=timezone.now())
    return True
