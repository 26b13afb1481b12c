import threading

import pytest
from django.db import connection

from otp.services import RequestMeta
from security_settings.models import SecuritySettings, ToggleChange
from security_settings.selectors import broadcast_template_otp_enabled
from security_settings.services import ToggleUnchanged, broadcast_template_otp_disable, broadcast_template_otp_enable


def test_the_toggle_is_off_for_a_new_organization(org_a):
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is False


def test_enable_then_disable_is_audited_in_both_directions(org_a, admin):
    meta = RequestMeta(ip="203.0.113.9", user_agent="Firefox")
    broadcast_template_otp_enable(organization=org_a, actor=admin, meta=meta)
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is True
    broadcast_template_otp_disable(organization=org_a, actor=admin, meta=meta)
    assert broadcast_template_otp_enabled(organization_id=org_a.pk) is False

    changes = list(
        ToggleChange.objects.order_by("created_at", "id").values_list("old_value", "new_value", "actor__email", "ip")
    )
    assert changes == [(False, True, "admin@acme.test", "203.0.113.9"), (True, False, "admin@acme.test", "203.0.113.9")]


def test_setting_the_value_it_already_has_changes_nothing(org_a, admin):
    with pytest.raises(ToggleUnchanged):
        broadcast_template_otp_disable(organization=org_a, actor=admin)
    assert not ToggleChange.objects.exists()


def test_one_organizations_toggle_does_not_touch_another(org_a, org_b, admin):
    broadcast_template_otp_enable(organization=org_a, actor=admin)
    assert broadcast_template_otp_enabled(organization_id=org_b.pk) is False


def test_every_admin_is_emailed_when_it_changes(org_a, admin, agent, mailoutbox, django_capture_on_commit_callbacks):
    from tests.factories import MembershipFactory, UserFactory

    MembershipFactory(organization=org_a, role="admin", user=UserFactory(email="second-admin@acme.test"))
    with django_capture_on_commit_callbacks(execute=True):
        broadcast_template_otp_enable(organization=org_a, actor=admin, meta=RequestMeta(ip="198.51.100.7"))
    (mail,) = mailoutbox
    assert sorted(mail.to) == ["admin@acme.test", "second-admin@acme.test"]
    assert mail.subject == "OTP Authentication on Broadcast Template was turned on for Acme Retail"
    assert "admin@acme.test turned on" in mail.body and "198.51.100.7" in mail.body


def test_the_audit_trail_is_append_only(org_a, admin):
    change = broadcast_template_otp_enable(organization=org_a, actor=admin)
    change.new_value = False
    with pytest.raises(ValueError):
        change.save()
    with pytest.raises(ValueError):
        change.delete()


@pytest.mark.django_db(transaction=True)
def test_two_admins_enabling_at_once_change_it_once(org_a, admin):
    from tests.factories import MembershipFactory, UserFactory

    other = MembershipFactory(organization=org_a, role="admin", user=UserFactory(email="other@acme.test")).user
    SecuritySettings.objects.create(organization=org_a)
    barrier = threading.Barrier(2)
    outcomes = []

    def enable(actor):
        barrier.wait()
        try:
            broadcast_template_otp_enable(organization=org_a, actor=actor)
            outcomes.append("changed")
        except ToggleUnchanged:
            outcomes.append("unchanged")
        finally:
            connection.close()

    threads = [threading.Thread(target=enable, args=(user,)) for user in (admin, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["changed", "unchanged"]
    assert ToggleChange.objects.count() == 1
