"""The category advisor: a Utility template worded like a promotion is told WhatsApp will likely file it as
Marketing, next to the category on wizard steps 1 and 2, with the promotional phrases highlighted."""

import re

import pytest
from django.urls import reverse

from templates_app.screening import category_advice, wording_advice
from templates_app.screening.advisor import MESSAGE
from templates_app.screening.model import CORPUS as SCREEN_CORPUS
from templates_app.screening.model import load_corpus
from tests.templates_app.builders import VALID, new_template

PROMO_BODY = "Hello {{1}}, your order has shipped! Shop our new collection and get 20% off your next order."


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Your order has shipped. Shop now and save more next time!", {"Shop now"}),
        (
            "Pesanan sudah dikirim! Cek koleksi terbaru kami, diskon 50% sampai Minggu.",
            {"Cek koleksi terbaru", "diskon 50%"},
        ),
        ("Payment received. Upgrade to Premium today with code SAVE20!", {"Upgrade to", "with code SAVE20"}),
        ("Janji temu Anda besok. Beli 1 gratis 1 untuk perawatan kedua, buruan!", {"Beli 1 gratis 1", "buruan"}),
    ],
)
def test_promotional_wording_in_english_and_indonesian_is_named(text, phrases):
    advice = wording_advice([("en_US body", text)])
    assert advice.warn and advice.message == MESSAGE
    assert phrases <= set(advice.phrases)


@pytest.mark.parametrize(
    "text",
    [
        "Your order #A8812 has shipped and will arrive on Monday.",
        "Pembayaran Rp150.000 untuk tagihan INV-2 sudah kami terima. Terima kasih.",
        "Your refund was processed; the discount you used stays on your receipt.",
        "Free cancellation until 24 hours before your appointment.",
    ],
)
def test_true_utility_wording_gets_no_warning(text):
    assert not wording_advice([("body", text)]).warn


def test_only_utility_templates_are_advised(org_a, agent, account_a):
    data = {**VALID, "body": PROMO_BODY}
    utility = new_template(org_a, agent, account_a, name="utility_promo", category="UTILITY", data=data)
    marketing = new_template(org_a, agent, account_a, name="marketing_promo", category="MARKETING", data=data)
    assert category_advice(template=utility).warn
    assert not category_advice(template=marketing).warn


def test_step_two_shows_the_warning_next_to_the_category_with_the_phrases_marked(org_a, agent, account_a, agent_client):
    template = new_template(org_a, agent, account_a, data={**VALID, "body": PROMO_BODY})
    page = agent_client.get(f"{reverse('template_edit', args=[template.pk])}?lang=en_US").content.decode()
    assert "WhatsApp will likely file this as Marketing" in page
    assert "<mark>new collection</mark>" in page and "<mark>get 20% off</mark>" in page
    # The page re-checks as the author types: the rules from their URL, the page's own state in the box.
    assert re.search(r'data-advice-rules-url="/broadcast/templates/advisor-rules\.json\?v=[0-9a-f]{16}"', page)
    state = page.split('data-advice-state="')[1].split('"', 1)[0]
    assert "others" in state and len(state) < 500  # the rules themselves are not in the page


def test_step_two_of_a_plain_utility_template_has_the_check_but_no_warning(org_a, agent, account_a, agent_client):
    template = new_template(org_a, agent, account_a)
    page = agent_client.get(f"{reverse('template_edit', args=[template.pk])}?lang=en_US").content.decode()
    assert re.search(r"data-category-advice[^>]* hidden>", page)


def test_step_two_of_a_marketing_template_never_checks_its_wording(org_a, agent, account_a, agent_client):
    """The page's script would otherwise fill the box as the author types: "This is a Utility template…"."""
    template = new_template(org_a, agent, account_a, category="MARKETING", data={**VALID, "body": PROMO_BODY})
    page = agent_client.get(f"{reverse('template_edit', args=[template.pk])}?lang=en_US").content.decode()
    assert "data-category-advice" not in page and "data-advice-rules-url" not in page
    assert "category_advice.js" not in page


def test_step_one_shows_the_warning_under_the_category(org_a, agent, account_a, agent_client):
    template = new_template(org_a, agent, account_a, data={**VALID, "body": PROMO_BODY})
    page = agent_client.get(reverse("template_details_edit", args=[template.pk])).content.decode()
    assert "WhatsApp will likely file this as Marketing" in page
    assert "<mark>Shop our</mark> <mark>new collection</mark>" in page


def test_highlighting_escapes_the_authors_text(org_a, agent, account_a):
    body = "Hello {{1}}, <script>alert(1)</script> shop now for 20% off"
    template = new_template(org_a, agent, account_a, data={**VALID, "body": body})
    ((where, html),) = category_advice(template=template).highlighted
    assert where == "en_US body"
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>shop now</mark>" in html


def test_the_advisor_meets_its_goal_on_its_corpus_in_each_language():
    rows = load_corpus(SCREEN_CORPUS.parent / "advisor.jsonl")
    for lang in ("en", "id"):
        promotional = [r for r in rows if r["lang"] == lang and r["promotional"]]
        utility = [r for r in rows if r["lang"] == lang and not r["promotional"]]
        assert len(promotional) >= 50 and len(utility) >= 50
        warned = {r["id"] for r in rows if wording_advice([("body", r["body"])]).warn}
        assert sum(r["id"] in warned for r in promotional) >= 0.9 * len(promotional), lang
        assert sum(r["id"] in warned for r in utility) <= 0.1 * len(utility), lang


@pytest.mark.parametrize(
    "text",
    [
        "Your check-up is booked. Bring a friend to our new teeth-cleaning plan at an introductory rate.",
        "Your order is on its way. Add a second charger for only $9 before it ships.",
        "Tagihan lunas. Pindah ke paket tahunan dan gratis 3 bulan.",
        "Servis selesai. Harga member untuk aksesoris berlaku mulai hari ini.",
    ],
)
def test_upsells_tucked_into_an_update_are_warned(text):
    assert wording_advice([("body", text)]).warn


def test_a_renewal_date_next_to_a_price_is_not_read_as_a_bundle():
    assert not wording_advice([("body", "Your plan renews on June 1 for $12.50. Manage it in Settings.")]).warn


@pytest.mark.parametrize(
    "text",
    [
        "Your invoice is attached. Pay yearly and the last two months are on us.",
        "Statement ready. You're pre-approved for a top-up loan - apply today.",
        "Test drive booked for Monday. Ask us about our 0% financing plans.",
        "Your points balance is 640. Spend $40 more this week and we'll triple them.",
        "Tagihan terlampir. Belanja min. 150rb minggu ini dapat poin 2x lipat!",
        "Servis selesai. Beli oli hari ini bisa cicilan 0% tanpa kartu kredit.",
        "Paket sudah sampai, kak. Kangen nih, yuk belanja lagi sebelum promonya berakhir!",
        "Poin kamu 640 dan akan hangus akhir bulan. Tukarkan sekarang dengan voucher belanja, yuk!",
    ],
)
def test_offers_riding_on_an_account_or_order_update_are_warned(text):
    assert wording_advice([("body", text)]).warn


@pytest.mark.parametrize(
    "text",
    [
        "Free shipping was applied to order #4410; you paid $20.00.",
        "Kode promo HEMAT20 sudah dipakai di pesanan #4410. Total Rp80.000.",
        "Cashback Rp5.000 sudah masuk ke saldo kamu.",
        "Use code 5531 to open locker 12.",
        "Masukkan kode 5531 di loker 12 untuk mengambil paket.",
        "Don't miss your appointment tomorrow at 10am. Reply 2 to reschedule.",
        "Jangan lewatkan jadwal vaksin besok jam 9 pagi, Kak.",
        "Your offer letter is attached; please sign it by 15 May.",
    ],
)
def test_a_benefit_already_applied_a_pickup_code_or_a_reminder_is_not_an_offer(text):
    assert not wording_advice([("body", text)]).warn


def test_a_benefit_kept_for_the_next_order_is_still_an_offer():
    advice = wording_advice([("body", "Thanks! Free shipping has been applied to your next order too.")])
    assert advice.warn and "Free shipping" in advice.phrases


@pytest.mark.parametrize("name", ["advisor_check.jsonl", "advisor_check2.jsonl"])
def test_the_advisor_meets_its_goal_on_wording_it_never_trained_on(name):
    rows = load_corpus(SCREEN_CORPUS.parent / name)
    for lang in ("en", "id"):
        promotional = [r for r in rows if r["lang"] == lang and r["promotional"]]
        utility = [r for r in rows if r["lang"] == lang and not r["promotional"]]
        warned = {r["id"] for r in rows if wording_advice([("body", r["body"])]).warn}
        assert sum(r["id"] in warned for r in promotional) >= 0.9 * len(promotional), lang
        assert sum(r["id"] in warned for r in utility) <= 0.1 * len(utility), lang


def test_the_rules_the_script_applies_are_the_servers_cached_by_version(agent_client, client, org_a):
    from templates_app.screening.advisor import STRONG, WEAK, browser_rules

    url = reverse("template_advisor_rules")
    version = browser_rules()[1]
    response = agent_client.get(f"{url}?v={version}")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json()["strong"] == STRONG and response.json()["weak"] == WEAK
    assert "immutable" in response["Cache-Control"]
    # Another version is answered with today's rules, never cached for a year under the wrong name.
    assert "immutable" not in agent_client.get(f"{url}?v=0000000000000000").get("Cache-Control", "")
    # Signed out: to the login page, like every page of the product.
    assert client.get(url).status_code == 302
