import io

import qrcode
from django.core.management.base import BaseCommand, CommandError

from accounts.services import OperatorEnrollRefused, operator_totp_enroll


class Command(BaseCommand):
    help = (
        "Enroll a staff user's authenticator app for /admin/: prints the provisioning URI and a QR code to scan. "
        "Shown once; run again with --replace to replace a lost device."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--replace", action="store_true", help="replace the user's existing authenticator app")

    def handle(self, *args, email, replace, **options):
        try:
            device = operator_totp_enroll(email=email, replace=replace)
        except OperatorEnrollRefused as exc:
            raise CommandError(str(exc)) from exc
        uri = device.config_url
        qr = qrcode.QRCode(border=2)
        qr.add_data(uri)
        picture = io.StringIO()
        qr.print_ascii(out=picture, invert=True)
        self.stdout.write(self.style.SUCCESS(f"Enrolled an authenticator app for {device.user.email}."))
        self.stdout.write("Scan this QR code with the app (Google Authenticator, 1Password, FreeOTP, ...):\n")
        self.stdout.write(picture.getvalue())
        self.stdout.write("Or enter this provisioning URI in the app:")
        self.stdout.write(uri)
        self.stdout.write("\nKeep it secret: it is shown only now. /admin/ asks for the app's 6-digit code at sign-in.")
