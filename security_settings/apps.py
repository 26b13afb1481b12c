from django.apps import AppConfig


class SecuritySettingsConfig(AppConfig):
    name = "security_settings"
    verbose_name = "Security settings"
