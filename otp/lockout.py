"""Caps on wrong codes per user, across all challenges, and the daily lock.

Each code dies after OTP_MAX_ATTEMPTS wrong tries, but a user can ask for
new codes; these caps bound the guessing overall:

- at most OTP_WRONG_CODES_PER_WINDOW wrong codes per OTP_WRONG_CODES_WINDOW
  seconds (25 per 15 minutes): past it, codes are refused until the window
  moves on;
- at most OTP_WRONG_CODES_PER_DAY wrong codes in 24 hours (50): reaching it
  locks the user's code actions (asking for codes and entering them) for 24
  hours, and every Admin of the user's organizations is emailed. An Admin
  (not the locked user) can unlock earlier on Settings > Security.

Wrong codes are counted from the append-only SecurityEvent trail, since the
last unlock. services.challenge_issue / challenge_verify call
`issue_refusal`, `verify_refusal` and `wrong_code_counted`; the Security page
reads `code_locks_for_organization` and calls `code_lock_release`.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, QuerySet
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from qontak_broadcast.prepared import PreparedRead

from .models import CodeLock, SecurityEvent

LOCK_DURATION = timedelta(hours=24)
DAY = timedelta(hours=24)
# SecurityEvent outcomes of a verify where a wrong code was checked (VerifyFailure values).
WRONG_CODE_OUTCOMES = ("wrong_code", "too_many_tries")


@dataclass(frozen=True)
class Refusal:
    locked: bool  # True: the daily lock; False: the short-window cap
    retry_after: int  # seconds

    @property
    def message(self) -> str:
        if self.locked:
            hours = max(1, round(self.retry_after / 3600))
            return ngettext(
                "Too many wrong codes today: your verification codes are locked. An Admin of your organization "
                "can unlock them on Settings > Security; otherwise they unlock in about %(hours)s hour.",
                "Too many wrong codes today: your verification codes are locked. An Admin of your organization "
                "can unlock them on Settings > Security; otherwise they unlock in about %(hours)s hours.",
                hours,
            ) % {"hours": hours}
        minutes = max(1, round(self.retry_after / 60))
        return ngettext(
            "Too many wrong codes. Try again in about %(minutes)s minute.",
            "Too many wrong codes. Try again in about %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}


def _active_lock(*, user, now: datetime) -> CodeLock | None:
    return CodeLock.objects.filter(user=user, released_at=None, expires_at__gt=now).order_by("-expires_at").first()


def _wrong_codes(*, user, now: datetime, period: timedelta) -> QuerySet[SecurityEvent]:
    since = now - period
    last_release = CodeLock.objects.filter(user=user).aggregate(last=Max("released_at"))["last"]
    if last_release is not None and last_release > since:
        since = last_release
    return SecurityEvent.objects.filter(
        user=user, action=SecurityEvent.Action.VERIFY, outcome__in=WRONG_CODE_OUTCOMES, created_at__gt=since
    )


def issue_refusal(*, user) -> Refusal | None:
    """Refuse sending a code while the user's code actions are locked."""
    now = timezone.now()
    lock = _active_lock(user=user, now=now)
    if lock is None:
        return None
    return Refusal(locked=True, retry_after=max(1, int((lock.expires_at - now).total_seconds())))


def verify_refusal(*, user) -> Refusal | None:
    """Refuse checking a code while locked, or past the short-window cap."""
    refusal = issue_refusal(user=user)
    if refusal is not None:
        return refusal
    now = timezone.now()
    window = timedelta(seconds=settings.OTP_WRONG_CODES_WINDOW)
    cap = settings.OTP_WRONG_CODES_PER_WINDOW
    recent = list(
        _wrong_codes(user=user, now=now, period=window)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:cap]
    )
    if len(recent) < cap:
        return None
    return Refusal(locked=False, retry_after=max(1, int((recent[-1] + window - now).total_seconds()) + 1))


def wrong_code_counted(*, user) -> CodeLock | None:
    """After a wrong code was recorded: lock the user's code actions at the daily cap, and tell the Admins.

    Callers hold the user's device row lock (challenge_verify), so two wrong
    codes at once lock once.
    """
    now = timezone.now()
    wrong = _wrong_codes(user=user, now=now, period=DAY).count()
    if wrong < settings.OTP_WRONG_CODES_PER_DAY or _active_lock(user=user, now=now) is not None:
        return None
    lock = CodeLock.objects.create(user=user, locked_at=now, expires_at=now + LOCK_DURATION, wrong_codes=wrong)
    from .emails import code_lock_email

    code_lock_email(lock=lock)
    return lock


# --- the Security page: Admins see and release their members' locks --------
def code_locks_for_organization(*, organization_id: int, now=None) -> QuerySet[CodeLock]:
    """Active locks of the organization's members, newest first (active at `now`: a time, or the Now() expression)."""
    return (
        CodeLock.objects.filter(
            user__memberships__organization_id=organization_id,
            released_at=None,
            expires_at__gt=now or timezone.now(),
        )
        .select_related("user")
        .order_by("-locked_at")
    )


CODE_LOCK_COLUMNS = ("pk", "user_id", "user__email", "locked_at", "expires_at", "wrong_codes")
_active_code_locks = PreparedRead(
    # Now(): the database's clock, so the statement holds no time of its own.
    lambda organization_id: code_locks_for_organization(organization_id=organization_id, now=Now()).values_list(
        *CODE_LOCK_COLUMNS
    ),
    organization_id=-7_311_000_000_005,
)


def code_locks_listed(*, organization_id: int) -> list[dict]:
    """What the Security page lists of each active lock (CODE_LOCK_COLUMNS, the email as `email`), newest first.

    Every Admin's Security page reads it, nearly always to find none: the query is compiled once per process.
    """
    rows = _active_code_locks(organization_id=organization_id)
    names = ("pk", "user_id", "email", "locked_at", "expires_at", "wrong_codes")
    return [dict(zip(names, row, strict=True)) for row in rows]


def code_lock_get_for_admin(*, organization_id: int, lock_id: int) -> CodeLock | None:
    """An active lock of a member of the organization, or None (answer 404: no leaking across organizations)."""
    return code_locks_for_organization(organization_id=organization_id).filter(pk=lock_id).first()


class CodeLockSelfRelease(Exception):
    """A locked user may not unlock their own codes: another Admin must, or the day must pass."""


@transaction.atomic
def code_lock_release(*, lock: CodeLock, actor) -> bool:
    """Unlock the user's code actions now. False if it was already released or had expired."""
    if lock.user_id == actor.pk:
        raise CodeLockSelfRelease(_("You can't unlock your own codes: ask another Admin, or wait until the lock ends."))
    now = timezone.now()
    return bool(
        CodeLock.objects.filter(pk=lock.pk, released_at=None, expires_at__gt=now).update(
            released_at=now, released_by=actor
        )
    )
