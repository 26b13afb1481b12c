import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Membership
from otp.models import Challenge
from security_settings.models import SecuritySettings, ToggleChange
from security_settings.selectors import broadcast_template_otp_enabled
from security_settings.services import broadcast_template_otp_enable

PAGE = "/settings/security/"
ENABLE = "/settings/security/broadcast-template-otp/enable/"
DISABLE = "/settings/security/broadcast-template-otp/disable/"
APPROVAL_ENABLE = "/settings/security/second-person-approval/enable/"


def _code(mailoutbox) -> str:
    (code,) = set(re.findall(r"(?<!\d)\d{6}(?!\d)", mailoutbox[-1].body))
    return code


def _send_code(client, url, capture):
    with capture(execute=True):
        return client.post(url)


def test_admin_sees_the_toggle_off_with_its_explanation(admin_client):
    page = admin_client.get(PAGE).content.decode()
    assert "OTP Authentication on Broadcast Template" in page
    assert 'aria-checked="false"' in page and ">Off<" in page
    assert "needs a 6-digit code sent to the submitter" in page


@pytest.mark.parametrize("who", ["agent_client", "reviewer_client"])
@pytest.mark.parametrize("url", [PAGE, ENABLE, DISABLE])
def test_agents_and_reviewers_get_a_clean_403(request, who, url):
    client = request.getfixturevalue(who)
    response = client.get(url)
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_outsider_sees_only_their_own_organizations_state(outsider_client, org_a, admin):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    page = outsider_client.get(PAGE).content.decode()
    assert "Borealis Foods" in page and "Acme Retail" not in page
    assert 'aria-checked="false"' in page
    assert "admin@acme.test" not in page


def test_enable_asks_for_confirmation_then_a_code_and_changes_only_after_verify(
    admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    confirm = admin_client.get(ENABLE).content.decode()
    assert "Enable OTP Authentication on Broadcast Template?" in confirm and ">Enable<" in confirm

    dialog = _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks).content.decode()
    assert ">Verify<" in dialog and "Resend code" in dialog and "a••••@acme.test" in dialog
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is False
    assert "turn on" in mailoutbox[0].body and "Acme Retail" in mailoutbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(ENABLE + "verify/", {"code": _code(mailoutbox)})
    assert done.status_code == 200
    assert "OTP Authentication on Broadcast Template is enabled" in done.content.decode()
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is True
    assert mailoutbox[-1].subject == "OTP Authentication on Broadcast Template was turned on for Acme Retail"

    page = admin_client.get(PAGE).content.decode()
    assert 'aria-checked="true"' in page and "Turned on" in page


def test_disable_has_its_own_texts_and_purpose(
    admin_client, admin, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    assert ">Disable<" in admin_client.get(DISABLE).content.decode()
    _send_code(admin_client, DISABLE, django_capture_on_commit_callbacks)
    assert Challenge.objects.get().purpose == "disable_broadcast_template_otp"
    done = admin_client.post(DISABLE + "verify/", {"code": _code(mailoutbox)})
    assert "OTP Authentication on Broadcast Template is disabled" in done.content.decode()
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is False


def test_a_wrong_code_says_so_and_keeps_the_setting(
    admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    right = _code(mailoutbox)
    wrong = "000000" if right != "000000" else "111111"
    response = admin_client.post(ENABLE + "verify/", {"code": wrong})
    assert response.status_code == 422
    assert "That code is not right. 4 tries left." in response.content.decode()
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is False
    # The dialog stays usable: the right code still works.
    assert "is enabled" in admin_client.post(ENABLE + "verify/", {"code": right}).content.decode()


def test_input_that_is_not_six_digits_gets_a_message_next_to_the_field(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    response = admin_client.post(ENABLE + "verify/", {"code": "12ab"})
    assert response.status_code == 422
    assert "Enter the 6-digit code from the email." in response.content.decode()
    assert Challenge.objects.get().attempts == 0


def test_a_code_for_enable_does_not_disable(admin_client, admin, org_a, mailoutbox, django_capture_on_commit_callbacks):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    code = _code(mailoutbox)
    broadcast_template_otp_enable(organization=org_a, actor=admin)  # someone else turned it on meanwhile
    response = admin_client.post(DISABLE + "verify/", {"code": code})
    assert response.status_code == 422
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is True


def test_a_second_admin_changing_it_meanwhile_ends_with_a_clear_message(
    admin_client, admin, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    response = admin_client.post(ENABLE + "verify/", {"code": _code(mailoutbox)})
    assert response.status_code == 409
    assert "already on" in response.content.decode()
    assert ToggleChange.objects.count() == 1


def test_cancel_leaves_the_setting_and_kills_nothing_else(
    admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    code = _code(mailoutbox)
    assert admin_client.get(ENABLE + "cancel/").status_code == 405  # a link can't cancel it for you
    response = admin_client.post(ENABLE + "cancel/")
    assert response.status_code == 302 and response["Location"] == PAGE
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is False
    # The cancelled flow has no pending code any more.
    assert admin_client.post(ENABLE + "verify/", {"code": code}).status_code == 422


def test_resend_during_the_cooldown_sends_nothing_and_keeps_the_code_sent(
    admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    response = _send_code(admin_client, ENABLE + "resend/", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert re.search(r"ask for a new one in \d+ seconds", response.content.decode())
    assert len(mailoutbox) == 1
    admin_client.post(ENABLE + "verify/", {"code": _code(mailoutbox)})
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is True


def test_a_code_for_another_policy_does_not_change_this_one(
    admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    response = admin_client.post(APPROVAL_ENABLE + "verify/", {"code": _code(mailoutbox)})
    assert response.status_code == 422
    assert not SecuritySettings.objects.filter(second_person_approval=True).exists()


def test_second_person_approval_is_changed_with_a_code_and_audited(
    admin_client, admin, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    page = admin_client.get(PAGE).content.decode()
    assert "Second-person approval on Broadcast Template" in page
    confirm = admin_client.get(APPROVAL_ENABLE).content.decode()
    assert "Enable Second-person approval on Broadcast Template?" in confirm and ">Enable<" in confirm
    _send_code(admin_client, APPROVAL_ENABLE, django_capture_on_commit_callbacks)
    assert not SecuritySettings.objects.filter(second_person_approval=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = admin_client.post(APPROVAL_ENABLE + "verify/", {"code": _code(mailoutbox)})

    assert "Second-person approval on Broadcast Template is enabled" in done.content.decode()
    assert SecuritySettings.objects.get(organization=org_a).second_person_approval is True
    assert SecuritySettings.objects.get(organization=org_a).broadcast_template_otp is False
    change = ToggleChange.objects.get()
    assert (change.setting, change.new_value, change.actor) == ("second_person_approval", True, admin)
    told = mailoutbox[-1]
    assert told.subject == "Second-person approval on Broadcast Template was turned on for Acme Retail"
    trail = admin_client.get(PAGE).content.decode()
    assert "Turned on</strong> Second-person approval on Broadcast Template" in trail


def test_an_unknown_policy_is_a_404(admin_client):
    assert admin_client.get("/settings/security/make-me-admin/enable/").status_code == 404


def test_resend_after_the_cooldown_sends_a_new_code_and_the_old_one_stops_working(
    admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    old = _code(mailoutbox)
    Challenge.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    response = _send_code(admin_client, ENABLE + "resend/", django_capture_on_commit_callbacks)
    assert "A new code is on its way" in response.content.decode()
    new = _code(mailoutbox)
    if old != new:
        stale = admin_client.post(ENABLE + "verify/", {"code": old})
        assert "A newer code was sent" in stale.content.decode() or "not right" in stale.content.decode()
    assert "is enabled" in admin_client.post(ENABLE + "verify/", {"code": new}).content.decode()


def test_failed_attempts_and_changes_show_in_the_audit_trail_newest_first(
    admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    right = _code(mailoutbox)
    admin_client.post(
        ENABLE + "verify/", {"code": "000000" if right != "000000" else "111111"}, REMOTE_ADDR="192.0.2.44"
    )
    admin_client.post(ENABLE + "verify/", {"code": right}, REMOTE_ADDR="192.0.2.44")

    page = admin_client.get(PAGE).content.decode()
    rows = re.findall(r'<tr class="audit-(\w+)">', page)
    assert rows == ["change", "verify", "issue"]
    assert "Turned on" in page and "Verification failed (wrong code)" in page and "192.0.2.44" in page


def test_the_audit_trail_is_paginated(admin_client, admin, org_a):
    from security_settings.services import broadcast_template_otp_disable

    for _ in range(13):
        broadcast_template_otp_enable(organization=org_a, actor=admin)
        broadcast_template_otp_disable(organization=org_a, actor=admin)
    first = admin_client.get(PAGE).content.decode()
    second = admin_client.get(PAGE + "?page=2").content.decode()
    assert first.count('<tr class="audit-change">') == 20
    assert second.count('<tr class="audit-change">') == 6
    assert "Page 2 of 2" in second


def test_without_javascript_each_step_is_a_page(admin_client, mailoutbox, django_capture_on_commit_callbacks):
    confirm = admin_client.get(ENABLE).content.decode()
    assert "<html" in confirm and 'class="topbar"' in confirm


def test_with_htmx_each_step_is_a_dialog_fragment(admin_client):
    fragment = admin_client.get(ENABLE, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div class="dialog-backdrop">') and "<html" not in fragment


def test_the_security_page_costs_four_queries_with_a_long_trail(
    admin_client, org_a, admin, django_assert_max_num_queries
):
    for _ in range(25):  # more entries than a page of the trail
        ToggleChange.objects.create(
            organization=org_a, setting="broadcast_template_otp", old_value=False, new_value=True, actor=admin
        )
    SecuritySettings.objects.update_or_create(organization=org_a, defaults={"broadcast_template_otp": True})
    with django_assert_max_num_queries(4):
        page = admin_client.get(PAGE).content.decode()
    # The state shown is the stored one, read with the membership.
    assert 'aria-checked="true"' in page and "Page 1 of 2" in page


def test_a_short_trail_is_read_without_counting_it(admin_client, org_a, admin, django_assert_max_num_queries):
    for value in (True, False, True):
        ToggleChange.objects.create(
            organization=org_a, setting="broadcast_template_otp", old_value=not value, new_value=value, actor=admin
        )
    with django_assert_max_num_queries(3):
        page = admin_client.get(PAGE).content.decode()
    assert page.count('class="audit-change"') == 3 and "Page 1 of" not in page
    # Past the first page the pager still knows where it is.
    for _ in range(20):
        ToggleChange.objects.create(
            organization=org_a, setting="broadcast_template_otp", old_value=False, new_value=True, actor=admin
        )
    assert "Page 2 of 2" in admin_client.get(PAGE + "?page=2").content.decode()
    assert "Page 1 of 2" in admin_client.get(PAGE + "?page=1").content.decode()
    assert "Page 1 of 2" in admin_client.get(PAGE + "?page=nonsense").content.decode()


def test_each_organizations_page_lists_only_its_own_trail_and_locks(admin_client, outsider_client, org_a, org_b, admin):
    """The page's reads are compiled once per process and run with each organization's id."""
    from otp.models import CodeLock

    outsider = Membership.objects.get(organization=org_b).user
    Membership.objects.filter(user=outsider).update(role="admin")
    ToggleChange.objects.create(
        organization=org_a, setting="broadcast_template_otp", old_value=False, new_value=True, actor=admin
    )
    for _ in range(2):
        ToggleChange.objects.create(
            organization=org_b, setting="broadcast_template_otp", old_value=True, new_value=False, actor=outsider
        )
    now = timezone.now()
    CodeLock.objects.create(user=admin, wrong_codes=50, locked_at=now, expires_at=now + timedelta(hours=1))
    CodeLock.objects.create(
        user=outsider, wrong_codes=50, locked_at=now - timedelta(days=1), expires_at=now - timedelta(seconds=1)
    )

    mine = admin_client.get(PAGE).content.decode()
    theirs = outsider_client.get(PAGE).content.decode()
    assert mine.count('class="audit-change"') == 1 and "Turned on" in mine and "Turned off" not in mine
    assert theirs.count('class="audit-change"') == 2 and "Turned on" not in theirs
    # An active lock is listed in its own organization only; an expired one nowhere.
    assert "<td>admin@acme.test</td>" in mine and "<td>admin@acme.test</td>" not in theirs
    assert "No member has locked codes." in theirs


def test_a_prepared_read_refuses_a_stand_in_its_query_does_not_hold(db):
    from qontak_broadcast.prepared import PreparedRead

    read = PreparedRead(lambda organization_id: ToggleChange.objects.filter(pk=1).values_list("pk"), organization_id=-5)
    with pytest.raises(ValueError, match="not among the query's parameters"):
        read(organization_id=1)


def test_the_audit_trail_reads_in_the_admins_language(
    admin, admin_client, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _send_code(admin_client, ENABLE, django_capture_on_commit_callbacks)
    right = _code(mailoutbox)
    admin_client.post(ENABLE + "verify/", {"code": "000000" if right != "000000" else "111111"})
    admin_client.post(ENABLE + "verify/", {"code": right})
    admin.language = "id"
    admin.save(update_fields=["language"])

    page = admin_client.get(PAGE).content.decode()
    assert re.findall(r'<tr class="audit-(\w+)">', page) == ["change", "verify", "issue"]
    assert "<strong>Diaktifkan</strong>" in page and "(Nonaktif → Aktif)" in page
    assert "Verifikasi gagal (kode salah) saat mengaktifkan" in page
    assert "Verification failed" not in page and "Turned on" not in page
