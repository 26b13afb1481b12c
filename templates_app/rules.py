"""WhatsApp's rules for message templates, checked before anything is sent.

Plain Python on purpose: forms, services and the submission task all call the
same functions, so a user is told about a rule next to the field instead of
learning it from a rejection by WhatsApp.

Errors are returned, never raised, as ``{field key: [message, ...]}``. Field
keys: "language", "header_format", "header_text", "header_text_example",
"body", "body_examples.N", "footer", "buttons", "buttons.N.kind",
"buttons.N.text", "buttons.N.phone_number", "buttons.N.url",
"buttons.N.url_example" (N counts from 0).

Fields that do not apply are handled like this:
- a media or "NONE" header with header text or a header sample is an error
  (the text would otherwise be kept and shown nowhere);
- a header sample without a header variable, samples for variables the body
  doesn't use, and a button's fields for other button kinds (a phone number on
  a URL button, say) are ignored: whoever builds the WhatsApp payload sends
  only what applies.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from templates_app.languages import LANGUAGE_NAMES

NAME_MAX = 512
BODY_MAX = 1024
HEADER_TEXT_MAX = 60
FOOTER_MAX = 60
BUTTONS_MAX = 10
QUICK_REPLY_TEXT_MAX = 25
BUTTON_TEXT_MAX = 25
URL_BUTTONS_MAX = 2
PHONE_BUTTONS_MAX = 1
URL_MAX = 2000
PHONE_MAX = 20
SAMPLE_MAX = 1024
PHONE_DIGITS_MIN = 8
PHONE_DIGITS_MAX = 15

HEADER_FORMATS = ("NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT")
MEDIA_HEADER_FORMATS = ("IMAGE", "VIDEO", "DOCUMENT")
QUICK_REPLY = "QUICK_REPLY"
PHONE_NUMBER = "PHONE_NUMBER"
URL = "URL"
BUTTON_KINDS = (QUICK_REPLY, PHONE_NUMBER, URL)

# At most 9 digits: a number is never that large in a real template, and it
# keeps int() away from Python's limit on converting huge digit strings.
_VARIABLE = re.compile(r"\{\{([0-9]{1,9})\}\}")
_VARIABLE_AT_END = re.compile(r"\{\{[0-9]{1,9}\}\}\Z")
_BRACED = re.compile(r"\{\{[^{}\x00]{0,30}\}\}")
_NAME = re.compile(r"[a-z0-9_]+")
# C0/C1 control characters and lone surrogates (the latter can't be stored
# or sent as UTF-8). Line breaks and tabs are allowed or refused per field.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029\x85]")
_PHONE = re.compile(r"\+[1-9](?:[0-9 -]*[0-9])?")
_URL_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_URL_FORBIDDEN = re.compile(r"[\s<>\"\\^`{|}]")
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL_DOMAIN = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")

VARIABLE_FORMAT_HINT = "write variables as {{1}}, {{2}} and so on, with no spaces"
MALFORMED_VARIABLES_SHOWN = 3


@dataclass
class ButtonSpec:
    """One interactive button: a quick reply or a call to action."""

    kind: str
    text: str
    phone_number: str = ""
    url: str = ""
    url_example: str = ""


@dataclass
class ContentSpec:
    """What a template says in one language."""

    language: str
    header_format: str = "NONE"
    header_text: str = ""
    header_text_example: str = ""
    body: str = ""
    body_examples: list[str] = field(default_factory=list)
    footer: str = ""
    buttons: list[ButtonSpec] = field(default_factory=list)


Errors = dict[str, list[str]]


def validate_name(name: str) -> list[str]:
    """Problems with a template name (uniqueness is checked elsewhere)."""
    if not name:
        return ["Enter a template name."]
    problems = []
    if len(name) > NAME_MAX:
        problems.append(_too_long("The template name", NAME_MAX, len(name)))
    if not _NAME.fullmatch(name):
        problems.append("Use only lowercase letters, numbers and underscores (e.g. order_update).")
    return problems


def validate_language_code(code: str) -> list[str]:
    """Problems with a template language code."""
    if not code:
        return ["Choose a language."]
    if code not in LANGUAGE_NAMES:
        return [f"{_quoted(code)} is not a language WhatsApp accepts for templates: choose one from the list."]
    return []


def variables_in(text: str) -> list[int]:
    """Numbers of the `{{n}}` variables in text, in order of appearance.

    Only exact `{{digits}}` (ASCII, at most 9 digits) counts: `{{ 1 }}` or
    `{{a}}` is not a variable (validate_content reports it).
    """
    return [int(match.group(1)) for match in _VARIABLE.finditer(text)]


def validate_content(spec: ContentSpec) -> Errors:
    """All rule problems in one language's content; empty when it can be sent."""
    errors: Errors = {}
    for problem in validate_language_code(_as_text(spec.language)):
        _add(errors, "language", problem)
    _check_header(spec, errors)
    _check_body(spec, errors)
    _check_footer(_as_text(spec.footer), errors)
    _check_buttons(list(spec.buttons), errors)
    return errors


def spec_to_dict(spec: ContentSpec) -> dict[str, Any]:
    """A JSON-safe dict of the content (read back with spec_from_dict)."""
    return {
        "language": spec.language,
        "header_format": spec.header_format,
        "header_text": spec.header_text,
        "header_text_example": spec.header_text_example,
        "body": spec.body,
        "body_examples": list(spec.body_examples),
        "footer": spec.footer,
        "buttons": [
            {
                "kind": button.kind,
                "text": button.text,
                "phone_number": button.phone_number,
                "url": button.url,
                "url_example": button.url_example,
            }
            for button in spec.buttons
        ],
    }


def spec_from_dict(data: Mapping[str, Any]) -> ContentSpec:
    """A ContentSpec from spec_to_dict's output; missing keys get defaults."""
    buttons = [
        ButtonSpec(
            kind=_as_text(button.get("kind")),
            text=_as_text(button.get("text")),
            phone_number=_as_text(button.get("phone_number")),
            url=_as_text(button.get("url")),
            url_example=_as_text(button.get("url_example")),
        )
        for button in _as_list(data.get("buttons"))
        if isinstance(button, Mapping)
    ]
    return ContentSpec(
        language=_as_text(data.get("language")),
        header_format="NONE" if data.get("header_format") is None else _as_text(data["header_format"]),
        header_text=_as_text(data.get("header_text")),
        header_text_example=_as_text(data.get("header_text_example")),
        body=_as_text(data.get("body")),
        body_examples=[_as_text(sample) for sample in _as_list(data.get("body_examples"))],
        footer=_as_text(data.get("footer")),
        buttons=buttons,
    )


def content_digest_payload(spec: ContentSpec) -> dict[str, Any]:
    """Every field of the content, in a fixed order, for hashing.

    Same shape as spec_to_dict today; kept apart so what a digest covers
    (what the user confirmed) does not change if the stored form grows.
    """
    return spec_to_dict(spec)


# Header, body, footer, buttons.


def _check_header(spec: ContentSpec, errors: Errors) -> None:
    header_format = _as_text(spec.header_format)
    text = _as_text(spec.header_text)
    sample = _as_text(spec.header_text_example)
    if header_format not in HEADER_FORMATS:
        _add(
            errors,
            "header_format",
            "Choose a header type: none, text, image, video or document.",
        )
        return
    if header_format != "TEXT":
        if text.strip():
            _add(
                errors,
                "header_text",
                "Only a text header has text: remove it or choose Text as the header type.",
            )
        if sample.strip():
            _add(
                errors,
                "header_text_example",
                "Only a text header has a sample: remove it or choose Text as the header type.",
            )
        return

    if not text.strip():
        _add(errors, "header_text", "Enter the header text, or choose no header.")
        return
    if len(text) > HEADER_TEXT_MAX:
        _add(errors, "header_text", _too_long("The header", HEADER_TEXT_MAX, len(text)))
    if _LINE_BREAK.search(text):
        _add(errors, "header_text", "The header must fit on one line: remove the line breaks.")
    if _CONTROL.search(text) or "\t" in text:
        _add(errors, "header_text", _control_message("The header"))
    for problem in _variable_format_problems(text):
        _add(errors, "header_text", problem)

    variables = [match.group(0) for match in _VARIABLE.finditer(text)]
    if len(variables) > 1:
        _add(
            errors,
            "header_text",
            "The header can have at most one variable, {{1}}: remove the others.",
        )
    elif variables and variables[0] != "{{1}}":
        _add(
            errors,
            "header_text",
            f"The header's variable must be {{{{1}}}}, not {_quoted(variables[0])}.",
        )
    elif variables:
        for problem in _sample_problems(sample, "{{1}} in the header", HEADER_TEXT_MAX):
            _add(errors, "header_text_example", problem)


def _check_body(spec: ContentSpec, errors: Errors) -> None:
    body = _as_text(spec.body)
    if not body.strip():
        _add(errors, "body", "The message body is required.")
        return
    if len(body) > BODY_MAX:
        _add(errors, "body", _too_long("The message body", BODY_MAX, len(body)))
    if _CONTROL.search(body):
        _add(errors, "body", _control_message("The message body"))
    for problem in _variable_format_problems(body):
        _add(errors, "body", problem)

    matches = list(_VARIABLE.finditer(body))
    if not matches:
        return
    numbers = {int(match.group(1)) for match in matches}
    missing = 1
    while missing in numbers:
        missing += 1
    if missing < max(numbers):
        _add(
            errors,
            "body",
            f"Variables must be numbered in order: {{{{{missing}}}}} is missing.",
        )
    stripped = body.strip()
    if _VARIABLE.match(stripped):
        _add(errors, "body", "The message can't start with a variable: add words before it.")
    if _VARIABLE_AT_END.search(stripped):
        _add(errors, "body", "The message can't end with a variable: add words after it.")
    for before, after in zip(matches, matches[1:], strict=False):
        if not body[before.end() : after.start()].strip():
            _add(
                errors,
                "body",
                f"Variables {before.group(0)} and {after.group(0)} can't be next to "
                "each other: put words between them.",
            )

    samples = [_as_text(sample) for sample in spec.body_examples]
    for number in sorted(numbers - {0}):
        sample = samples[number - 1] if number <= len(samples) else ""
        for problem in _sample_problems(sample, f"{{{{{number}}}}}", SAMPLE_MAX):
            _add(errors, f"body_examples.{number - 1}", problem)


def _check_footer(footer: str, errors: Errors) -> None:
    # A blank footer means no footer.
    if not footer.strip():
        return
    if len(footer) > FOOTER_MAX:
        _add(errors, "footer", _too_long("The footer", FOOTER_MAX, len(footer)))
    if "{{" in footer or "}}" in footer:
        _add(errors, "footer", "The footer can't have variables: remove {{ and }}.")
    if _CONTROL.search(footer):
        _add(errors, "footer", _control_message("The footer"))


def _check_buttons(buttons: list[ButtonSpec], errors: Errors) -> None:
    if len(buttons) > BUTTONS_MAX:
        _add(
            errors,
            "buttons",
            f"A template can have at most {BUTTONS_MAX} buttons (it has {len(buttons)}): remove some.",
        )
    kinds = [_as_text(button.kind) for button in buttons]
    url_count = kinds.count(URL)
    if url_count > URL_BUTTONS_MAX:
        _add(
            errors,
            "buttons",
            f"A template can have at most {URL_BUTTONS_MAX} URL buttons (it has {url_count}).",
        )
    phone_count = kinds.count(PHONE_NUMBER)
    if phone_count > PHONE_BUTTONS_MAX:
        _add(
            errors,
            "buttons",
            f"A template can have at most {PHONE_BUTTONS_MAX} phone number button (it has {phone_count}).",
        )
    # Quick replies form one block, before or after the call-to-action block.
    groups = [kind == QUICK_REPLY for kind in kinds if kind in BUTTON_KINDS]
    block_count = sum(1 for i, group in enumerate(groups) if i == 0 or group != groups[i - 1])
    if block_count > 2:
        _add(
            errors,
            "buttons",
            "Keep Quick Reply buttons together: put them all before or all after the call-to-action buttons.",
        )

    texts_seen: set[str] = set()
    for index, button in enumerate(buttons):
        prefix = f"buttons.{index}"
        kind = kinds[index]
        if kind not in BUTTON_KINDS:
            _add(
                errors,
                f"{prefix}.kind",
                "Choose a button type: Quick Reply, Call To Action (Phone Number) or Call To Action (URL).",
            )
        text = _as_text(button.text)
        text_max = QUICK_REPLY_TEXT_MAX if kind == QUICK_REPLY else BUTTON_TEXT_MAX
        for problem in _button_text_problems(text, text_max):
            _add(errors, f"{prefix}.text", problem)
        text_key = " ".join(text.split()).casefold()
        if text_key:
            if text_key in texts_seen:
                _add(
                    errors,
                    f"{prefix}.text",
                    f"Each button needs its own text: {_quoted(text.strip())} is already used.",
                )
            texts_seen.add(text_key)
        if kind == PHONE_NUMBER:
            for problem in _phone_problems(_as_text(button.phone_number)):
                _add(errors, f"{prefix}.phone_number", problem)
        elif kind == URL:
            _check_url_button(button, prefix, errors)


def _button_text_problems(text: str, text_max: int) -> list[str]:
    if not text.strip():
        return ["Enter the button text."]
    problems = []
    if len(text) > text_max:
        problems.append(_too_long("Button text", text_max, len(text)))
    if _LINE_BREAK.search(text):
        problems.append("Button text must fit on one line: remove the line breaks.")
    if _CONTROL.search(text) or "\t" in text:
        problems.append(_control_message("The button text"))
    if "{{" in text or "}}" in text:
        problems.append("Button text can't have variables: remove {{ and }}.")
    return problems


def _phone_problems(phone: str) -> list[str]:
    if not phone.strip():
        return ["Enter the phone number the button calls."]
    problems = []
    if len(phone) > PHONE_MAX:
        problems.append(_too_long("The phone number", PHONE_MAX, len(phone)))
    if not _PHONE.fullmatch(phone):
        problems.append(
            "Enter the phone number in international format: + then the country "
            "code and number, e.g. +62 812 3456 7890."
        )
    else:
        digit_count = sum(character.isdigit() for character in phone)
        if not PHONE_DIGITS_MIN <= digit_count <= PHONE_DIGITS_MAX:
            problems.append(
                f"The phone number must have {PHONE_DIGITS_MIN} to {PHONE_DIGITS_MAX} "
                f"digits including the country code (it has {digit_count})."
            )
    return problems


def _check_url_button(button: ButtonSpec, prefix: str, errors: Errors) -> None:
    url = _as_text(button.url)
    key = f"{prefix}.url"
    if not url.strip():
        _add(errors, key, "Enter the link (URL) the button opens.")
        return
    if len(url) > URL_MAX:
        _add(errors, key, _too_long("The URL", URL_MAX, len(url)))
        return
    has_variable = url.endswith("{{1}}")
    base = url[: -len("{{1}}")] if has_variable else url
    if "{{" in base or "}}" in base:
        _add(
            errors,
            key,
            "A URL can have only one variable, {{1}}, at the very end (e.g. https://example.com/orders/{{1}}).",
        )
        return
    if has_variable and not _has_path_start(base):
        _add(
            errors,
            key,
            "Put {{1}} after the website address, e.g. https://example.com/orders/{{1}}.",
        )
        return
    # A stand-in value checks the fixed part of a URL that ends with {{1}}.
    problem = _url_problem(base + "1" if has_variable else url)
    if problem:
        _add(errors, key, problem)
        return
    if has_variable:
        sample = _as_text(button.url_example)
        if not sample.strip():
            _add(errors, f"{prefix}.url_example", "Add a sample for {{1}} in the URL.")
        elif _url_problem(base + sample) or len(base + sample) > URL_MAX:
            _add(
                errors,
                f"{prefix}.url_example",
                "With this sample in place of {{1}} the link is not a valid URL: "
                "use only characters allowed in a link, with no spaces.",
            )


def _has_path_start(base: str) -> bool:
    scheme = _URL_SCHEME.match(base)
    rest = base[scheme.end() :] if scheme else base
    return any(mark in rest for mark in "/?#")


def _url_problem(url: str) -> str | None:
    if not _URL_SCHEME.match(url):
        return "The URL must start with http:// or https://."
    if _URL_FORBIDDEN.search(url) or _CONTROL.search(url):
        return "The URL has characters a link can't contain (such as spaces or < >): remove them."
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that isn't a number
    except ValueError:
        return "This is not a valid URL: check the address and port."
    if "@" in parts.netloc:
        return "The URL can't contain a user name or password (nothing before an @)."
    host = parts.hostname or ""
    if not host:
        return "The URL must include a website address, e.g. https://example.com."
    if not _is_valid_host(host):
        return f"{_quoted(host)} is not a valid website address."
    return None


def _is_valid_host(host: str) -> bool:
    try:
        # Customers can't reach a private or loopback address.
        return ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except (UnicodeError, ValueError):
        return False
    labels = ascii_host.removesuffix(".").split(".")
    return (
        len(ascii_host) <= 253
        and len(labels) >= 2
        and all(_DOMAIN_LABEL.fullmatch(label) for label in labels)
        and bool(_TOP_LEVEL_DOMAIN.fullmatch(labels[-1]))
    )


# Variables and samples.


def _variable_format_problems(text: str) -> list[str]:
    """Messages for braces that look like a variable but aren't one."""
    problems = []
    for match in _VARIABLE.finditer(text):
        digits = match.group(1)
        if int(digits) == 0:
            _append_once(
                problems,
                "Variables start at {{1}}: " + _quoted(match.group(0)) + " is not valid.",
            )
        elif digits != str(int(digits)):
            _append_once(
                problems,
                f"Write {_quoted(match.group(0))} as {{{{{int(digits)}}}}}, without leading zeros.",
            )
    leftover = _VARIABLE.sub("\x00", text)
    if "{{" not in leftover and "}}" not in leftover:
        return problems
    shown = 0
    for match in _BRACED.finditer(leftover):
        if shown == MALFORMED_VARIABLES_SHOWN:
            break
        message = f"{_quoted(match.group(0))} is not a valid variable: {VARIABLE_FORMAT_HINT}."
        if message not in problems:
            problems.append(message)
            shown += 1
    leftover = _BRACED.sub("\x00", leftover)
    if "{{" in leftover or "}}" in leftover:
        _append_once(
            problems,
            "A variable is not written right: use two braces on each side of a number, like {{1}}.",
        )
    return problems


def _sample_problems(sample: str, what: str, sample_max: int) -> list[str]:
    if not sample.strip():
        return [f"Add a sample for {what}."]
    problems = []
    if len(sample) > sample_max:
        problems.append(_too_long(f"The sample for {what}", sample_max, len(sample)))
    if _LINE_BREAK.search(sample) or "\t" in sample:
        problems.append(f"The sample for {what} must be on one line, without tabs.")
    if _CONTROL.search(sample):
        problems.append(_control_message(f"The sample for {what}"))
    if "{{" in sample or "}}" in sample:
        problems.append(f"The sample for {what} can't contain {{{{ or }}}}: write the value a customer would see.")
    return problems


# Small helpers.


def _too_long(what: str, limit: int, length: int) -> str:
    return f"{what} can be at most {limit:,} characters (it has {length:,})."


def _control_message(what: str) -> str:
    return f"{what} contains invisible control characters: remove them."


def _quoted(text: str, limit: int = 40) -> str:
    """User input echoed in a message, cut short so a huge value stays readable."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    # Control characters and lone surrogates would break the page showing it.
    return "“" + _CONTROL.sub("\ufffd", shown) + "”"


def _add(errors: Errors, key: str, message: str) -> None:
    _append_once(errors.setdefault(key, []), message)


def _append_once(messages: list[str], message: str) -> None:
    if message not in messages:
        messages.append(message)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []
