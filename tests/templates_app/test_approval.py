"""Flow C on the review desk and the status machinery every provider feeds."""

from datetime import timedelta

import pytest
from django.utils import timezone

from templates_app.models import Status, StatusEvent, Submission, Template
from templates_app.providers.base import StatusUpdate
from templates_app.services import ReviewError, review_decide, template_digest, template_send_again, template_submit
from templates_app.submission import submission_fail, submission_run, submission_status_apply
from tests.templates_app.builders import new_template


@pytest.fixture
def pending(org_a, agent, account_a, django_capture_on_commit_callbacks) -> Template:
    """order_update in two languages, submitted to the review desk (Pending)."""
    template = new_template(org_a, agent, account_a, languages=["en_US", "id"])
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=template, actor=agent, fingerprint=template_digest(template))
    template.refresh_from_db()
    return template


def _status(template) -> str:
    return Template.objects.get(pk=template.pk).status


def test_submission_reaches_the_review_desk_once_per_language(pending):
    assert pending.status == Status.PENDING
    assert sorted(pending.submissions.values_list("language", "provider", "status")) == [
        ("en_US", "review_desk", "pending"),
        ("id", "review_desk", "pending"),
    ]
    assert list(pending.events.values_list("status", flat=True)) == ["draft", "submitting", "pending"]


def test_running_the_task_again_sends_nothing_twice(pending):
    assert submission_run(template_id=pending.pk).done
    Template.objects.filter(pk=pending.pk).update(status=Status.SUBMITTING)  # as if delivered again mid-way
    submission_run(template_id=pending.pk)
    assert pending.submissions.count() == 2
    assert _status(pending) == Status.PENDING


def test_a_reviewer_approves_and_the_creator_is_emailed(
    pending, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(template=pending, reviewer=reviewer, approve=True)
    assert _status(pending) == Status.APPROVED
    (mail,) = mailoutbox
    assert mail.to == ["agent@acme.test"]
    assert mail.subject == "Your template order_update is approved"
    event = pending.events.last()
    assert (event.status, event.source, event.actor) == ("approved", "reviewer", reviewer)


def test_a_rejection_needs_a_reason_and_shows_it(pending, reviewer, mailoutbox, django_capture_on_commit_callbacks):
    with pytest.raises(ReviewError):
        review_decide(template=pending, reviewer=reviewer, approve=False, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(template=pending, reviewer=reviewer, approve=False, reason="PROMOTIONAL (Promotional content)")
    template = Template.objects.get(pk=pending.pk)
    assert template.status == Status.REJECTED
    assert "PROMOTIONAL" in template.status_reason
    assert "Reason:" in mailoutbox[0].body and "PROMOTIONAL" in mailoutbox[0].body


def test_a_reviewer_cannot_review_their_own_template(org_a, reviewer, account_a, django_capture_on_commit_callbacks):
    own = new_template(org_a, reviewer, account_a)
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=own, actor=reviewer, fingerprint=template_digest(own))
    with pytest.raises(ReviewError, match="another reviewer"):
        review_decide(template=own, reviewer=reviewer, approve=True)
    assert _status(own) == Status.PENDING


def test_a_decided_template_cannot_be_decided_again(pending, reviewer, admin):
    review_decide(template=pending, reviewer=reviewer, approve=True)
    with pytest.raises(ReviewError):
        review_decide(template=pending, reviewer=admin, approve=False, reason="SCAM (Scam)")
    assert _status(pending) == Status.APPROVED


def _update(submission, status, at, reason="", **extra):
    return StatusUpdate(
        provider_template_id=submission.provider_template_id, occurred_at=at, status=status, reason=reason, **extra
    )


def test_status_updates_apply_in_time_order_and_duplicates_change_nothing(pending):
    en, ind = pending.submissions.order_by("language")
    now = timezone.now()
    assert submission_status_apply(update=_update(en, "approved", now), source="sync")
    assert not submission_status_apply(update=_update(en, "approved", now), source="sync")  # duplicate
    assert not submission_status_apply(update=_update(en, "pending", now - timedelta(minutes=5)), source="sync")
    assert Submission.objects.get(pk=en.pk).status == "approved"
    assert _status(pending) == Status.PENDING  # one language still in review

    submission_status_apply(update=_update(ind, "rejected", now, reason="INVALID_FORMAT"), source="sync")
    template = Template.objects.get(pk=pending.pk)
    assert template.status == Status.REJECTED
    assert template.status_reason == "id: INVALID_FORMAT"
    assert list(template.events.values_list("status", "source"))[-1] == ("rejected", "sync")


def test_an_update_for_an_unknown_template_is_ignored(pending):
    ghost = StatusUpdate(provider_template_id="999999", occurred_at=timezone.now(), status="approved")
    assert not submission_status_apply(update=ghost, source="sync")
    assert _status(pending) == Status.PENDING


def test_quality_and_category_updates_show_on_the_template(pending):
    en = pending.submissions.get(language="en_US")
    now = timezone.now()
    submission_status_apply(update=_update(en, None, now, quality="YELLOW"), source="sync")
    submission_status_apply(update=_update(en, None, now + timedelta(seconds=1), category="MARKETING"), source="sync")
    template = Template.objects.get(pk=pending.pk)
    assert template.quality == "YELLOW"
    assert template.provider_category == "MARKETING"


def test_a_failed_submission_is_marked_emailed_and_can_be_retried(
    org_a, agent, admin, account_a, mailoutbox, django_capture_on_commit_callbacks
):
    template = new_template(org_a, agent, account_a)
    Template.objects.filter(pk=template.pk).update(status=Status.SUBMITTING)
    with django_capture_on_commit_callbacks(execute=True):
        submission_fail(template_id=template.pk, message="Invalid parameter: the body has too many variables.")
    failed = Template.objects.get(pk=template.pk)
    assert failed.status == Status.FAILED and "too many variables" in failed.status_reason
    assert mailoutbox[-1].subject == "Your template order_update could not be submitted"

    with django_capture_on_commit_callbacks(execute=True):
        assert template_send_again(template=failed, actor=admin)
    assert _status(template) == Status.PENDING
    assert not template_send_again(template=failed, actor=admin)  # only failed ones
    assert StatusEvent.objects.filter(template=template, status="submitting", reason="Retry").exists()


def url(template, path=""):
    return f"/broadcast/templates/{template.pk}/{path}"


def test_the_review_desk_shows_to_reviewers_and_admins_but_not_agents(
    pending, reviewer_client, admin_client, agent_client
):
    assert "Approve" in reviewer_client.get(url(pending)).content.decode()
    assert "Approve" in admin_client.get(url(pending)).content.decode()
    assert 'id="review-desk"' not in agent_client.get(url(pending)).content.decode()
    assert agent_client.post(url(pending, "review/"), {"decision": "approve"}).status_code == 403
    assert _status(pending) == Status.PENDING


def test_a_reviewer_rejects_with_one_of_whatsapps_reasons(
    pending, reviewer_client, mailoutbox, django_capture_on_commit_callbacks
):
    response = reviewer_client.post(url(pending, "review/"), {"decision": "reject", "reason": ""})
    assert response.status_code == 422
    assert "Choose why the template is rejected." in response.content.decode()
    response = reviewer_client.post(url(pending, "review/"), {"decision": "reject", "reason": "OTHER", "details": ""})
    assert "Explain the reason." in response.content.decode()
    assert _status(pending) == Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(url(pending, "review/"), {"decision": "reject", "reason": "SCAM", "details": "Fake prize"})
    template = Template.objects.get(pk=pending.pk)
    assert template.status == Status.REJECTED and template.status_reason == "SCAM: Fake prize"
    page = reviewer_client.get("/broadcast/templates/").content.decode()
    assert "SCAM: Fake prize" in page and "Rejected" in page


def test_an_outsider_cannot_review(pending, outsider_client):
    assert outsider_client.post(url(pending, "review/"), {"decision": "approve"}).status_code == 404
    assert _status(pending) == Status.PENDING


def test_the_content_screen_flags_prohibited_content_to_the_submitter_and_the_reviewer(
    org_a, agent, reviewer_client, agent_client, account_a, django_capture_on_commit_callbacks
):
    from templates_app.models import ScreeningTerm
    from tests.templates_app.builders import VALID

    ScreeningTerm.objects.create(organization=org_a, term="MegaMart", label="Competitor name")
    data = {**VALID, "body": "Hello {{1}}, win big at our casino, better than MegaMart: bit.ly/x1"}
    template = new_template(org_a, agent, account_a, data=data)
    dialog = agent_client.post(url(template, "submit/"), {"language": "en_US", **_post(data)}).content.decode()
    assert "Gambling: “casino”" in dialog
    assert "Link shortener: “bit.ly”" in dialog
    assert "Competitor name: “MegaMart”" in dialog
    with django_capture_on_commit_callbacks(execute=True):
        template_submit(template=template, actor=agent, fingerprint=template_digest(template))
    assert "Gambling: “casino”" in reviewer_client.get(url(template)).content.decode()


def _post(data):
    fields = {"header_format": data["header_format"], "body": data["body"], "footer": data["footer"]}
    for n, sample in enumerate(data["body_examples"], start=1):
        fields[f"body_example_{n}"] = sample
    for i, button in enumerate(data["buttons"]):
        for key, value in button.items():
            fields[f"button-{i}-{key}"] = value
    return fields


def test_admins_retry_a_failed_submission_from_the_page(org_a, agent, account_a, admin_client, agent_client):
    template = new_template(org_a, agent, account_a)
    Template.objects.filter(pk=template.pk).update(status=Status.FAILED, status_reason="Timeout")
    assert "Retry submission" in admin_client.get(url(template)).content.decode()
    assert "Retry submission" not in agent_client.get(url(template)).content.decode()
    assert agent_client.post(url(template, "retry/")).status_code == 403
    shown = admin_client.post(url(template, "retry/")).content.decode()
    assert "Send this template again?" in shown and "Retry submission" in shown
    assert _status(template) == Status.FAILED  # nothing sent before the confirmation
    admin_client.post(url(template, "retry/confirm/"))
    assert _status(template) in (Status.SUBMITTING, Status.PENDING)


def test_stranded_submissions_are_queued_again(org_a, agent, account_a, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from templates_app.tasks import requeue_stranded_submissions

    long_ago = timezone.now() - timedelta(hours=1)
    never_queued = new_template(org_a, agent, account_a, name="never_queued")
    worker_died = new_template(org_a, agent, account_a, name="worker_died")
    being_sent = new_template(org_a, agent, account_a, name="being_sent")
    Template.objects.filter(pk=never_queued.pk).update(status=Status.SUBMITTING, updated_at=long_ago)
    Template.objects.filter(pk=worker_died.pk).update(
        status=Status.SUBMITTING, updated_at=long_ago, claimed_at=long_ago
    )
    Template.objects.filter(pk=being_sent.pk).update(status=Status.SUBMITTING, claimed_at=timezone.now())

    assert requeue_stranded_submissions.delay().get() == 2  # eager: the re-queued tasks run at once
    assert _status(never_queued) == Status.PENDING
    assert _status(worker_died) == Status.PENDING
    assert _status(being_sent) == Status.SUBMITTING  # a live claim is left alone
