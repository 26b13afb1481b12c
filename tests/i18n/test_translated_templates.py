"""Templates compiled per language (qontak_broadcast.templating) show exactly what Django's own loader shows.

Each page is requested twice, once as compiled with its words translated in
and once with Django's cached loader, in both languages: the HTML must be
the same byte for byte, apart from the values that differ on every request
(CSRF tokens).
"""

import re
from copy import deepcopy
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.template import Context, Template, engines
from django.utils import timezone, translation

from qontak_broadcast.templating import TranslatedTemplate
from tests.templates_app.builders import new_template

ROOT = Path(django_settings.BASE_DIR)
INDONESIAN = {"HTTP_ACCEPT_LANGUAGE": "id-ID,id;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
TOKEN = re.compile(r"[A-Za-z0-9]{64}")


def _with_djangos_loader(templates: list[dict]) -> list[dict]:
    plain = deepcopy(templates)
    for engine in plain:
        engine["OPTIONS"]["loaders"] = [
            (
                "django.template.loaders.cached.Loader",
                ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
            )
        ]
    return plain


def _page(client, path: str, headers: dict) -> str:
    response = client.get(path, **headers)
    assert response.status_code == 200, path
    return TOKEN.sub("TOKEN", response.content.decode())


def _both(settings, client, path: str, headers: dict) -> tuple[str, str]:
    """The page as this project's loader renders it, then as Django's loader does, within one minute ("… ago")."""
    while True:
        minute = timezone.now().replace(second=0, microsecond=0)
        translated = _page(client, path, headers)
        original_templates = settings.TEMPLATES
        settings.TEMPLATES = _with_djangos_loader(original_templates)
        try:
            plain = _page(client, path, headers)
        finally:
            settings.TEMPLATES = original_templates
        if timezone.now().replace(second=0, microsecond=0) == minute:
            return translated, plain


@pytest.fixture
def draft(org_a, agent, account_a):
    return new_template(org_a, agent, account_a, name="spring_sale", languages=["en_US", "id"])


@pytest.mark.parametrize(("headers", "word"), [(ENGLISH, "Template message"), (INDONESIAN, "Template pesan")])
@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("agent_client", "/broadcast/templates/"),
        ("agent_client", "/broadcast/templates/new/"),
        ("agent_client", "/broadcast/templates/{draft}/edit/?lang=en_US"),
        ("agent_client", "/broadcast/templates/{draft}/"),
        ("admin_client", "/settings/security/"),
        ("admin_client", "/settings/members/"),
        ("admin_client", "/profile/"),
        ("client", "/accounts/login/"),
    ],
)
def test_each_page_is_the_same_as_djangos_loader_renders_it(request, settings, draft, who, path, headers, word):
    client = request.getfixturevalue(who)
    path = path.format(draft=draft.pk)
    translated, plain = _both(settings, client, path, headers)
    assert translated == plain
    if who != "client":
        assert word in translated


def test_a_page_with_problems_is_the_same_as_djangos_loader_renders_it(settings, org_a, agent, account_a, agent_client):
    empty = new_template(org_a, agent, account_a, name="empty_one", languages=["en_US", "id"], data=None)
    path = f"/broadcast/templates/{empty.pk}/edit/?lang=id&check=1"

    def page():
        response = agent_client.get(path, **INDONESIAN)
        assert response.status_code == 422
        return TOKEN.sub("TOKEN", response.content.decode())

    translated = page()
    original = settings.TEMPLATES
    settings.TEMPLATES = _with_djangos_loader(original)
    try:
        plain = page()
    finally:
        settings.TEMPLATES = original
    assert translated == plain
    assert "Perbaiki" in translated


def _project_templates():
    for path in sorted(ROOT.glob("**/templates/**/*")):
        if ".venv" in path.parts or not path.is_file() or path.suffix not in (".html", ".txt"):
            continue
        yield path


@pytest.mark.parametrize("language", ["en", "id"])
def test_every_template_renders_as_django_compiles_it(language):
    """Each template of the project, alone (no context), in each language: the same text, or the same error."""
    compared = 0
    for path in _project_templates():
        engine = engines["text" if path.suffix == ".txt" else "django"].engine
        source = path.read_text()
        with translation.override(language):
            translated = TranslatedTemplate(source, engine=engine)
            plain = Template(source, engine=engine)
            outcomes = []
            for template in (translated, plain):
                try:
                    outcomes.append(template.render(Context(autoescape=engine.autoescape)))
                except Exception as exc:  # noqa: BLE001 - a template that needs its context fails alike
                    outcomes.append(type(exc))
        assert outcomes[0] == outcomes[1], path
        compared += isinstance(outcomes[0], str)
    assert compared > 40


@pytest.mark.parametrize(
    "source",
    [
        '{% translate "You can\'t unlock your own codes." %}',
        '{% translate "On" context "state" %}|{% translate "Off" context "state" %}',
        '{% translate "Draft" as word %}<b>{{ word }}</b>',
        '{% translate "Draft"|upper %}',
        '{% translate "Draft" noop %}',
        "{% blocktranslate trimmed %}  Fix these\n  before submitting. 100%% <b>&</b> {% endblocktranslate %}",
        '{% blocktranslate with name="<i>x</i>" %}Edit {{ name }}{% endblocktranslate %}',
        '{% autoescape off %}{% translate "Don\'t" %}{% endautoescape %}',
        '{% language "id" %}{% translate "Draft" %}{% endlanguage %} {% translate "Draft" %}',
        '{% load static %}<link href="{% static "css/app.css" %}"><a href="{% static "a b&c.txt" %}">',
        '{% load static %}{% static "css/app.css" as url %}[{{ url }}] {% static "css/"|add:"wizard.css" %}',
    ],
)
@pytest.mark.parametrize("language", ["en", "id"])
def test_each_form_of_the_tags_renders_as_django_renders_it(source, language):
    for name in ("django", "text"):
        engine = engines[name].engine
        with translation.override(language):
            translated = TranslatedTemplate(source, engine=engine).render(Context(autoescape=engine.autoescape))
            plain = Template(source, engine=engine).render(Context(autoescape=engine.autoescape))
        assert translated == plain, name


def test_a_template_fetched_in_one_language_and_rendered_in_another_shows_the_second():
    with translation.override("en"):
        steps = engines["django"].get_template("templates_app/wizard_steps.html")
        assert "Content" in steps.render({"step": 2})
    with translation.override("id"):
        shown = steps.render({"step": 2})
    assert "Konten" in shown
    assert "Content<" not in shown


def test_static_urls_written_into_a_compiled_page_follow_a_new_static_url(settings, client):
    """The layout's links and a template's {% static %} are written in once per process, until STATIC_URL changes."""
    login = client.get("/accounts/login/").content.decode()
    assert re.search(r'href="/static/css/app[.\w]*\.css"', login) and re.search(r'src="/static/img/logo', login)
    settings.STATIC_URL = "/assets/v2/"
    moved = client.get("/accounts/login/").content.decode()
    assert re.search(r'href="/assets/v2/css/app[.\w]*\.css"', moved) and re.search(r'src="/assets/v2/img/logo', moved)
    assert "/static/" not in moved
