"""Languages WhatsApp accepts for message templates.

The list of codes follows Meta's "Supported Languages" reference for Cloud
API message templates (updated May 2026). The codes are Meta's own
(case-sensitive, underscore not hyphen: `en_US`, never `en-US`). Their names
come from CLDR through Babel, in the language the page is shown in
("English (United States)", "Inggris (Amerika Serikat)"), never from a
hand-made list.
"""

from functools import cache

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

LANGUAGE_CODES: tuple[str, ...] = (
    "af",
    "sq",
    "ar",
    "ar_EG",
    "ar_AE",
    "ar_LB",
    "ar_MA",
    "ar_QA",
    "az",
    "be_BY",
    "bn",
    "bn_IN",
    "bg",
    "ca",
    "zh_CN",
    "zh_HK",
    "zh_TW",
    "hr",
    "cs",
    "da",
    "prs_AF",
    "nl",
    "nl_BE",
    "en",
    "en_GB",
    "en_US",
    "en_AE",
    "en_AU",
    "en_CA",
    "en_GH",
    "en_IE",
    "en_IN",
    "en_JM",
    "en_MY",
    "en_NZ",
    "en_QA",
    "en_SG",
    "en_UG",
    "en_ZA",
    "et",
    "fil",
    "fi",
    "fr",
    "fr_BE",
    "fr_CA",
    "fr_CH",
    "fr_CI",
    "fr_MA",
    "ka",
    "de",
    "de_AT",
    "de_CH",
    "el",
    "gu",
    "ha",
    "he",
    "hi",
    "hu",
    "id",
    "ga",
    "it",
    "ja",
    "kn",
    "kk",
    "rw_RW",
    "ko",
    "ky_KG",
    "lo",
    "lv",
    "lt",
    "mk",
    "ms",
    "ml",
    "mr",
    "nb",
    "fa",
    "pl",
    "pt_BR",
    "pt_PT",
    "pa",
    "ro",
    "ru",
    "sr",
    "sk",
    "sl",
    "es",
    "es_AR",
    "es_ES",
    "es_MX",
    "sw",
    "sv",
    "ta",
    "te",
    "th",
    "tr",
    "uk",
    "ur",
    "uz",
    "vi",
    "zu",
)

LANGUAGE_NAMES = frozenset(LANGUAGE_CODES)  # membership: is this a code WhatsApp accepts?


@cache
def _locale(interface_language: str) -> Locale:
    try:
        return Locale.parse(interface_language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


@cache
def _name(code: str, interface_language: str) -> str:
    locale = _locale(interface_language)
    language, _, territory = code.partition("_")
    name = locale.languages.get(language) or Locale("en").languages.get(language) or code
    if territory:
        name = f"{name} ({locale.territories.get(territory, territory)})"
    return name[:1].upper() + name[1:]


def language_name(code: str) -> str:
    """The name of a template language in the active interface language; the code itself if unknown."""
    if code not in LANGUAGE_NAMES:
        return code
    return _name(code, get_language() or "en")


def language_choices() -> list[tuple[str, str]]:
    """(code, name) for every template language, named and sorted in the active interface language."""
    return sorted(((code, language_name(code)) for code in LANGUAGE_CODES), key=lambda item: item[1].casefold())
