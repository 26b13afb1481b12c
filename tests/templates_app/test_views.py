"""The template pages as agents, admins, reviewers and outsiders use them."""

import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from templates_app.models import Content, Status, Template
from templates_app.services import content_media_attach, content_save, template_digest, template_submit
from templates_app.views.fragments import template_url
from tests.factories import ChannelAccountFactory
from tests.templates_app.builders import PNG, VALID, new_template

LIST = "/broadcast/templates/"
NEW = "/broadcast/templates/new/"
XSS = "<script>alert(1)</script>"
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def draft(org_a, agent, account_a) -> Template:
    return new_template(org_a, agent, account_a, languages=["en_US", "id"])


def url(template, path: str = "") -> str:
    return f"/broadcast/templates/{template.pk}/{path}"


def stored(template) -> tuple:
    fresh = Template.objects.get(pk=template.pk)
    contents = list(Content.objects.filter(template_id=template.pk).values_list("language", "body", "buttons"))
    return fresh.name, fresh.status, fresh.languages, contents


def content_form(language="en_US", **fields) -> dict:
    """Step 2's form as the browser posts it, from VALID unless overridden."""
    data = {
        "language": language,
        "header_format": "NONE",
        "body": VALID["body"],
        "body_example_1": "Budi",
        "footer": VALID["footer"],
        "button-0-kind": "QUICK_REPLY",
        "button-0-text": "Track order",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


class _Fields(HTMLParser):
    """Groups a page's error messages by the field (or card) they are shown in."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict | None, bool]] = []
        self.groups: list[dict] = []
        self.error_text: list[str] | None = None

    def _group(self) -> dict | None:
        return next((group for _, group, _ in reversed(self.stack) if group is not None), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        group = self._group()
        if attrs.get("id") and group is not None:
            group["ids"].add(attrs["id"])
        if tag in self.VOID:
            return
        new_group = None
        if {"field", "card"} & set(classes) or tag == "section":
            new_group = {"ids": {attrs["id"]} if attrs.get("id") else set(), "errors": []}
            self.groups.append(new_group)
        is_error = "field-error" in classes
        if is_error:
            self.error_text = []
        self.stack.append((tag, new_group, is_error))

    def handle_startendtag(self, tag, attrs):
        group = self._group()
        attrs = dict(attrs)
        if attrs.get("id") and group is not None:
            group["ids"].add(attrs["id"])

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            open_tag, _, is_error = self.stack.pop()
            if is_error:
                group = self._group()
                if group is not None:
                    group["errors"].append("".join(self.error_text).strip())
                self.error_text = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.error_text is not None:
            self.error_text.append(data)


def errors_at(html: str, element_id: str) -> list[str]:
    """The messages shown in the field (or card) that holds the element with this id."""
    parser = _Fields()
    parser.feed(html)
    for group in parser.groups:
        if element_id in group["ids"]:
            return group["errors"]
    raise AssertionError(f"no element with id {element_id!r} on the page")


# --- roles ------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["agent_client", "admin_client"])
def test_agents_and_admins_can_start_a_template_and_edit_it(request, who, account_a):
    client = request.getfixturevalue(who)

    form = client.get(NEW)
    assert form.status_code == 200 and ">Next<" in form.content.decode()

    created = client.post(
        NEW, {"channel_account": account_a.pk, "name": "order_update", "category": "UTILITY", "languages": ["id"]}
    )
    template = Template.objects.get(name="order_update")
    assert created.status_code == 302 and created["Location"] == url(template, "edit/?lang=id")

    editor = client.get(created["Location"])
    assert editor.status_code == 200
    page = editor.content.decode()
    assert "+ Add Variable" in page and "Add Sample" in page and ">Submit<" in page


def test_the_list_offers_add_new_template_to_authors_only(agent_client, reviewer_client):
    assert "Add New Template" in agent_client.get(LIST).content.decode()
    assert "Add New Template" not in reviewer_client.get(LIST).content.decode()


REVIEWER_REFUSED = [
    ("get", lambda t: NEW, None),
    ("post", lambda t: NEW, {"name": "sneaky", "category": "UTILITY", "languages": ["en_US"]}),
    ("get", lambda t: url(t, "edit/"), None),
    ("get", lambda t: url(t, "details/"), None),
    ("post", lambda t: url(t, "details/"), {"name": "renamed", "category": "UTILITY", "languages": ["en_US"]}),
    ("post", lambda t: url(t, "content/en_US/"), content_form(body="Reviewer was here")),
    ("post", lambda t: url(t, "content/en_US/media/"), {"media_sample": SimpleUploadedFile("a.png", PNG)}),
    ("post", lambda t: url(t, "submit/"), content_form()),
    ("post", lambda t: url(t, "submit/confirm/"), {}),
    ("post", lambda t: url(t, "submit/verify/"), {"code": "123456"}),
    ("post", lambda t: url(t, "submit/resend/"), {}),
    ("post", lambda t: url(t, "duplicate/"), {}),
    ("post", lambda t: url(t, "delete/"), {}),
]


@pytest.mark.parametrize(
    ("method", "target", "data"),
    REVIEWER_REFUSED,
    ids=[f"{m}-{t(Template(pk=1))}" for m, t, _ in REVIEWER_REFUSED],
)
def test_reviewers_get_403_on_every_authoring_page_and_nothing_changes(reviewer_client, draft, method, target, data):
    before = stored(draft)

    if method == "get":
        response = reviewer_client.get(target(draft))
    else:
        response = reviewer_client.post(target(draft), data)

    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    assert stored(draft) == before
    assert Template.objects.count() == 1


@pytest.mark.parametrize("who", ["reviewer_client", "agent_client"])
def test_reviewers_and_agents_read_the_list_and_the_detail(request, who, draft):
    client = request.getfixturevalue(who)

    listing = client.get(LIST)
    detail = client.get(url(draft))

    assert listing.status_code == 200 and "order_update" in listing.content.decode()
    assert detail.status_code == 200
    page = detail.content.decode()
    assert 'Hello <span class="var">Budi</span>, your order is on its way.' in page
    assert "English (United States)" in page and "Indonesian" in page


@pytest.mark.parametrize(
    "path", ["", "new/", "{id}/", "{id}/edit/", "{id}/content/en_US/media/sample/"], ids=lambda p: p or "list"
)
def test_anonymous_visitors_are_sent_to_log_in(client, draft, path):
    target = LIST + path.format(id=draft.pk)

    response = client.get(target)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("path", ["{id}/content/en_US/", "{id}/submit/", "{id}/delete/"])
def test_anonymous_posts_change_nothing(client, draft, path):
    before = stored(draft)

    response = client.post(LIST + path.format(id=draft.pk), content_form(body="anonymous"))

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert stored(draft) == before


# --- outsiders ------------------------------------------------------------------------------
OUTSIDER_REQUESTS = [
    ("get", "", None),
    ("get", "edit/?lang=en_US", None),
    ("get", "details/", None),
    ("post", "details/", {"name": "stolen", "category": "UTILITY", "languages": ["en_US"]}),
    ("post", "content/en_US/", content_form(body="Outsider was here")),
    ("get", "content/en_US/media/sample/", None),
    ("post", "content/en_US/media/", {"media_sample": SimpleUploadedFile("a.png", PNG)}),
    ("post", "content/en_US/media/remove/", {}),
    ("post", "submit/", content_form()),
    ("post", "submit/confirm/", {}),
    ("post", "submit/verify/", {"code": "123456"}),
    ("post", "submit/resend/", {}),
    ("post", "duplicate/", {}),
    ("post", "delete/", {}),
]


@pytest.mark.parametrize(
    ("method", "path", "data"), OUTSIDER_REQUESTS, ids=[f"{m}-{p or 'detail'}" for m, p, _ in OUTSIDER_REQUESTS]
)
def test_another_organizations_template_answers_404_and_stays_as_it_was(
    outsider_client, draft, method, path, data, mailoutbox, django_capture_on_commit_callbacks
):
    content_media_attach(
        template=draft,
        actor=draft.created_by,
        language="en_US",
        upload=SimpleUploadedFile("a.png", PNG),
        header_format="IMAGE",
        all_languages=True,
    )
    before = stored(draft)

    with django_capture_on_commit_callbacks(execute=True):
        if data is None:
            response = outsider_client.get(url(draft, path))
        else:
            response = outsider_client.post(url(draft, path), data)

    assert response.status_code == 404
    assert "order_update" not in response.content.decode()
    assert stored(draft) == before
    assert Template.objects.count() == 1
    assert mailoutbox == []


def test_the_list_shows_only_the_members_organization(outsider_client, agent_client, draft, org_b, outsider, account_b):
    new_template(org_b, outsider, account_b, name="borealis_promo")

    assert "borealis_promo" not in agent_client.get(LIST).content.decode()
    theirs = outsider_client.get(LIST).content.decode()
    assert "borealis_promo" in theirs and "order_update" not in theirs


def test_an_outsider_cannot_pick_another_organizations_account_in_step_1(outsider_client, account_a, account_b):
    response = outsider_client.post(
        NEW, {"channel_account": account_a.pk, "name": "order_update", "category": "UTILITY", "languages": ["en_US"]}
    )

    assert response.status_code == 422
    assert errors_at(response.content.decode(), "id_channel_account")
    assert not Template.objects.exists()


# --- step 1 ------------------------------------------------------------------------------------
def test_step_1_offers_the_organizations_connected_accounts_by_name_without_reading_their_credentials(
    agent_client, agent, account_a, account_b
):
    from django.utils import timezone

    from accounts.models import Membership
    from accounts.selectors import connected_accounts_listed

    org_a = account_a.organization
    meta = ChannelAccountFactory(
        organization=org_a,
        display_name="Acme Meta",
        provider="meta",
        meta_access_token="EAAG-token",
        meta_app_secret="s3",
    )
    ChannelAccountFactory(organization=org_a, display_name="Acme Closed", disconnected_at=timezone.now())
    page = agent_client.get(NEW).content.decode()
    select = re.search(r'<select name="channel_account"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select) == [
        ("", "Choose an account"),
        (str(meta.pk), f"Acme Meta ({meta.phone_number})"),
        (str(account_a.pk), f"Acme Store ({account_a.phone_number})"),
    ]
    listed = connected_accounts_listed(member=Membership.objects.get(user=agent))
    assert [a.pk for a in listed] == [meta.pk, account_a.pk]
    assert all({"meta_access_token", "meta_app_secret"} <= a.get_deferred_fields() for a in listed)
    assert listed[0].meta_access_token == "EAAG-token"  # read, and decrypted, only when asked for


def _step1(account, **fields):
    return {
        "channel_account": account.pk,
        "name": "order_update",
        "category": "UTILITY",
        "languages": ["en_US"],
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "field_id", "message"),
    [
        ({"name": "Order_Update"}, "id_name", "Use only lowercase letters, numbers and underscores"),
        ({"name": "order update"}, "id_name", "Use only lowercase letters, numbers and underscores"),
        ({"name": "a" * 513}, "id_name", "at most 512 characters"),
        ({"name": ""}, "id_name", "This field is required."),
        ({"languages": []}, "language-options", "Choose at least one language."),
        ({"category": "AUTHENTICATION"}, "category-label", "Select a valid choice."),
    ],
    ids=["uppercase", "space", "too-long", "empty", "no-language", "bad-category"],
)
def test_step_1_shows_each_problem_next_to_its_field(agent_client, account_a, fields, field_id, message):
    response = agent_client.post(NEW, _step1(account_a, **fields))

    assert response.status_code == 422
    html = response.content.decode()
    shown = errors_at(html, field_id)
    assert any(message in error for error in shown), shown
    assert not Template.objects.exists()
    if field_id == "id_name":
        # Screen readers hear the field as invalid, with the help that says what a name may hold.
        name_input = re.search(r'<input type="text" name="name"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in name_input and 'aria-describedby="id_name_helptext"' in name_input
        assert 'id="id_name_helptext"' in html


def test_a_name_used_in_the_same_account_and_language_is_refused(agent_client, org_a, agent, account_a):
    new_template(org_a, agent, account_a, languages=["en_US", "id"])

    response = agent_client.post(NEW, _step1(account_a, languages=["id", "ms"]))

    assert response.status_code == 422
    assert errors_at(response.content.decode(), "id_name") == [
        "This account already has a template named “order_update” in Indonesian. Choose another name."
    ]
    assert Template.objects.count() == 1


@pytest.mark.parametrize("elsewhere", ["another-account", "another-language"])
def test_the_same_name_is_fine_in_another_account_or_language(agent_client, org_a, agent, account_a, elsewhere):
    new_template(org_a, agent, account_a, languages=["en_US"])
    second_account = ChannelAccountFactory(organization=org_a, display_name="Acme Outlet")
    fields = _step1(second_account) if elsewhere == "another-account" else _step1(account_a, languages=["id"])

    response = agent_client.post(NEW, fields)

    assert response.status_code == 302
    assert Template.objects.filter(name="order_update").count() == 2


def test_editing_the_details_keeps_its_own_name_and_updates_the_languages(agent_client, draft, account_a):
    response = agent_client.post(url(draft, "details/"), _step1(account_a, languages=["id", "ms"]))

    assert response.status_code == 302 and response["Location"] == url(draft, "edit/?lang=id")
    draft.refresh_from_db()
    assert draft.languages == ["id", "ms"]
    assert list(draft.contents.values_list("language", flat=True)) == ["id", "ms"]


# --- step 2: rules after Submit ----------------------------------------------------------------
def test_submit_with_problems_shows_each_rule_next_to_its_field_and_stays_editable(agent_client, draft):
    posted = content_form(
        body="Hi {{1}}, your items {{3}} are ready",
        body_example_1="Budi",
        body_example_3="",
        footer="Reply {{1}} to stop",
        **{
            "button-0-kind": "QUICK_REPLY",
            "button-0-text": "Yes please, tell me more about it",
            "button-1-kind": "URL",
            "button-1-text": "Shop",
            "button-1-url": "https://acme.test/shop",
            "button-2-kind": "URL",
            "button-2-text": "Track",
            "button-2-url": "https://acme.test/track",
            "button-3-kind": "URL",
            "button-3-text": "Help",
            "button-3-url": "https://acme.test/help",
        },
    )

    response = agent_client.post(url(draft, "submit/"), posted)

    assert response["Location"] == url(draft, "edit/?lang=en_US&check=1")
    page = agent_client.get(response["Location"])
    assert page.status_code == 422
    html = page.content.decode()
    assert errors_at(html, "id_body") == ["Variables must be numbered in order: {{2}} is missing."]
    assert errors_at(html, "id_body_example_3") == ["Add a sample for {{3}}."]
    assert errors_at(html, "id_footer") == ["The footer can't have variables: remove {{ and }}."]
    assert errors_at(html, "buttons-list") == ["A template can have at most 2 URL buttons (it has 3)."]
    assert errors_at(html, "id_button-0-text") == ["Button text can be at most 25 characters (it has 33)."]
    assert errors_at(html, "id_body_example_1") == []
    assert "Fix these before submitting." in html
    # Still the editor, with what was typed, and still a draft.
    assert "Hi {{1}}, your items {{3}} are ready</textarea>" in html and ">Save draft<" in html
    assert Template.objects.get(pk=draft.pk).status == Status.DRAFT


def test_submit_with_problems_answers_see_other(agent_client, draft):
    # views._back_to_problems means a 303 (the browser GETs the editor, never re-POSTs).
    response = agent_client.post(url(draft, "submit/"), content_form(body=""))

    assert response.status_code == 303
    assert response["Location"] == url(draft, "edit/?lang=en_US&check=1")


def test_with_htmx_submit_with_problems_sends_the_page_to_the_editor(agent_client, draft):
    response = agent_client.post(url(draft, "submit/"), content_form(body=""), HTTP_HX_REQUEST="true")

    assert response.status_code == 204
    assert response["HX-Redirect"] == url(draft, "edit/?lang=en_US&check=1")


def test_problems_in_another_language_are_pointed_to(agent_client, draft):
    content_save(template=draft, actor=draft.created_by, language="id", data={**VALID, "body": ""})

    response = agent_client.post(url(draft, "submit/"), content_form())

    assert response["Location"] == url(draft, "edit/?lang=id&check=1")
    html = agent_client.get(url(draft, "edit/?lang=en_US&check=1")).content.decode()
    assert "There are problems in" in html and "?lang=id&amp;check=1" in html
    assert errors_at(agent_client.get(response["Location"]).content.decode(), "id_body") == [
        "The message body is required."
    ]


def test_an_image_header_without_a_sample_is_pointed_out(agent_client, draft):
    agent_client.post(url(draft, "submit/"), content_form(header_format="IMAGE"))

    html = agent_client.get(url(draft, "edit/?lang=en_US&check=1")).content.decode()
    assert errors_at(html, "id_media_sample") == ["Add a sample file for the media header (Add Sample)."]


def test_a_valid_template_gets_the_submit_warning(agent_client, draft):
    response = agent_client.post(url(draft, "submit/"), content_form(language="en_US"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Submit this template?" in page and "can no longer be edited" in page
    assert Template.objects.get(pk=draft.pk).status == Status.DRAFT


# --- step 2: saving without JavaScript ---------------------------------------------------------
def _buttons(template, language="en_US"):
    return [(b["kind"], b["text"]) for b in Content.objects.get(template=template, language=language).buttons]


def test_add_button_keeps_what_was_typed_and_appends_an_empty_button(agent_client, draft):
    response = agent_client.post(
        url(draft, "content/en_US/"), content_form(body="Typed {{1}} just now", action="add_button:PHONE_NUMBER")
    )

    assert response.status_code == 302 and response["Location"] == url(draft, "edit/?lang=en_US")
    assert _buttons(draft) == [("QUICK_REPLY", "Track order"), ("PHONE_NUMBER", "")]
    assert Content.objects.get(template=draft, language="en_US").body == "Typed {{1}} just now"
    html = agent_client.get(response["Location"]).content.decode()
    assert 'id="id_button-1-phone_number"' in html


def _three_buttons(**extra):
    return content_form(
        **{
            "button-0-kind": "QUICK_REPLY",
            "button-0-text": "Yes",
            "button-1-kind": "QUICK_REPLY",
            "button-1-text": "No",
            "button-2-kind": "QUICK_REPLY",
            "button-2-text": "Maybe",
        },
        **extra,
    )


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("add_button:QUICK_REPLY", ["Yes", "No", "Maybe", ""]),
        ("remove_button:0", ["No", "Maybe"]),
        ("remove_button:2", ["Yes", "No"]),
        ("move_up:1", ["No", "Yes", "Maybe"]),
        ("move_up:0", ["Yes", "No", "Maybe"]),
        ("move_down:1", ["Yes", "Maybe", "No"]),
        ("remove_button:9", ["Yes", "No", "Maybe"]),
    ],
)
def test_button_actions_change_the_saved_buttons(agent_client, draft, action, expected):
    agent_client.post(url(draft, "content/en_US/"), _three_buttons(action=action))

    assert [text for _, text in _buttons(draft)] == expected


def test_add_variable_appends_the_next_number_and_a_sample_field(agent_client, draft):
    agent_client.post(url(draft, "content/en_US/"), content_form(body="Hello {{1}}, see you", action="add_variable"))

    content = Content.objects.get(template=draft, language="en_US")
    assert content.body == "Hello {{1}}, see you {{2}}"
    html = agent_client.get(url(draft, "edit/?lang=en_US")).content.decode()
    assert 'name="body_example_2"' in html and 'name="body_example_1" value="Budi"' in html


def test_save_draft_says_so_and_can_switch_language(agent_client, draft):
    response = agent_client.post(url(draft, "content/en_US/"), content_form(body="Saved by hand", next_lang="id"))

    assert response["Location"] == url(draft, "edit/?lang=id")
    assert "Draft saved." in agent_client.get(response["Location"]).content.decode()
    assert Content.objects.get(template=draft, language="en_US").body == "Saved by hand"


def test_autosave_answers_json_and_keeps_the_text(agent_client, draft):
    response = agent_client.post(
        url(draft, "content/id/"),
        content_form(language="id", body="Halo {{1}}, pesanan"),
        HTTP_ACCEPT="application/json",
    )

    assert response.status_code == 200
    assert response.json()["saved"] is True and re.fullmatch(r"\d\d:\d\d", response.json()["saved_at"])
    assert Content.objects.get(template=draft, language="id").body == "Halo {{1}}, pesanan"
    assert Content.objects.get(template=draft, language="en_US").body == VALID["body"]


def test_a_language_the_template_does_not_have_answers_404(agent_client, draft):
    assert agent_client.get(url(draft, "edit/?lang=fr")).status_code == 404
    assert agent_client.post(url(draft, "content/fr/"), content_form(language="fr")).status_code == 404


# --- hostile input ----------------------------------------------------------------------------------
def test_a_script_as_template_name_is_refused_and_shown_escaped(agent_client, account_a):
    response = agent_client.post(NEW, _step1(account_a, name=XSS))

    assert response.status_code == 422
    html = response.content.decode()
    assert errors_at(html, "id_name") == ["Use only lowercase letters, numbers and underscores (e.g. order_update)."]
    assert XSS not in html and XSS_ESCAPED in html
    assert not Template.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"body": f"Hello {{{{1}}}} {XSS} bye"},
        {"body_example_1": XSS},
        {"footer": XSS},
        {"button-0-text": XSS},
        {"header_format": "TEXT", "header_text": f"Hi {XSS}"},
    ],
    ids=["body", "sample", "footer", "button", "header"],
)
def test_markup_typed_into_the_content_is_shown_as_text(agent_client, reviewer_client, draft, fields):
    agent_client.post(url(draft, "content/en_US/"), content_form(**fields))

    for page in (
        agent_client.get(url(draft, "edit/?lang=en_US")),
        agent_client.get(url(draft, "edit/?lang=en_US&check=1")),
        reviewer_client.get(url(draft)),
    ):
        html = page.content.decode()
        assert XSS not in html
        assert XSS_ESCAPED in html


# --- media sample -----------------------------------------------------------------------------------
def test_a_sample_uploaded_in_the_editor_is_served_to_members_with_its_type(
    agent_client, admin_client, reviewer_client, outsider_client, draft
):
    response = agent_client.post(
        url(draft, "content/en_US/media/"),
        {"media_sample": SimpleUploadedFile("banner.pdf", PNG, "application/pdf"), "header_format": "IMAGE"},
    )
    assert response.status_code == 302 and response["Location"] == url(draft, "edit/?lang=en_US")
    assert "Sample added." in agent_client.get(response["Location"]).content.decode()
    sample = url(draft, "content/en_US/media/sample/")

    for client in (agent_client, admin_client, reviewer_client):
        served = client.get(sample)
        assert served.status_code == 200
        assert served["Content-Type"] == "image/png"
        assert b"".join(served.streaming_content) == PNG
    assert outsider_client.get(sample).status_code == 404
    # Only the language it was added to has one.
    assert agent_client.get(url(draft, "content/id/media/sample/")).status_code == 404


def test_a_refused_sample_is_explained_next_to_the_file_field(agent_client, draft):
    response = agent_client.post(
        url(draft, "content/en_US/media/"),
        {"media_sample": SimpleUploadedFile("photo.jpg", b"just some text\n", "image/jpeg"), "header_format": "IMAGE"},
    )

    assert response.status_code == 422
    assert errors_at(response.content.decode(), "id_media_sample") == ["This file is not a JPEG or PNG image."]
    assert not Content.objects.get(template=draft, language="en_US").media_sample


def test_a_sample_for_all_languages_reaches_every_tab(agent_client, draft):
    agent_client.post(
        url(draft, "content/en_US/media/"),
        {"media_sample": SimpleUploadedFile("banner.png", PNG), "header_format": "IMAGE", "all_languages": "on"},
    )

    served = agent_client.get(url(draft, "content/id/media/sample/"))
    assert served.status_code == 200 and b"".join(served.streaming_content) == PNG


# --- list, drafts, duplicate ----------------------------------------------------------------------------------
ROW = re.compile(r'<tr data-template="(\d+)">\s*<td><a href="([^"]+)" class="strong">([^<]+)</a>')


def rows(html: str) -> dict[str, str]:
    """Template name -> the link its row opens."""
    return {name: link for _, link, name in ROW.findall(html)}


def test_drafts_are_listed_and_can_be_resumed_or_deleted(agent_client, reviewer_client, draft):
    listed = rows(agent_client.get(LIST).content.decode())
    assert listed == {"order_update": url(draft, "edit/")}
    assert rows(reviewer_client.get(LIST).content.decode()) == {"order_update": url(draft)}

    resumed = agent_client.get(listed["order_update"])
    assert resumed.status_code == 200 and VALID["body"] in resumed.content.decode()

    deleted = agent_client.post(url(draft, "delete/"), follow=True)
    assert deleted.redirect_chain == [(LIST, 302)]
    html = deleted.content.decode()
    assert "Draft “order_update” deleted." in html and rows(html) == {}
    assert not Template.objects.exists() and not Content.objects.exists()


def test_duplicate_opens_the_new_draft_in_the_editor(agent_client, draft):
    response = agent_client.post(url(draft, "duplicate/"), follow=True)

    copy = Template.objects.get(name="order_update_copy")
    assert response.redirect_chain == [(url(copy, "edit/?lang=en_US"), 302)]
    html = response.content.decode()
    assert "New draft “order_update_copy” created from “order_update”." in html
    assert VALID["body"] in html


@pytest.fixture
def catalogue(org_a, agent, account_a, django_capture_on_commit_callbacks):
    """Four templates of Acme Retail in different states, categories and languages."""
    new_template(org_a, agent, account_a, name="spring_promo", category="MARKETING", languages=["en_US"])
    shipped = new_template(org_a, agent, account_a, name="order_shipped", languages=["id"])
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=shipped, actor=agent, fingerprint=template_digest(shipped))
    new_template(org_a, agent, account_a, name="summer_promo", category="MARKETING", languages=["id", "en_US"])
    rejected = new_template(org_a, agent, account_a, name="payment_due", languages=["ms"])
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=rejected, actor=agent, fingerprint=template_digest(rejected))
    Template.objects.filter(pk=rejected.pk).update(status=Status.REJECTED, status_reason="Looks like a scam.")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", {"spring_promo", "order_shipped", "summer_promo", "payment_due"}),
        ("?status=draft", {"spring_promo", "summer_promo"}),
        ("?status=pending", {"order_shipped"}),
        ("?status=rejected", {"payment_due"}),
        ("?category=MARKETING", {"spring_promo", "summer_promo"}),
        ("?category=UTILITY", {"order_shipped", "payment_due"}),
        ("?language=id", {"order_shipped", "summer_promo"}),
        ("?language=en_US", {"spring_promo", "summer_promo"}),
        ("?q=promo", {"spring_promo", "summer_promo"}),
        ("?q=PROMO&category=MARKETING&language=id", {"summer_promo"}),
        ("?status=approved", set()),
    ],
)
def test_the_list_filters_by_status_category_language_and_name(reviewer_client, catalogue, query, names):
    html = reviewer_client.get(LIST + query).content.decode()

    assert set(rows(html)) == names
    if not names:
        assert "No templates match these filters." in html


def test_the_list_shows_status_and_rejection_reason(reviewer_client, catalogue):
    html = reviewer_client.get(LIST).content.decode()

    assert '<span class="status status-pending"' in html and ">Pending<" in html
    assert "Looks like a scam." in html
    assert list(rows(html)) == ["payment_due", "summer_promo", "order_shipped", "spring_promo"]


def test_a_refused_step_1_keeps_the_account_and_category_chosen(agent_client, account_a):
    page = agent_client.post(NEW, _step1(account_a, name="Bad Name", category="MARKETING")).content.decode()

    assert f'<option value="{account_a.pk}" selected>' in page
    assert '<input type="radio" name="category" value="MARKETING" id="id_category_0" required checked>' in page
    assert 'value="UTILITY" id="id_category_1" required>' in page


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("template_edit", [7]),
        ("template_detail", [999_999_999_999]),
        ("template_content", [42, "en_US"]),
        ("template_media_sample", [1, "zh_HK"]),
        ("template_media_upload", [123456, "id"]),
    ],
)
def test_a_templates_links_are_the_ones_reverse_gives(name, args):
    assert template_url(name, *args) == reverse(name, args=args)


def test_step_2_links_to_its_own_draft_and_language(agent_client, org_a, agent, account_a):
    template = new_template(org_a, agent, account_a, name="two_tongues", languages=["en_US", "id"])
    page = agent_client.get(f"/broadcast/templates/{template.pk}/edit/?lang=id").content.decode()
    assert f'action="/broadcast/templates/{template.pk}/content/id/"' in page
    assert f'formaction="/broadcast/templates/{template.pk}/submit/"' in page
    assert f'action="/broadcast/templates/{template.pk}/delete/"' in page


def test_step_2_reads_the_draft_and_every_language_in_one_query(org_a, agent, account_a, django_assert_num_queries):
    """template_get_for_editing(with_contents=True): what the ORM reads, in the contents' order, none or several."""
    from accounts.models import Membership
    from templates_app.selectors import template_contents_read, template_get_for_editing

    member = Membership.objects.select_related("organization").get(user=agent)
    several = new_template(org_a, agent, account_a, name="several", languages=["id", "en_US", "ms"])
    Content.objects.filter(template=several, language="id").update(position=7)  # last, whatever its id
    Content.objects.filter(template=several, language="ms").update(position=0)
    none = Template.objects.create(
        organization=org_a, channel_account=account_a, name="none_yet", created_by=agent, languages=["en_US"]
    )
    for template in (several, none):
        with django_assert_num_queries(1):
            read = template_get_for_editing(member=member, template_id=template.pk, with_contents=True)
            contents = template_contents_read(template=read)
            advised = list(read.contents.all())
        expected = list(template.contents.all())
        assert [c.language for c in contents] == [c.language for c in expected] == [c.language for c in advised]
        assert [vars(c) | {"_state": None} for c in contents] == [vars(c) | {"_state": None} for c in expected]
        assert read.channel_account.display_name == account_a.display_name
    assert expected == [] and [c.language for c in several.contents.all()] == ["ms", "en_US", "id"]


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_labels_pages_show_are_the_models_own(language):
    """category_label and header_format_label look up a dict built once: the words get_FOO_display() gives."""
    from django.utils import translation

    from templates_app.models import Category, HeaderFormat

    with translation.override(language):
        for value in [*Category.values, "SOMETHING_NEW"]:
            template = Template(category=value)
            assert template.category_label == str(template.get_category_display())
        for value in [*HeaderFormat.values, "SOMETHING_NEW"]:
            content = Content(header_format=value)
            assert content.header_format_label == str(content.get_header_format_display())


@pytest.mark.parametrize("language", ["en", "id"])
def test_step_2_marks_the_contents_own_header_and_variable_format(org_a, agent, account_a, agent_client, language):
    """The header radios and the variable format buttons are built once per choice and language: each page must
    mark its own content's, whatever the page before it marked."""
    agent.language = language
    agent.save(update_fields=["language"])
    template = new_template(org_a, agent, account_a, languages=["en_US", "id"])
    cases = [("TEXT", "POSITIONAL"), ("NONE", "NAMED"), ("IMAGE", "POSITIONAL"), ("TEXT", "NAMED")]
    for header_format, parameter_format in cases:
        Content.objects.filter(template=template).update(header_format=header_format, parameter_format=parameter_format)
        page = agent_client.get(f"/broadcast/templates/{template.pk}/edit/?lang=id").content.decode()
        assert re.findall(r'name="header_format" value="(\w+)" checked', page) == [header_format]
        pressed = re.findall(r'aria-pressed="true" data-parameter-format="(\w+)"', page)
        assert pressed == [parameter_format]
        assert ("Gambar" in page) == (language == "id")
