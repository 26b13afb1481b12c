"""No page, email or message shows text that skipped translation (qontak_broadcast.i18n_lint)."""

from pathlib import Path

from qontak_broadcast import i18n_lint


def test_no_user_facing_text_outside_translation():
    assert i18n_lint.problems() == []


def test_the_lint_catches_an_untranslated_template_and_message(tmp_path: Path, monkeypatch):
    """The guard itself can fail: an English sentence in a page and in a toast are both named."""
    monkeypatch.setattr(i18n_lint, "ROOT", tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text(
        '<h1>{% translate "Fine" %}</h1>\n<p>Forgot this one</p>\n'
        '<input placeholder="Search here">\n{% blocktranslate %}Also fine {{ x }}{% endblocktranslate %}\n'
        "<p>Qontak Broadcast · WhatsApp · {{ name }}</p>\n"
    )
    module = tmp_path / "views.py"
    module.write_text(
        "from django.contrib import messages\n"
        "from django.utils.translation import gettext as _\n"
        "def view(request):\n"
        "    messages.success(request, 'Saved it')\n"
        "    messages.success(request, _('Saved it'))\n"
    )
    found = i18n_lint.template_problems(templates / "page.html") + i18n_lint.module_problems(module)
    assert found == [
        "templates/page.html:2: Forgot this one",
        "templates/page.html:3: Search here",
        "views.py:4: message: 'Saved it'",
    ]
