"""WhatsApp's template rules as users are told about them, field by field."""

import dataclasses
import json

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from templates_app.languages import LANGUAGE_CODES, LANGUAGE_NAMES, language_choices, language_name
from templates_app.rules import (
    BODY_MAX,
    BUTTONS_MAX,
    FOOTER_MAX,
    HEADER_FORMATS,
    HEADER_TEXT_MAX,
    NAME_MAX,
    PHONE_MAX,
    URL_MAX,
    ButtonSpec,
    ContentSpec,
    content_digest_payload,
    spec_from_dict,
    spec_to_dict,
    validate_content,
    validate_language_code,
    validate_name,
    variables_in,
)


def quick_reply(text="Yes"):
    return ButtonSpec(kind="QUICK_REPLY", text=text)


def phone_button(phone="+62 812 3456 7890", text="Call us"):
    return ButtonSpec(kind="PHONE_NUMBER", text=text, phone_number=phone)


def url_button(url="https://example.com/orders", text="See order", example=""):
    return ButtonSpec(kind="URL", text=text, url=url, url_example=example)


def content(**changes):
    """A content that breaks no rule, with the given fields changed."""
    spec = ContentSpec(
        language="en_US",
        header_format="TEXT",
        header_text="Order {{1}}",
        header_text_example="A-1001",
        body="Hi {{1}}, your order {{2}} is on its way.",
        body_examples=["Ann", "A-1001"],
        footer="Reply STOP to unsubscribe",
        buttons=[
            quick_reply("Yes"),
            quick_reply("No"),
            phone_button(),
            url_button("https://example.com/orders/{{1}}", example="A-1001"),
        ],
    )
    return dataclasses.replace(spec, **changes)


def assert_error(errors, key, *fragments):
    assert key in errors, f"expected an error on {key!r}, got {errors!r}"
    joined = " ".join(errors[key])
    for fragment in fragments:
        assert fragment in joined, f"{fragment!r} not in {errors[key]!r}"


# --- template name --------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["order_update", "a", "promo_2024", "_", "x" * NAME_MAX, "0123"],
)
def test_good_template_names(name):
    assert validate_name(name) == []


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "Enter a template name"),
        ("Order_Update", "lowercase letters, numbers and underscores"),
        ("order update", "lowercase letters, numbers and underscores"),
        ("order-update", "lowercase letters, numbers and underscores"),
        ("pedido_señor", "lowercase letters, numbers and underscores"),
        ("order_update\n", "lowercase letters, numbers and underscores"),
        ("x" * (NAME_MAX + 1), "at most 512 characters (it has 513)"),
    ],
)
def test_bad_template_names(name, fragment):
    problems = validate_name(name)
    assert any(fragment in problem for problem in problems), problems


# --- languages ------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "en_US", "id", "pt_BR", "zh_TW", "fil", "rw_RW", "ky_KG"])
def test_good_language_codes(code):
    assert validate_language_code(code) == []


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("", "Choose a language"),
        ("en-US", "not a language WhatsApp accepts"),
        ("EN", "not a language WhatsApp accepts"),
        ("xx", "choose one from the list"),
        ("<script>" * 20, "…"),
    ],
)
def test_bad_language_codes(code, fragment):
    problems = validate_language_code(code)
    assert any(fragment in problem for problem in problems), problems


def test_language_list_has_names_and_no_duplicates():
    codes = [code for code, _ in language_choices()]
    assert len(codes) == len(set(codes)) == len(LANGUAGE_NAMES) == len(LANGUAGE_CODES) == 100
    assert language_name("id") == "Indonesian"
    assert language_name("en_US") == "English (United States)"
    assert language_name("nope") == "nope"


def test_language_names_come_from_cldr_in_the_interface_language():
    with translation.override("id"):
        assert language_name("id") == "Indonesia"
        assert language_name("en_US") == "Inggris (Amerika Serikat)"
        assert language_name("ar_EG") == "Arab (Mesir)"
        names = [name for _, name in language_choices()]
    # Sorted as the reader reads them, and every code has a name (none falls back to its code).
    assert names == sorted(names, key=str.casefold)
    assert not any(name in LANGUAGE_CODES for name in names)


def test_content_language_is_checked():
    assert_error(validate_content(content(language="en-GB")), "language", "not a language WhatsApp accepts")


# --- variables -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("", []),
        ("Hi {{1}}", [1]),
        ("{{2}} then {{1}} then {{2}}", [2, 1, 2]),
        ("{{ 1 }} {{a}} {{1} {1}}", []),
        ("{{{1}}}", [1]),
        ("{{0}} {{01}}", [0, 1]),
        ("{{" + "9" * 5000 + "}}", []),
        ("{{١}}", []),
    ],
)
def test_variables_in(text, numbers):
    assert variables_in(text) == numbers


# --- the whole content -------------------------------------------------------


def test_a_content_within_every_rule_has_no_errors():
    assert validate_content(content()) == {}


@pytest.mark.parametrize(
    "changes",
    [
        {"header_format": "NONE", "header_text": "", "header_text_example": ""},
        {"header_format": "IMAGE", "header_text": "", "header_text_example": ""},
        {"header_format": "TEXT", "header_text": "Your order", "header_text_example": ""},
        {"header_format": "TEXT", "header_text": "Your order", "header_text_example": "ignored"},
        {"footer": ""},
        {"footer": "   "},
        {"footer": "f" * FOOTER_MAX},
        {"buttons": []},
        {"buttons": [phone_button(), url_button(), quick_reply("A"), quick_reply("B")]},
        {"buttons": [quick_reply(str(n)) for n in range(BUTTONS_MAX)]},
        {"buttons": [url_button(text="One"), url_button(text="Two"), phone_button()]},
    ],
)
def test_good_content_variations(changes):
    assert validate_content(content(**changes)) == {}


# --- body -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "examples"),
    [
        ("Hello there", []),
        ("Hi {{1}}, thanks for your order!", ["Ann"]),
        ("Hi {{1}}, your order {{2}} for {{1}} ships today.", ["Ann", "A-1"]),
        ("Hi {{2}} and {{1}}, welcome to the club.", ["Ann", "Bob"]),
        ("Dear {{1}}, your order {{2}} is ready now.", ["Ann", "A-1"]),
        ("*Bold* _italic_ ~strike~ ```mono``` and emoji 🎉", []),
        ("Line one\nline two\r\nline three\ttabbed", []),
        ("Price {1} and }{ and { {1} }", []),
        ("b" * BODY_MAX, []),
        ("Hi {{1}}, thanks for your order!", ["Ann", "unused sample is ignored"]),
    ],
)
def test_good_bodies(body, examples):
    errors = validate_content(content(body=body, body_examples=examples))
    assert errors == {}


@pytest.mark.parametrize(
    ("body", "examples", "key", "fragment"),
    [
        ("", [], "body", "The message body is required."),
        ("   \n ", [], "body", "The message body is required."),
        ("b" * 1031, [], "body", "The message body can be at most 1,024 characters (it has 1,031)."),
        ("Hi {{1}} and {{3}}.", ["a", "b", "c"], "body", "Variables must be numbered in order: {{2}} is missing."),
        ("Hi {{2}} there.", ["a", "b"], "body", "{{1}} is missing"),
        ("{{1}} is your name.", ["Ann"], "body", "The message can't start with a variable"),
        ("  {{1}} is your name.", ["Ann"], "body", "can't start with a variable"),
        ("Your name is {{1}}", ["Ann"], "body", "The message can't end with a variable"),
        ("Your name is {{1}} \n", ["Ann"], "body", "can't end with a variable"),
        (
            "Hi {{1}}{{2}} there.",
            ["a", "b"],
            "body",
            "Variables {{1}} and {{2}} can't be next to each other: put words between them.",
        ),
        ("Hi {{1}}  {{2}} there.", ["a", "b"], "body", "can't be next to each other"),
        ("Hi {{ 1 }} there.", [], "body", "“{{ 1 }}” is not a valid variable: write variables as {{1}}"),
        ("Hi {{a}} there.", [], "body", "“{{a}}” is a named variable, but this template numbers its variables"),
        ("Hi {{A}} there.", [], "body", "“{{A}}” is not a valid variable"),
        ("Hi {{}} there.", [], "body", "“{{}}” is not a valid variable"),
        ("Hi {{1} there.", [], "body", "use two braces on each side of a number, like {{1}}"),
        ("Hi {1}} there.", [], "body", "use two braces on each side"),
        ("Hi {{0}} there.", [], "body", "Variables start at {{1}}"),
        ("Hi {{01}} there.", ["a"], "body", "without leading zeros"),
        ("Hi {{" + "1" * 20 + "}} there.", [], "body", "is not a valid variable"),
        ("Hi \x00 there.", [], "body", "invisible control characters"),
        ("Hi {{1}} there.", [], "body_examples.0", "Add a sample for {{1}}."),
        ("Hi {{1}} and {{2}} there.", ["Ann"], "body_examples.1", "Add a sample for {{2}}."),
        ("Hi {{1}} and {{2}} there.", ["Ann", "   "], "body_examples.1", "Add a sample for {{2}}."),
        ("Hi {{1}} there.", ["two\nlines"], "body_examples.0", "must be on one line"),
        ("Hi {{1}} there.", ["tab\there"], "body_examples.0", "without tabs"),
        ("Hi {{1}} there.", ["{{2}}"], "body_examples.0", "can't contain {{ or }}"),
        ("Hi {{1}} there.", ["s" * 1025], "body_examples.0", "at most 1,024 characters (it has 1,025)"),
        ("Hi {{1}} there.", ["bell\x07"], "body_examples.0", "control characters"),
    ],
)
def test_bad_bodies(body, examples, key, fragment):
    assert_error(validate_content(content(body=body, body_examples=examples)), key, fragment)


def test_every_missing_sample_is_reported_on_its_own_key():
    errors = validate_content(content(body="A {{1}} b {{2}} c {{3}} d", body_examples=["x"]))
    assert errors["body_examples.1"] == ["Add a sample for {{2}}."]
    assert errors["body_examples.2"] == ["Add a sample for {{3}}."]
    assert "body_examples.0" not in errors


def test_a_repeated_variable_needs_one_sample_and_is_not_a_gap():
    assert validate_content(content(body="Hi {{1}}, yes {{1}}, you.", body_examples=["Ann"])) == {}


# --- header ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("header_format", "text", "example", "key", "fragment"),
    [
        ("TEXT", "", "", "header_text", "Enter the header text"),
        ("TEXT", "  ", "", "header_text", "Enter the header text"),
        ("TEXT", "h" * 61, "", "header_text", "The header can be at most 60 characters (it has 61)."),
        ("TEXT", "Two\nlines", "", "header_text", "must fit on one line"),
        ("TEXT", "Hi {{1}} and {{2}}", "x", "header_text", "at most one variable"),
        ("TEXT", "Hi {{1}} and {{1}}", "x", "header_text", "at most one variable"),
        ("TEXT", "Hi {{2}}", "x", "header_text", "The header's variable must be {{1}}"),
        ("TEXT", "Hi {{ 1 }}", "x", "header_text", "is not a valid variable"),
        ("TEXT", "Hi {{1}", "x", "header_text", "two braces"),
        ("TEXT", "Hi\x1b[31m", "", "header_text", "control characters"),
        ("TEXT", "Order {{1}}", "", "header_text_example", "Add a sample for {{1}} in the header."),
        ("TEXT", "Order {{1}}", "a\nb", "header_text_example", "must be on one line"),
        ("TEXT", "Order {{1}}", "s" * 61, "header_text_example", "at most 60 characters"),
        ("IMAGE", "Left over", "", "header_text", "Only a text header has text"),
        ("VIDEO", "", "left over", "header_text_example", "Only a text header has a sample"),
        ("NONE", "Left over", "", "header_text", "choose Text as the header type"),
        ("AUDIO", "", "", "header_format", "Choose a header type"),
        ("text", "Hello", "", "header_format", "none, text, image, video or document"),
    ],
)
def test_bad_headers(header_format, text, example, key, fragment):
    spec = content(header_format=header_format, header_text=text, header_text_example=example)
    assert_error(validate_content(spec), key, fragment)


@pytest.mark.parametrize(
    ("text", "example"),
    [
        ("Order {{1}}", "A-1"),
        ("{{1}}", "Big sale"),
        ("{{1}} is here", "Spring"),
        ("h" * HEADER_TEXT_MAX, ""),
    ],
)
def test_good_headers(text, example):
    assert validate_content(content(header_text=text, header_text_example=example)) == {}


@pytest.mark.parametrize("header_format", ["IMAGE", "VIDEO", "DOCUMENT", "NONE"])
def test_media_headers_need_no_text(header_format):
    spec = content(header_format=header_format, header_text="", header_text_example="")
    assert validate_content(spec) == {}


# --- footer -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("footer", "fragment"),
    [
        ("f" * 61, "The footer can be at most 60 characters (it has 61)."),
        ("Hi {{1}}", "The footer can't have variables"),
        ("Hi {{ 1 }}", "can't have variables"),
        ("Hi {{", "can't have variables"),
        ("Bye\x00", "control characters"),
    ],
)
def test_bad_footers(footer, fragment):
    assert_error(validate_content(content(footer=footer)), "footer", fragment)


# --- buttons ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("buttons", "fragment"),
    [
        ([quick_reply(str(n)) for n in range(11)], "at most 10 buttons (it has 11)"),
        (
            [url_button(text="A"), url_button(text="B"), url_button(text="C")],
            "at most 2 URL buttons (it has 3)",
        ),
        ([phone_button(text="A"), phone_button(text="B")], "at most 1 phone number button (it has 2)"),
        ([quick_reply("A"), url_button(), quick_reply("B")], "Keep Quick Reply buttons together"),
        ([url_button(), quick_reply("A"), phone_button()], "Keep Quick Reply buttons together"),
    ],
)
def test_bad_button_lists(buttons, fragment):
    assert_error(validate_content(content(buttons=buttons)), "buttons", fragment)


@pytest.mark.parametrize(
    "buttons",
    [
        [quick_reply("A"), quick_reply("B"), url_button(), phone_button()],
        [url_button(), phone_button(), quick_reply("A"), quick_reply("B")],
        [quick_reply("Only one")],
        [url_button()],
    ],
)
def test_quick_replies_grouped_before_or_after_are_fine(buttons):
    assert validate_content(content(buttons=buttons)) == {}


@pytest.mark.parametrize(
    ("button", "key", "fragment"),
    [
        (quick_reply(""), "buttons.0.text", "Enter the button text."),
        (quick_reply("   "), "buttons.0.text", "Enter the button text."),
        (quick_reply("q" * 26), "buttons.0.text", "Button text can be at most 25 characters (it has 26)."),
        (url_button(text="u" * 26), "buttons.0.text", "at most 25 characters"),
        (quick_reply("Two\nlines"), "buttons.0.text", "must fit on one line"),
        (quick_reply("Hi {{1}}"), "buttons.0.text", "can't have variables"),
        (ButtonSpec(kind="OTP", text="Copy"), "buttons.0.kind", "Choose a button type"),
        (ButtonSpec(kind="", text="Copy"), "buttons.0.kind", "Quick Reply, Call To Action (Phone Number)"),
    ],
)
def test_bad_button_texts_and_kinds(button, key, fragment):
    assert_error(validate_content(content(buttons=[button])), key, fragment)


def test_button_texts_must_differ():
    errors = validate_content(content(buttons=[quick_reply("Yes"), quick_reply("No"), quick_reply(" yes ")]))
    assert_error(errors, "buttons.2.text", "Each button needs its own text", "“yes”")
    assert "buttons.0.text" not in errors


@pytest.mark.parametrize(
    "phone",
    ["+6281234567890", "+62 812 3456 7890", "+1-415-555-0132", "+44 20 7946 0958", "081234567890", "0812 3456 7890"],
)
def test_good_phone_numbers(phone):
    assert validate_content(content(buttons=[phone_button(phone)])) == {}


@pytest.mark.parametrize(
    ("phone", "fragment"),
    [
        ("", "Enter the phone number the button calls."),
        ("+0 812 3456 7890", "not a phone number WhatsApp can call"),
        ("+62 (812) 3456", "not a phone number WhatsApp can call"),
        ("+6281234567890 ext", "with its country code"),
        ("+6281234567890 x12", "not a phone number"),
        ("+62 812-", "not a phone number"),
        ("tel:+6281234567", "not a phone number"),
        ("+62 812 3456 7890 123", "The phone number can be at most 20 characters (it has 21)."),
        ("+12345678", "not a phone number"),
        ("+1234567890123456", "not a phone number"),
        ("12345", "not a phone number"),
    ],
)
def test_bad_phone_numbers(phone, fragment):
    assert_error(validate_content(content(buttons=[phone_button(phone)])), "buttons.0.phone_number", fragment)


def test_phone_length_counts_what_was_typed():
    typed = "+62 812 - 3456 - 7890"  # 14 digits, but 21 characters as typed
    assert len(typed) > PHONE_MAX
    assert_error(validate_content(content(buttons=[phone_button(typed)])), "buttons.0.phone_number", "at most 20")


@pytest.mark.parametrize(
    ("url", "example"),
    [
        ("https://example.com", ""),
        ("http://example.com/path?q=1#top", ""),
        ("HTTPS://Example.COM/Path", ""),
        ("https://shop.example.co.id/orders/{{1}}", "A-1001"),
        ("https://example.com/track?id={{1}}", "123"),
        ("https://bücher.example/", ""),
        ("https://example.com:8443/x", ""),
        ("https://8.8.8.8/x", ""),
        ("https://example.com/" + "p" * (URL_MAX - 20), ""),
    ],
)
def test_good_urls(url, example):
    assert validate_content(content(buttons=[url_button(url, example=example)])) == {}


@pytest.mark.parametrize(
    ("url", "example", "key", "fragment"),
    [
        ("", "", "buttons.0.url", "Enter the link (URL) the button opens."),
        ("example.com", "", "buttons.0.url", "must start with http:// or https://"),
        ("ftp://example.com/file", "", "buttons.0.url", "must start with http:// or https://"),
        ("javascript:alert(1)", "", "buttons.0.url", "must start with http:// or https://"),
        ("https://", "", "buttons.0.url", "must include a website address"),
        ("https://localhost/x", "", "buttons.0.url", "“localhost” is not a valid website address."),
        ("https://exa mple.com", "", "buttons.0.url", "such as spaces"),
        ("https://example.com/<script>", "", "buttons.0.url", "such as spaces or < >"),
        ("https://-bad-.com", "", "buttons.0.url", "is not a valid website address"),
        ("https://example.com:99999/", "", "buttons.0.url", "check the address and port"),
        ("https://[::1/", "", "buttons.0.url", "not a valid URL"),
        ("https://192.168.1.10/x", "", "buttons.0.url", "not a valid website address"),
        ("https://bank.com@evil.example/", "", "buttons.0.url", "user name or password"),
        ("https://example.com/" + "p" * URL_MAX, "", "buttons.0.url", "The URL can be at most 2,000 characters"),
        ("https://example.com/{{1}}/x", "a", "buttons.0.url", "only one variable, {{1}}, at the very end"),
        ("https://example.com/{{2}}", "a", "buttons.0.url", "only one variable, {{1}}, at the very end"),
        ("https://example.com/{{ 1 }}", "a", "buttons.0.url", "only one variable"),
        ("https://example.com/{{1}}{{1}}", "a", "buttons.0.url", "only one variable"),
        ("https://{{1}}", "example.com", "buttons.0.url", "Put {{1}} after the website address"),
        ("https://example.com{{1}}", "/x", "buttons.0.url", "Put {{1}} after the website address"),
        ("https://example.com/o/{{1}}", "", "buttons.0.url_example", "Add a sample for {{1}} in the URL."),
        ("https://example.com/o/{{1}}", "has space", "buttons.0.url_example", "not a valid URL"),
        ("https://example.com/o/{{1}}", "<b>", "buttons.0.url_example", "not a valid URL"),
        ("https://example.com/o/{{1}}", "x" * URL_MAX, "buttons.0.url_example", "not a valid URL"),
    ],
)
def test_bad_urls(url, example, key, fragment):
    assert_error(validate_content(content(buttons=[url_button(url, example=example)])), key, fragment)


def test_fields_of_other_button_kinds_are_ignored():
    buttons = [
        ButtonSpec(kind="QUICK_REPLY", text="Yes", phone_number="nonsense", url="nonsense", url_example="x"),
        ButtonSpec(kind="PHONE_NUMBER", text="Call", phone_number="+6281234567890", url="not a url"),
        ButtonSpec(kind="URL", text="Open", url="https://example.com", phone_number="nope", url_example="ignored"),
    ]
    assert validate_content(content(buttons=buttons)) == {}


def test_errors_name_the_button_they_belong_to():
    buttons = [quick_reply("Fine"), quick_reply(""), url_button("nope", text="Open")]
    errors = validate_content(content(buttons=buttons))
    assert set(errors) == {"buttons.1.text", "buttons.2.url"}


# --- round trip and digest ---------------------------------------------------


def test_dict_round_trip_is_json_safe():
    spec = content()
    data = spec_to_dict(spec)
    assert spec_from_dict(json.loads(json.dumps(data))) == spec


def test_digest_payload_has_every_field_in_a_stable_order():
    payload = content_digest_payload(content())
    assert list(payload) == [
        "language",
        "parameter_format",
        "header_format",
        "header_text",
        "header_text_example",
        "body",
        "body_examples",
        "body_named_examples",
        "footer",
        "buttons",
    ]
    assert list(payload["buttons"][0]) == ["kind", "text", "phone_number", "url", "url_example", "code_example"]
    assert json.dumps(payload) == json.dumps(content_digest_payload(content()))
    assert content_digest_payload(content(footer="Other")) != payload


def test_spec_from_dict_fills_defaults_and_tolerates_odd_values():
    spec = spec_from_dict({"language": "en", "body": None, "body_examples": "oops", "buttons": [{"kind": "URL"}, 7]})
    assert spec == ContentSpec(language="en", buttons=[ButtonSpec(kind="URL", text="")])


# --- properties ---------------------------------------------------------------

_awkward_characters = list("{}0123456789 a_*~`+-/:.@?#%<>\"'\n\r\t\x00\x07\x1b\x85\u2028\ud800é😀١")
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(_awkward_characters), max_size=120),
    st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(["{{1}}", "{{", "}}", "{{ 1 }}", "x", "{{" + "9" * 12 + "}}", "é😀", "*_"]),
        st.integers(min_value=0, max_value=700),
    ),
    st.sampled_from(["https://example.com/{{1}}", "+62 812 3456 7890", "https://[", "http://x:y@z/"]),
)
buttons = st.builds(
    ButtonSpec,
    kind=st.one_of(st.sampled_from(["QUICK_REPLY", "PHONE_NUMBER", "URL"]), hostile_text),
    text=hostile_text,
    phone_number=hostile_text,
    url=hostile_text,
    url_example=hostile_text,
)
contents = st.builds(
    ContentSpec,
    language=st.one_of(st.sampled_from(["en", "id", "pt_BR"]), hostile_text),
    header_format=st.one_of(st.sampled_from(HEADER_FORMATS), hostile_text),
    header_text=hostile_text,
    header_text_example=hostile_text,
    body=hostile_text,
    body_examples=st.lists(hostile_text, max_size=5),
    footer=hostile_text,
    buttons=st.lists(buttons, max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(contents)
def test_any_content_gets_errors_never_an_exception(spec):
    errors = validate_content(spec)
    assert isinstance(errors, dict)
    for key, messages in errors.items():
        assert isinstance(key, str)
        assert messages
        assert all(isinstance(message, str) for message in messages)
        # Messages are shown on a page: they must encode, whatever was typed.
        for message in messages:
            message.encode("utf-8")
    assert spec_from_dict(json.loads(json.dumps(spec_to_dict(spec)))) == spec


@settings(max_examples=100, deadline=None)
@given(hostile_text)
def test_any_name_or_language_gets_a_list_of_messages(text):
    assert all(isinstance(problem, str) for problem in validate_name(text))
    assert all(isinstance(problem, str) for problem in validate_language_code(text))
    assert all(isinstance(number, int) for number in variables_in(text))


words = st.text(alphabet="abcdefghij ", min_size=1, max_size=12).filter(lambda word: word.strip())


@settings(max_examples=100, deadline=None)
@given(st.lists(words, min_size=2, max_size=8))
def test_words_around_variables_numbered_in_order_are_valid(pieces):
    # Words, then {{1}}, words, {{2}}, ... words: every rule of the body is kept.
    body = "".join(f"{piece} and so {{{{{n}}}}} " for n, piece in enumerate(pieces[:-1], start=1)) + pieces[-1]
    samples = [f"sample {n}" for n in range(1, len(pieces))]
    assert validate_content(content(body=body, body_examples=samples)) == {}
