"""The Indonesian catalogue is complete: nothing untranslated, nothing fuzzy, placeholders kept, compiled."""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\{\w*\}\}|&#123;&#123;.*?&#125;&#125;|<[^>]+>")


def _catalogue(domain):
    with open(LOCALE / f"{domain}.po", "rb") as po:
        return read_po(po, locale="id")


def _messages(domain):
    return [message for message in _catalogue(domain) if message.id]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_is_translated_and_none_is_fuzzy(domain):
    untranslated = [m.id for m in _messages(domain) if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    fuzzy = [m.id for m in _messages(domain) if m.fuzzy]
    assert untranslated == [], "untranslated: add them to locale/id/LC_MESSAGES"
    assert fuzzy == [], "fuzzy: check these translations and remove the fuzzy flag"


@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_every_placeholder_and_tag(domain):
    """A translation that loses %(name)s, {{1}} or a tag would break the page or say something else."""
    broken = []
    for message in _messages(domain):
        source = message.id[0] if isinstance(message.id, tuple) else message.id
        translation = message.string[0] if isinstance(message.string, tuple) else message.string
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            broken.append(source)
    assert broken == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_compiled_catalogue_is_the_current_one(domain):
    """`make run` reads the committed .mo: it must say what the .po says."""
    with open(LOCALE / f"{domain}.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for message in _messages(domain):
        if isinstance(message.id, tuple):
            got = compiled.ngettext(message.id[0], message.id[1], 1)
            want = message.string[0]
        else:
            key = f"{message.context}\x04{message.id}" if message.context else message.id
            got, want = compiled.gettext(key), message.string
        if got != want:
            stale.append(message.id)
    assert stale == [], "run: python manage.py compilemessages -l id --ignore=.venv"


def test_the_glossary_names_the_words_of_the_help_article():
    glossary = (Path(settings.BASE_DIR) / "locale" / "GLOSSARY.md").read_text(encoding="utf-8")
    catalogue = {m.id: m.string for m in _messages("django") if isinstance(m.id, str)}
    for english in ("Enable", "Disable", "Verify", "Add New Template", "Next", "Add Sample", "+ Add Variable"):
        assert f"| {english} | {catalogue[english]} |" in glossary
