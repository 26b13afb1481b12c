from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import DEMO_USERS, demo_seed


class Command(BaseCommand):
    help = "Create (or refresh) the demo organization, its three users and a review desk account."

    def handle(self, *args, **options):
        organization = demo_seed()
        self.stdout.write(self.style.SUCCESS(f'Demo organization "{organization.name}" is ready. Log in as:'))
        for email, _, role in DEMO_USERS:
            self.stdout.write(f"  {email:<22} {role.label:<9} password: {settings.DEMO_PASSWORD}")
