"""The content editor in a real browser: one renderer on both sides, named variables and the copy-code button."""

import time

import pytest
from playwright.sync_api import expect

from templates_app.markup import render_markup
from templates_app.models import Template
from tests.browser.conftest import log_in
from tests.browser.test_wizard import _step_one
from tests.factories import PASSWORD, ChannelAccountFactory
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, WABA_ID
from tests.templates_app import test_markup
from tests.templates_app.builders import new_template

pytestmark = pytest.mark.browser


def _markup_cases() -> list[tuple[str, object]]:
    """Every text (and samples) the server's markup tests render, plus named variables."""
    cases: list[tuple[str, object]] = []
    for test in (test_markup.test_formatting, test_markup.test_variables_show_their_samples):
        for mark in test.pytestmark:
            for values in mark.args[1]:
                cases.append((values[0], values[1] if len(values) == 3 else None))
    for test in (test_markup.test_markers_that_do_not_pair_stay_as_typed,):
        cases.extend((text, None) for text in test.pytestmark[0].args[1])
    for test in (test_markup.test_user_html_comes_out_as_inert_text,):
        cases.extend((text, samples) for text, samples in test.pytestmark[0].args[1])
    cases += [
        ("Hi {{first_name}}, code *{{code}}*", {"first_name": "Budi", "code": "SALE25"}),
        ("Hi {{first_name}} and {{1}}", {"first_name": "  "}),
        ("Hi {{Name}} {{order_id}}", {}),
        ("**bold**", None),
        ("*a _b* c_ ~d *e~ f*", None),
        ("snake_{{var_name}}_case", {"var_name": "x"}),
        ("é😀 *ünï* ```{{1}}```\r\nnext", ["<b>"]),
    ]
    return cases


def test_the_browser_preview_renders_like_the_server(page, agent, org_a, account_a, transactional_db):
    template = new_template(org_a, agent, account_a, name="parity_check")
    log_in(page, "agent@acme.test", PASSWORD)
    page.goto(f"/broadcast/templates/{template.pk}/edit/?lang=en_US")
    page.wait_for_function("() => window.QontakPreview !== undefined")
    cases = _markup_cases()
    browser_html = page.evaluate(
        "(cases) => cases.map(([text, samples]) => window.QontakPreview.renderMarkup(text, samples))",
        [[text, samples] for text, samples in cases],
    )
    server_html = [render_markup(text, samples) for text, samples in cases]
    mismatches = [(c, b, s) for c, b, s in zip(cases, browser_html, server_html, strict=True) if b != s]
    assert not mismatches
    assert len(cases) > 40


def test_agent_builds_a_named_template_with_a_copy_code_button_and_whatsapp_gets_it(
    page, agent, org_a, celery_worker, smtp, graph_api
):
    ChannelAccountFactory(
        organization=org_a, provider="meta", waba_id=WABA_ID, meta_app_id=APP_ID, meta_access_token=ACCESS_TOKEN
    )
    log_in(page, "agent@acme.test", PASSWORD)
    _step_one(page, "coupon_week", ["English (United States)"])

    # Named variables: the switch converts the draft, "+ Add Variable" asks for a name.
    page.get_by_role("button", name="Named").click()
    expect(page.get_by_role("button", name="Named")).to_have_attribute("aria-pressed", "true")
    body = page.locator("#id_body")
    body.fill("Hello ")
    body.press("End")
    name = page.get_by_label("Variable name")
    name.fill("First Name")
    page.get_by_role("button", name="+ Add Variable").click()
    expect(page.locator("#new-variable-name-error")).to_contain_text("lowercase letters, digits and underscores")
    expect(body).to_have_value("Hello ")
    name.fill("first_name")
    page.get_by_role("button", name="+ Add Variable").click()
    expect(body).to_have_value("Hello {{first_name}}")
    body.press("End")
    body.type(", use code ")
    name.fill("code")
    name.press("Enter")
    body.press("End")
    body.type(" to get a discount on everything in our shop this week.")
    page.get_by_label("Sample for {{first_name}}", exact=True).fill("Budi")
    page.get_by_label("Sample for {{code}}", exact=True).fill("SALE25")

    # The copy-code button: WhatsApp's own text in the preview, an example code in the editor.
    page.get_by_role("button", name="+ Copy Code").click()
    page.get_by_label("Example offer code").fill("SALE25")
    expect(page.get_by_role("button", name="+ Copy Code")).to_be_disabled()
    buttons_preview = page.locator("#preview [data-preview=buttons]")
    expect(buttons_preview).to_contain_text("Copy offer code")
    page.get_by_role("button", name="See Example").click()
    expect(page.locator("#preview [data-preview=body]")).to_contain_text("Hello Budi, use code SALE25 to get")

    # Submit: the confirm step shows the bubble with the named samples and the button.
    page.get_by_role("button", name="Submit").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".wa-body")).to_contain_text("Hello Budi, use code SALE25")
    expect(dialog.locator(".wa-buttons")).to_contain_text("Copy offer code")
    dialog.get_by_role("button", name="Submit").click()
    expect(dialog).to_contain_text("Template has been sent and is being checked")

    deadline = time.monotonic() + 15
    while not graph_api.created_templates and time.monotonic() < deadline:
        time.sleep(0.1)
    (sent,) = graph_api.created_templates
    assert sent["name"] == "coupon_week"
    assert sent["category"] == "MARKETING"
    assert sent["parameter_format"] == "NAMED"
    body_component = next(c for c in sent["components"] if c["type"] == "BODY")
    assert body_component == {
        "type": "BODY",
        "text": "Hello {{first_name}}, use code {{code}} to get a discount on everything in our shop this week.",
        "example": {
            "body_text_named_params": [
                {"param_name": "first_name", "example": "Budi"},
                {"param_name": "code", "example": "SALE25"},
            ]
        },
    }
    buttons = next(c for c in sent["components"] if c["type"] == "BUTTONS")
    assert buttons == {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "SALE25"}]}
    page.get_by_role("link", name="Ok, got it").click()
    expect(page.locator("#template-table tbody tr", has_text="coupon_week")).to_be_visible()
    assert Template.objects.get(name="coupon_week").contents.get().parameter_format == "NAMED"
