"""Why a template stands where it does, shown in the reader's language.

Reasons are stored as they arrive (WhatsApp's reason codes, its own words,
our notes in English, the source language) and translated when shown:
WhatsApp's rejection codes get their name in the active language, and the
notes the product writes itself are looked up in the catalogue.
"""

import re

from django.utils.translation import gettext, gettext_lazy, gettext_noop

# WhatsApp's reasons for rejecting a template (and the review desk's, which uses the same codes).
REJECTION_REASONS = {
    "ABUSIVE_CONTENT": gettext_lazy("Abusive content"),
    "INCORRECT_CATEGORY": gettext_lazy("Incorrect category"),
    "INVALID_FORMAT": gettext_lazy("Invalid format"),
    "PROMOTIONAL": gettext_lazy("Promotional content in a Utility template"),
    "SCAM": gettext_lazy("Scam"),
    "TAG_CONTENT_MISMATCH": gettext_lazy("Content does not match the language or category"),
    "OTHER": gettext_lazy("Other (explain)"),
}

# Notes the product stores in English, translated when shown.
FLAGGED = gettext_noop(
    "WhatsApp flagged this template after negative feedback: it may be paused or disabled if that goes on."
)
LOCKED = gettext_noop("WhatsApp locked this template: it can no longer be edited there.")
UNLOCKED = gettext_noop("WhatsApp unlocked this template.")
LIMIT_EXCEEDED = gettext_noop("The WhatsApp Business Account has reached its limit of templates.")
UNARCHIVED = gettext_noop("WhatsApp unarchived this template.")
DIFFERENT_CONTENT = gettext_noop(
    "A template with this name and language already exists on WhatsApp with different content: "
    "duplicate it under another name."
)
RETRY = gettext_noop("Retry")
APPROVED = gettext_noop("Approved")

# Notes with a value inside: (pattern of the stored English, its msgid with %(…)s placeholders).
_PATTERNS = [
    (
        re.compile(r"WhatsApp will re-categorise this template as (?P<category>\w+)\."),
        gettext_noop("WhatsApp will re-categorise this template as %(category)s."),
    ),
    (
        re.compile(r"WhatsApp allows (?P<count>\d+) new templates an hour; queued\."),
        gettext_noop("WhatsApp allows %(count)s new templates an hour; queued."),
    ),
    (
        re.compile(r"WhatsApp did not accept it yet \((?P<message>.*)\); retrying\.", re.DOTALL),
        gettext_noop("WhatsApp did not accept it yet (%(message)s); retrying."),
    ),
    (
        re.compile(r"Gave up after (?P<count>\d+) tries: (?P<message>.*)", re.DOTALL),
        gettext_noop("Gave up after %(count)s tries: %(message)s"),
    ),
]
_CODE = re.compile(r"(?P<code>[A-Z][A-Z_]{2,})(?: \((?P<label>[^)]*)\)|: (?P<details>.*))?", re.DOTALL)
_LANGUAGE_PREFIX = re.compile(r"(?P<language>[a-z]{2,3}(?:_[A-Z]{2})?): (?P<rest>.*)", re.DOTALL)


def reason_display(text: str) -> str:
    """The stored reason as the active language says it; text nobody wrote for translation stays as it is."""
    if not text:
        return ""
    return "; ".join(_segment(part) for part in text.split("; "))


def _segment(text: str) -> str:
    prefix = _LANGUAGE_PREFIX.fullmatch(text)
    if prefix and not _CODE.fullmatch(text):
        return f"{prefix['language']}: {_segment(prefix['rest'])}"
    translated = gettext(text)
    if translated != text:
        return translated
    for pattern, msgid in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            values = match.groupdict()
            if "category" in values:
                from .models import Category

                values["category"] = (
                    Category(values["category"]).label if values["category"] in Category.values else values["category"]
                )
            return gettext(msgid) % values
    code = _CODE.fullmatch(text)
    if code and code["code"] in REJECTION_REASONS:
        label = str(REJECTION_REASONS[code["code"]])
        # WhatsApp's code stays first (it is what WhatsApp Manager and support speak), its name follows.
        if code["details"]:
            return f"{code['code']}: {code['details']} ({label})"
        return f"{code['code']} ({label})"
    return text


# Where the content screen found something ("id_ID body", "en_US sample {{2}}"), in the reader's words.
SCREENED_PARTS = {
    "name": gettext_lazy("name"),
    "header": gettext_lazy("header"),
    "header sample": gettext_lazy("header sample"),
    "body": gettext_lazy("body"),
    "body with samples": gettext_lazy("body with samples"),
    "footer": gettext_lazy("footer"),
    "button": gettext_lazy("button"),
    "content": gettext_lazy("content"),
}
_SCREENED = re.compile(r"(?:(?P<language>[a-z]{2,3}(?:_[A-Z]{2})?) )?(?P<part>.+)")
_SCREENED_SAMPLE = re.compile(r"sample (?P<variable>\{\{\w+\}\})")


def screen_where(where: str) -> str:
    match = _SCREENED.fullmatch(where or "")
    if not match:
        return where
    part = match["part"]
    sample = _SCREENED_SAMPLE.fullmatch(part)
    if sample:
        shown = gettext("sample %(variable)s") % {"variable": sample["variable"]}
    elif part in SCREENED_PARTS:
        shown = str(SCREENED_PARTS[part])
    elif where in SCREENED_PARTS:
        return str(SCREENED_PARTS[where])
    else:
        return where
    return f"{match['language']} {shown}" if match["language"] else shown
