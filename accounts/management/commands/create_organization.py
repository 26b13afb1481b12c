from zoneinfo import available_timezones

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import DEFAULT_TIME_ZONE
from accounts.services import organization_create


class Command(BaseCommand):
    help = "Onboard a new organization with its first admin, and print the link where the admin sets a password."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument(
            "--time-zone", default=DEFAULT_TIME_ZONE, help=f"the organization's time zone (default {DEFAULT_TIME_ZONE})"
        )

    def handle(self, *args, name, admin_email, base_url, time_zone, **options):
        if not name.strip():
            raise CommandError("The organization needs a name.")
        if time_zone not in available_timezones():
            raise CommandError(f"{time_zone!r} is not a time zone (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura).")
        try:
            validate_email(admin_email)
        except ValidationError as exc:
            raise CommandError(f"{admin_email!r} is not a valid email address.") from exc
        organization, admin, created = organization_create(name=name, admin_email=admin_email, time_zone=time_zone)
        self.stdout.write(
            self.style.SUCCESS(
                f'Created organization "{organization.name}" '
                f"(id {organization.pk}, time zone {organization.time_zone})."
            )
        )
        if created or not admin.has_usable_password():
            path = reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(admin.pk)),
                    "token": default_token_generator.make_token(admin),
                },
            )
            self.stdout.write(f"{admin.email} sets a password here: {base_url.rstrip('/')}{path}")
        else:
            self.stdout.write(f"{admin.email} already has an account and is now an Admin of it.")
