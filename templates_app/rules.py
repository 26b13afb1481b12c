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
from typing import Any
from urllib.parse import urlsplit

import emoji
import phonenumbers
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, ngettext, ngettext_lazy

from templates_app.languages import LANGUAGE_NAMES
from templates_app.spec import (
    BUTTON_KINDS,
    COPY_CODE,
    HEADER_FORMATS,
    MEDIA_HEADER_FORMATS,
    NAMED,
    PARAMETER_FORMATS,
    PHONE_NUMBER,
    QUICK_REPLY,
    URL,
    VARIABLE_NAME,
    ButtonSpec,
    ContentSpec,
    as_text,
    is_numbered,
    spec_from_dict,
    spec_to_dict,
)

__all__ = [
    "BUTTON_KINDS",
    "COPY_CODE",
    "HEADER_FORMATS",
    "MEDIA_HEADER_FORMATS",
    "PHONE_NUMBER",
    "QUICK_REPLY",
    "URL",
    "ButtonSpec",
    "ContentSpec",
    "spec_from_dict",
    "spec_to_dict",
]

NAME_MAX = 512
BODY_MAX = 1024
HEADER_TEXT_MAX = 60
FOOTER_MAX = 60
BUTTONS_MAX = 10
QUICK_REPLY_TEXT_MAX = 25
BUTTON_TEXT_MAX = 25
URL_BUTTONS_MAX = 2
PHONE_BUTTONS_MAX = 1
COPY_CODE_BUTTONS_MAX = 1
BUTTON_KIND_MAX = {URL: URL_BUTTONS_MAX, PHONE_NUMBER: PHONE_BUTTONS_MAX, COPY_CODE: COPY_CODE_BUTTONS_MAX}
COPY_CODE_EXAMPLE_MAX = 15
URL_MAX = 2000
PHONE_MAX = 20
SAMPLE_MAX = 1024
VARIABLE_NAME_MAX = 60
# WhatsApp refuses a body with more emoji than this.
BODY_EMOJI_MAX = 10
# WhatsApp refuses a body with too many variables for its length (error
# 2388293); the observed rule is at least 2 words of text per variable, plus one.
WORDS_PER_VARIABLE = 2
# Where a phone number written without a country code is dialled from.
DEFAULT_PHONE_REGION = "ID"

# At most 9 digits: a number is never that large in a real template, and it
# keeps int() away from Python's limit on converting huge digit strings.
_VARIABLE = re.compile(r"\{\{([0-9]{1,9})\}\}")
# A variable as either way of writing sees it (numbers or names).
_ANY_VARIABLE = re.compile(r"\{\{([a-z0-9_]{1,60})\}\}")
_BRACED = re.compile(r"\{\{[^{}\x00]{0,30}\}\}")
_NAME = re.compile(r"[a-z0-9_]+")
# C0/C1 control characters and lone surrogates (the latter can't be stored
# or sent as UTF-8). Line breaks and tabs are allowed or refused per field.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029\x85]")
_FORMATTING = re.compile(r"[*_~`]")
_URL_SCHEME = re.compile(r"https?://", re.IGNORECASE)
_URL_FORBIDDEN = re.compile(r"[\s<>\"\\^`{|}]")
_DOMAIN_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL_DOMAIN = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")

VARIABLE_FORMAT_HINT = gettext_lazy("write variables as {{1}}, {{2}} and so on, with no spaces")
NAMED_FORMAT_HINT = gettext_lazy(
    "write variables as a name in two braces, like {{order_id}}: lowercase letters, digits and underscores"
)
MALFORMED_VARIABLES_SHOWN = 3


Errors = dict[str, list[str]]


def validate_name(name: str) -> list[str]:
    """Problems with a template name (uniqueness is checked elsewhere)."""
    if not name:
        return [gettext("Enter a template name.")]
    problems = []
    if len(name) > NAME_MAX:
        problems.append(_too_long(gettext("The template name"), NAME_MAX, len(name)))
    if not _NAME.fullmatch(name):
        problems.append(gettext("Use only lowercase letters, numbers and underscores (e.g. order_update)."))
    return problems


def validate_language_code(code: str) -> list[str]:
    """Problems with a template language code."""
    if not code:
        return [gettext("Choose a language.")]
    if code not in LANGUAGE_NAMES:
        return [
            gettext("%(code)s is not a language WhatsApp accepts for templates: choose one from the list.")
            % {"code": _quoted(code)}
        ]
    return []


def variables_in(text: str) -> list[int]:
    """Numbers of the `{{n}}` variables in text, in order of appearance.

    Only exact `{{digits}}` (ASCII, at most 9 digits) counts: `{{ 1 }}` or
    `{{a}}` is not a numbered variable (validate_content reports it).
    """
    return [int(match.group(1)) for match in _VARIABLE.finditer(text)]


def validate_content(spec: ContentSpec, *, category: str = "", phone_region: str = DEFAULT_PHONE_REGION) -> Errors:
    """All rule problems in one language's content; empty when it can be sent.

    `category` (MARKETING, UTILITY) decides which button kinds are allowed;
    left empty, any kind is.
    """
    errors: Errors = {}
    for problem in validate_language_code(as_text(spec.language)):
        _add(errors, "language", problem)
    named = as_text(spec.parameter_format) == NAMED
    if as_text(spec.parameter_format) not in PARAMETER_FORMATS:
        _add(errors, "parameter_format", gettext("Choose how variables are written: numbered or named."))
    _check_header(spec, errors, named=named)
    _check_body(spec, errors, named=named)
    _check_footer(as_text(spec.footer), errors)
    _check_buttons(list(spec.buttons), errors, category=as_text(category), phone_region=phone_region)
    return errors


def content_digest_payload(spec: ContentSpec) -> dict[str, Any]:
    """Every field of the content, in a fixed order, for hashing.

    Same shape as spec_to_dict today (the parameter format, named samples and
    copy-code examples included); kept apart so what a digest covers (what
    the user confirmed) does not change if the stored form grows.
    """
    return spec_to_dict(spec)


def phone_number_normalised(phone: str, region: str = DEFAULT_PHONE_REGION) -> str | None:
    """The number in international format (+6281234567890), or None when it is not a valid number.

    A number without a country code is read as dialled in `region`
    (0812 3456 7890 in Indonesia is +62 812 3456 7890).
    """
    try:
        number = phonenumbers.parse(as_text(phone), region)
    except phonenumbers.NumberParseException:
        return None
    # A call button dials a number, not an extension.
    if number.extension or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def emoji_count(text: str) -> int:
    return emoji.emoji_count(text)


# Header, body, footer, buttons.


def _check_header(spec: ContentSpec, errors: Errors, *, named: bool) -> None:
    header_format = as_text(spec.header_format)
    text = as_text(spec.header_text)
    sample = as_text(spec.header_text_example)
    if header_format not in HEADER_FORMATS:
        _add(
            errors,
            "header_format",
            gettext("Choose a header type: none, text, image, video or document."),
        )
        return
    if header_format != "TEXT":
        if text.strip():
            _add(
                errors,
                "header_text",
                gettext("Only a text header has text: remove it or choose Text as the header type."),
            )
        if sample.strip():
            _add(
                errors,
                "header_text_example",
                gettext("Only a text header has a sample: remove it or choose Text as the header type."),
            )
        return

    if not text.strip():
        _add(errors, "header_text", gettext("Enter the header text, or choose no header."))
        return
    if len(text) > HEADER_TEXT_MAX:
        _add(errors, "header_text", _too_long(gettext("The header"), HEADER_TEXT_MAX, len(text)))
    if _LINE_BREAK.search(text):
        _add(errors, "header_text", gettext("The header must fit on one line: remove the line breaks."))
    if _CONTROL.search(text) or "\t" in text:
        _add(errors, "header_text", _control_message(gettext("The header")))
    outside_variables = _ANY_VARIABLE.sub(" ", text)
    if _FORMATTING.search(outside_variables):
        _add(
            errors,
            "header_text",
            gettext("WhatsApp shows the header in bold by itself: remove the formatting characters * _ ~ `."),
        )
    if emoji_count(text):
        _add(errors, "header_text", gettext("WhatsApp allows no emoji in a text header: remove them."))
    for problem in _variable_format_problems(text, named=named):
        _add(errors, "header_text", problem)

    variables = [match.group(0) for match in (_named_variables(text) if named else _VARIABLE.finditer(text))]
    if len(variables) > 1:
        _add(
            errors,
            "header_text",
            gettext("The header can have at most one variable: remove the others.")
            if named
            else gettext("The header can have at most one variable, {{1}}: remove the others."),
        )
    elif variables and not named and variables[0] != "{{1}}":
        _add(
            errors,
            "header_text",
            gettext("The header's variable must be {{1}}, not %(variable)s.") % {"variable": _quoted(variables[0])},
        )
    elif variables:
        for problem in _sample_problems(
            sample, gettext("%(variable)s in the header") % {"variable": variables[0]}, HEADER_TEXT_MAX
        ):
            _add(errors, "header_text_example", problem)


def _named_variables(text: str) -> list[re.Match[str]]:
    return [match for match in _ANY_VARIABLE.finditer(text) if not is_numbered(match.group(1))]


def _check_body(spec: ContentSpec, errors: Errors, *, named: bool) -> None:
    body = as_text(spec.body)
    if not body.strip():
        _add(errors, "body", gettext("The message body is required."))
        return
    if len(body) > BODY_MAX:
        _add(errors, "body", _too_long(gettext("The message body"), BODY_MAX, len(body)))
    if _CONTROL.search(body):
        _add(errors, "body", _control_message(gettext("The message body")))
    emoji_used = emoji_count(body)
    if emoji_used > BODY_EMOJI_MAX:
        _add(
            errors,
            "body",
            gettext("WhatsApp allows at most %(most)s emoji in the message (it has %(count)s): remove some.")
            % {"most": BODY_EMOJI_MAX, "count": emoji_used},
        )
    for problem in _variable_format_problems(body, named=named):
        _add(errors, "body", problem)

    matches = _named_variables(body) if named else list(_VARIABLE.finditer(body))
    if not matches:
        return
    if named:
        seen: set[str] = set()
        for match in matches:
            if match.group(1) in seen:
                _add(
                    errors,
                    "body",
                    gettext(
                        "Each variable name can be used once: %(variable)s appears more than once. "
                        "Give the second one its own name."
                    )
                    % {"variable": match.group(0)},
                )
            seen.add(match.group(1))
    else:
        numbers = {int(match.group(1)) for match in matches}
        missing = 1
        while missing in numbers:
            missing += 1
        if missing < max(numbers):
            _add(
                errors,
                "body",
                gettext("Variables must be numbered in order: %(variable)s is missing.")
                % {"variable": f"{{{{{missing}}}}}"},
            )
    stripped = body.strip()
    if matches[0].start() == len(body) - len(body.lstrip()):
        _add(errors, "body", gettext("The message can't start with a variable: add words before it."))
    if matches[-1].end() == len(body.rstrip()) and stripped.endswith(matches[-1].group(0)):
        _add(errors, "body", gettext("The message can't end with a variable: add words after it."))
    for before, after in zip(matches, matches[1:], strict=False):
        if not body[before.end() : after.start()].strip():
            _add(
                errors,
                "body",
                gettext("Variables %(first)s and %(second)s can't be next to each other: put words between them.")
                % {"first": before.group(0), "second": after.group(0)},
            )
    words = len([word for word in _ANY_VARIABLE.sub(" ", body).split() if any(c.isalnum() for c in word)])
    variable_count = len({match.group(1) for match in matches})
    needed = WORDS_PER_VARIABLE * variable_count + 1
    if words < needed:
        _add(
            errors,
            "body",
            ngettext(
                "Too many variables for a message this short: WhatsApp refuses it. With %(count)s variable the "
                "message needs at least %(needed)s words of its own (it has %(words)s): add words or remove variables.",
                "Too many variables for a message this short: WhatsApp refuses it. With %(count)s variables the "
                "message needs at least %(needed)s words of its own (it has %(words)s): add words or remove variables.",
                variable_count,
            )
            % {"count": variable_count, "needed": needed, "words": words},
        )

    if named:
        samples = {as_text(k): as_text(v) for k, v in spec.body_named_examples.items()}
        for match in matches:
            name = match.group(1)
            for problem in _sample_problems(samples.get(name, ""), match.group(0), SAMPLE_MAX):
                _add(errors, f"body_examples.{name}", problem)
        return
    samples_list = [as_text(sample) for sample in spec.body_examples]
    for number in sorted({int(match.group(1)) for match in matches} - {0}):
        sample = samples_list[number - 1] if number <= len(samples_list) else ""
        for problem in _sample_problems(sample, f"{{{{{number}}}}}", SAMPLE_MAX):
            _add(errors, f"body_examples.{number - 1}", problem)


def _check_footer(footer: str, errors: Errors) -> None:
    # A blank footer means no footer.
    if not footer.strip():
        return
    if len(footer) > FOOTER_MAX:
        _add(errors, "footer", _too_long(gettext("The footer"), FOOTER_MAX, len(footer)))
    if _LINE_BREAK.search(footer):
        _add(errors, "footer", gettext("The footer must fit on one line: remove the line breaks."))
    if "{{" in footer or "}}" in footer:
        _add(errors, "footer", gettext("The footer can't have variables: remove {{ and }}."))
    if _CONTROL.search(footer):
        _add(errors, "footer", _control_message(gettext("The footer")))
    if emoji_count(footer):
        _add(errors, "footer", gettext("WhatsApp doesn't allow emoji in the footer: remove them."))


def _check_buttons(buttons: list[ButtonSpec], errors: Errors, *, category: str, phone_region: str) -> None:
    if len(buttons) > BUTTONS_MAX:
        _add(
            errors,
            "buttons",
            gettext("A template can have at most %(most)s buttons (it has %(count)s): remove some.")
            % {"most": BUTTONS_MAX, "count": len(buttons)},
        )
    kinds = [as_text(button.kind) for button in buttons]
    for kind, most in BUTTON_KIND_MAX.items():
        count = kinds.count(kind)
        if count > most:
            message = {
                URL: ngettext_lazy(
                    "A template can have at most %(most)s URL button (it has %(count)s).",
                    "A template can have at most %(most)s URL buttons (it has %(count)s).",
                    "most",
                ),
                PHONE_NUMBER: ngettext_lazy(
                    "A template can have at most %(most)s phone number button (it has %(count)s).",
                    "A template can have at most %(most)s phone number buttons (it has %(count)s).",
                    "most",
                ),
                COPY_CODE: ngettext_lazy(
                    "A template can have at most %(most)s copy code button (it has %(count)s).",
                    "A template can have at most %(most)s copy code buttons (it has %(count)s).",
                    "most",
                ),
            }[kind]
            _add(errors, "buttons", message % {"most": most, "count": count})
    # Quick replies form one block, before or after the call-to-action block.
    groups = [kind == QUICK_REPLY for kind in kinds if kind in BUTTON_KINDS]
    block_count = sum(1 for i, group in enumerate(groups) if i == 0 or group != groups[i - 1])
    if block_count > 2:
        _add(
            errors,
            "buttons",
            gettext("Keep Quick Reply buttons together: put them all before or all after the call-to-action buttons."),
        )

    texts_seen: set[str] = set()
    for index, button in enumerate(buttons):
        prefix = f"buttons.{index}"
        kind = kinds[index]
        spec = BUTTON_KINDS.get(kind)
        if spec is None:
            names = ", ".join(str(k.label) for k in BUTTON_KINDS.values())
            _add(errors, f"{prefix}.kind", gettext("Choose a button type: %(kinds)s.") % {"kinds": names})
        elif category and not spec.allowed_in(category):
            _add(
                errors,
                f"{prefix}.kind",
                gettext("A %(kind)s button is for Marketing templates only: remove it or change the category.")
                % {"kind": spec.label},
            )
        if kind == COPY_CODE:
            for problem in _code_example_problems(as_text(button.code_example)):
                _add(errors, f"{prefix}.code_example", problem)
            continue
        text = as_text(button.text)
        text_max = QUICK_REPLY_TEXT_MAX if kind == QUICK_REPLY else BUTTON_TEXT_MAX
        for problem in _button_text_problems(text, text_max):
            _add(errors, f"{prefix}.text", problem)
        text_key = " ".join(text.split()).casefold()
        if text_key:
            if text_key in texts_seen:
                _add(
                    errors,
                    f"{prefix}.text",
                    gettext("Each button needs its own text: %(text)s is already used.")
                    % {"text": _quoted(text.strip())},
                )
            texts_seen.add(text_key)
        if kind == PHONE_NUMBER:
            for problem in _phone_problems(as_text(button.phone_number), phone_region):
                _add(errors, f"{prefix}.phone_number", problem)
        elif kind == URL:
            _check_url_button(button, prefix, errors)


def _code_example_problems(code: str) -> list[str]:
    if not code.strip():
        return [gettext("Enter an example of the offer code, e.g. SALE25.")]
    problems = []
    if len(code) > COPY_CODE_EXAMPLE_MAX:
        problems.append(_too_long(gettext("The offer code"), COPY_CODE_EXAMPLE_MAX, len(code)))
    if any(character.isspace() for character in code) or _CONTROL.search(code):
        problems.append(gettext("The offer code must be one word, without spaces."))
    if "{{" in code or "}}" in code:
        problems.append(gettext("Write an example code a customer would copy, without {{ and }}."))
    return problems


def _button_text_problems(text: str, text_max: int) -> list[str]:
    if not text.strip():
        return [gettext("Enter the button text.")]
    problems = []
    if len(text) > text_max:
        problems.append(_too_long(gettext("Button text"), text_max, len(text)))
    if _LINE_BREAK.search(text):
        problems.append(gettext("Button text must fit on one line: remove the line breaks."))
    if _CONTROL.search(text) or "\t" in text:
        problems.append(_control_message(gettext("The button text")))
    if "{{" in text or "}}" in text:
        problems.append(gettext("Button text can't have variables: remove {{ and }}."))
    return problems


def _phone_problems(phone: str, region: str) -> list[str]:
    if not phone.strip():
        return [gettext("Enter the phone number the button calls.")]
    if len(phone) > PHONE_MAX:
        return [_too_long(gettext("The phone number"), PHONE_MAX, len(phone))]
    if phone_number_normalised(phone, region) is None:
        return [
            gettext(
                "This is not a phone number WhatsApp can call: enter it with its country code, "
                "e.g. +62 812 3456 7890 (or 0812 3456 7890 for an Indonesian number)."
            )
        ]
    return []


def _check_url_button(button: ButtonSpec, prefix: str, errors: Errors) -> None:
    url = as_text(button.url)
    key = f"{prefix}.url"
    if not url.strip():
        _add(errors, key, gettext("Enter the link (URL) the button opens."))
        return
    if len(url) > URL_MAX:
        _add(errors, key, _too_long(gettext("The URL"), URL_MAX, len(url)))
        return
    has_variable = url.endswith("{{1}}")
    base = url[: -len("{{1}}")] if has_variable else url
    if "{{" in base or "}}" in base:
        _add(
            errors,
            key,
            gettext(
                "A URL can have only one variable, {{1}}, at the very end (e.g. https://example.com/orders/{{1}})."
            ),
        )
        return
    if has_variable and not _has_path_start(base):
        _add(
            errors,
            key,
            gettext("Put {{1}} after the website address, e.g. https://example.com/orders/{{1}}."),
        )
        return
    # A stand-in value checks the fixed part of a URL that ends with {{1}}.
    problem = _url_problem(base + "1" if has_variable else url)
    if problem:
        _add(errors, key, problem)
        return
    if has_variable:
        sample = as_text(button.url_example)
        if not sample.strip():
            _add(errors, f"{prefix}.url_example", gettext("Add a sample for {{1}} in the URL."))
        elif _url_problem(base + sample) or len(base + sample) > URL_MAX:
            _add(
                errors,
                f"{prefix}.url_example",
                gettext(
                    "With this sample in place of {{1}} the link is not a valid URL: "
                    "use only characters allowed in a link, with no spaces."
                ),
            )


def _has_path_start(base: str) -> bool:
    scheme = _URL_SCHEME.match(base)
    rest = base[scheme.end() :] if scheme else base
    return any(mark in rest for mark in "/?#")


def _url_problem(url: str) -> str | None:
    if not _URL_SCHEME.match(url):
        return gettext("The URL must start with http:// or https://.")
    if _URL_FORBIDDEN.search(url) or _CONTROL.search(url):
        return gettext("The URL has characters a link can't contain (such as spaces or < >): remove them.")
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that isn't a number
    except ValueError:
        return gettext("This is not a valid URL: check the address and port.")
    if "@" in parts.netloc:
        return gettext("The URL can't contain a user name or password (nothing before an @).")
    host = parts.hostname or ""
    if not host:
        return gettext("The URL must include a website address, e.g. https://example.com.")
    if not _is_valid_host(host):
        return gettext("%(host)s is not a valid website address.") % {"host": _quoted(host)}
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


def _variable_format_problems(text: str, *, named: bool = False) -> list[str]:
    """Messages for braces that look like a variable but aren't one (in this template's way of writing them)."""
    problems = []
    valid = _ANY_VARIABLE if named else _VARIABLE
    for match in valid.finditer(text):
        key = match.group(1)
        if named and is_numbered(key):
            _append_once(
                problems,
                gettext(
                    "This template uses named variables: write %(variable)s with a name, "
                    "like {{order_id}}, or switch to numbered variables."
                )
                % {"variable": _quoted(match.group(0))},
            )
        elif named and not VARIABLE_NAME.fullmatch(key):
            _append_once(
                problems,
                gettext("%(variable)s is not a valid name: start it with a letter, e.g. {{order_id}}.")
                % {"variable": _quoted(match.group(0))},
            )
        elif named and len(key) > VARIABLE_NAME_MAX:
            _append_once(
                problems, gettext("Variable names can be at most %(most)s characters.") % {"most": VARIABLE_NAME_MAX}
            )
        elif not named and int(key) == 0:
            _append_once(
                problems,
                gettext("Variables start at {{1}}: %(variable)s is not valid.") % {"variable": _quoted(match.group(0))},
            )
        elif not named and key != str(int(key)):
            _append_once(
                problems,
                gettext("Write %(variable)s as %(number)s, without leading zeros.")
                % {"variable": _quoted(match.group(0)), "number": f"{{{{{int(key)}}}}}"},
            )
    leftover = valid.sub("\x00", text)
    if "{{" not in leftover and "}}" not in leftover:
        return problems
    shown = 0
    for match in _BRACED.finditer(leftover):
        if shown == MALFORMED_VARIABLES_SHOWN:
            break
        inside = match.group(0)[2:-2]
        if not named and _NAME.fullmatch(inside) and not inside.isdigit():
            message = gettext(
                "%(variable)s is a named variable, but this template numbers its variables: "
                "write {{1}}, {{2}}… or switch to named variables."
            ) % {"variable": _quoted(match.group(0))}
        else:
            hint = NAMED_FORMAT_HINT if named else VARIABLE_FORMAT_HINT
            message = gettext("%(variable)s is not a valid variable: %(hint)s.") % {
                "variable": _quoted(match.group(0)),
                "hint": hint,
            }
        if message not in problems:
            problems.append(message)
            shown += 1
    leftover = _BRACED.sub("\x00", leftover)
    if "{{" in leftover or "}}" in leftover:
        _append_once(
            problems,
            gettext("A variable is not written right: use two braces on each side of a name, like {{order_id}}.")
            if named
            else gettext("A variable is not written right: use two braces on each side of a number, like {{1}}."),
        )
    return problems


def _sample_problems(sample: str, what: str, sample_max: int) -> list[str]:
    if not sample.strip():
        return [gettext("Add a sample for %(variable)s.") % {"variable": what}]
    problems = []
    the_sample = gettext("The sample for %(variable)s") % {"variable": what}
    if len(sample) > sample_max:
        problems.append(_too_long(the_sample, sample_max, len(sample)))
    if _LINE_BREAK.search(sample) or "\t" in sample:
        problems.append(gettext("The sample for %(variable)s must be on one line, without tabs.") % {"variable": what})
    if _CONTROL.search(sample):
        problems.append(_control_message(the_sample))
    if "{{" in sample or "}}" in sample:
        problems.append(
            gettext("The sample for %(variable)s can't contain {{ or }}: write the value a customer would see.")
            % {"variable": what}
        )
    return problems


# Small helpers.


def _too_long(what: str, limit: int, length: int) -> str:
    return gettext("%(what)s can be at most %(limit)s characters (it has %(length)s).") % {
        "what": what,
        "limit": number_format(limit, force_grouping=True),
        "length": number_format(length, force_grouping=True),
    }


def _control_message(what: str) -> str:
    return gettext("%(what)s contains invisible control characters: remove them.") % {"what": what}


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
