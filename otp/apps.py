from django.apps import AppConfig


class OtpConfig(AppConfig):
    name = "otp"
    label = "otp_codes"
    verbose_name = "Verification codes"
