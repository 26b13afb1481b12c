"""The Security page's audit trail rows, built in Python once per row.

A row written in the page's template ran a dozen tags and a date format per
entry; a trail of twenty entries cost more than the rest of the page. The
texts are the same messages (and translations) the template used.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from qontak_broadcast.formatting import datetime_shown

ROW = '<tr class="audit-{kind}"><td>{at}</td><td>{who}</td><td>{ip}</td><td>{what}</td></tr>'


def audit_rows(entries: list[dict]) -> SafeString:
    """Rows of the audit trail's entries (security_settings.selectors.audit_trail_page), escaped."""
    on, off = escape(pgettext("state", "On")), escape(pgettext("state", "Off"))
    return mark_safe(
        "\n".join(
            ROW.format(
                kind=escape(entry["kind"]),
                at=escape(datetime_shown(entry["at"])),
                who=escape(entry["who"] or ""),
                ip=escape(entry["ip"] or "—"),
                what=_what(entry, on, off),
            )
            for entry in entries
        )
    )


def _what(entry: dict, on: str, off: str) -> str:
    setting = escape(str(entry["setting"]))
    if entry["kind"] == "change":
        turned = gettext("Turned on") if entry["new"] else gettext("Turned off")
        before, after = (on if entry["old"] else off), (on if entry["new"] else off)
        return f'<strong>{escape(turned)}</strong> {setting} <span class="muted">({before} → {after})</span>'
    if entry["kind"] == "issue":
        outcome = entry["outcome"]
        if outcome == "issued":
            text = gettext("Code sent to turn on") if entry["turning_on"] else gettext("Code sent to turn off")
        elif outcome == "refused_cooldown":
            text = gettext("Code not sent: asked again too soon")
        elif outcome == "refused_locked":
            text = gettext("Code not sent: codes locked after too many wrong codes")
        else:
            text = gettext("Code not sent: too many codes requested")
        return f'{escape(text)} <span class="muted">{setting}</span>'
    why = _failure(entry["outcome"])
    if entry["turning_on"]:
        text = gettext("Verification failed (%(why)s) while turning on") % {"why": why}
    else:
        text = gettext("Verification failed (%(why)s) while turning off") % {"why": why}
    return f'<span class="audit-failure">{escape(text)}</span> <span class="muted">{setting}</span>'


def _failure(outcome: str) -> str:
    """Why a code was refused, in the reader's words (the outcome's own name when it has none)."""
    reasons = {
        "wrong_code": gettext("wrong code"),
        "expired": gettext("expired code"),
        "too_many_tries": gettext("too many wrong tries"),
        "used": gettext("code already used"),
        "superseded": gettext("replaced by a newer code"),
        "throttled": gettext("too many wrong codes, wait"),
        "locked": gettext("codes locked after too many wrong codes"),
        "content_changed": gettext("content changed"),
    }
    return reasons.get(outcome, outcome)
