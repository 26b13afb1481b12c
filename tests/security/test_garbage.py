"""Every form and endpoint fed generated garbage: never a 500, never a broken row."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from templates_app.models import Content, Template
from tests.templates_app.builders import new_template

FIELD_NAMES = [
    "username", "password", "channel_account", "name", "category", "languages", "header_format", "header_text",
    "header_text_example", "body", "body_example_1", "body_example_2", "body_example_99", "footer", "button-0-kind",
    "button-0-text", "button-0-url", "button-0-url_example", "button-1-phone_number", "button-99-text", "action",
    "next_lang", "language", "code", "decision", "reason", "details", "organization", "all_languages", "q", "status",
    "cursor", "account", "created_by", "page", "email", "role", "full_name", "password1", "password2", "time_zone",
    "who", "since", "until", "old_password", "new_password1", "new_password2",
]  # fmt: skip
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
values = st.one_of(text, st.sampled_from(["", "0", "-1", "99999999999999999999", "MARKETING", "en_US", "IMAGE",
                                           "add_button:URL", "move_up:0", "remove_button:7", "reject", "approve",
                                           "{{1}}", "{{0}}", "{{", "\x00", "1e9"]))  # fmt: skip
form_data = st.dictionaries(
    st.one_of(st.sampled_from(FIELD_NAMES), text.filter(bool)),
    st.one_of(values, st.lists(values, max_size=3)),
    max_size=12,
)

QUICK = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def draft(org_a, agent, account_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return new_template(org_a, agent, account_a, languages=["en_US", "id"])


def _intact(template):
    fresh = Template.objects.get(pk=template.pk)
    assert sorted(Content.objects.filter(template=fresh).values_list("language", flat=True)) == sorted(fresh.languages)


@pytest.mark.parametrize(
    "path",
    [
        "/broadcast/templates/new/",
        "/broadcast/templates/{id}/details/",
        "/broadcast/templates/{id}/content/en_US/",
        "/broadcast/templates/{id}/submit/",
        "/broadcast/templates/{id}/submit/confirm/",
        "/broadcast/templates/{id}/submit/verify/",
        "/broadcast/templates/{id}/duplicate/",
        "/accounts/organization/",
    ],
)
def test_agent_forms_never_answer_500(path, draft, agent_client):
    url = path.format(id=draft.pk)

    @QUICK
    @given(data=form_data)
    def post(data):
        assert agent_client.post(url, data).status_code < 500
        _intact(draft)

    post()


@pytest.mark.parametrize(
    "path",
    [
        "/settings/security/broadcast-template-otp/enable/",
        "/settings/security/broadcast-template-otp/enable/verify/",
        "/settings/security/broadcast-template-otp/disable/resend/",
        "/broadcast/templates/{id}/review/",
        "/broadcast/templates/{id}/retry/",
    ],
)
def test_admin_forms_never_answer_500(path, draft, admin_client):
    url = path.format(id=draft.pk)

    @QUICK
    @given(data=form_data)
    def post(data):
        assert admin_client.post(url, data).status_code < 500

    post()


@pytest.mark.parametrize(
    "path",
    [
        "/settings/members/invite/",
        "/settings/members/invite/verify/",
        "/settings/members/{member}/role/",
        "/settings/members/{member}/role/verify/",
        "/settings/members/{member}/remove/verify/",
        "/settings/organization/",
        "/profile/",
        "/profile/email/",
        "/profile/password/",
    ],
)
def test_team_forms_never_answer_500(path, admin_client, agent, org_a):
    from accounts.models import Membership

    url = path.format(member=Membership.objects.get(user=agent).pk)

    @QUICK
    @given(data=form_data)
    def post(data):
        assert admin_client.post(url, data).status_code < 500
        assert admin_client.get("/settings/audit/", data).status_code == 200

    post()


def test_list_filters_never_answer_500(draft, reviewer_client):
    @QUICK
    @given(data=form_data)
    def get(data):
        assert reviewer_client.get("/broadcast/templates/", data).status_code == 200

    get()


def test_login_never_answers_500(client, db):
    @QUICK
    @given(data=form_data)
    def post(data):
        assert client.post("/accounts/login/", data).status_code < 500

    post()


def test_uploads_of_any_bytes_never_answer_500(draft, agent_client):
    @QUICK
    @given(
        content=st.binary(max_size=2048), name=text, header=st.sampled_from(["IMAGE", "VIDEO", "DOCUMENT", "NONE", "x"])
    )
    def upload(content, name, header):
        name = (name or "f")[:100].replace("/", "_")
        # "." and ".." can't even be built as an upload (Django refuses them before any request).
        sample = SimpleUploadedFile(name if name.strip(".") else "f", content)
        response = agent_client.post(
            f"/broadcast/templates/{draft.pk}/content/en_US/media/", {"media_sample": sample, "header_format": header}
        )
        assert response.status_code < 500
        _intact(draft)

    upload()
