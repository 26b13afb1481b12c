from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import backends  # noqa: F401 - counts failed sign-ins per address (signal receiver)
        from .middleware import pin_organization_on_login

        user_logged_in.connect(pin_organization_on_login, dispatch_uid="accounts.pin_organization_on_login")
