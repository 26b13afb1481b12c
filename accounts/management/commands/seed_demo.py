from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import ChannelAccount, Provider, User
from accounts.services import DEMO_USERS, demo_seed
from templates_app.demo import demo_templates_seed


class Command(BaseCommand):
    help = (
        "Create (or refresh) the demo organization, its three users, a review desk account and sample templates "
        "in every status. Connects nothing real."
    )

    def handle(self, *args, **options):
        organization = demo_seed()
        account = (
            ChannelAccount.objects.filter(organization=organization, provider=Provider.REVIEW_DESK)
            .order_by("id")
            .first()
        )
        demo_templates_seed(
            account=account,
            author=User.objects.get(email__iexact="agent@demo.test"),
            reviewer=User.objects.get(email__iexact="reviewer@demo.test"),
        )
        self.stdout.write(self.style.SUCCESS(f'Demo organization "{organization.name}" is ready. Log in as:'))
        for email, _, role in DEMO_USERS:
            self.stdout.write(f"  {email:<22} {role.label:<9} password: {settings.DEMO_PASSWORD}")
