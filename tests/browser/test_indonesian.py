"""A browser set to Bahasa Indonesia: every main page of each role reads in Indonesian."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Words that read the same in both languages: names, codes, product and WhatsApp terms.
SAME_IN_BOTH = {
    "qontak",
    "broadcast",
    "whatsapp",
    "meta",
    "admin",
    "demo",
    "otp",
    "id",
    "url",
    "email",
    "template",
    "status",
    "filter",
    "header",
    "footer",
    "csv",
    "mb",
    "pdf",
    "jpeg",
    "png",
    "mp4",
    "video",
    "english",
    "bahasa",
    "indonesia",
    "dewi",
    "andi",
    "rina",
    "agent",
    "reviewer",
    "test",
    "asia",
    "jakarta",
    "utc",
    "wib",
    "sampel",
}
ENGLISH = re.compile(
    r"\b(the|and|your|you|with|for|this|that|template message|add|new|save|submit|settings|security|members|"
    r"review|approve|reject|sign|log|password|next|back|cancel|verify|languages?|name|category|account|"
    r"created|updated|quality|search|all|none|text|image|document|message|preview|buttons?|variables?)\b",
    re.IGNORECASE,
)


def _english_share(page) -> float:
    """Share of the visible words that are English (names, codes and template content aside)."""
    # The WhatsApp previews show the template's own content, in the template's language.
    text = page.evaluate(
        """() => ["header", "main"].map((selector) => {
            const copy = document.querySelector(selector).cloneNode(true);
            copy.querySelectorAll(".wa-phone, textarea, input, script").forEach((node) => node.remove());
            return copy.textContent;
        }).join(" ")"""
    )
    text = re.sub(r"\S+@\S+|\{\{\w*\}\}|\b[a-z]+(_[a-z0-9]+)+\b", " ", text)  # emails, variables, template names
    words = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w.lower() not in SAME_IN_BOTH]
    english = [w for w in words if ENGLISH.fullmatch(w)]
    return len(english) / max(1, len(words)), english


@pytest.fixture
def indonesian_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _log_in(page, email, password):
    page.goto("/accounts/login/")
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name=re.compile("^Selamat datang"))).to_be_visible()


def _walk(page, paths):
    for path in paths:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "id")
        share, english = _english_share(page)
        assert share <= 0.02, f"{path}: {english}"


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        (
            "admin@demo.test",
            [
                "/",
                "/broadcast/templates/",
                "/broadcast/templates/new/",
                "/settings/security/",
                "/settings/channels/",
                "/settings/members/",
                "/settings/members/invite/",
                "/settings/organization/",
                "/settings/audit/",
                "/profile/",
            ],
        ),
        ("agent@demo.test", ["/", "/broadcast/templates/", "/broadcast/templates/new/", "/profile/"]),
        ("reviewer@demo.test", ["/", "/broadcast/templates/", "/profile/"]),
    ],
)
def test_every_main_page_of_each_role_is_in_indonesian(indonesian_page, transactional_db, settings, email, paths):
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))
    page = indonesian_page
    _log_in(page, email, settings.DEMO_PASSWORD)
    _walk(page, paths)
    # A template's page and the wizard's second step, with the scripts' words from the catalogue.
    page.goto("/broadcast/templates/")
    page.locator("#template-table tbody tr a").first.click()
    _walk(page, [page.url.replace(page.url.split("/broadcast")[0], "")])
    if email != "reviewer@demo.test":
        page.goto("/broadcast/templates/new/")
        account = page.get_by_label("Akun", exact=True)
        account.select_option(label=account.locator("option").nth(1).inner_text())
        page.get_by_label("Nama template").fill("promo_agustus")
        page.get_by_label("Pemasaran").check()
        page.get_by_placeholder("Cari bahasa").fill("Indonesia")
        page.get_by_label("Indonesia", exact=False).first.check()
        page.get_by_role("button", name="Berikutnya").click()
        expect(page.get_by_role("button", name="+ Tambah Variabel")).to_be_visible()
        expect(page.get_by_role("button", name="Lihat Contoh")).to_be_visible()
        page.locator("#id_body").fill("Halo, promo Agustus untuk Anda.")
        expect(page.locator("[data-save-status]")).to_contain_text("Semua perubahan tersimpan")
        share, english = _english_share(page)
        assert share <= 0.02, english
