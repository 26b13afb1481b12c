"""One content vocabulary end to end: what is typed, stored, sent to WhatsApp and previewed.

Named ({{order_id}}) and numbered ({{1}}) variables, the copy-code button and
WhatsApp's own formatting rules, each as the person meets it.
"""

import pytest
from django.http import QueryDict

from templates_app.forms import content_data_from_post
from templates_app.providers import provider_for
from templates_app.providers.meta import template_payload
from templates_app.rules import validate_content
from templates_app.services import content_save, template_digest
from templates_app.spec import (
    NAMED,
    POSITIONAL,
    ButtonSpec,
    ContentSpec,
    parameter_format_convert,
    spec_from_dict,
    spec_to_dict,
)
from templates_app.validation import template_problems
from templates_app.views.common import content_preview
from tests.factories import ChannelAccountFactory
from tests.fakes.graph_api import ACCESS_TOKEN, APP_ID, WABA_ID
from tests.templates_app.builders import new_template

NAMED_POST = {
    "parameter_format": "NAMED",
    "header_format": "TEXT",
    "header_text": "Sale for {{first_name}}",
    "header_text_example": "Budi",
    "body": "Hello {{first_name}}, use code {{code}} to get {{discount}} off everything in our shop this week.",
    "body_example_first_name": "Budi",
    "body_example_code": "SALE25",
    "body_example_discount": "25%",
    "footer": "Acme Retail",
    "button-0-kind": "QUICK_REPLY",
    "button-0-text": "Stop promotions",
    "button-1-kind": "COPY_CODE",
    "button-1-code_example": "SALE25",
    "button-2-kind": "PHONE_NUMBER",
    "button-2-text": "Call us",
    "button-2-phone_number": "0812 3456 7890",
}
NUMBERED_POST = {
    "parameter_format": "POSITIONAL",
    "header_format": "NONE",
    "body": "Hello {{1}}, your order {{2}} is on its way to you today.",
    "body_example_1": "Budi",
    "body_example_2": "A-1042",
}


def post(data: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    query.update(data)
    return query


@pytest.fixture
def meta_account(org_a):
    return ChannelAccountFactory(
        organization=org_a, provider="meta", waba_id=WABA_ID, meta_app_id=APP_ID, meta_access_token=ACCESS_TOKEN
    )


def saved(template, data: dict):
    content_save(
        template=template, actor=template.created_by, language="en_US", data=content_data_from_post(post(data))
    )
    return template.contents.get(language="en_US")


# --- the round trip: form -> stored -> payload -> preview ---------------------


def test_a_named_template_with_a_copy_code_button_round_trips(org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, category="MARKETING", data=None)
    content = saved(template, NAMED_POST)

    assert content.parameter_format == NAMED
    assert content.body_named_examples == {"first_name": "Budi", "code": "SALE25", "discount": "25%"}
    # Stored as WhatsApp will dial it.
    assert content.buttons[2]["phone_number"] == "+6281234567890"
    assert template_problems(template=template).contents["en_US"] == {}

    payload = template_payload(template=template, content=content)
    assert payload["parameter_format"] == "NAMED"
    header, body, footer, buttons = payload["components"]
    assert header == {
        "type": "HEADER",
        "format": "TEXT",
        "text": "Sale for {{first_name}}",
        "example": {"header_text_named_params": [{"param_name": "first_name", "example": "Budi"}]},
    }
    assert body["example"] == {
        "body_text_named_params": [
            {"param_name": "first_name", "example": "Budi"},
            {"param_name": "code", "example": "SALE25"},
            {"param_name": "discount", "example": "25%"},
        ]
    }
    assert footer == {"type": "FOOTER", "text": "Acme Retail"}
    assert buttons["buttons"] == [
        {"type": "QUICK_REPLY", "text": "Stop promotions"},
        {"type": "COPY_CODE", "example": "SALE25"},
        {"type": "PHONE_NUMBER", "text": "Call us", "phone_number": "+6281234567890"},
    ]

    preview = content_preview(content)
    assert 'Hello <span class="var">Budi</span>, use code <span class="var">SALE25</span>' in preview["preview_body"]
    assert preview["preview_header"] == 'Sale for <span class="var">Budi</span>'
    assert [(b["kind"], b["text"]) for b in preview["preview_buttons"]] == [
        ("QUICK_REPLY", "Stop promotions"),
        ("COPY_CODE", "Copy offer code"),
        ("PHONE_NUMBER", "Call us"),
    ]


def test_a_numbered_template_round_trips(org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, data=None)
    content = saved(template, NUMBERED_POST)

    assert content.parameter_format == POSITIONAL
    assert content.body_examples == ["Budi", "A-1042"]
    assert template_problems(template=template).contents["en_US"] == {}
    payload = template_payload(template=template, content=content)
    assert payload["parameter_format"] == "POSITIONAL"
    assert payload["components"][0]["example"] == {"body_text": [["Budi", "A-1042"]]}
    assert content_preview(content)["preview_body"].startswith('Hello <span class="var">Budi</span>')


def test_the_spec_survives_json_with_every_new_field():
    spec = spec_from_dict(content_data_from_post(post(NAMED_POST)) | {"language": "en_US"})
    assert spec_from_dict(spec_to_dict(spec)) == spec
    assert spec.buttons[1] == ButtonSpec(kind="COPY_CODE", code_example="SALE25")


@pytest.mark.parametrize(
    "change",
    [
        {"parameter_format": "POSITIONAL"},
        {"body_example_code": "SALE30"},
        {"button-1-code_example": "SALE30"},
    ],
)
def test_what_a_code_confirms_covers_format_named_samples_and_the_copy_code(org_a, agent, account_a, change):
    template = new_template(org_a, agent, account_a, category="MARKETING", data=None)
    saved(template, NAMED_POST)
    before = template_digest(template)
    saved(template, {**NAMED_POST, **change})
    assert template_digest(template) != before


def test_the_fake_graph_api_accepts_the_named_copy_code_payload(org_a, agent, meta_account, graph_api):
    graph_api.add_account(waba_id=WABA_ID, app_id=APP_ID, access_token=ACCESS_TOKEN)
    template = new_template(org_a, agent, meta_account, category="MARKETING", data=None)
    content = saved(template, NAMED_POST)
    meta_account.refresh_from_db()
    provider_for(meta_account).submit_content(template=template, content=content)
    (sent,) = graph_api.created_templates
    assert sent["parameter_format"] == "NAMED"
    assert sent["components"][-1]["buttons"][1] == {"type": "COPY_CODE", "example": "SALE25"}


# --- switching between numbered and named --------------------------------------


def test_numbered_becomes_named_and_says_to_rename():
    spec = ContentSpec(
        language="en",
        header_format="TEXT",
        header_text="Order {{1}}",
        header_text_example="A-1",
        body="Hi {{1}}, order {{2}} and {{ 3 }}.",
        body_examples=["Ann", "A-1"],
    )
    converted = parameter_format_convert(spec, NAMED)
    assert converted.spec.parameter_format == NAMED
    assert converted.spec.body == "Hi {{variable_1}}, order {{variable_2}} and {{ 3 }}."
    assert converted.spec.header_text == "Order {{variable_1}}"
    assert converted.spec.body_named_examples == {"variable_1": "Ann", "variable_2": "A-1"}
    assert any("rename them" in note for note in converted.notes)


def test_named_becomes_numbered_in_order_and_names_what_it_kept():
    spec = ContentSpec(
        language="en",
        parameter_format=NAMED,
        body="Hi {{name}}, order {{order_id}} and {{Bad}}.",
        body_named_examples={"name": "Ann", "order_id": "A-1"},
    )
    converted = parameter_format_convert(spec, POSITIONAL)
    assert converted.spec.body == "Hi {{1}}, order {{2}} and {{Bad}}." or "{{Bad}}" in converted.spec.body
    assert converted.spec.body_examples == ["Ann", "A-1"]
    assert converted.spec.body_named_examples == {}


def test_switching_a_draft_in_the_editor_converts_and_tells(agent_client, org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, data=None)
    url = f"/broadcast/templates/{template.pk}/content/en_US/"
    response = agent_client.post(url, {**NUMBERED_POST, "action": "parameter_format:NAMED"}, follow=True)
    content = template.contents.get()
    assert content.parameter_format == NAMED
    assert content.body == "Hello {{variable_1}}, your order {{variable_2}} is on its way to you today."
    assert "rename them to say what they hold" in response.content.decode()
    assert 'name="body_example_variable_1" value="Budi"' in response.content.decode()


# --- "+ Add Variable" asks for a name in a named template ----------------------


def test_add_variable_without_javascript_uses_the_name_given(agent_client, org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, data=None)
    url = f"/broadcast/templates/{template.pk}/content/en_US/"
    data = {"parameter_format": "NAMED", "body": "Your order", "action": "add_variable"}
    agent_client.post(url, {**data, "new_variable_name": "order_id"})
    assert template.contents.get().body == "Your order {{order_id}}"

    page = agent_client.post(url, {**data, "new_variable_name": "Order ID"}, follow=True).content.decode()
    assert "Name the variable with lowercase letters, digits and underscores" in page
    page = agent_client.post(url, {**data, "body": "Your {{order_id}}", "new_variable_name": "order_id"}, follow=True)
    assert "already has {{order_id}}" in page.content.decode()


def test_the_editor_shows_one_sample_field_per_name(agent_client, org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, category="MARKETING", data=None)
    saved(template, NAMED_POST)
    page = agent_client.get(f"/broadcast/templates/{template.pk}/edit/?lang=en_US").content.decode()
    for name in ("first_name", "code", "discount"):
        assert f'name="body_example_{name}"' in page
    assert 'id="wizard-vocabulary"' in page
    assert "+ Copy Code" in page
    assert 'name="button-1-code_example" value="SALE25"' in page


# --- the copy-code button ------------------------------------------------------


def test_copy_code_is_offered_and_accepted_for_marketing_only(agent_client, org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, category="UTILITY", data=None)
    assert "+ Copy Code" not in agent_client.get(f"/broadcast/templates/{template.pk}/edit/").content.decode()
    agent_client.post(
        f"/broadcast/templates/{template.pk}/content/en_US/", {**NUMBERED_POST, "action": "add_button:COPY_CODE"}
    )
    assert template.contents.get().buttons == []
    saved(template, {**NUMBERED_POST, "button-0-kind": "COPY_CODE", "button-0-code_example": "SALE25"})
    errors = template_problems(template=template).contents["en_US"]
    assert errors["buttons.0.kind"] == [
        "A Copy Code button is for Marketing templates only: remove it or change the category."
    ]


def copy_code(example="SALE25"):
    return ButtonSpec(kind="COPY_CODE", code_example=example)


def body_only(**changes):
    base = {"language": "en_US", "body": "Your order is on its way to you, thank you for shopping with us."}
    return ContentSpec(**{**base, **changes})


@pytest.mark.parametrize(
    ("buttons", "key", "fragment"),
    [
        ([copy_code("")], "buttons.0.code_example", "Enter an example of the offer code"),
        ([copy_code("C" * 16)], "buttons.0.code_example", "at most 15 characters (it has 16)"),
        ([copy_code("SALE 25")], "buttons.0.code_example", "one word, without spaces"),
        ([copy_code("{{1}}")], "buttons.0.code_example", "without {{ and }}"),
        ([copy_code(), copy_code("OTHER")], "buttons", "at most 1 copy code button (it has 2)"),
    ],
)
def test_copy_code_rules(buttons, key, fragment):
    errors = validate_content(body_only(buttons=buttons), category="MARKETING")
    assert any(fragment in message for message in errors.get(key, [])), errors


def test_a_good_copy_code_passes():
    assert validate_content(body_only(buttons=[copy_code("C" * 15)]), category="MARKETING") == {}


# --- named variables in the rules ----------------------------------------------


@pytest.mark.parametrize(
    ("body", "samples", "key", "fragment"),
    [
        ("Hi {{1}}, your order is on its way to you.", {}, "body", "This template uses named variables"),
        ("Hi {{Name}}, your order is on its way to you.", {}, "body", "is not a valid variable"),
        ("Hi {{9lives}}, your order is on its way to you.", {}, "body", "start it with a letter"),
        ("Hi {{name}}, {{name}} your order is on its way.", {"name": "A"}, "body", "can be used once"),
        ("{{name}}, your order is on its way to you.", {"name": "A"}, "body", "can't start with a variable"),
        ("Your order is on its way to you {{name}}", {"name": "A"}, "body", "can't end with a variable"),
        ("Hi {{a}} {{b}} your order is on its way to you.", {"a": "A", "b": "B"}, "body", "can't be next to"),
        ("Hi {{name}}, your order is on its way.", {}, "body_examples.name", "Add a sample for {{name}}."),
    ],
)
def test_named_variable_rules(body, samples, key, fragment):
    errors = validate_content(body_only(parameter_format=NAMED, body=body, body_named_examples=samples))
    assert any(fragment in message for message in errors.get(key, [])), errors


def test_named_variables_in_a_numbered_template_are_named_as_such():
    errors = validate_content(body_only(body="Hi {{name}}, your order is on its way to you."))
    assert "is a named variable, but this template numbers its variables" in errors["body"][0]


# --- WhatsApp's own formatting rules -----------------------------------------------


@pytest.mark.parametrize(
    ("changes", "key", "fragment"),
    [
        ({"header_format": "TEXT", "header_text": "*Big* sale"}, "header_text", "remove the formatting characters"),
        (
            {"header_format": "TEXT", "header_text": "Big sale 🎉"},
            "header_text",
            "no emoji in a text header",
        ),
        ({"header_format": "TEXT", "header_text": "Big\nsale"}, "header_text", "must fit on one line"),
        ({"footer": "Thanks\nAcme"}, "footer", "The footer must fit on one line"),
        ({"footer": "Thanks 🙏"}, "footer", "doesn't allow emoji in the footer"),
        ({"body": "Big sale " + "🎉 " * 11 + "for everyone."}, "body", "at most 10 emoji in the message (it has 11)"),
        ({"body": "Hi {{1}}, thanks.", "body_examples": ["Ann"]}, "body", "Too many variables for a message"),
        (
            {"body": "Hi {{1}} and {{2}} thanks.", "body_examples": ["A", "B"]},
            "body",
            "needs at least 5 words of its own (it has 3)",
        ),
    ],
)
def test_whatsapp_formatting_rules(changes, key, fragment):
    errors = validate_content(body_only(**changes))
    assert any(fragment in message for message in errors.get(key, [])), errors


def test_a_named_header_variable_with_underscores_is_not_formatting():
    spec = body_only(
        parameter_format=NAMED, header_format="TEXT", header_text="Sale for {{first_name}}", header_text_example="Budi"
    )
    assert validate_content(spec) == {}


def test_ten_emoji_and_enough_words_pass():
    body = "Hi {{1}}, your big sale starts today " + "🎉" * 10
    assert validate_content(body_only(body=body, body_examples=["Ann"])) == {}


def test_an_indonesian_number_without_country_code_is_dialled_as_plus_62(org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, data=None)
    content = saved(
        template,
        {
            **NUMBERED_POST,
            "button-0-kind": "PHONE_NUMBER",
            "button-0-text": "Call",
            "button-0-phone_number": "0812-3456-7890",
        },
    )
    assert content.buttons[0]["phone_number"] == "+6281234567890"
    assert template_payload(template=template, content=content)["components"][-1]["buttons"][0]["phone_number"] == (
        "+6281234567890"
    )
