"""HTML that pages repeat many times, built in Python once per row or once per process.

A Django template costs several microseconds per variable, tag and include;
a list of 25 rows with eight cells and five filters of up to 80 options ran
thousands of them per request. Here each row is one string with every value
escaped (html.escape, what Django's escape() calls), each choice list is
escaped once per process (only the selected option changes), and what is
the same for everyone (step 1's language checklist, step 2's parts that
depend only on the category and language) is built once.
"""

from collections.abc import Iterable
from functools import lru_cache, wraps
from html import escape
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join, json_script
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django.utils.timezone import now
from django.utils.translation import get_language, gettext

from qontak_broadcast.formatting import datetimes_shown

from ..languages import LANGUAGE_CODES, language_choices, language_name
from ..models import CATEGORY_LABELS, QUALITY_LABELS, STATUS_LABELS, Status, Template, quality_label
from ..reasons import reason_display
from ..rules import BUTTON_KIND_MAX, BUTTONS_MAX, COPY_CODE_EXAMPLE_MAX
from ..spec import BUTTON_KINDS, PARAMETER_FORMAT_LABELS, PARAMETER_FORMATS, browser_vocabulary

REASON_SHOWN = 80


class Options:
    """The <option>s of a choice list, escaped once per language; per request only the selected one changes."""

    def __init__(self, choices: Iterable[tuple[object, object]]):
        # Iterated for each language (a form field's callable choices run again: names sorted in that language).
        self.choices = choices
        self._items: dict[str, list[tuple[str, str, str]]] = {}

    def items(self) -> list[tuple[str, str, str]]:
        # Labels may be translated: built for the active language the first time it asks.
        language = get_language()
        if language not in self._items:
            items = self._items[language] = []
            for value, label in self.choices:
                value, label = str(value), _escaped(label)
                items.append(
                    (
                        value,
                        f'<option value="{escape(value)}">{label}</option>',
                        f'<option value="{escape(value)}" selected>{label}</option>',
                    )
                )
        return self._items[language]

    def render(self, current) -> SafeString:
        current = "" if current is None else str(current)
        return mark_safe("".join(chosen if value == current else plain for value, plain, chosen in self.items()))


def _escaped(text) -> str:
    # conditional_escape() without its lazy-argument wrapper: the filters' member and account lists are
    # escaped on every view of the list.
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


def account_options(form) -> SafeString:
    """Step 1's account <option>s (TemplateDetailsForm read the accounts once), the chosen one selected."""
    return Options(form.fields["channel_account"].widget.choices).render(form["channel_account"].value())


def status_badge(template: Template) -> SafeString:
    """The status as the list and the template's page show it; a rejection's reason under it."""
    return mark_safe(_status_badge(template))


def _badge(status: str, label, title: str = "") -> str:
    title = f' title="{escape(title)}"' if title else ""
    return f'<span class="status status-{escape(status)}"{title}>{escape(str(label))}</span>'


def _status_badge(template: Template) -> str:
    reason = str(reason_display(template.status_reason)) if template.status_reason else ""
    badge = _badge(template.status, STATUS_LABELS.get(template.status, template.status), reason)
    if not reason:
        return badge
    if template.status == Status.REJECTED:
        badge += f'<div class="status-reason">{escape(Truncator(reason).chars(REASON_SHOWN))}</div>'
    return badge


# A template's URLs are reversed once per process with stand-ins for its id and language, then filled in:
# reverse() costs 15-25 us, and step 2 links to its draft eleven times.
_ID_STAND_IN = "999999999999"
_LANGUAGE_STAND_IN = "xx_LANGUAGE"


@lru_cache(maxsize=64)
def _url_shape(name: str, prefix: str, with_language: bool) -> str:
    return reverse(name, args=[_ID_STAND_IN, _LANGUAGE_STAND_IN] if with_language else [_ID_STAND_IN])


def template_url(name: str, template_id: int, language: str | None = None, *, prefix: str | None = None) -> str:
    """reverse(name, args=[template_id] or [template_id, language]), as reverse() quotes its arguments (`prefix`:
    the script prefix, when the caller already read it)."""
    shape = _url_shape(name, prefix if prefix is not None else get_script_prefix(), language is not None)
    url = shape.replace(_ID_STAND_IN, str(int(template_id)))
    if language is None:
        return url
    return url.replace(_LANGUAGE_STAND_IN, quote(language, safe=RFC3986_SUBDELIMS + "~:@"))


def step_content_urls(template_id: int, language: str) -> dict[str, str]:
    """Where step 2's forms and links go, for one draft and language."""
    return {
        "details": template_url("template_details_edit", template_id),
        "media_upload": template_url("template_media_upload", template_id, language),
        "media_remove": template_url("template_media_remove", template_id, language),
        "media_sample": template_url("template_media_sample", template_id, language),
        "content": template_url("template_content", template_id, language),
        "submit": template_url("template_submit_start", template_id),
        "delete": template_url("template_delete", template_id),
    }


class TemplateRows:
    """The template list's rows: one string per row, URLs reversed and words translated once per page.

    Cells are escaped with the standard library's html.escape, which is what
    Django's escape() calls; Django's own adds a lazy-string wrapper and a
    SafeString per value, which cost more than the escaping on 25 rows of
    twelve values.
    """

    ROW = (
        '<tr data-template="{pk}"><td><a href="{url}" class="strong">{name}</a>{imported}</td><td>{category}</td>'
        "<td>{languages}</td><td>{account}</td><td>{status}</td><td>{quality}</td><td>{author}</td>"
        '<td title="{updated}">{ago}</td></tr>'
    )

    def __init__(self, *, can_edit_drafts: bool):
        self.can_edit_drafts = can_edit_drafts
        self.prefix = get_script_prefix()
        self.language = get_language()
        self.words = _row_words(self.language)
        self.shown = datetimes_shown()
        # "3 hours, 2 minutes ago" counts whole minutes: as of the start of this minute, every page shown within
        # it reuses each row's words (_since).
        self.minute = now().replace(second=0, microsecond=0)

    def row(self, template: Template) -> str:
        words = self.words
        name = "template_edit" if template.is_draft and self.can_edit_drafts else "template_detail"
        status = template.status
        badge = _status_badge(template) if template.status_reason else words.badges.get(status)
        quality = template.quality
        return self.ROW.format(
            pk=template.pk,
            url=escape(template_url(name, template.pk, prefix=self.prefix)),
            name=escape(template.name),
            imported=words.imported if template.imported else "",
            category=words.categories.get(template.category) or escape(template.category),
            languages=escape(", ".join([words.languages.get(code) or code for code in template.languages])),
            account=escape(template.channel_account.display_name),
            status=badge or _status_badge(template),
            quality=words.qualities.get(quality) or escape(quality_label(quality) or "—"),
            author=escape(template.created_by.display_name),
            updated=escape(self.shown(template.updated_at)),
            ago=escape(words.ago % {"since": _since(template.updated_at, self.minute, self.language)}),
        )

    def render(self, templates: Iterable[Template]) -> SafeString:
        return mark_safe("\n".join(self.row(t) for t in templates))


class _RowWords(NamedTuple):
    imported: str
    ago: str
    categories: dict[str, str]
    badges: dict[str, str]
    qualities: dict[str, str]
    languages: dict[str, str]


@lru_cache(maxsize=16)
def _row_words(language: str) -> _RowWords:
    """The list's translated words in one interface language, escaped: built once per process (a row looks
    each up instead of translating it again)."""
    title, imported = escape(gettext("Brought in from the WhatsApp account: read-only")), escape(gettext("Imported"))
    return _RowWords(
        imported=f' <span class="badge badge-imported" title="{title}">{imported}</span>',
        ago=gettext("%(since)s ago"),
        categories={value: escape(str(label)) for value, label in CATEGORY_LABELS.items()},
        badges={value: _badge(value, label) for value, label in STATUS_LABELS.items()},
        qualities={"": escape("—"), **{value: escape(str(label)) for value, label in QUALITY_LABELS.items()}},
        languages={code: language_name(code) for code in LANGUAGE_CODES},
    )


# "… ago" is the same for every page shown within a minute.
@lru_cache(maxsize=8192)
def _since(value, minute, language: str) -> str:
    return timesince(value, now=minute)


_LANGUAGE_CHECK = (
    '<label class="check"><input type="checkbox" name="languages" value="{}" id="id_languages_{}"{}> {} '
    "<code>{}</code></label>"
)


@lru_cache(maxsize=16)
def _language_items(language: str) -> tuple[list[tuple[str, str, str]], SafeString]:
    items = [
        (
            code,
            format_html(_LANGUAGE_CHECK, code, i, "", name, code),
            format_html(_LANGUAGE_CHECK, code, i, mark_safe(" checked"), name, code),
        )
        for i, (code, name) in enumerate(language_choices())
    ]
    return items, mark_safe("".join(plain for _, plain, _ in items))


def language_checklist(selected: set[str]) -> SafeString:
    """Step 1's language checkboxes: the same for everyone until one is ticked (built once per language)."""
    items, none_checked = _language_items(get_language())
    if not selected:
        return none_checked
    return mark_safe("".join(checked if code in selected else plain for code, plain, checked in items))


def built_once_per_language(maxsize: int):
    """Caches a fragment that depends only on its arguments and the interface language, for the process; while
    DEBUG is on it is built on each call (its templates may have changed)."""

    def decorate(build):
        cached = lru_cache(maxsize=maxsize)(build)

        @wraps(build)
        def fragment(*args):
            return (build if settings.DEBUG else cached)(*args, get_language())

        fragment.cache_clear = cached.cache_clear
        return fragment

    return decorate


@built_once_per_language(maxsize=16)
def button_row_templates(category: str, language: str) -> SafeString:
    """Step 2's empty button rows that wizard.js clones, one per kind the category allows: the same for
    everyone (`language`: the active one, given by the cache)."""
    return format_html_join(
        "",
        '<template id="button-template-{}">{}</template>',
        (
            (
                kind.code,
                render_to_string(
                    "templates_app/button_row.html",
                    {"i": "__I__", "spec": kind, "button": None, "code_example_max": COPY_CODE_EXAMPLE_MAX},
                ),
            )
            for kind in BUTTON_KINDS.values()
            if kind.allowed_in(category)
        ),
    )


@built_once_per_language(maxsize=16)
def step_content_fixed(category: str, language: str) -> dict[str, str]:
    """The parts of step 2 that depend only on the category and the language (the vocabulary wizard.js reads,
    the media types and their help, the button limits sentence, the buttons that add a button)."""
    vocabulary = browser_vocabulary(category=category)
    media = vocabulary["media"]
    limits = {
        "buttons_max": BUTTONS_MAX,
        "button_kinds": [kind for kind in BUTTON_KINDS.values() if kind.allowed_in(category)],
        "button_kind_max": BUTTON_KIND_MAX,
    }
    return {
        "vocabulary": json_script(vocabulary, "wizard-vocabulary"),
        "media_accept": ",".join(rule["accept"] for rule in media.values()),
        "media_help": mark_safe(render_to_string("templates_app/media_help.html", {"media": media}).strip()),
        "button_limits": mark_safe(render_to_string("templates_app/button_limits.html", limits).strip()),
        "add_buttons": mark_safe(render_to_string("templates_app/add_buttons.html", limits)),
    }


@built_once_per_language(maxsize=64)
def step_content_choices(header_format: str, parameter_format: str, language: str) -> dict[str, SafeString]:
    """Step 2's header radios and variable format buttons with the content's current choices marked."""
    formats = [(code, PARAMETER_FORMAT_LABELS[code]) for code in PARAMETER_FORMATS]
    return {
        "header_formats": mark_safe(
            render_to_string("templates_app/header_formats.html", {"current": header_format}).strip()
        ),
        "parameter_formats": mark_safe(
            render_to_string(
                "templates_app/parameter_formats.html", {"current": parameter_format, "parameter_formats": formats}
            ).strip()
        ),
    }
