"""Flow B of the help article, step by step, in a real browser, with the code read from the real mailbox."""

import struct
import zlib

import pytest
from playwright.sync_api import expect

from security_settings.services import broadcast_template_otp_enable
from templates_app.models import Status, Template
from tests.browser.conftest import log_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def _png(path) -> str:
    """A real 2x2 PNG, saved under a misleading name to prove the check reads bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path.write_bytes(png)
    return str(path)


def _step_one(page, name, languages):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Template message").click()
    page.get_by_role("link", name="Add New Template").click()
    account = page.get_by_label("Account", exact=True)
    account.select_option(label=account.locator("option").nth(1).inner_text())
    page.get_by_label("Template name").fill(name)
    page.get_by_label("Marketing").check()
    for language in languages:
        page.get_by_placeholder("Search languages").fill(language)
        page.get_by_label(language, exact=False).first.check()
    page.get_by_placeholder("Search languages").fill("")
    page.get_by_role("button", name="Next").click()


def _select_in_body(page, text):
    page.locator("#id_body").evaluate(
        "(el, text) => { const i = el.value.indexOf(text); el.focus(); el.setSelectionRange(i, i + text.length); }",
        text,
    )


def test_agent_creates_and_submits_a_template_as_the_help_article_says(
    page, agent, admin, org_a, account_a, celery_worker, smtp, tmp_path
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    log_in(page, "agent@acme.test", PASSWORD)
    _step_one(page, "summer_promo", ["English (United States)"])

    # Media: Image, "Add Sample".
    page.get_by_label("Image").check()
    page.get_by_label("Sample image").set_input_files(_png(tmp_path / "banner.pdf"))
    page.get_by_role("button", name="Add Sample").click()
    expect(page.get_by_text("banner.pdf")).to_be_visible()
    expect(page.locator("#preview [data-preview=media] img")).to_be_visible()

    # Body with bold and "+ Add Variable" and its sample.
    body = page.locator("#id_body")
    body.fill("Hello ")
    body.press("End")
    page.get_by_role("button", name="+ Add Variable").click()
    expect(body).to_have_value("Hello {{1}}")
    body.press("End")
    body.type(", our summer sale starts today!")
    _select_in_body(page, "summer sale")
    page.get_by_role("button", name="Bold").click()
    expect(body).to_have_value("Hello {{1}}, our *summer sale* starts today!")
    expect(page.locator("[data-counter-for=body]")).to_have_text(
        f"{len('Hello {{1}}, our *summer sale* starts today!')}/1024"
    )
    page.get_by_label("Sample for {{1}}", exact=True).fill("Budi")

    # The preview follows as the agent types; "See Example" fills the samples.
    preview_body = page.locator("#preview [data-preview=body]")
    expect(preview_body.locator("strong")).to_have_text("summer sale")
    page.get_by_role("button", name="See Example").click()
    expect(preview_body).to_have_text("Hello Budi, our summer sale starts today!")

    # Buttons: a Quick Reply and a URL.
    page.get_by_role("button", name="+ Quick Reply").click()
    page.get_by_label("Button text").nth(0).fill("Yes please")
    page.get_by_role("button", name="+ Call To Action (URL)").click()
    page.get_by_label("Button text").nth(1).fill("Shop now")
    page.get_by_label("Website URL").fill("https://shop.example.com/summer")
    expect(page.locator("#preview [data-preview=buttons]")).to_contain_text("Yes please")
    expect(page.locator("#preview [data-preview=buttons]")).to_contain_text("Shop now")

    # Submit: the warning, then the code from the mailbox, then "Verify".
    page.get_by_role("button", name="Submit").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("can no longer be edited")
    dialog.get_by_role("button", name="Submit").click()
    mail = smtp.wait_for(to="agent@acme.test", subject="verification code")[-1]
    assert "summer_promo" in mail.text and "Marketing" in mail.text and "English (United States)" in mail.text
    dialog.get_by_label("Verification code").fill(mail.code())
    dialog.get_by_role("button", name="Verify").click()
    expect(dialog).to_contain_text("Template has been sent and is being checked")
    dialog.get_by_role("link", name="Ok, got it").click()

    row = page.locator("#template-table tbody tr", has_text="summer_promo")
    expect(row).to_contain_text("Marketing")
    expect(row).to_contain_text("English (United States)")
    template = Template.objects.get(name="summer_promo")
    assert template.status in (Status.SUBMITTING, Status.PENDING)
    content = template.contents.get()
    assert content.body == "Hello {{1}}, our *summer sale* starts today!"
    assert content.body_examples == ["Budi"]
    assert [b["text"] for b in content.buttons] == ["Yes please", "Shop now"]
    assert content.media_mime == "image/png"


def test_a_template_in_two_languages_keeps_each_content(page, agent, org_a, account_a, transactional_db):
    log_in(page, "agent@acme.test", PASSWORD)
    _step_one(page, "order_update", ["English (United States)", "Indonesian"])

    page.locator("#id_body").fill("Your order {{1}} has shipped.")
    page.get_by_label("Sample for {{1}}", exact=True).fill("A-1001")
    expect(page.locator("#preview [data-preview=body]")).to_contain_text("Your order")
    page.get_by_role("link", name="Indonesian").click()
    expect(page.get_by_role("link", name="Indonesian")).to_have_attribute("aria-current", "page")

    page.locator("#id_body").fill("Pesanan {{1}} sudah dikirim.")
    page.get_by_label("Sample for {{1}}", exact=True).fill("A-1001")
    expect(page.locator("#preview [data-preview=body]")).to_contain_text("Pesanan")
    page.get_by_role("link", name="English (United States)").click()
    expect(page.locator("#id_body")).to_have_value("Your order {{1}} has shipped.")

    page.get_by_role("button", name="Submit").click()
    page.get_by_role("dialog").get_by_role("button", name="Submit").click()
    expect(page.get_by_role("dialog")).to_contain_text("Template has been sent and is being checked")
    template = Template.objects.get(name="order_update")
    assert {c.language: c.body for c in template.contents.all()} == {
        "en_US": "Your order {{1}} has shipped.",
        "id": "Pesanan {{1}} sudah dikirim.",
    }


def test_a_draft_survives_reload_and_logout(page, agent, org_a, account_a, transactional_db):
    log_in(page, "agent@acme.test", PASSWORD)
    _step_one(page, "draft_keeper", ["English (United States)"])
    page.locator("#id_body").fill("Half-written message that must not be lost")
    expect(page.locator("[data-save-status]")).to_contain_text("All changes saved")
    page.reload()
    expect(page.locator("#id_body")).to_have_value("Half-written message that must not be lost")

    page.locator("summary").filter(has_text="agent").click()
    page.get_by_role("button", name="Log out").click()
    log_in(page, "agent@acme.test", PASSWORD)
    page.goto("/broadcast/templates/")
    page.get_by_role("link", name="draft_keeper").click()
    expect(page.locator("#id_body")).to_have_value("Half-written message that must not be lost")
