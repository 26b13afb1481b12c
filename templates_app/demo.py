"""Sample templates for the demo organization (`python manage.py seed_demo`): one in every status the list shows.

They sit on the demo's review desk account, so a newcomer sees what the
list, its filters and a template's page do without connecting anything
real. The pending one waits on the review desk, so the demo reviewer can
approve or reject it. Idempotent: a sample whose name the account already
has is left as it is.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import ChannelAccount, Provider, User

from .models import Category, Contribution, Status, StatusEvent, Submission, Template
from .services import content_save, template_create, template_digest


@dataclass(frozen=True)
class Sample:
    name: str
    category: str
    status: str
    body: str
    examples: list[str]
    footer: str = "Demo Store"
    buttons: list[dict] = field(default_factory=list)
    reason: str = ""
    header_text: str = ""


SAMPLES = [
    Sample(
        name="order_shipped",
        category=Category.UTILITY,
        status=Status.APPROVED,
        header_text="Your order is on its way",
        body="Hi {{1}}, order {{2}} has left our warehouse and arrives in 2-3 days.",
        examples=["Budi", "A-1042"],
        buttons=[
            {"kind": "URL", "text": "Track order", "url": "https://demo.test/track/{{1}}", "url_example": "A-1042"}
        ],
    ),
    Sample(
        name="weekend_flash_sale",
        category=Category.UTILITY,
        status=Status.REJECTED,
        body="Hi {{1}}! Everything is 50% off this weekend only. Don't miss it!",
        examples=["Sari"],
        buttons=[{"kind": "QUICK_REPLY", "text": "Stop promotions"}],
        reason="INCORRECT_CATEGORY: a sale is Marketing, not Utility. Duplicate it as a Marketing template.",
    ),
    Sample(
        name="payment_reminder",
        category=Category.UTILITY,
        status=Status.PENDING,
        body="Hi {{1}}, a friendly reminder that invoice {{2}} is due on {{3}}.",
        examples=["Andi", "INV-2031", "5 March"],
        buttons=[{"kind": "PHONE_NUMBER", "text": "Call billing", "phone_number": "+62 811 0000 0001"}],
    ),
    Sample(
        name="loyalty_points_update",
        category=Category.MARKETING,
        status=Status.PAUSED,
        body="Hi {{1}}, you have {{2}} points. Redeem them for a free coffee this week!",
        examples=["Dewi", "1,250"],
        buttons=[{"kind": "QUICK_REPLY", "text": "Stop promotions"}],
        reason="Paused after negative feedback from recipients: its quality is low.",
    ),
    Sample(
        name="new_arrivals",
        category=Category.MARKETING,
        status=Status.DRAFT,
        body="Hi {{1}}, new arrivals are in store. Come and have a look!",
        examples=["Rina"],
    ),
]


def _content(sample: Sample) -> dict:
    return {
        "header_format": "TEXT" if sample.header_text else "NONE",
        "header_text": sample.header_text,
        "body": sample.body,
        "body_examples": sample.examples,
        "footer": sample.footer,
        "buttons": sample.buttons,
    }


@transaction.atomic
def demo_templates_seed(*, account: ChannelAccount, author: User, reviewer: User) -> int:
    """The samples on the demo's review desk account; returns how many were created now."""
    created = 0
    for sample in SAMPLES:
        if Template.objects.filter(channel_account=account, name=sample.name).exists():
            continue
        template = template_create(
            organization=account.organization,
            actor=author,
            channel_account=account,
            name=sample.name,
            category=sample.category,
            languages=["en_US"],
        )
        content_save(template=template, actor=author, language="en_US", data=_content(sample))
        if sample.status != Status.DRAFT:
            _as_reviewed(template, sample, author=author, reviewer=reviewer)
        created += 1
    return created


def _as_reviewed(template: Template, sample: Sample, *, author: User, reviewer: User) -> None:
    """Submitted a while ago, and (except the pending one) decided on the review desk."""
    submitted_at = timezone.now() - timedelta(days=2)
    Template.objects.filter(pk=template.pk).update(
        status=sample.status,
        status_reason=sample.reason,
        submitted_by=author,
        submitted_at=submitted_at,
        content_digest=template_digest(template),
        quality="RED" if sample.status == Status.PAUSED else "",
    )
    Contribution.objects.get_or_create(template=template, user=author, kind=Contribution.Kind.SUBMITTED)
    Submission.objects.create(
        template=template,
        language="en_US",
        provider=Provider.REVIEW_DESK,
        status=sample.status,
        reason=sample.reason,
        quality="RED" if sample.status == Status.PAUSED else "",
    )
    StatusEvent.objects.create(template=template, status=Status.PENDING, source=StatusEvent.Source.USER, actor=author)
    if sample.status == Status.PAUSED:
        StatusEvent.objects.create(
            template=template, status=Status.APPROVED, source=StatusEvent.Source.REVIEWER, actor=reviewer
        )
    if sample.status != Status.PENDING:
        StatusEvent.objects.create(
            template=template,
            status=sample.status,
            source=StatusEvent.Source.SYSTEM if sample.status == Status.PAUSED else StatusEvent.Source.REVIEWER,
            actor=None if sample.status == Status.PAUSED else reviewer,
            reason=sample.reason,
        )
