"""What a template's content is made of: the one vocabulary every part reads.

Header formats, the two ways of writing variables, the button kinds and
their fields, and the content itself (ContentSpec) are defined here and
nowhere else. Forms parse into a ContentSpec, services store it, rules.py
checks it (and owns the numeric limits), providers/meta.py turns it into
WhatsApp's payload, the preview templates render it through markup.py, and
wizard.js receives browser_vocabulary() once, through json_script, instead
of keeping its own copy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_lazy

# --- header -----------------------------------------------------------------
HEADER_FORMATS = ("NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT")
MEDIA_HEADER_FORMATS = ("IMAGE", "VIDEO", "DOCUMENT")
HEADER_FORMAT_LABELS = {
    "NONE": gettext_lazy("None"),
    "TEXT": gettext_lazy("Text"),
    "IMAGE": gettext_lazy("Image"),
    "VIDEO": gettext_lazy("Video"),
    "DOCUMENT": gettext_lazy("Document"),
}

# --- variables --------------------------------------------------------------
# A template writes its variables one way: numbered ({{1}}, {{2}}) or named
# ({{order_id}}). WhatsApp calls these parameter formats.
POSITIONAL = "POSITIONAL"
NAMED = "NAMED"
PARAMETER_FORMATS = (POSITIONAL, NAMED)
PARAMETER_FORMAT_LABELS = {POSITIONAL: gettext_lazy("Numbered"), NAMED: gettext_lazy("Named")}

# What the preview and the rules see as a variable: two braces around a
# number or a name. Digits only is numbered; anything else is a name.
VARIABLE = re.compile(r"\{\{([a-z0-9_]+)\}\}")
VARIABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")


def is_numbered(key: str) -> bool:
    return key.isascii() and key.isdigit()


def variable_keys(text: str) -> list[str]:
    """The variables of text as written between the braces, in order of appearance."""
    return [match.group(1) for match in VARIABLE.finditer(text)]


def variable_token(key: str) -> str:
    return "{{" + key + "}}"


# --- buttons ----------------------------------------------------------------
QUICK_REPLY = "QUICK_REPLY"
PHONE_NUMBER = "PHONE_NUMBER"
URL = "URL"
COPY_CODE = "COPY_CODE"


@dataclass(frozen=True)
class ButtonKind:
    """One kind of button: what the editor asks for and how the preview shows it."""

    code: str
    label: str
    fields: tuple[str, ...]
    # Shown on the button in the preview before any text is typed, or always
    # when WhatsApp writes the text itself (copy code).
    placeholder: str
    icon: str = ""
    spoken: str = ""
    fixed_text: bool = False
    categories: tuple[str, ...] = ()  # empty: every category

    @property
    def is_quick_reply(self) -> bool:
        return self.code == QUICK_REPLY

    def allowed_in(self, category: str) -> bool:
        return not self.categories or category in self.categories


BUTTON_KINDS: dict[str, ButtonKind] = {
    kind.code: kind
    for kind in (
        ButtonKind(QUICK_REPLY, gettext_lazy("Quick Reply"), ("text",), gettext_lazy("Quick Reply")),
        ButtonKind(
            PHONE_NUMBER,
            gettext_lazy("Call To Action (Phone Number)"),
            ("text", "phone_number"),
            gettext_lazy("Phone Number"),
            icon="\u260e",
            spoken=gettext_lazy("Call: "),
        ),
        ButtonKind(
            URL,
            gettext_lazy("Call To Action (URL)"),
            ("text", "url", "url_example"),
            "URL",
            icon="\u2197",
            spoken=gettext_lazy("Open link: "),
        ),
        # WhatsApp writes this button's text itself; the template gives an example code.
        ButtonKind(
            COPY_CODE,
            gettext_lazy("Copy Code"),
            ("code_example",),
            gettext_lazy("Copy offer code"),
            icon="\u2398",
            spoken=gettext_lazy("Copy code: "),
            fixed_text=True,
            categories=("MARKETING",),
        ),
    )
}
BUTTON_FIELDS = ("text", "phone_number", "url", "url_example", "code_example")


@dataclass
class ButtonSpec:
    """One interactive button. Fields another kind uses are kept but never sent."""

    kind: str
    text: str = ""
    phone_number: str = ""
    url: str = ""
    url_example: str = ""
    code_example: str = ""


@dataclass
class ContentSpec:
    """What a template says in one language."""

    language: str
    header_format: str = "NONE"
    header_text: str = ""
    header_text_example: str = ""
    body: str = ""
    parameter_format: str = POSITIONAL
    # Numbered samples: body_examples[n - 1] is {{n}}'s. Named ones by name.
    body_examples: list[str] = field(default_factory=list)
    body_named_examples: dict[str, str] = field(default_factory=dict)
    footer: str = ""
    buttons: list[ButtonSpec] = field(default_factory=list)

    def body_samples(self) -> dict[str, str]:
        """Every body sample keyed as the variable is written: "1", "order_id"."""
        if self.parameter_format == NAMED:
            return {str(name): str(sample) for name, sample in self.body_named_examples.items()}
        return {str(n): str(sample) for n, sample in enumerate(self.body_examples, start=1)}

    def header_samples(self) -> dict[str, str]:
        keys = variable_keys(self.header_text)
        return {keys[0]: self.header_text_example} if keys else {}


def spec_to_dict(spec: ContentSpec) -> dict[str, Any]:
    """A JSON-safe dict of the content (read back with spec_from_dict)."""
    return {
        "language": spec.language,
        "parameter_format": spec.parameter_format,
        "header_format": spec.header_format,
        "header_text": spec.header_text,
        "header_text_example": spec.header_text_example,
        "body": spec.body,
        "body_examples": list(spec.body_examples),
        "body_named_examples": dict(spec.body_named_examples),
        "footer": spec.footer,
        "buttons": [button_to_dict(button) for button in spec.buttons],
    }


def button_to_dict(button: ButtonSpec) -> dict[str, str]:
    return {"kind": button.kind, **{name: getattr(button, name) for name in BUTTON_FIELDS}}


def spec_from_dict(data: Mapping[str, Any]) -> ContentSpec:
    """A ContentSpec from spec_to_dict's output (or stored JSON); missing keys get defaults."""
    buttons = [
        ButtonSpec(kind=as_text(button.get("kind")), **{name: as_text(button.get(name)) for name in BUTTON_FIELDS})
        for button in as_list(data.get("buttons"))
        if isinstance(button, Mapping)
    ]
    named = data.get("body_named_examples")
    return ContentSpec(
        language=as_text(data.get("language")),
        parameter_format=as_text(data.get("parameter_format")) or POSITIONAL,
        header_format="NONE" if data.get("header_format") is None else as_text(data["header_format"]),
        header_text=as_text(data.get("header_text")),
        header_text_example=as_text(data.get("header_text_example")),
        body=as_text(data.get("body")),
        body_examples=[as_text(sample) for sample in as_list(data.get("body_examples"))],
        body_named_examples={as_text(k): as_text(v) for k, v in named.items()} if isinstance(named, Mapping) else {},
        footer=as_text(data.get("footer")),
        buttons=buttons,
    )


# --- switching between numbered and named variables ------------------------
@dataclass
class Conversion:
    spec: ContentSpec
    notes: list[str]


def parameter_format_convert(spec: ContentSpec, target: str) -> Conversion:
    """The content rewritten for the other way of writing variables, and what could not be.

    Numbered to named: {{n}} becomes {{variable_n}} (rename them to say what
    they hold), samples follow. Named to numbered: each name becomes the next
    number in order of first appearance, samples follow. A variable written
    the other way already, or not written right, stays as typed and is named
    in the notes, like a URL button's {{1}}, which WhatsApp keeps numbered.
    """
    if target not in PARAMETER_FORMATS or target == spec.parameter_format:
        return Conversion(spec, [])
    data = spec_to_dict(spec)
    samples = spec.body_samples()
    kept: list[str] = []
    mapping: dict[str, str] = {}
    if target == NAMED:
        for key in dict.fromkeys(variable_keys(spec.header_text) + variable_keys(spec.body)):
            if is_numbered(key) and key != "0":
                mapping[key] = f"variable_{int(key)}" if len(key) < 10 else key
            else:
                kept.append(key)
    else:
        order = dict.fromkeys(variable_keys(spec.body))
        for key in order:
            if not is_numbered(key) and VARIABLE_NAME.fullmatch(key):
                mapping[key] = str(len([k for k in mapping if k in order]) + 1)
            else:
                kept.append(key)
        for key in variable_keys(spec.header_text):
            if not is_numbered(key) and key not in mapping:
                mapping[key] = "1"

    def rewrite(text: str) -> str:
        return VARIABLE.sub(lambda m: variable_token(mapping.get(m.group(1), m.group(1))), text)

    data["parameter_format"] = target
    data["header_text"] = rewrite(spec.header_text)
    data["body"] = rewrite(spec.body)
    new_samples = {mapping[key]: value for key, value in samples.items() if key in mapping}
    if target == NAMED:
        data["body_named_examples"] = new_samples
        data["body_examples"] = []
    else:
        count = max((int(k) for k in new_samples), default=0)
        data["body_examples"] = [new_samples.get(str(n), "") for n in range(1, count + 1)]
        data["body_named_examples"] = {}
    notes = []
    if mapping and target == NAMED:
        renamed = ", ".join(variable_token(mapping[k]) for k in mapping)
        notes.append(
            gettext("Numbered variables are now named %(names)s: rename them to say what they hold.")
            % {"names": renamed}
        )
    if kept:
        shown = ", ".join(variable_token(k) for k in kept[:5])
        notes.append(
            (
                gettext("These variables could not be converted and were left as typed: %(names)s. Write them named.")
                if target == NAMED
                else gettext(
                    "These variables could not be converted and were left as typed: %(names)s. Write them numbered."
                )
            )
            % {"names": shown}
        )
    return Conversion(spec_from_dict(data), notes)


# --- what the browser receives ---------------------------------------------
def browser_limits() -> dict[str, int]:
    """The lengths and counts wizard.js and step 2's help texts state, from rules.py."""
    from . import rules

    return {
        "body": rules.BODY_MAX,
        "header_text": rules.HEADER_TEXT_MAX,
        "footer": rules.FOOTER_MAX,
        "buttons": rules.BUTTONS_MAX,
        "button_text": rules.BUTTON_TEXT_MAX,
        "code_example": rules.COPY_CODE_EXAMPLE_MAX,
        "variable_name": rules.VARIABLE_NAME_MAX,
    }


def browser_vocabulary(*, category: str = "") -> dict[str, Any]:
    """Limits and kinds for wizard.js, built from rules.py and media.py (sent with json_script)."""
    from . import media, rules

    return {
        "limits": browser_limits(),
        "button_kinds": {
            code: {
                "label": kind.label,
                "placeholder": kind.placeholder,
                "icon": kind.icon,
                "spoken": kind.spoken,
                "fixed_text": kind.fixed_text,
                "quick_reply": kind.is_quick_reply,
                "max": rules.BUTTON_KIND_MAX.get(code),
                "allowed": kind.allowed_in(category) if category else True,
            }
            for code, kind in BUTTON_KINDS.items()
        },
        "media": {
            code: {
                "label": HEADER_FORMAT_LABELS[code],
                "accept": ",".join(rule.mime_types),
                "max_mb": rule.max_size // media.MB,
            }
            for code, rule in media.MEDIA_RULES.items()
        },
        "variable_name": VARIABLE_NAME.pattern,
    }


# --- small helpers ------------------------------------------------------------
def as_text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []
